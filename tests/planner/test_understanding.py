"""How people write, and honest answers (issue 12): polite wrapping and purpose clauses are no
steps, what medialoom does not do is `left_out` (or one line when that is all there is), words
that were not understood are said, never turned into an empty picture.

The phrasings here were written for these tests; none comes from a benchmark."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from medialoom.cli import main
from medialoom.errors import MedialoomError, UsageError
from medialoom.planner.offline import OfflinePlanner
from medialoom.registry import Registry


@pytest.fixture(scope="module")
def planner() -> OfflinePlanner:
    return OfflinePlanner(Registry.default())


def steps(plan) -> list[tuple[str, dict]]:
    return [(s.tool, s.args) for s in plan.steps]


# --- polite wrapping --------------------------------------------------------------------------

@pytest.mark.parametrize("request_, expected", [
    ("Hi there! I have a video called 'my trip.mp4' and I would like to pull the audio out of it. "
     "Thanks in advance!", [("video.extract_audio", {"video": "my trip.mp4"})]),
    ("Could you please make photo.png black and white? I need it for my school project.",
     [("image.edit", {"image": "photo.png", "instruction": "make it black and white"})]),
    ("Would you mind making a video of waves at dusk?", [("video.generate", {"prompt": "waves at dusk"})]),
    ("Hey, can you draw me a fox in the snow? It's for my daughter's birthday card.",
     [("image.generate", {"prompt": "a fox in the snow"})]),
    ("I've got interview.wav that I need to clean up, so that listeners can hear it better. "
     "Please help me with this.", [("audio.denoise", {"audio": "interview.wav"})]),
])
def test_polite_wrapping_is_no_step(planner, request_, expected):
    assert steps(planner.plan(request_)) == expected


# --- what medialoom does not do ----------------------------------------------------------------

@pytest.mark.parametrize("request_, tools, left, reason", [
    ("translate 'good night' into German and draw an owl on a branch", ["image.generate"], "translate", "translate"),
    ("summarise notes.txt and then compose calm piano music", ["audio.music"], "summarise notes.txt", "summarise"),
    ("look up pictures of lighthouses online, then paint a lighthouse in a storm", ["image.generate"],
     "look up", "search"),
    ("read the words on sign.jpg and make the photo brighter", ["image.edit"], "read the words", "OCR"),
    ("steady my shaky clip trip.mp4, then make it black and white", ["video.edit"], "shaky", "stabilise"),
    ("draw a harbour at dawn in the same style as 'ref.png'", ["image.generate"], "same style as", "style"),
    ("I want an English audio version of speech.wav and a picture of a bridge", ["image.generate"], "English audio version",
     "translate"),
    ("rewrite essay.txt in simpler words and draw an owl", ["image.generate"], "simpler", "rewrite"),
])
def test_parts_medialoom_does_not_do_are_left_out_and_the_rest_planned(planner, request_, tools, left, reason):
    plan = planner.plan(request_)
    assert [s.tool for s in plan.steps] == tools
    assert len(plan.left_out) == 1 and left in plan.left_out[0]["words"]
    assert reason in plan.left_out[0]["reason"]
    assert plan.to_dict()["left_out"] == plan.left_out


@pytest.mark.parametrize("request_, word", [
    ("search the web for photos of otters", "search"),
    ("download https://example.org/clip.mp4", "download"),
    ("what is the sentiment of this review: 'great food, slow service'", "sentiment"),
])
def test_a_request_of_nothing_medialoom_does_is_one_line(planner, request_, word):
    with pytest.raises(UsageError) as err:
        planner.plan(request_)
    assert word in str(err.value) and "\n" not in str(err.value)


# --- words not understood -----------------------------------------------------------------------

@pytest.mark.parametrize("request_, words", [
    ("dessine un chat roux sur un toit", ["French", "[llm]"]),
    ("dibuja un perro en la playa, por favor", ["Spanish", "[llm]"]),
    ("zeichne einen Hund mit einem roten Hut", ["German", "[llm]"]),
    ("猫の絵を描いてください", ["Japanese", "[llm]"]),
    ("draw a cat et un chien dans le jardin", ["French"]),
    ("something relaxing", ["does not say what to make"]),
    ("asdkjh qwe zzz", ["could not understand", "'asdkjh'"]),
    ("undo", ["not something medialoom does"]),
    ("What can you make?", ["medialoom tools"]),
    ("🎉🎉🎉", ["does not say what to make"]),
    ("photo.jpg", ["say what to do with photo.jpg"]),
    ("draw a cat\x07", ["control character"]),
])
def test_words_not_understood_are_said_never_an_empty_picture(planner, request_, words):
    with pytest.raises(MedialoomError) as err:
        planner.plan(request_)
    message = str(err.value)
    assert "\n" not in message
    for w in words:
        assert w in message, message


@pytest.mark.parametrize("request_", ["", "   \n\t ", "draw a cat " * 10_000])
def test_empty_and_huge_requests_are_one_line_exit_2(request_, capsys):
    assert main(["plan", request_]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("medialoom: ") and "Traceback" not in err[0]


# --- what people attach to a step -------------------------------------------------------------

def test_bedtime_story_read_by_a_voice_over_music(planner):
    plan = planner.plan("Tell me a bedtime story about a shy octopus, read by a man's voice with gentle harp music")
    assert steps(plan) == [
        ("text.write", {"prompt": "a bedtime story about a shy octopus"}),
        ("audio.speech", {"text": "$s1", "voice": "male"}),
        ("audio.music", {"prompt": "gentle harp music"}),
        ("audio.mix", {"audios": ["$s2", "$s3"], "gains": [1.0, 0.5]}),
    ]


def test_mix_it_with_makes_what_it_names(planner):
    assert steps(planner.plan("make hum.wav sound like a robot, then mix it with soft wind sounds")) == [
        ("audio.edit", {"audio": "hum.wav", "instruction": "make it sound like a robot"}),
        ("audio.sound", {"prompt": "soft wind sounds"}),
        ("audio.mix", {"audios": ["$s1", "$s2"]}),
    ]


def test_a_picture_with_a_sound_makes_both(planner):
    assert steps(planner.plan("a watercolour of a harbour with the sound of seagulls")) == [
        ("image.generate", {"prompt": "a watercolour of a harbour"}), ("audio.sound", {"prompt": "seagulls"})]


def test_sound_added_to_a_video_keeps_its_own_unless_replaced(planner):
    mixed = planner.plan("add birdsong to garden.mp4")
    assert mixed.steps[-1].tool == "video.add_audio" and mixed.steps[-1].args["mode"] == "mix"
    for request in ("replace the sound of garden.mp4 with birdsong", "swap the soundtrack of garden.mp4 for birdsong",
                    "change the music in garden.mp4 to birdsong"):
        assert steps(planner.plan(request)) == [
            ("audio.sound", {"prompt": "birdsong"}),
            ("video.add_audio", {"video": "garden.mp4", "audio": "$s1", "mode": "replace"})], request


# --- through the CLI: batch, plan-time screening, the run's answer -----------------------------

def test_batch_lines_carry_left_out(tmp_path, capsys):
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in [
        {"id": "a", "request": "translate 'hello' into Italian and draw a red kite"},
        {"id": "b", "request": "draw a red kite"},
        {"id": "c", "request": "asdkjh qwe zzz"},
    ]) + "\n")
    assert main(["plan", "--json", "--batch", str(batch)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["steps"][0]["tool"] == "image.generate" and "translate" in rows[0]["left_out"][0]["words"]
    assert "left_out" not in rows[1] and rows[1]["steps"][0]["tool"] == "image.generate"
    assert "could not understand" in rows[2]["error"] and not rows[2].get("steps")


def test_plan_refuses_what_run_refuses(tmp_path, capsys):
    request = "a photo of a naked child"
    assert main(["plan", request]) == 3  # 3: refused by the safety policy
    plan_err = capsys.readouterr().err.strip()
    assert main(["run", request, "--out", str(tmp_path / "out")]) == 3
    run_err = capsys.readouterr().err.strip()
    assert plan_err == run_err and len(plan_err.splitlines()) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_run_answer_says_what_was_left_out(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "medialoom.cli", "run",
                           "translate 'good night' into German and draw a red kite", "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Left out 'translate 'good night' into German': medialoom does not translate" in proc.stdout
    assert len(list((tmp_path / "o").glob("*.png"))) == 1


# --- general causes found on other people's requests -------------------------------------------

def test_a_video_showing_stills_is_a_slideshow_of_them(planner):
    assert steps(planner.plan("make a video showing photo.jpg and a waveform of song.wav")) == [
        ("audio.visualize", {"audio": "song.wav", "kind": "waveform"}),
        ("video.slideshow", {"images": ["photo.jpg", "$s1"]})]
    assert [s.tool for s in planner.plan("create a video containing a picture of a red barn and a still from "
                                         "farm.mp4").steps] == ["image.generate", "video.extract_frame", "video.slideshow"]
    assert steps(planner.plan("a video of a cat and a dog")) == [("video.generate", {"prompt": "a cat and a dog"})]
    assert [s.tool for s in planner.plan("make a video of a cat and a picture of a dog").steps] == [
        "video.generate", "image.generate"]


def test_saving_is_no_step_and_keeps_file_names_whole(planner):
    assert steps(planner.plan("extract the audio from clip.mp4 and save it as out.wav")) == [
        ("video.extract_audio", {"video": "clip.mp4"})]
    assert [s.tool for s in planner.plan("Add reverb to a.wav. Please save the final audio file separately.").steps] == [
        "audio.edit"]


def test_a_step_said_in_the_passive_acts_on_what_came_before(planner):
    plan = planner.plan("I need 'tech is great' turned into speech and then cleaned up")
    assert [s.tool for s in plan.steps] == ["audio.speech", "audio.denoise"]
    assert plan.steps[1].args == {"audio": "$s1"}


def test_british_and_american_spellings_mean_the_same(planner):
    for request in ("add color to old.jpg", "add colour to old.jpg", "colourise old.jpg", "colorize old.jpg"):
        assert [s.tool for s in planner.plan(request).steps] == ["image.edit"], request


def test_a_text_file_named_in_the_request_is_read_in(tmp_path, monkeypatch, capsys):
    (tmp_path / "story.txt").write_text("Once upon a time a small robot learned to sing.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["plan", "--json", "read story.txt aloud with some echo"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert [(s["tool"], s["args"]) for s in plan["steps"]] == [
        ("audio.speech", {"text": "Once upon a time a small robot learned to sing."}),
        ("audio.edit", {"audio": "$s1", "instruction": "add echo"})]
    assert plan["request"] == "read story.txt aloud with some echo"
    assert main(["plan", "read missing.txt aloud"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "could not be read" in err


def test_the_final_video_has_what_was_asked_with_it(planner):
    """'... with a voiceover. I also need the sound of the final video': taken after the voiceover is on."""
    plan = planner.plan("make a slideshow of a.jpg and b.jpg with a voiceover saying 'hello'. "
                        "I also need the audio track of the final video as a separate file.")
    assert steps(plan) == [("video.slideshow", {"images": ["a.jpg", "b.jpg"]}), ("audio.speech", {"text": "hello"}),
                           ("video.add_audio", {"video": "$s1", "audio": "$s2", "mode": "mix"}),
                           ("video.extract_audio", {"video": "$s3"})]


def test_steps_said_with_gerunds(planner):
    plan = planner.plan("I have talk.mp4. Please help me in transcribing the speech from the video and then "
                        "creating a new video based on the text.")
    assert steps(plan) == [("video.extract_audio", {"video": "talk.mp4"}), ("audio.transcribe", {"audio": "$s1"}),
                           ("video.generate", {"prompt": "$s2"})]
    assert steps(planner.plan("a wedding cake on a table")) == [("image.generate", {"prompt": "a wedding cake on a table"})]


def test_more_ways_of_saying_steps(planner):
    # a file named only at the end is what 'it' meant
    plan = planner.plan("I want to add color to it to make it lifelike. The photo is old.jpg.")
    assert [s.tool for s in plan.steps] == ["image.edit"] and plan.steps[0].args["image"] == "old.jpg"
    # 'After doing X, ...' restates the step before; 'by combining' is the step
    assert [s.tool for s in planner.plan("Speed up clip.mp4 by 1.5x. After adjusting the speed, extract a still "
                                         "image from it.").steps] == ["video.speed", "video.extract_frame"]
    assert [s.tool for s in planner.plan("I would like to create a video by combining a1.wav and a2.wav, and "
                                         "synchronizing the resulting audio with v.mp4.").steps] == [
        "audio.concat", "video.add_audio"]
    # a manner said as a gerund is no step
    assert [s.tool for s in planner.plan("Overlay voice.wav on beats.wav, keeping the beat soft").steps] == ["audio.mix"]
    # 'the image' in a video of stills is the picture named before
    plan = planner.plan("I have a.wav and p.jpg. Make a video that shows the image along with a waveform of the audio.")
    assert steps(plan)[-1] == ("video.slideshow", {"images": ["p.jpg", "$s1"]})


def test_combining_it_with_a_file_takes_both(planner):
    plan = planner.plan("extract the audio from the clip.mp4 video, combine it with the music.wav audio file, "
                        "then add reverb to the combined audio")
    assert steps(plan) == [("video.extract_audio", {"video": "clip.mp4"}),
                           ("audio.concat", {"audios": ["$s1", "music.wav"]}),
                           ("audio.edit", {"audio": "$s2", "instruction": "add reverb to the combined audio"})]
    with pytest.raises(UsageError, match="needs audio"):  # never music generated from the words 'music.wav'
        planner.plan("write a poem, then combine it with music.wav")


def test_a_text_to_be_expanded_is_the_text_given(planner):
    plan = planner.plan("I have a short text: 'Great movie!' and I need it to be expanded into a longer version.")
    assert len(plan.steps) == 1 and plan.steps[0].tool in ("text.write", "text.refine_prompt")
    assert plan.steps[0].args["prompt"] == "Great movie!"


def test_made_by_doing_something(planner):
    assert steps(planner.plan("I want to create a video by combining a.jpg and b.jpg, and synchronize it with "
                              "voice.wav")) == [
        ("video.slideshow", {"images": ["a.jpg", "b.jpg"]}),
        ("video.add_audio", {"video": "$s1", "audio": "voice.wav", "mode": "mix"})]
    assert [s.tool for s in planner.plan("make a collage by stitching a.jpg and b.jpg").steps] == ["image.combine"]


def test_optional_inputs_only_when_named_and_no_video_out_of_nowhere(planner):
    plan = planner.plan("Record a narration saying 'Once upon a time' and make 20 seconds of soft harp music, "
                        "then put the narration over the music.")
    assert steps(plan)[1] == ("audio.music", {"prompt": "soft harp music", "duration": 20})  # no melody: none named
    assert steps(plan)[2] == ("audio.mix", {"audios": ["$s1", "$s2"]})
    assert planner.plan("arrange my humming.wav for piano and strings").steps[0].args["melody"] == "humming.wav"


def test_new_tools_keep_to_their_words(planner):
    assert [s.tool for s in planner.plan("Turn the recording call.wav into text.").steps] == ["audio.transcribe"]
    assert [s.tool for s in planner.plan("turn my humming.wav into midi").steps] == ["audio.to_midi"]
    assert [s.tool for s in planner.plan("change the voice in talk.wav to a deeper pitch").steps] == ["audio.edit"]
    assert steps(planner.plan("cut the silences out of talk.wav")) == [
        ("audio.trim", {"audio": "talk.wav", "silence": "remove"})]

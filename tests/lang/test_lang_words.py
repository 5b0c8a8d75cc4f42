"""The language layer, tested once: what each phrase means, wherever it is read."""

from __future__ import annotations

import pytest

from medialoom.lang import colours, durations, files, languages, music, numbers, points, sizes, styles, voices


@pytest.mark.parametrize("text,expected", [
    ("I have a video file called 'example.mp4' and I want the audio", [("example.mp4", "video")]),
    ('cut "my holiday clip.mp4" to 10 seconds', [("my holiday clip.mp4", "video")]),
    ("put music.wav under ~/clips/beach.MOV", [("music.wav", "audio"), ("~/clips/beach.MOV", "video")]),
    ("blend a.png, b.jpg and c.webp", [("a.png", "image"), ("b.jpg", "image"), ("c.webp", "image")]),
    ("make model.glb red.", [("model.glb", "mesh")]),
    ("download https://example.com/video.mp4 please", []),
    ("say 'hello there'", []),
])
def test_file_mentions(text, expected):
    assert [(f.text, f.kind) for f in files.files(text)] == expected


def test_quoted_text_is_not_a_file_and_a_quoted_file_is_not_text():
    text = "Say 'good morning' over 'clip.mp4'"
    assert files.quotes(text) == ["good morning"]
    assert "clip.mp4" in files.strip_quotes(text) and "good morning" not in files.strip_quotes(text)
    assert len(files.strip_quotes_keep_len(text)) == len(text)
    assert files.kind_of("a.FLAC") == "audio" and files.kind_of("notes.txt") is None


@pytest.mark.parametrize("text,expected", [
    ("my video", ["video"]), ("a song from my recording and my photos", ["audio", "image"]),
    ("my 3d models", ["mesh"]), ("my meshes and my footage", ["mesh", "video"]), ("make a video", []),
    ("cut my video.mp4", []),
])
def test_my_media_names_the_users_own_files(text, expected):
    assert files.own_media(text) == expected


@pytest.mark.parametrize("word,value", [("three", 3.0), ("2.5", 2.5), ("a few", 3.0), ("half a", 0.5),
                                        ("purple", None)])
def test_numbers(word, value):
    assert numbers.number(word) == value


@pytest.mark.parametrize("text,value", [("upscale it 4x", 4.0), ("x2", 2.0), ("3 times", 3.0), ("twice", 2.0),
                                        ("half", 0.5), ("50%", 0.5), ("a quarter", 0.25), ("by a factor of 1.5", 1.5),
                                        ("nothing", None)])
def test_multipliers(text, value):
    assert numbers.multiplier(text) == value


def test_counts_seeds_and_plain_numbers():
    assert numbers.count("a story in three scenes", "scene") == 3
    assert numbers.count("a 4-scene story", "scene") == 4
    assert numbers.seed("seed=42") == 42 and numbers.seed("no seed here") is None
    assert numbers.plain(4.0) == 4 and numbers.plain(1 / 3) == 0.333
    assert numbers.percent("20 percent louder") == 0.2


@pytest.mark.parametrize("text,expected", [
    ("a 20 second clip", [20.0]), ("2 minutes of rain", [120.0]), ("from 1:20 to 1:50", [80.0, 110.0]),
    ("a minute of birdsong", [60.0]), ("ten-second intro then 5s outro", [10.0, 5.0]), ("a song", []),
])
def test_durations(text, expected):
    assert durations.durations(text) == expected


def test_rates_and_tempo():
    assert durations.fps("at 24 fps") == 24 and durations.tempo("120 bpm") == 120.0
    assert durations.duration("no time") is None


@pytest.mark.parametrize("text,expected", [
    ("a deep male voice", "deep male"), ("read by a woman", "female"), ("in a robotic voice", "robot"),
    ("a child's voice", "child"), ("a high woman's voice", "high female"), ("the man walks", None),
])
def test_voices(text, expected):
    assert voices.voice(text) == expected


def test_languages_colours_styles_sizes_points_music():
    assert languages.language("say it in French") == "fr" and languages.language("translate into German") == "de"
    assert languages.language("a french fry") is None
    assert colours.colours("a red and navy flag") == ["red", "navy"]
    assert styles.style("a fox in watercolour") == "watercolour" and styles.style("a photo of a cat") is None
    assert sizes.size("resize to 800x600") == (800, 600)
    assert points.point("erase the man at (420, 310)") == [420, 310]
    assert points.point("box (10, 10, 200, 200)") is None
    assert points.box("box (10, 10, 200, 200)") == [10, 10, 200, 200]
    assert points.box("(200, 10, 10, 200)") is None
    assert music.semitones("pitch it down two semitones") == -2.0
    assert music.decibels("+3 dB") == 3.0 and music.key("in D minor") == "D minor"


def test_an_unquoted_name_with_spaces_is_found_when_the_file_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "holiday clip.mp4").write_bytes(b"")
    exists = lambda p: (tmp_path / p).exists()  # noqa: E731
    assert [f.text for f in files.files("cut my holiday clip.mp4 to 10 s", exists)] == ["holiday clip.mp4"]
    assert [f.text for f in files.files("cut my holiday clip.mp4 to 10 s")] == ["clip.mp4"]
    assert [f.text for f in files.files("cut my summer clip.mp4", exists)] == ["clip.mp4"]


@pytest.mark.parametrize("words,grow,shrink", [("bigger", 1.5, 1 / 1.5), ("a bit bigger", 1.25, 0.8),
                                               ("much bigger", 2.0, 0.5)])
def test_size_words_mean_the_same_step_for_pictures_and_models(words, grow, shrink):
    from medialoom.backends.offline.image.instructions import parse_instruction
    from medialoom.backends.offline.mesh.edit_words import parse_edits

    assert sizes.size_step(words) == grow and sizes.size_step(words, shrink=True) == pytest.approx(shrink)
    assert parse_instruction(f"make it {words}")[0].params["scale"] == pytest.approx(grow, abs=1e-4)
    smaller = words.replace("bigger", "smaller")
    assert parse_instruction(f"make it {smaller}")[0].params["scale"] == pytest.approx(shrink, abs=1e-4)
    assert parse_edits(f"make it {words}")[0].factors == pytest.approx((grow,) * 3)
    assert parse_edits(f"make it {smaller}")[0].factors == pytest.approx((shrink,) * 3)


@pytest.mark.parametrize("text,expected", [
    ("keep clip.mp4 from 1:20 to 1:50", ("1:20", "1:50")), ("keep 10 to 20 seconds", (10, 20)),
    ("the first 30 seconds", (None, 30)), ("trim the first 10 seconds off", (10, None)),
    ("everything after 5 s", (5, None)), ("between 2 and 4.5 seconds", (2, 4.5)), ("a cat", (None, None)),
])
def test_the_times_of_a_cut(text, expected):
    from medialoom.lang.times import trim_times

    assert trim_times(text) == expected

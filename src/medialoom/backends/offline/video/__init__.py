"""Offline video tools (PyAV, H.264 MP4 with AAC audio), one module per concern:

    io.py        decode (constant rate, rotation applied) and encode; bad input refused
    motion.py    trajectories of objects and camera moves over normalised time
    generate.py  video.generate: prompt -> scene -> per-frame boxes -> frames (image scene renderer)
    animate.py   video.animate: camera pan / zoom over a still
    slideshow.py video.slideshow: cut, crossfade, slide; letterboxed
    edit.py      video.edit: one parsed instruction applied to every frame; grain, vignette
    timeline.py  video.trim, video.speed, video.concat
    dub.py       video.add_audio, video.extract_audio, video.extract_frame
"""

from .animate import animate
from .dub import add_audio, extract_audio, extract_frame
from .edit import edit
from .generate import generate
from .slideshow import slideshow
from .timeline import concat, speed, trim

__all__ = ["add_audio", "animate", "concat", "edit", "extract_audio", "extract_frame", "generate",
           "slideshow", "speed", "trim"]

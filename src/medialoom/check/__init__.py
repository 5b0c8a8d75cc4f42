"""The judge: checks an output against the request it was made for and returns measured
scores and named problems as plain data (`Report`). One check per kind:

    image   objects asked (count, colour, relative position) read on the pixels against the
            layout our pictures carry; CLIP score and OWLv2 detection when those models are here
    audio   duration, loudness, silence, clipping; speech: words heard (Whisper) or a length that
            fits the words; music: tempo when asked
    video   duration, frame rate, motion, blank frames, a sound track when asked
    mesh    watertight parts, proportions asked, parts named

`check_file` is the entry for the CLI, `media_check` the backend of the `media.check` tool,
`refine.refine` the self-correction loop of `run --refine N`. A check never makes up a score:
what cannot be measured here is listed in `not_checked`, naming what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .report import Problem, Report

__all__ = ["Problem", "Report", "check_file", "kind_of", "media_check", "role_of"]

ROLE_BY_TOOL = {"audio.speech": "speech", "audio.music": "music", "audio.sound": "sound"}
SPEECH_WORDS = {"say", "says", "read", "narrate", "narration", "speak", "speech", "voice", "spoken", "pronounce"}
MUSIC_WORDS = {"music", "song", "melody", "tune", "piano", "guitar", "jazz", "beat", "soundtrack", "bpm"}


def kind_of(path: Path) -> str:
    """The kind of output a file is, by its type; a kind with no check is one clear line."""
    from ..artifacts import mime_for
    from ..errors import InputError

    mime = mime_for(path)
    for kind, prefixes in (("image", ("image/",)), ("audio", ("audio/",)), ("video", ("video/",)),
                           ("mesh", ("model/", "application/ply"))):
        if mime.startswith(prefixes) and mime not in ("audio/midi", "image/svg+xml"):
            return kind
    raise InputError(f"{path.name}: there is no check for this kind of file; check a picture, a sound, "
                     "a video or a 3D model (.png .jpg .wav .mp3 .mp4 .glb ...)")


def role_of(request: str, meta: Mapping[str, Any] | None = None) -> str:
    """speech, music or sound: from the tool that made the file, else the request's words."""
    tool = str((meta or {}).get("tool", ""))
    if tool in ROLE_BY_TOOL:
        return ROLE_BY_TOOL[tool]
    words = set(re.findall(r"[a-z]+", (request or "").lower()))
    return "speech" if words & SPEECH_WORDS else "music" if words & MUSIC_WORDS else "sound"


def check_file(path: str | Path, request: str, *, kind: str | None = None, meta: Mapping[str, Any] | None = None,
               role: str | None = None, words: str | None = None, config: Any = None) -> Report:
    """Check one file against a request. `meta` is what the store knows of the file (our own
    pictures' layout); `words` the text a speech file should say (default: from the request)."""
    from ..errors import InputError
    from .asked import read_request, spoken_words

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist; give the path of a file to check")
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty (0 bytes); give a real file to check")
    kind = kind or kind_of(path)
    asked = read_request(request)
    if kind == "image":
        from .image import check_image

        return check_image(path, asked, meta, config)
    if kind == "audio":
        from .audio import check_audio

        role = role or role_of(request, meta)
        return check_audio(path, asked, role, words or (spoken_words(request) if role == "speech" else None), config)
    if kind == "video":
        from .video import check_video

        return check_video(path, asked, config)
    if kind == "mesh":
        from .mesh import check_mesh

        return check_mesh(path, asked, config)
    raise InputError(f"there is no check for a {kind}; media.check judges images, audio, video and 3D models")


def media_check(ctx: Any, request: str, image: Any = None, audio: Any = None, video: Any = None,
                mesh: Any = None) -> Any:
    """Backend of the media.check tool: the report as JSON text (and in the artifact's meta)."""
    import json

    from ..context import Output
    from ..errors import InputError

    given = [(k, a) for k, a in (("image", image), ("audio", audio), ("video", video), ("mesh", mesh)) if a is not None]
    if len(given) != 1:
        raise InputError("media.check takes exactly one of image, audio, video or mesh to check")
    kind, art = given[0]
    meta = dict(getattr(art, "meta", {}) or {})
    report = check_file(art.path, request, kind=kind, meta=meta, config=ctx.config)
    path = ctx.out("check", ".json")
    data = report.to_dict()
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return Output(path, meta={"check": data, "summary": report.summary()})

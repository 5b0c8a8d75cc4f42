"""Words for a narration nobody wrote: 'with narration', 'a voice-over about spring flowers',
'narrated by a woman' give no words to say, so the plan writes them first (text.write about the
topic named, else about what the planned video shows), or, for the user's own picture or video,
says what a still of it shows (image.caption)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import extract
from .clauses import content_words
from .phrases import after

if TYPE_CHECKING:
    from .offline import Draft

VOICE_TAIL = re.compile(r"^(?:by|from|with|in)\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){0,2}?(?:voice|man|woman|girl|boy|"
                        r"child|kid|lady|narrator|speaker|[\w'-]+)\b\s*", re.I)


def narration_text(draft: "Draft", words: str, video: str | None) -> str | None:
    """A reference to the text to speak, made by new steps; None when nothing says what about."""
    rest = after(words, r"narrat\w*|voice-?overs?|voiceovers?|narrators?") or ""
    rest = VOICE_TAIL.sub("", rest).strip(" ,.")
    m = re.match(r"(?:about|on|of|describing|explaining|telling)\s+(.+)$", rest, re.I)
    if rest and not m:
        return None
    topic = m.group(1) if m else shown_by(draft, video)
    if topic and content_words(topic) and "text.write" in draft.registry:
        lang = re.search(r"\bin (" + "|".join(extract.LANGUAGES) + r")\b", words, re.I)
        topic += f" in {lang.group(1).capitalize()}" if lang else ""  # written in the language spoken
        return draft.add("text.write", {"prompt": f"a short narration about {topic}"}).ref
    return None if m else described(draft, video)


def shown_by(draft: "Draft", ref: str | None, depth: int = 0) -> str | None:
    """What a planned video or picture shows: the prompt of the step that made it (or of its
    source picture, for an animation or a slideshow)."""
    step = next((s for s in draft.steps if ref and f"${s.id}" == ref), None)
    if step is None or depth > 6:
        return None
    prompt = step.args.get("prompt")
    if isinstance(prompt, str) and not prompt.startswith("$"):
        return prompt
    inner = _source(step.args)
    return shown_by(draft, inner, depth + 1) if inner and inner.startswith("$") else None


def described(draft: "Draft", ref: str | None, depth: int = 0) -> str | None:
    """'animate owl.png with narration', 'narrate my video beach.mp4': the user's own file is
    described (a still of a video first), and the description is what is said."""
    if not ref or depth > 6 or "image.caption" not in draft.registry:
        return None
    if ref.startswith("$"):
        step = next((s for s in draft.steps if f"${s.id}" == ref), None)
        return described(draft, _source(step.args), depth + 1) if step is not None else None
    kind = next((f.kind for f in extract.files(ref)), None)
    if kind == "video" and "video.extract_frame" in draft.registry:
        ref = draft.add("video.extract_frame", {"video": ref, "time": 0}).ref
    elif kind != "image":
        return None
    return draft.add("image.caption", {"image": ref}).ref


def _source(args: dict) -> str | None:
    for name in ("image", "video", "mesh", "images", "videos"):
        inner = args.get(name)
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if isinstance(inner, str):
            return inner
    return None

"""The action verbs the planner knows, and the one way of reading a verb's other forms
('creating', 'trimmed', 'sped' -> 'create', 'trim', 'speed') that every pass uses."""

from __future__ import annotations

VERBS = frozenset("""process add apply animate make turn convert generate create draw compose write read say
speak narrate have put place show display extract take grab get pull upscale enlarge enhance remove
erase delete replace cut trim crop shorten speed slow join combine merge concatenate mix overlay layer
fade fill lower raise increase decrease boost reduce clean denoise transcribe describe caption render paint
color colour recolor recolour scale resize rotate flip blur sharpen use save export visualize visualise
plot plan storyboard refine expand improve rewrite translate dub segment select mask isolate stitch
give produce build design sketch illustrate change edit adjust brighten darken reverse stylize insert
attach set sing record pitch play create shift keep turn bring lay hear tell provide obtain synchronize
synchronise sync colorize colourize modify perform integrate splice""".split())
IRREGULAR = {"sped": "speed"}


def base_verb(word: str) -> str | None:
    """The action verb a word is a form of ('combining' -> 'combine', 'cleaned' -> 'clean',
    'cutting' -> 'cut'), or None ('wedding', 'morning', 'red')."""
    w = word.lower()
    if w in VERBS:
        return w
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix in ("ing", "ed", "d"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if base in VERBS:
                    return base
    return None

"""Can the offline planner read this request? Words that were not understood are said in one
line, never turned into an empty picture.

- `check_text`: control characters, and a request in another language than English (the
  offline planner reads English; an LLM configured in `[llm]` reads any language).
- `check_description`: a bare description that names nothing ("something relaxing"), only a
  command word ("undo"), or letters that are no words ("asdkjh qwe zzz").

Quoted text and file names are what to say or work on, so they are never judged here.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..errors import UsageError
from . import extract

LLM_HINT = "or set an LLM in config.toml ([llm] base_url and model; any OpenAI-compatible server), which reads any language"
# function words that a short request in each language is all but sure to contain
FUNCTION_WORDS = {
    "French": "le la les un une des du et est pour avec dans sur qui je il elle nous vous cette mon mes "
              "fais faire veux voudrais moi plaît bonjour chien une avec très crée créer dessine "
              "dessiner génère générer vidéo musique image d'un d'une l'image",
    "Spanish": "el los las una unos unas y es para con en sobre que yo él ella por favor del este esta mi haz "
               "hacer quiero quisiera imagen música gato perro crea crear dibuja dibujar genera generar",
    "German": "der das ein eine einen einem einer und ist für mit auf dass ich du sie wir bitte mach mache "
              "machen bild musik katze hund zu von nicht erstelle erstellen zeichne zeichnen",
    "Italian": "il lo gli le un una è per con su che io lui lei noi voi favore fai fare vorrei immagine musica "
               "del della gatto cane crea creare disegna disegnare genera generare",
    "Portuguese": "o os um uma é para com em sobre que eu ele ela nós por favor faça fazer quero imagem música "
                  "da gato cachorro cria criar desenhe desenhar gere gerar vídeo",
    "Dutch": "de het een en voor met op dat ik jij hij zij wij maak maken alsjeblieft afbeelding muziek "
             "niet kat hond teken tekenen",
}
ENGLISH = frozenset("""the a an and is are for with of to that i you it me my make create draw please want would like
can could video image picture music song sound generate add on in at from by this these as be some then into
photo cat dog""".split())
GLUE = ENGLISH - frozenset("video image picture music song sound photo cat dog".split())  # names nothing
_SETS = {lang: frozenset(words.split()) - ENGLISH for lang, words in FUNCTION_WORDS.items()}
SCRIPTS = (("CJK", "Chinese or Japanese"), ("HIRAGANA", "Japanese"), ("KATAKANA", "Japanese"), ("HANGUL", "Korean"),
           ("CYRILLIC", "Russian or another Cyrillic language"), ("ARABIC", "Arabic"), ("HEBREW", "Hebrew"),
           ("GREEK", "Greek"), ("DEVANAGARI", "Hindi"), ("THAI", "Thai"))
# words that say how something should feel, not what it is
VAGUE = frozenset("""something anything stuff thing things whatever some nice cool good great beautiful relaxing calm
happy sad fun funny interesting awesome random new different else more pretty lovely amazing epic cute chill
soothing peaceful surprise me us kind sort cozy cosy dreamy vibes vibe mood moody special""".split())
COMMANDS = frozenset("""undo redo stop cancel help quit exit back retry continue again reset clear save restart
resume pause yes no ok okay hi hello hey thanks""".split())
ASKING = frozenset("""what which who how can could do does did you your yours kind kinds sort sorts type types
kinds else all everything able capable offer support supports help""".split())
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def check_text(text: str) -> None:
    """Raise UsageError for control characters and for a request not written in English."""
    bad = next((c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"), None)
    if bad is not None:
        raise UsageError(f"the request contains a control character (U+{ord(bad):04X}); remove it and try again")
    words = extract.strip_quotes(text)
    language = _language(words)
    if language is not None:
        raise UsageError(f"this request looks like {language}; the offline planner reads English only: write it in "
                         f"English, {LLM_HINT}")


def _language(text: str) -> str | None:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    for key, name in SCRIPTS:
        share = sum(key in unicodedata.name(c, "") for c in letters) / len(letters)
        if share > 0.3:
            return name
    words = [w.lower() for w in WORD.findall(text)]
    english = sum(w in ENGLISH for w in words)
    scores = {lang: sum(w in found for w in words) for lang, found in _SETS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 2 and best > english else None


def check_description(words: str) -> None:
    """A bare description must name something: raise UsageError for one that names nothing."""
    found = WORD.findall(extract.strip_quotes(words))
    tokens = [w.lower() for w in found]
    if not tokens:
        return
    names = {w.lower() for i, w in enumerate(found) if i and w[0].isupper()}  # "a kaiju over Tokyo"
    if len(tokens) <= 2 and all(t in COMMANDS for t in tokens):
        raise UsageError(f"'{words.strip()[:60]}' is not something medialoom does: it makes and edits media; say "
                         "what to make or change, e.g. \"make photo.jpg brighter\"")
    unknown = [t for t in tokens if t not in names and not _english(t)]
    if unknown and len(unknown) * 2 > len(tokens):
        raise UsageError(f"could not understand {', '.join(repr(t) for t in unknown[:4])}: no English words medialoom "
                         f"knows; say what to make, e.g. \"a lighthouse at night\", {LLM_HINT}")
    if tokens[0] in ASKING and all(t in VAGUE or t in GLUE or t in ASKING for t in tokens):  # "what can you make?"
        raise UsageError("medialoom makes and edits images, video, speech, music, sounds, 3D models and texts "
                         "('medialoom tools' lists every tool); say what to make, e.g. \"a lighthouse at night\"")
    if all(t in VAGUE or t in GLUE for t in tokens):
        raise UsageError(f"'{words.strip()[:60]}' does not say what to make; name it, e.g. \"relaxing piano music\" "
                         "or \"a picture of a calm lake\"")


def _english(word: str) -> bool:
    if word in ENGLISH or word in VAGUE or word in COMMANDS or len(word) == 1:
        return True
    known = _words()
    if known is None:  # no word list installed: judge by the letters alone
        return bool(re.search(r"[aeiouy]", word)) and not re.search(r"[^aeiouy]{5}|(.)\1\1", word)
    for form in (word, *_stems(word)):
        if form in known:
            return True
    return False


def _stems(word: str) -> list[str]:
    out = []
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
                         ("er", ""), ("est", ""), ("ly", ""), ("'s", ""), ("ness", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)] + repl
            out += [base, base[:-1]] if len(base) > 3 and base[-1] == base[-2] else [base]
    return out


@functools.cache
def _words() -> frozenset[str] | None:
    """English words (the english-words package, loaded once, when a description needs judging)."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return None
    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))

"""Splitting a request into clauses, and reading what each clause talks about: its files, its
quotes, its references back ("it", "the result", "that caption"), its subject phrase."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import extract
from .courtesy import unwrap
from .verbs import VERBS, base_verb

HARD = re.compile(r"\s*(?:;|(?<=[.!?])\s+(?=[A-Z0-9\"'“])|"
                  r"\b(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth|fifth|last)\s*,|"
                  r",?\s*\b(?:and then|then|after that|afterwards|"
                  r"after which|next(?=,)|finally|lastly|and finally|once done)\b,?)\s*", re.I)
SOFT = re.compile(r"\s*(?:,\s*and\b|,|\band\b|\bplus\b|\balso\b)\s*", re.I)

MEDIA_NOUN = {
    "image": r"image|picture|photo(?:graph)?|illustration|painting|drawing|poster|wallpaper|artwork|icon|logo|watercolou?r|sketch|portrait|cartoon|comic|snapshot|selfie|screenshot|thumbnail|banner|sticker|meme",
    "video": r"video|clip|animation|movie|film|footage|slideshow|gif|time-?lapse",
    "music": r"music|song|tune|melody|soundtrack|jazz|beat|track|piano|symphony|anthem|lullaby|jingle|theme tune|"
             r"bossa nova|blues|reggae|techno|funk|hip-?hop|synthwave|samba|waltz|ballad|sonata|concerto|ragtime|"
             r"bluegrass|lo-?fi|edm|trance|dubstep|instrumental|bpm|beats per minute",
    "speech": r"narration|voice-?over|voiceover|speech|narrator|voice",
    "sound": r"sound(?:s| effects?)?|ambience|ambient noise|noise of",
    "mesh": r"3d(?: model| object| mesh)?|mesh|sculpture",
    "text": r"poem|story|script|lyrics|essay|haiku|paragraph|caption|description|jokes?|limericks?|riddles?|sonnets?|"
            r"rhymes?|slogans?|taglines?|toast|fairy ?tale|anecdote",
}
KIND_OF_NOUN = {"image": "image", "video": "video", "music": "audio", "speech": "audio", "sound": "audio",
                "mesh": "mesh", "text": "text"}
PRONOUN = re.compile(r"\b(it|its|it's|them|they|their|both|the two|these two|those two|the result|"
                     r"the (?:[a-z]+ed |new |final |resulting )(?:file|version|one)|the output|that one|this one|"
                     r"the (?:(?:[a-z]+ed|new|final|resulting|same|original|noise-reduced|processed|above|previous|"
                     r"first|second|latter|former)\s+)?(?:image|picture|photo|video|clip|audio|sound|recording|track|"
                     r"song|music|model|mesh|text|caption|description|poem|story|script|layout|mask|narration|"
                     r"transcript|transcription|frame|still|prompt|lyrics|animation|collage|panorama|"
                     r"waveform|spectrogram|voice|speech|slideshow|result|voice-?over|voice over)s?|"
                     r"(?:that|this|these|those) (?:voice-?over|image|picture|photo|video|clip|audio|sound|recording|"
                     r"track|song|music|model|mesh|text|caption|description|poem|story|script|layout|"
                     r"mask|narration|transcript|frame|prompt|lyrics|result)s?)\b", re.I)
DEMONSTRATIVE = re.compile(r"\b(?:that|this|these|those) (?:caption|description|transcript|"
                           r"frame|still|narration|recording|lyrics|poem|story|script)s?\b", re.I)
DONE_INPUT = re.compile(r"\b(?:the|that|this) (?:[a-z]+ed|new|resulting|final|finished) (?:file|clip|video|image|"
                        r"picture|photo|track|recording|audio|version|one|result)\b", re.I)
NOUN_PATTERN = {
    "image": r"image|picture|photo|frame|still|collage|panorama|waveform|spectrogram|drawing|painting",
    "video": r"video|clip|animation|slideshow|footage|movie|film|time-?lapse",
    "audio": r"audio|sound|recording|track|song|music|voice|speech|narration",
    "mesh": r"model|mesh|3d",
    "text": r"text|caption|description|poem|story|script|transcript|transcription|prompt|lyrics",
    "layout": r"layout", "mask": r"mask",
    "motion": r"motion capture|mocap|bvh|skeleton|(?<!slow )motion(?! blur)|dance|walk cycle"}
NOUN_KIND = [(re.compile(r"\b(?:" + pat + r")\b", re.I), kind) for kind, pat in (
    ("image", r"image|picture|photo|frame|still|collage|panorama|waveform|spectrogram|drawing|painting"),
    ("video", r"video|clip|animation|slideshow|footage|movie|film"),
    ("audio", r"audio|sound|recording|track|song|music|voice|speech|narration|voice-?overs?|voice over"),
    ("mesh", r"model|mesh|3d"),
    ("text", r"text|caption|description|poem|story|script|transcript|transcription|prompt|lyrics"),
    ("layout", r"layout"), ("mask", r"mask"))]
LEAD = re.compile(r"^(?:(?:please|now|also|then|and|so|ok|okay|first|next|finally|just)\b[\s,]*)*"
                  r"(?:(?:can|could|would|will) you\s+|(?:can|could|may) (?:i|we) (?:get|have)\s+|"
                  r"i(?:'d| would) like(?: you)? to\s+|i want(?: you)? to\s+|"
                  r"i need(?: you)? to\s+|let'?s\s+|help me\s+)?"
                  r"(?:(?:generate|create|make|draw|compose|produce|render|design|paint|build|write|"
                  r"give me|show me|sketch|illustrate|film|record|play|synthesi[sz]e|craft|imagine|sculpt|shoot|"
                  r"model|tell|come up with|whip up|cook up|dream up|rustle up|conjure up|get me|i want|i need|"
                  r"i(?:'d| would) (?:love|like))\b\s*(?:me\s+|us\s+)?)?",
                  re.I)
HEAD = re.compile(r"^(?:(?:a|an|the|some|one|another|me|us)\s+)?(?:(?:short|long|quick|brief|little|small|"
                  r"simple|nice|beautiful|new|single|tiny|cool|\d+(?:\.\d+)?[- ]?(?:second|sec|minute|min)s?(?: long)?|"
                  r"high[- ]resolution|hd|detailed|realistic|animated|looping)\s+)*"
                  r"(?:(?:3d|three-dimensional)\s+)?(?:image|picture|photo(?:graph)?|illustration|painting|drawing|"
                  r"video(?: clip)?|clip|animation|movie|film|model|mesh|object|song|music|track|tune|melody|"
                  r"soundtrack|sound effects?|sounds?|ambience|poem|story|script|narration|lyrics|render|"
                  r"poster|wallpaper|artwork|scene|view|version|shot|asset)\b\s*"
                  r"(?:of|about|showing|depicting|featuring|with|for|that shows|where)?\s*", re.I)
APPOSITION = re.compile(r"\b(?:the|this|that|my|our|your)\s+(?:[\w-]+\s+)?(image|picture|photo|video|clip|"
                        r"audio|sound|recording|track|song|music|voice|model|file|mesh)\s+((?:in|of|from|on)\s+)?"
                        r"(?=([\w~./-]+\.\w{2,4})\b)", re.I)


def _apposition(m: re.Match) -> str:
    """'the picture sunset.jpg' and 'the music in song.wav' name the file (dropped from the
    query); 'the audio of talk.mp4' names a part of it (kept)."""
    if not m.group(2):
        return " "
    files = extract.files(m.group(3))
    noun_kind = next((k for pat, k in NOUN_KIND if pat.fullmatch(m.group(1))), None)
    return " " if files and (noun_kind == files[0].kind or m.group(1).lower() == "file") else m.group(0)
DURATION_PHRASE = re.compile(r",?\s*(?:for\s+|lasting\s+|that lasts\s+)?(?:about\s+|around\s+|roughly\s+)?" +
                             extract.NUM + r"[\s-]*(?:seconds?|secs?|s|minutes?|mins?)(?:\s+long)?(?:\s+of)?\b", re.I)


@dataclass(eq=False)
class Clause:
    text: str                                   # as written (quotes included)
    quotes: list[str] = field(default_factory=list)
    files: list[extract.FileMention] = field(default_factory=list)
    dangling: list[str] = field(default_factory=list)  # kinds named ('this photo') with nothing to name

    # a clause's text is never changed after it is made (a changed clause is a new one), so what
    # is read from it is read once
    @functools.cached_property
    def bare(self) -> str:
        """The words without quoted text and file names."""
        out = extract.strip_quotes(self.text)
        for f in self.files:
            out = out.replace(f.text, " ")
        return re.sub(r"\s+", " ", out).strip()

    @functools.cached_property
    def low(self) -> str:
        return self.bare.lower()

    def verb(self) -> str | None:
        """The main verb: the first word of the clause that is an action verb."""
        return self._verb

    @functools.cached_property
    def _verb(self) -> str | None:
        for word in re.findall(r"[a-z]+", extract.strip_quotes(self.text).lower()):
            if word in VERBS:
                return word
        return None

    def query(self) -> str:
        """The words that say what to do: durations and numbers dropped, the main verb and
        its object repeated (they weigh more than the description of the content)."""
        text = APPOSITION.sub(_apposition, extract.strip_quotes(self.text))
        text = DEMONSTRATIVE.sub(" ", text)  # "put that description on it": the words name the input
        text = DONE_INPUT.sub(" ", text)  # "speed the cleaned file up": what was done before, not now
        for f in self.files:
            text = text.replace(f.text, " ")
        text = DURATION_PHRASE.sub(" ", text)
        text = re.sub(r"\b\d+(?:\.\d+)?\b", " ", text)
        m = re.search(r"\b(" + "|".join(VERBS) + r")\b\s*((?:(?:a|an|the|some|me|it|its|this|that|my)\s+)*"
                      r"(?:(?!(?:of|for|about|from|to|in|on|with|into|at|and|by|as)\b)[\w-]+\s*){1,3})?",
                      text, re.I)
        focus = (m.group(1) + " " + (m.group(2) or "")) if m else ""
        return re.sub(r"\s+", " ", f"{text} {focus}").strip()

    def mentions_back(self) -> bool:
        return bool(PRONOUN.search(self.bare))

    def referred_kinds(self) -> list[str]:
        """Kinds named by words such as 'the video' or 'that caption', in order of appearance."""
        found = []
        for m in PRONOUN.finditer(self.bare):
            for pattern, kind in NOUN_KIND:
                if pattern.search(m.group(0)):
                    found.append((m.start(), kind))
                    break
        return [k for _, k in sorted(found)]

    def media(self) -> list[str]:
        """Media words mentioned (image, video, music, speech, sound, mesh, text), in order."""
        hits = []
        for name, pat in MEDIA_NOUN.items():
            for m in re.finditer(r"\b(?:" + pat + r")\b", self.low):
                hits.append((m.start(), name))
        return [n for _, n in sorted(hits)]


def protect(text: str) -> tuple[str, list[str]]:
    """Replace quoted spans by placeholders so splitting never cuts inside a quote."""
    saved: list[str] = []

    def keep(m: re.Match) -> str:
        saved.append(m.group(0))
        return f"\x00{len(saved) - 1}\x00"

    return extract.QUOTE.sub(keep, text), saved


def restore(text: str, saved: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], text)


# a statement about what there is ("I have a.mp4", "there is a lot of noise", "the audio contains a
# voice-over"): in a request that also asks for something, it introduces, it asks for nothing
DECLARATIVE = re.compile(r"^\W*(?:(?:hello|hi|so|well|also|and|but|unfortunately|however|currently|now|here),?\s+)*"
                         r"(?:(?:i|we)(?: also| already| still| just| currently)?(?:'ve| have| had| got| own| recorded| made| shot| took| wrote| created| "
                         r"prepared| received)\b|(?:i'm|i am|we're|we are) (?:working|dealing) with\b|"
                         r"there (?:is|are|was|were|'s)\b|here (?:is|are|'s)\b|this is\b|these are\b|"
                         r"(?:the|this|that|my|our|its|their|each|both|one|it)\s+(?:[\w'-]+\s+){0,4}?"
                         r"(?:is|are|was|were|has|have|had|contains?|includes?|features?|shows?|seems?|reads?|says?|goes|looks? like|"
                         r"consists? of|lasts?)\b(?!\s+(?:to be|be)\b))", re.I)
ASKS = re.compile(r"\b(?:want|wants|need|needs|would like|'d like|wish|please|could you|can you|would you|"
                  r"let's|help me|should be|must be|has to be|needs to be)\b", re.I)


def statement(clause: "Clause | str") -> bool:
    """'I have a.mp4 containing a speech', 'there is a lot of noise': says what there is, asks nothing."""
    text = clause if isinstance(clause, str) else clause.text
    return bool(DECLARATIVE.match(text)) and not ASKS.search(extract.strip_quotes(text))


# verbs that keep a statement going ("I have a.mp4, shot in 2019 and containing a speech")
STATE_VERBS = frozenset("have get keep take use show display set hear".split())


def _statement_split(text: str) -> list[str]:
    """A statement is split only where an action starts ("I have a.mp4, trim it to 5 s")."""
    out: list[str] = []
    for piece in _soft_split(text):
        first = (re.findall(r"[a-z]+", piece.lower()) or [""])[0]
        if out and not (first in VERBS and first not in STATE_VERBS):
            out[-1] = f"{out[-1]} and {piece}" if piece.strip() else out[-1]
        else:
            out.append(piece)
    return out


def split(request: str) -> list[Clause]:
    text, saved = protect(request.strip())
    text = unwrap(text)  # "I have a.mp4 and I want to trim it. Please help me." -> "I have a.mp4; trim it"
    text = OPENING.sub("", text)  # "hey there, I need ...": the greeting asks for nothing
    text = MIND.sub(_mind, text)  # "would you mind drawing a koala" -> "could you draw a koala"
    text = _drop_header(text)
    if re.match(r"\s*\(?1[.)]\s", text):  # a numbered list: "1) transcribe it 2) read it aloud"
        text = re.sub(r"(?:^|\s)\(?\d{1,2}[.)]\s+", "; ", text).strip("; ")
    text = COUNTED.sub(_expand_counted, text)
    parts: list[str] = []
    for hard in HARD.split(text):
        if hard and hard.strip(" ,.;:"):
            parts += _statement_split(hard) if statement(restore(hard, saved)) else [
                piece for p in _soft_split(hard) for piece in _participle_split(p)]
    clauses = [make_clause(restore(p, saved)) for p in parts if p.strip(" ,.;:!?") and not GREETING.match(p)]
    _move_trailing_quotes(clauses)
    return clauses


GREETING = re.compile(r"^\W*(?:(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening)|thanks|"
                      r"thank you|thx|cheers|ok|okay)(?: (?:there|all|so much|a lot|medialoom))?\W*)+$", re.I)
OPENING = re.compile(r"^\W*(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening))(?: there| all| team)?"
                     r"\s*[,!.:;-]+\s*", re.I)
SEPARATELY = re.compile(r"(?:and\s+)?(?:separately|individually|on its own|as a separate (?:one|picture|image))", re.I)
COUNTED = re.compile(r"\b(?P<verb>make|create|generate|draw|produce|render|design|compose)\s+(?P<n>two|three|four|"
                     r"five|six|[2-6])\s+(?P<noun>images|pictures|photos|drawings|videos|clips|songs|sounds|3d models|"
                     r"models)\s*(?::|of|showing)?\s*(?P<items>[^.;:]+?)(?=,?\s*(?:and then|then|after that)\b|[.;]|$)",
                     re.I)


def _expand_counted(m: re.Match) -> str:
    """'create three images: a cat, a dog and a bird' -> one clause per thing."""
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("items")) if i.strip()]
    n = extract.number(m.group("n")) or 0
    if len(items) != int(n):
        return m.group(0)
    noun = m.group("noun").lower().rstrip("s")
    return "; ".join(f"{m.group('verb')} a {noun} of {item}" for item in items) + ";"


MIND = re.compile(r"\b(?:would|do|could) you mind\s+([a-z]+?)(?:ing)\b", re.I)


def _mind(m: re.Match) -> str:
    return "could you " + (base_verb(m.group(1) + "ing") or m.group(1).lower())


def make_clause(text: str) -> Clause:
    text = re.sub(r"(?:\s*,)?\s+(?:and|or|then)$", "", text.strip(" ,;:"), flags=re.I)
    return Clause(text, extract.quotes(text), extract.files(text))


def _drop_header(text: str) -> str:
    """'Make a music video: generate X and Y, and put them together' -> the part after the colon,
    when that part is itself a list of actions."""
    head, sep, rest = text.partition(":")
    if not sep or "\x00" in head or len(head.split()) > 8 or rest.strip().startswith("\x00"):
        return text
    first = rest.strip().split(" ", 1)[0].lower()
    if first in VERBS and len(_soft_split(rest)) + len(HARD.split(rest)) > 2:
        return rest
    return text


# an errand no media tool does ('book me a flight', 'remind me to call mom', 'email it to my boss')
ERRAND = re.compile(r"^\W*(?:(?:please|now|then|and|also|after that|finally|next|can|could|would|will|you|i|"
                    r"i'd|we|like|want|need|to|help|me)\b[\s,]*)*"
                    r"(?:book|order|buy|purchase|reserve|schedule|remind|call|phone|e-?mail|text|message|send|pay|"
                    r"search|google|look up|check|cancel|navigate|rent|hire|calculate|solve|compute|install|"
                    r"download|turn (?:on|off)|set (?:an? )?(?:alarm|timer|reminder))"
                    r"\s+(?:me|us|a|an|the|my|our|your|some|tickets?|to|for|if|what|how|\d+|"
                    r"(?:it|them|this|that) to)\b", re.I)


SETTING = re.compile(r"^\s*(?:and\s+)?(?:an?\s+|the\s+)?[\w\s-]{0,25}?\b(?:of|at|to|=|:)\s*-?\d+(?:\.\d+)?\s*"
                     r"(?:%|percent|seconds?|secs?|s|ms|db|hz|khz|x|times|semitones?)?\W*$", re.I)


OBJECT_WORDS = frozenset("it them this that these those the a an my our its their".split())


VIDEO_OF_STILLS = re.compile(r"\b(?:video|slideshow|clip|movie)\s+(?:that\s+|which\s+)?(?:shows?|showing|showcases?|"
                             r"showcasing|contains?|containing|displays?|displaying|combining|combines|featuring|"
                             r"features|made (?:of|from)|(?:consisting|consists) of|using|uses|of)\s+(.+)$", re.I)
STILL_PARTS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\s+|\b(?:together|along) with\s+|\balongside\s+|\bplus\s+|"
                         r"\bnext to\s+|\bbeside\s+)", re.I)
STILL_OF = re.compile(r"\b(?:waveform|spectrogram|visuali[sz]ation|visual representation|(?:still|frame|screenshot|"
                      r"snapshot)s?\b.*\b(?:from|of|in)\b|(?:image|picture|photo|drawing|painting|illustration)s? "
                      r"(?:of|showing|based on|from|with)\b)", re.I)
SAME_STILL = re.compile(r"^\W*(?:the|this|that|my|our)\s+(?:[\w-]+\s+)?(?:image|photo|picture|still|frame)\W*$", re.I)


def still(part: str) -> str | None:
    """'file' for image files only, 'make' for a still to make first ("a waveform of a.wav", "a
    frame from b.mp4", "a picture of a barn"), None for anything else."""
    files = extract.files(part)
    if files and all(f.kind == "image" for f in files) and not STILL_OF.search(part):
        return "file"
    if SAME_STILL.match(part):  # "a video that shows the image along with ...": the picture named before
        return "earlier"
    return "make" if STILL_OF.search(part) else None


def _stills_follow(head: str, piece: str) -> bool:
    """'a video showing a.jpg' + 'a waveform of b.wav': more stills for the same video."""
    m = VIDEO_OF_STILLS.search(head)
    if not m or still(piece) is None:
        return False
    parts = [p for p in STILL_PARTS.split(head[m.start(1):]) if p.strip(" ,.;")]
    return bool(parts) and all(still(p) for p in parts)


MANNER = frozenset("keep use leave let have take give show put place set hold".split())


def _gerund_verb(word: str) -> bool:
    """'combining', 'generating': a step said as a gerund ('keeping it soft', 'using reverb' say how)."""
    base = base_verb(word) if word.endswith("ing") else None
    return base is not None and base not in MANNER


def _verb_first(text: str) -> bool:
    """The piece starts with an action (after polite words): 'I would like to combine ...', 'converting it'."""
    words = [w for w in re.findall(r"[a-z']+", text.lower()) if w not in ("i", "would", "like", "to", "want", "please",
                                                                          "also", "then", "and", "we", "need", "'d")]
    return bool(words) and (words[0] in VERBS or (words[0].endswith("ing") and _gerund_verb(words[0])))


def _soft_split(text: str) -> list[str]:
    pieces = SOFT.split(text)
    seps = SOFT.findall(text)
    out = [pieces[0]]
    separate = False  # "draw a red apple and, separately, a green pear": two things, one verb
    for sep, piece in zip(seps, pieces[1:]):
        words = re.findall(r"[a-z0-9']+", piece.lower())
        first = next((w for w in words if w not in ("also", "then", "please", "now", "could", "can", "would",
                                                    "will", "you")), "")
        if SEPARATELY.fullmatch(piece.strip()):
            separate = True
            continue
        if not piece.strip():  # "a lemon and, separately, ...": two separators in a row
            continue
        if SETTING.match(piece) and not (first in VERBS and len(words) > 1 and words[1] in OBJECT_WORDS):
            # "decay time of 2 seconds, and mix level of 70%": settings, not actions ("cut it to 30 s" is one)
            out[-1] = out[-1] + sep + piece
        elif separate and first not in VERBS:
            out.append(_inherit_verb(out[-1]) + piece)
        elif (first in VERBS and not first.endswith("ing")) or _acts_on_it(words) or ERRAND.match(piece) or \
                ("," in sep and first.endswith("ing") and _gerund_verb(first) and _verb_first(out[-1])):
            # "..., combining it with b.wav, and generating a waveform": a list of steps said as gerunds
            out.append(piece)
        elif _stills_follow(out[-1], piece):
            out[-1] = out[-1] + sep + piece  # "a video showing a.jpg and a waveform of b.wav": one slideshow
        elif _new_media(out[-1], piece):
            out.append(_inherit_verb(out[-1]) + piece)
        else:
            out[-1] = out[-1] + sep + piece
        separate = False
    return out


PARTICIPLE = re.compile(r"(?:\s*,\s*|\s+)\b(?P<verb>described|captioned|transcribed|read|spoken|translated|upscaled|"
                        r"enlarged|trimmed|denoised|sped|slowed|turned|converted)\b(?P<rest>(?:\s+(?:out loud|aloud|"
                        r"in|into|as|by|with|to|at|for|up|down|out)\b.*)?)$", re.I)
PARTICIPLE_BASE = {"described": "describe", "captioned": "caption", "transcribed": "transcribe", "read": "read",
                   "spoken": "speak", "translated": "translate", "upscaled": "upscale", "enlarged": "enlarge",
                   "trimmed": "trim", "denoised": "denoise", "sped": "speed", "slowed": "slow", "turned": "turn",
                   "converted": "convert"}


def _participle_split(text: str) -> list[str]:
    """'the frame at 1:05 described out loud by a man', 'a poem about the sea, read aloud':
    an action given as a participle after what it acts on is a step of its own on 'it'."""
    m = PARTICIPLE.search(text)
    if not m or len(re.findall(r"[\w.']+", text[: m.start()])) < (1 if extract.files(text[: m.start()]) else 2):
        return [text]
    verb, rest = m.group("verb").lower(), m.group("rest") or ""
    if verb in ("read", "spoken") and not re.match(r"\s*(?:out loud|aloud|out)\b", rest) and "," not in m.group(0):
        return [text]  # "a book read by a child" is a picture of one
    if not rest.strip() and verb not in ("described", "captioned", "transcribed", "translated", "upscaled",
                                         "denoised", "trimmed"):
        return [text]  # "a book read" / "a voice spoken": nothing says it is an action
    before = text[: m.start()]
    if re.search(r"\b(?:it|them|this|that|these|those)\s*$", before, re.I):
        return [text]  # "have it read aloud": the clause already says what it acts on
    if verb in ("turned", "converted", "sped", "slowed") and not (
            extract.files(before) or PRONOUN.search(before)):
        return [text]  # "a prince turned into a frog" describes the picture
    return [before, f"{PARTICIPLE_BASE[verb]} it{rest}"]


def _acts_on_it(words: list[str]) -> bool:
    """'spin it around', 'tint them blue': a word of its own acting on 'it' is a new step."""
    return len(words) >= 2 and words[1] in ("it", "them") and words[0] not in NOT_ACTIONS and \
        not words[0].endswith(("ing", "ed", "ly", "s"))


NOT_ACTIONS = frozenset("""and or but with without for of to in on at by from into onto over under as like than
that which who whom whose when where while if because so then also is are was were be been has have had do does
did can could would should will may might must""".split())


def _new_media(before: str, after: str) -> bool:
    """'a video of a city' and '10 seconds of synthwave music': a second thing to generate."""
    def heads(s: str) -> list[str]:
        found = []
        for name, pat in MEDIA_NOUN.items():
            m = re.search(r"\b(?:" + pat + r")\b", s.lower())
            if m:
                found.append((m.start(), name))
        return [n for _, n in sorted(found)]

    if extract.FILE.match(after.strip()):
        return False  # "a.jpg and b.jpg with music": a list of inputs
    if re.match(r"\s*(?:with|plus)\b", after, re.I):
        return False  # "a film of X, with a narrator", "..., narrated, with soft music": they go with the film
    b, a = heads(extract.strip_quotes(before)), heads(extract.strip_quotes(after))
    if not b or not a or "text" in (a[0], b[0]):
        return False
    if a[0] in ("music", "sound", "speech") and re.search(r"\bwith\s+(?:[\w-]+\s+){0,4}?(?:" + MEDIA_NOUN["speech"] +
                                                        "|" + MEDIA_NOUN["music"] + "|" + MEDIA_NOUN["sound"] +
                                                        r")\s*$", before, re.I):
        return False  # "a film with a narrator and wind sounds": both go with the film
    if a[0] == b[0] and not re.match(r"\s*(?:a|an|another|one|some)\s+(?:[\w-]+\s+){0,2}?(?:" + MEDIA_NOUN[a[0]] +
                                     r")\b", after, re.I):
        return False
    lead = LEAD.match(before.strip())
    return bool(lead and lead.group(0).strip()) and not re.search(r"\b(to|into|under|over|for)\b", after.lower())


def _inherit_verb(before: str) -> str:
    m = LEAD.match(before.strip())
    return m.group(0) if m else ""


def _move_trailing_quotes(clauses: list[Clause]) -> None:
    """'Expand this prompt and generate the image: "cyberpunk cat"' gives the quote to the clause
    that says 'this prompt'."""
    deictic = re.compile(r"\b(this|the following|these|following)\s+(prompt|sentence|text|line|phrase|"
                         r"message|words|title|idea|description|quote)\b", re.I)
    for i, clause in enumerate(clauses):
        if clause.quotes or not deictic.search(clause.text):
            continue
        for later in clauses[i + 1:]:
            m = re.search(r":\s*(" + extract.QUOTE.pattern + r")\s*[.!]?$", later.text)
            if later.quotes and m:
                clauses[i] = make_clause(clause.text + ": " + m.group(1))
                idx = clauses.index(later)
                clauses[idx] = make_clause(later.text[: m.start()])
                break


def subject(clause: Clause, keep_head: bool = False) -> str:
    """The thing to make: the clause without its command verb, media head, durations or files;
    `keep_head` keeps the head noun ('a short story about X': the form of a text is part of it)."""
    text = clause.bare
    text = re.sub(r"\b(?:in|with|using) an? (?:female|male|woman's|man's|child's|deep|robot(?:ic)?) voice\b", " ",
                  text, flags=re.I)
    text = DURATION_PHRASE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:!?")
    text = LEAD.sub("", text, count=1)
    text = text if keep_head else HEAD.sub("", text, count=1)
    text = re.sub(r"^(?:a|an|the)\s+(?:3d|three-dimensional)\s+", "a ", text, flags=re.I)
    text = re.sub(r"\b(?:at|with|in)\s+(?:\d+(?:\.\d+)?\s*)?(?:fps|bpm)\b.*$", "", text, flags=re.I)
    text = re.sub(r"\s+for (?:me|us)$", "", text.strip(" ,.;:!?"), flags=re.I)  # "sketch a cottage for me"
    text = re.sub(r"\s+(?:for|to go with|to match)\s+(?:it|them|this|that|the (?:video|clip|film|picture|image|"
                  r"photo|result))$", "", text, flags=re.I)  # "compose guitar music for it": the link is a step
    return re.sub(r"\s+", " ", text).strip(" ,.;:!?")


FILLER = frozenset("""a an the it its this that these those them they some any me my our your please now then
and or with of to in on at for from by is are be what which who how do does can could would will just also
so first next finally one thing stuff something result output file""".split())
MEDIA_WORDS = re.compile(r"^(?:image|picture|photo|illustration|drawing|video|clip|animation|movie|film|music|song|"
                         r"track|tune|sound|audio|speech|voice|narration|model|mesh|3d|text|poem|story|caption|"
                         r"description|mask|layout|version|one)s?$", re.I)


def content_words(text: str) -> list[str]:
    """The words that say what something is (not verbs, fillers or media names): 'upscale' has
    none, 'a lighthouse at night' has 'lighthouse' and 'night'."""
    words = re.findall(r"[^\W\d_][\w'-]*", extract.strip_quotes(text).lower())
    return [w for w in words if len(w) > 1 and w not in FILLER and w not in VERBS and not MEDIA_WORDS.match(w)]

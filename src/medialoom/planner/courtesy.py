"""The words people wrap a request in, taken off before it is split into clauses.

Help-desk requests come with an introduction and polite filler: "I have a video file called
clip.mp4 and I want to extract its audio. Please help me with this." Only "extract its audio"
(and the file it is said of) asks for something. This pass has one job: rewrite such wrapping so
that the clause splitter sees the actions, and nothing else, as clauses. Quoted text is
protected by the caller (placeholders), so nothing inside a quote is touched.
"""

from __future__ import annotations

import re

from .verbs import VERBS, base_verb

_PLEASE = r"(?:(?:so|and|also|then|now|kindly|please|could you|can you|would you|will you)\s+)*"
_IT = r"(?:this|that|it|them|these|those|the task|the (?:above|following)|my request|the process|what I (?:want|need))"
# a whole sentence that asks for nothing a tool does: "Please help me with this.", "Thanks!"
FILLER_SENTENCE = re.compile(
    r"^\W*(?:" + _PLEASE + r"(?:help me|assist me|help us|assist us|guide me|show me how|tell me how)"
    r"(?:\s+(?:out|with|to do|do|in doing|to achieve|achieve|accomplish|on|through|handle|complete|perform))*"
    r"(?:\s+" + _IT + r")?"
    r"(?:\s+(?:task|request|process))?(?:\s+(?:please|for me|thanks?|thank you))*|"
    r"(?:many\s+)?thanks?(?: you)?(?: (?:so much|very much|in advance|a lot))?|cheers|"
    r"(?:how|what) (?:can|could|should|do) (?:i|we|you) (?:do|achieve|accomplish) (?:this|that|it)|"
    r"(?:i|we) (?:need|would appreciate|appreciate) (?:your|some) (?:help|assistance)(?: with " + _IT + r")?|"
    r"(?:please\s+)?let me know(?: (?:if|how|when|what) [^.!?]*)?|"
    r"(?:please\s+)?(?:provide|give|send|return|deliver|share)(?: me| us)?(?: with)? (?:the |a |an |my |both )?"
    r"(?:[\w-]+ ){0,3}?(?:result|output|file|outcome|image|picture|photo|video|audio|track|recording|version|clip)s?"
    r"(?: (?:file|files|to me|back|for me|as well|too|separately))*|"
    r"(?:can|could|would|will) you (?:do|help with|handle) (?:this|that|it)(?: for me)?|"
    r"is (?:this|that|it) possible|(?:i|we) look forward to [^.!?]*|"
    r"(?:(?:i|we) (?:need|want|would like|'d like) (?:it|this|them|that|these)|(?:it|this|that|they)(?:'s| is|'re| are)"
    r"(?: going to be| meant| needed)?|(?:it|this|they) will be(?: used)?) for (?:my|our|a|an|the|his|her|their|some) [^.!?]*"
    r")\W*$", re.I)
# an introduction joined to the action by "and I want to ...": split there
WANT = re.compile(r"(?:,\s*|\s+)(?:and|so|but)\s+(?:now\s+)?(?:i|we)(?:'d| would| want| wanna| need| am looking|'m looking|"
                  r" wish| hope| plan)(?:\s+(?:like|love|want|need|to|you|for you|it|help|someone))*"
                  r"(?=\s+\w)", re.I)
# "..., so I can watch it faster", "in order to share it": why, not what
PURPOSE = re.compile(r"(?:,\s*|\s+)(?:so (?:that )?(?:i|we|you|people|viewers|listeners|everyone|others)"
                     r"(?: can| could| will| may| might|'ll)?|so as to|in order for (?:me|us|it) to|"
                     r"for (?:a |an |better |easier |smoother |clearer |faster )[\w-]*\s*(?:listening|viewing|"
                     r"watching|playback|reading|sharing|presentation|experience|use|purposes?)(?: experience)?)"
                     r"\b(?:[^.;!?\x00]|\.(?=\w))*", re.I)
# how it should be done, when no tool takes it: "using deep learning techniques", "with AI"
METHOD = re.compile(r"(?:,\s*|\s+)(?:using|with|via|through|by using|by means of|by applying)\s+(?:an?\s+|the\s+|some\s+)?"
                    r"(?:(?:state-of-the-art|advanced|modern|appropriate|suitable|available|proper|ai|artificial "
                    r"intelligence|deep|machine|neural|automatic|automated|sophisticated)[\s-]+)+"
                    r"(?:learning|intelligence|networks?|models?|tools?|techniques?|methods?|algorithms?|software|"
                    r"technology|ai)?(?:\s+(?:techniques?|methods?|tools?|models?|algorithms?))?(?=\W|$)", re.I)
# where the result goes: "Save the audio as out.wav.", "and save it as an audio file"
SAVE = re.compile(r"(?:(?:,\s*|\s+)(?:and\s+)?(?:then\s+)?|^\W*(?:please\s+)?)(?:save|store|export|output|return|"
                  r"keep|download|deliver)\s+(?:it|them|this|that|the (?:\w+\s+){0,3}?(?:file|files|audio|video|"
                  r"image|result|results|output|version|track|one)|(?:an?|the) (?:\w+\s+){0,2}?copy)"
                  r"(?:\s+(?:separately|as|to|in|into|for me|back|locally|on|with the name|under)\b(?:[^.;!?\x00]|\.(?=\w))*"
                  r"(?:\x00\d+\x00(?:[^.;!?\x00]|\.(?=\w))*)?)?(?=[.;!?]|$)", re.I)
# "Please use 'out.wav' for the audio output.", "..., to create a single output video file"
OUTPUT_NAME = re.compile(r"^\W*(?:please\s+)?(?:use|name|call)\s+(?:it\s+)?(?:\S+\.\w{2,4}|\x00\d+\x00)\s+(?:for|as)\s+"
                         r"(?:the |my )?(?:\w+\s+)?(?:output|result|file name|filename|output file)\W*$", re.I)
OUTPUT_PURPOSE = re.compile(r"\s+(?:to|and) (?:create|produce|get|make|generate|output|have) (?:a |one |the |an )?(?:single |"
                            r"new |final |combined |resulting |separate )*(?:output )?(?:video |audio |image )?(?:file|output)\b"
                            r"(?=\s*(?:[.,;!?]|$))", re.I)


def _output_purpose(m: re.Match) -> str:
    """'... to create a single output file' after an action goes; 'I want to create an audio file' stays."""
    before = m.string[: m.start()].split()
    return m.group(0) if before and before[-1].lower() in ("want", "like", "need", "wish", "love", "going", "able") \
        else ""


RELATIVE_ACT = re.compile(r"\s+(?:that|which) (?:i|we) (?:need|want|would like|'d like|wish|have) to (\w+)", re.I)
# "Could you please make ...?", "I was wondering if you could ...", "Would it be possible to ...": the ask is the rest
ASKING = re.compile(r"^\W*(?:(?:hi|hello|hey|dear \w+)\W+)?"
                    r"(?:(?:do|would) you mind|(?:could|can|would|will) you|(?:i was|i'm|i am) wondering if you (?:could|can|would)|"
                    r"(?:would|will) it be possible to|is it possible to|(?:i'd|i would|we'd|we would) like you to|"
                    r"(?:i|we) (?:need|want) you to)"
                    r"(?:\s+(?:please|kindly|maybe|possibly|help me|help us|just))*\s+(?=\w)", re.I)
FORMAT = re.compile(r"^\W*(?:the )?(?:final |resulting |output |new )?(?:video|audio|image|file|result|output)s? "
                    r"(?:should|must|needs? to|has to|will) be (?:in|an?|saved as)\s+\w+(?: format| file)?\W*$", re.I)
POLITE_TAIL = re.compile(r"(?:,\s*|\s+)(?:please|for me|thanks?|thank you)(?=\s*[.!?]*\s*$)", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


AFTER_DOING = re.compile(r"^\W*(?:(?:and|then|next)\s+)?(?:after|once|when)\s+(?:[a-z]+ing|(?:i|we|you)(?:'ve| have)|"
                         r"(?:it|that|this)(?:'s| is| has been))\b[^,;.]{0,60},\s*(?=\w)", re.I)
BY_DOING = re.compile(r"\b(?:create|make|produce|generate|build|get)\s+(?:a|an|the|one|my)\s+(?:new\s+|single\s+|final\s+)?"
                      r"(?P<noun>video|clip|movie|audio|audio file|track|image|picture|collage|file|recording)\s+by\s+"
                      r"(?P<doing>[a-z]+ing)\b", re.I)
MORE_DOING = re.compile(r",?\s+(?:and\s+)?(?:then\s+)?[a-z]+ing\b", re.I)


def _by_doing(sentence: str) -> str:
    """'create a video by combining a.jpg and b.jpg' -> 'combine a.jpg and b.jpg into a video'; when
    more steps follow ('..., and synchronizing it with v.mp4') the result is theirs: 'combine a and b'."""
    m = BY_DOING.search(sentence)
    if not m or (base := _base(m.group("doing"))) == m.group("doing"):
        return sentence
    rest = sentence[m.end():]
    more = MORE_DOING.search(rest)
    if more and _base(more.group(0).strip(" ,").split()[-1]) != more.group(0).strip(" ,").split()[-1]:
        return sentence[:m.start()] + base + rest
    end = re.search(r",|\s+and\s+|[.;!?]\s*$|$", rest)
    cut = end.start() if end else len(rest)
    return sentence[:m.start()] + base + rest[:cut] + f" into a {m.group('noun')}" + rest[cut:]
HELP_DOING = re.compile(r"\b(?:please\s+)?(?:help|assist) (?:me|us) (?:in |with |by )?([a-z]+ing)\b", re.I)


def _base(gerund: str) -> str:
    """'transcribing' -> 'transcribe', 'cutting' -> 'cut' (the gerund itself when no verb fits)."""
    return base_verb(gerund) or gerund


def _acts(words: str) -> bool:
    """The words begin with an action: 'draw a fox', 'making a video' (not 'hear me')."""
    first = next(iter(re.findall(r"[a-z]+", words.lower())), "")
    return first in VERBS or (first.endswith("ing") and base_verb(first) is not None)


def unwrap(text: str) -> str:
    """The request without its polite filler and purpose clauses, with introductions split from
    the action ("I have a.mp4 and I want to trim it" -> "I have a.mp4; trim it"). "Could you draw
    ...?" asks to draw; "can you hear me?" stays a question."""
    sentences = [s for s in SENTENCE.split(text.strip()) if s.strip()]
    kept = [s for s in sentences if not FILLER_SENTENCE.match(s) and not FORMAT.match(s) and not OUTPUT_NAME.match(s)]
    if not kept:  # nothing but filler: leave it for the planner to refuse in one line
        return text
    out = []
    for sentence in kept:
        sentence = re.sub(r"\b(?:please|kindly)\s+(?=also\b)", "", sentence, flags=re.I)
        sentence = re.sub(r"^(\W*)(?:please|kindly)\s+(?=[a-z])", r"\1", sentence, flags=re.I)  # "Please add ..."
        sentence = AFTER_DOING.sub("", sentence)  # "After adjusting the speed, extract ...": the step before
        sentence = _by_doing(sentence)  # "create a video by combining a.jpg and b.jpg"
        sentence = HELP_DOING.sub(lambda m: _base(m.group(1)), sentence)  # "help me in transcribing" -> "transcribe"
        asked = ASKING.sub("", sentence)
        if asked != sentence and _acts(asked):
            first = asked.split(maxsplit=1)
            first[0] = _base(first[0]) if first[0].lower().endswith("ing") else first[0]  # "would you mind making"
            sentence = " ".join(first).rstrip().rstrip("?") + "."  # "Could you make ...?" asks to make it
        sentence = PURPOSE.sub("", sentence)
        sentence = METHOD.sub("", sentence)
        sentence = OUTPUT_PURPOSE.sub(_output_purpose, sentence)
        sentence = RELATIVE_ACT.sub(lambda m: f"; {m.group(1)} it", sentence)  # "a.wav that I need to clean up"
        if SAVE.sub("", sentence).strip(" .!?,;"):
            sentence = SAVE.sub("", sentence)
        sentence = WANT.sub("; ", sentence)
        sentence = POLITE_TAIL.sub("", sentence)
        out.append(sentence)
    return " ".join(out)

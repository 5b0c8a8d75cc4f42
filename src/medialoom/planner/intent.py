"""What a clause asks for before any tool is chosen: does it lead with an action verb, is it a
change to the previous output with no object ("then twice as tall", "make the handle bigger"),
is it an errand or a question about the world that no media tool answers ("book me a flight"),
does it ask for something to be said out loud. Pure text functions over a Clause."""

from __future__ import annotations

import re

from . import extract
from .clauses import ERRAND as SERVICE, NOUN_PATTERN, Clause, make_clause
from .verbs import VERBS, base_verb

LEADING_VERB = re.compile(r"^\W*(?:(?:hey|hi|ok|okay|please|now|also|then|and|so|just|first|next|finally|"
                          r"can|could|would|will|you|i|i'd|we|like|want|need|to|let's|lets|help|me|us)\b[\s,]*)*"
                          r"(?:" + "|".join(sorted(VERBS)) + r")\b", re.I)
NOT_VERBS = ("under|over|in|on|at|inside|beside|above|below|behind|near|with|without|from|into|through|across|"
             "along|around|between|for|of|after|before|during|only|just|all|both|what|how|why|when|where|who|"
             "which|is|are|was|it's|there's|here's|and|or|but|not|no|very|more|less|most|many|much|lots|one|two|"
             "three")
IMPERATIVE = re.compile(r"^\W*(?:(?:please|now|also|then|and|so|just|first|next|finally|can|could|would|will|you|"
                        r"i|i'd|we|like|want|need|to|let's|lets|help|me|us)\b[\s,]*)*"
                        r"(?!(?:" + NOT_VERBS + r")\b)[a-z]+(?:\s+(?:up|down|out|off|together|apart))?"
                        r"\s+(?:(?:a|an|the|this|that|these|those|my|our|me|us|some|its|their)\b|['\"“‘]|"
                        r"[\w~/.-]+\.[a-z0-9]{2,4}\b)", re.I)
VERB = re.compile(r"\b(?:" + "|".join(sorted(VERBS)) + r")\b", re.I)
AUDIO_WORDS = re.compile(r"\b(music|song|soundtrack|melod|tune|beat|narrat|voice|speech|saying|say|sound|noise|"
                         r"ambience|audio|effects?|\w+\.(?:wav|mp3|flac|ogg|m4a))", re.I)
QUESTION = re.compile(r"^\W*(?:what|what's|whats|who|where|when|why|how|which|is|are|do|does|did|will|should)\b", re.I)
NOT_COMPARATIVE = frozenset("""under over after never ever other either neither rather water winter summer
river tower flower tiger paper silver letter matter number corner monster dinner border hamburger""".split())
MODIFIER = re.compile(r"^(?:(?:a little|a bit|a lot|much|even|slightly|way|far|somewhat|bit)\s+)*(?:"
                      r"(?:twice|half|three times|four times|\d+(?:\.\d+)?\s*(?:x|times))\s+as\s+[a-z]+|"
                      r"(?:more|less)\s+[a-z]+|(?P<er>[a-z]+er)|in slow[- ]?mo(?:tion)?|in (?:black and white|sepia|"
                      r"gr[ae]yscale|colou?r|reverse)|(?:with|without)\s+(?:an?\s+|the\s+|some\s+)?[a-z]+|"
                      r"(?:red|orange|yellow|green|blue|purple|pink|brown|black|white|gr[ae]y|gold|silver)\b(?! \w+ing))"
                      r"(?=\W|$)", re.I)
ALOUD = re.compile(r"\b(?:out loud|aloud)\b|^\W*(?:(?:please|now|then|and|can|could|would|you)\b[\s,]*)*"
                   r"(?:narrate|speak)\b")  # "describe it out loud", "narrate a story about a dragon"
MEDIA_NOUNS = "|".join(NOUN_PATTERN.values())
PART_EDIT = re.compile(r"^\W*(?:(?:then|now|and|also|so|just|please|ok|okay|next|finally)\b[\s,]*)*"
                       r"(?:make|paint|colou?r|turn|get|give)\s+(?:the|its)\s+(?!(?:" + MEDIA_NOUNS + r")s?\b)"
                       r"(?:[\w-]+\s+){1,2}?(?:[a-z]+er|more|less|twice|half|" + "|".join(extract.COLOURS) + r")\b",
                       re.I)
CONTINUES = re.compile(r"^\W*(?:(?:then|now|and|also|so|just|please|ok|okay|next|finally|but)\b[\s,]*)*", re.I)

PLAY_SOMETHING = re.compile(r"^\W*(?:(?:please|now|can|could|would|will|you|just)\b[\s,]*)*(?:play|put on)\s+"
                            r"(?:(?:me|us)\s+)?(?:something|anything|some(?:thing)?\s+\w+|a (?:little )?(?:song|tune|"
                            r"melody|lullaby|track))\b", re.I)  # "play me something relaxing": music


def continuation(clause: Clause) -> str | None:
    """'then twice as tall', 'then darker and moodier', 'then in slow motion', 'then with a
    transparent background': no verb and no object, so a change to the previous output."""
    text = CONTINUES.sub("", clause.text, count=1).strip(" .!?")
    text = re.sub(r"^(?:the )?same(?: thing| again| one)?,?\s+but\s+", "", text, flags=re.I)  # "now the same but blue"
    m = MODIFIER.match(text)
    if not m or verb_led(make_clause(text)) or (m.group("er") and m.group("er").lower() in NOT_COMPARATIVE):
        return None
    if re.match(r"(?:with|without)\b", text, re.I) and AUDIO_WORDS.search(text):
        return None  # "... then with music": an attachment, not a change
    return text


PASSIVE = re.compile(r"^\W*(?:(?:and|then|also|finally|after that|afterwards),?\s+)*(?:(?:be|get|got|have it|has it)\s+)?"
                     r"(sped|([a-z]{3,}?)(?:ed|d))\b(?!\s+by\b)(.*)$", re.I)


def passive_step(clause: Clause) -> str | None:
    """'... and then cleaned up', 'then converted to mp3': a step on what came before, said
    without a subject; the active clause ('clean it up') or None."""
    m = PASSIVE.match(clause.text)
    if not m:
        return None
    base = base_verb(m.group(1))
    return f"{base} it{m.group(3)}" if base else None


def not_media(clause: Clause) -> bool:
    """'book me a flight', 'what's the weather tomorrow': an errand or a question about the world,
    with no medium, no file and no action on media."""
    if clause.files or clause.quotes:  # "is it going to rain?": 'it' there is no earlier output
        return False
    if SERVICE.match(clause.text):
        return True
    asks = QUESTION.match(clause.text) and (clause.text.rstrip().endswith("?") or
                                            re.match(r"\W*(?:wh|how)", clause.text, re.I))  # not "do a portrait"
    return bool(asks and not VERB.search(clause.low) and
                not re.search(r"\b(?:look|sound)s? like\b", clause.low))


def left_out(clauses: list[Clause]) -> list[Clause]:
    """The errands and world questions in a request that also asks for media; when every clause is
    one, all but the first (which then says in one line why nothing can be made)."""
    errands = [c for c in clauses if not_media(c)] if len(clauses) > 1 else []
    return errands[1:] if len(errands) == len(clauses) else errands


def verb_led(clause: Clause) -> bool:
    """The clause asks for an action: it starts with a known verb, or with a word of its own that
    takes an object ('polish the prompt', 'arrange the scene', 'break a tale into scenes')."""
    words = extract.strip_quotes(clause.text)
    return bool(LEADING_VERB.match(words) or IMPERATIVE.match(clause.text))


def audio_clause(clause: Clause) -> bool:
    """Only clauses that make pictures or video get 'with ... music' as a separate branch;
    clauses about audio keep those words ('mix it with the music', 'thunder and rain sounds')."""
    if re.search(r"\b(mix|overlay|layer|combine|join|add|put|place|dub|lay)\b", clause.low):
        return True
    visual = {"video", "image"} & set(clause.media()) or re.search(r"\b(animate|film|turntable|draw|paint|sketch|"
                                                                     r"illustrate|photograph)\b", clause.low)
    return not visual


def visual_clause(clause: Clause) -> bool:
    """A clause that makes or animates a video (not a picture: 'a lighthouse with seagulls')."""
    return not audio_clause(clause) and ("video" in clause.media() or bool(re.search(r"\b(animate|film)\b",
                                                                                        clause.low)))

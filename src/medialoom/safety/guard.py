"""Offline prompt guard: a rule classifier over normalised text, in English, French, German,
Spanish and Chinese (terms beyond English in lexicon_world.py). A maintained text classifier runs
in addition when one is configured and installed (`[safety] classifier = "FOLDER"`, a local
transformers model). Its precision and recall per category on the held-out set
tests/safety/guard_eval.jsonl are in docs/safety.md (`python bench/guard_eval.py`).

    1. views of the text: plain words, leetspeak decoded (1->i and 1->l), spaced-out letters
       joined ("n u d e", "n.u.d.e", "na ked"), repeated letters squeezed ("nuuude"); Chinese
       is read with its spaces removed
    2. per category: strong terms refuse alone; rules need two parts (a minor and a sexual
       term; a violent act, a person and a graphic detail; a real person and a realistic medium;
       a making word and a weapon; "suicide" and a how-to word; a hate code and a hate context)
    3. allow phrases ("breast cancer", "naked eye", "suicide prevention", "nude-coloured heels")
       are removed first

Policy (config.toml):

    [safety]
    prompt_guard = true
    categories = ["sexual", "sexual_minors", "violence", "hate", "self_harm", "weapons", "real_people"]
    block = ["extra term"]          # refused as category "custom"
    allow = ["a phrase to let through"]
    people = ["Jane Example"]        # extra real people
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping

from ..errors import SafetyRefusal
from . import lexicon_world as W

CATEGORIES = ("sexual_minors", "sexual", "violence", "hate", "self_harm", "weapons", "real_people")
LABELS = {
    "sexual_minors": "sexual content involving minors", "sexual": "sexual content",
    "violence": "graphic violence", "hate": "hate", "self_harm": "self-harm",
    "real_people": "realistic depiction of a real person", "custom": "blocked by local policy",
    "weapons": "instructions for making weapons",
}

ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c"
                                    "\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061"
                                    "\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u3164\ufeff\uffa0"))
# Look-alikes that NFKC leaves alone (Cyrillic, Greek, IPA, Cherokee, ...) -> Latin.
CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "һ": "h", "ӏ": "l", "ɩ": "i", "ո": "n", "ս": "u", "ց": "g",
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s", "ɑ": "a", "ɒ": "a",
    "ʏ": "y", "ɪ": "i", "ʀ": "r", "ɴ": "n", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e",
    "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ᴏ": "o", "ᴘ": "p",
    "ꞯ": "q", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z", "ı": "i", "ł": "l",
    "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ß": "ss", "æ": "ae", "œ": "oe", "Ꭺ": "a", "Ꭼ": "e",
})
# Letters NFKC keeps as symbols: negative circled / negative squared letters, regional indicators.
EMOJI_LETTERS = {start + i: chr(ord("a") + i) for start in (0x1F150, 0x1F170, 0x1F1E6) for i in range(26)}
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
        "@": "a", "$": "s", "!": "i", "|": "l", "+": "t", "€": "e", "¡": "i"}
LEET_CHARS = re.escape("".join(LEET))
# A bare number stays whole ("12", not leet "1" + "2"); digits inside words are leetspeak.
TOKEN = re.compile(rf"\d+(?![a-z\d])|[a-z{LEET_CHARS}]*[a-z][a-z{LEET_CHARS}]*|[a-z{LEET_CHARS}]+|\d+")
AGE = re.compile(r"(?<![a-z0-9])(\d{1,2}) ?(yo|y/o|y\.o\.?)(?![a-z])")
PLAIN_TOKEN = re.compile(r"[a-z]+|\d+")     # "15yo" -> "15 yo": ages written without leetspeak

# -- lexicon ----------------------------------------------------------------------------------
SEXUAL_STRONG = [
    r"porn\w*", r"p0rn", r"nsfw", r"hentai", r"x{3}", r"nudes?", r"nudity", r"nudist\w*", r"naked",
    r"topless", r"bottomless", r"genitals?", r"genitalia", r"penis(es)?", r"vaginas?", r"vulvas?",
    r"clitoris", r"nipples?", r"erections?", r"blow ?jobs?", r"hand ?jobs?", r"cumshots?",
    r"orgasms?", r"masturbat\w*", r"erotic\w*", r"fetish\w*", r"bdsm", r"strip ?tease", r"strippers?",
    r"onlyfans", r"boobs", r"tits", r"titties", r"pussy", r"dildos?", r"sex ?tape", r"sex ?scene",
    r"having sex", r"have sex", r"sex acts?", r"sexual intercourse", r"intercourse", r"sexually explicit",
    r"sex", r"lewd", r"unclothed", r"(without|no) clothe?s( on)?", r"pr[o0]n", r"noodz", r"nudez",
    r"bare (breasts?|chest(ed)? woman|butt|bottom)", r"(exposed|bare) breasts?", r"breasts? (exposed|out)",
    r"kinky", r"horny", r"(in (her|his|their) )?birthday suits?(?! (cake|party|card))",
    r"gangbang", r"threesome", r"milf", r"deepthroat", r"rule ?34", r"camgirls?", r"escort service",
]
# Terms that make anything involving a minor sexual, beyond SEXUAL_STRONG.
SEXUAL_WITH_MINOR = [r"sexy", r"sensual\w*", r"seductive\w*", r"lingerie", r"undress(ed|ing)?",
                     r"provocative\w*", r"suggestive\w*", r"alluring", r"panties", r"underwear",
                     r"spread (legs|her legs|his legs)", r"flirt\w*", r"intimate", r"(posing )?in (a )?bikini"]
MINOR = [
    r"child(ren)?", r"kids?", r"minors?", r"under ?age(d)?", r"teens?", r"teenage(rs?)?", r"pre ?teens?",
    r"tweens?", r"loli(ta|con)?", r"shota(con)?", r"school ?(girl|boy)s?", r"toddlers?", r"bab(y|ies)",
    r"infants?", r"little (girl|boy)s?", r"young (girl|boy)s?", r"(girl|boy)s? (aged?|of) \d+",
    r"jailbait", r"pa?edo(s|phile\w*|philia)?", r"juveniles?", r"grade ?schoolers?",
    r"(1[0-7]|[1-9]) ?(year|yr)s? ?old", r"(1[0-7]|[1-9]) ?(yo|y o|yrs? old)",
]
VIOLENCE_STRONG = [
    r"gore", r"gory", r"disembowel\w*", r"dismember\w*", r"decapitat\w*", r"behead\w*",
    r"mutilat\w*", r"entrails", r"(spilled|spilling|exposed) (guts|intestines|organs)", r"bloodbath",
    r"blood ?(splatter|spatter)\w*", r"snuff (film|video)s?", r"flay(ed|ing)", r"eviscerat\w*",
    r"severed (head|limbs?|arms?|legs?|hands?)", r"(brains?|skull) (blown|splattered|smashed)",
    r"(head|skull) (blown|exploding) (off|open)", r"torture porn", r"tortur(e|ed|ing) (a |the )?"
    r"(man|woman|person|child|prisoner|people|victim)s?", r"massacre of\b.*", r"mass shooting",
    r"school shooting", r"corpses? (with|covered)", r"mangled (body|bodies|corpses?)",
]
VIOLENT_ACT = [r"stab(bed|bing|s)?", r"shoot(ing|s)?", r"shot", r"kill(ed|ing|s)?", r"murder(ed|ing|s)?",
               r"slaughter(ed|ing)?", r"butcher(ed|ing)?", r"slash(ed|ing)?", r"beat(en|ing)? to death",
               r"execut(e|ed|ing|ion)", r"strangl\w*", r"burn(ed|ing|t)? alive", r"maim\w*", r"lynch\w*",
               r"impal\w*", r"tortur\w*", r"massacr\w*", r"gun(ned)? down"]
PERSON = [r"m[ae]n", r"wom[ae]n", r"person", r"people", r"child(ren)?", r"kids?", r"bab(y|ies)",
          r"victims?", r"girls?", r"boys?", r"someone", r"(him|her)self", r"hostages?", r"prisoners?",
          r"civilians?", r"students?", r"crowd", r"family", r"police ?(man|woman|officer)s?",
          r"soldiers?", r"body", r"bodies", r"corpses?", r"human", r"humans"]
GRAPHIC = [r"blood(y|ied)?", r"gor(e|y)", r"graphic", r"brutal\w*", r"gruesome", r"realistic",
           r"photo ?realistic", r"close ?up", r"wounds?", r"guts", r"organs", r"bleeding", r"in detail",
           r"detailed", r"splatter\w*", r"dying", r"screaming", r"agony", r"severed", r"mangled"]
HATE_STRONG = [
    r"nigg(er|a|ers|as|az)", r"kikes?", r"spics?", r"chinks?", r"gooks?", r"wetbacks?", r"faggots?",
    r"fags", r"trann(y|ies)", r"retards", r"sand ?niggers?", r"towel ?heads?", r"raghead\w*",
    r"coons", r"jungle bunn(y|ies)", r"porch monkeys?", r"heil hitler", r"sieg heil", r"white power",
    r"white genocide", r"great replacement", r"gas the \w+", r"race war",
    r"(nazi|kkk|klan|isis|jihadi?) (propaganda|recruitment|flag rally|poster|glorif\w*)",
    r"glorif(y|ying|ies) (the )?(holocaust|nazis?|hitler|genocide|terrorism|terrorists)",
    r"holocaust (denial|was fake|never happened|hoax)",
]
GROUP = [r"jews?", r"jewish people", r"muslims?", r"christians?", r"hindus?", r"sikhs?", r"blacks?",
         r"black people", r"whites?", r"white people", r"asians?", r"arabs?", r"mexicans?", r"latinos?",
         r"immigrants?", r"refugees?", r"gays?", r"lesbians?", r"trans (people|women|men)", r"transgender\w*",
         r"women", r"gypsies", r"roma", r"africans?", r"chinese", r"indians?", r"disabled people"]
DEHUMANISE = [r"vermin", r"rats", r"cockroach(es)?", r"parasites?", r"subhuman\w*", r"animals",
              r"apes", r"monkeys", r"inferior( race)?", r"filth", r"disease", r"plague", r"should die",
              r"must die", r"deserve to die", r"are evil", r"are criminals", r"not human"]
HATE_VERB = [r"kill all", r"exterminate( all)?", r"gas( all)?", r"death to( all)?", r"wipe out( all)?",
             r"purge( all)?", r"eradicate( all)?", r"deport all", r"hang all", r"lynch all", r"i hate( all)?"]
SELF_HARM_STRONG = [
    r"(kill|hurt|harm|cut|hang|stab|shoot|drown|starve|poison) (myself|yourself|themselves|himself|herself)",
    r"(commit|committing|commits) suicide", r"suicide (note|method|methods|instructions|guide|pact|tips)",
    r"how to (commit )?suicide", r"ways to die", r"end (my|your) (own )?life", r"slit(ting)? (my|your|his|her|their) wrists?",
    r"self ?harm(ing)?", r"self ?injur\w*", r"self ?mutilat\w*", r"pro ?ana", r"pro ?mia", r"thinspo\w*",
    r"cutting (myself|my arms?|my wrists?)", r"want to die", r"kys", r"overdose on purpose",
    r"hanging (myself|noose)", r"noose around (my|his|her|their) neck",
]
REAL_MEDIUM = [r"photo\w*", r"photo ?realistic", r"realistic", r"hyper ?realistic", r"footage", r"video",
               r"recording", r"news", r"leaked", r"candid", r"paparazzi", r"real life", r"4k", r"8k",
               r"dslr", r"cctv", r"bodycam", r"in the voice of", r"voice of", r"sounding like",
               r"speech by", r"saying", r"says", r"confess\w*", r"arrested", r"caught"]
FABRICATION_STRONG = [r"deep ?fakes?", r"face ?swap\w*", r"(fake|fabricated|doctored) (photo|image|video|footage|"
                      r"news|recording|audio|interview|speech|statement)s? of", r"voice clon\w*",
                      r"clone (the|his|her) voice"]
PEOPLE = [
    "donald trump", "trump", "joe biden", "biden", "barack obama", "obama", "michelle obama",
    "hillary clinton", "bill clinton", "kamala harris", "vladimir putin", "putin", "volodymyr zelensky",
    "zelensky", "xi jinping", "emmanuel macron", "macron", "angela merkel", "olaf scholz",
    "rishi sunak", "keir starmer", "boris johnson", "narendra modi", "justin trudeau",
    "benjamin netanyahu", "netanyahu", "kim jong un", "pope francis", "pope leo", "king charles",
    "prince harry", "meghan markle", "elon musk", "mark zuckerberg", "zuckerberg", "bill gates",
    "jeff bezos", "sam altman", "taylor swift", "beyonce", "rihanna", "lady gaga", "ariana grande",
    "selena gomez", "billie eilish", "kim kardashian", "kanye west", "justin bieber",
    "scarlett johansson", "emma watson", "jennifer lawrence", "tom cruise", "tom hanks",
    "brad pitt", "angelina jolie", "leonardo dicaprio", "keanu reeves", "morgan freeman",
    "oprah winfrey", "greta thunberg", "cristiano ronaldo", "lionel messi", "lebron james",
    "serena williams", "dwayne johnson", "zendaya", "margot robbie", "ryan reynolds",
    "jennifer aniston", "nancy pelosi", "alexandria ocasio-cortez", "ron desantis",
    "jd vance", "marine le pen", "giorgia meloni", "recep tayyip erdogan", "erdogan", "ali khamenei",
]
ALLOW = [
    r"breast ?cancer", r"breast ?feed\w*", r"breast ?stroke", r"chicken breasts?", r"turkey breasts?",
    r"duck breasts?", r"naked eye", r"naked truth", r"naked mole ?rats?", r"naked flames?",
    r"naked (trees?|branches|chef|walls?|light ?bulbs?|bulbs?|wires?|ambition|aggression|city|gun)",
    r"sex on the beach (cocktail|drink)s?", r"(cocktail|drink)s? (called |named )?sex on the beach",
    r"nude (lipstick|colou?r|heels?|shoes|palette|tones?|beige|makeup|nails?|pink)", r"pussy ?(willow|cat)s?",
    r"sex (education|ed|of the|determination|chromosomes?)", r"same ?sex marriage", r"opposite sex",
    r"suicide (prevention|awareness|hotline|helpline|squad)", r"self ?harm (prevention|awareness|support|"
    r"helpline|recovery)", r"(prevent|preventing|prevention of|awareness of|recovery from) (suicide|self ?harm)",
    r"hot (air|dog|dogs|chocolate|sauce|pepper|peppers|spring|springs|tea|coffee|summer|day|weather)",
    r"baby (shower|food|blue|steps?|grand|carrots?|spinach)", r"bath ?bombs?", r"bed ?time (story|stories)",
    r"child(ren)?'?s? (book|books|story|stories|toy|toys|drawing|drawings|party|birthday)",
    r"the rock (band|climbing|formation|garden)", r"rock climbing", r"kill (the|all the) (lights|engine|music|"
    r"noise|process|switch)", r"killer (app|whale|whales|feature|view|smile)", r"drake (bird|duck)",
    r"male duck", r"shoot(ing)? (a |the )?(photo|photos|picture|pictures|video|film|movie|scene|hoops|"
    r"basketball|ball|star|stars|arrow|arrows)", r"photo ?shoot", r"shooting stars?", r"bamboo shoots?",
    r"blood (orange|oranges|moon|drive|donation|donor|test|type|pressure|cells?|bank)", r"expose the (photo|image)",
    r"exposure", r"strip (mall|club sign)? ?(lights|cartoon|of land|steak)", r"comic strips?", r"film strips?",
    r"led strips?", r"trump cards?", r"trumpets?", r"tits? (bird|birds)", r"blue tits?", r"great tits?", r"sexy beast cat",
    r"\bexecute (the|a|this) (plan|program|script|code|command|task|order|trade)s?",
    r"execution of (the|a) (plan|program|script|code|command|task|order|trade|contract)",
    r"beat (the|a) (drum|eggs?|record|heat|clock|odds|game|level|boss)", r"dead ?line",
]
# The same categories beyond English, and English paraphrases (lexicon_world.py).
SEXUAL_STRONG = SEXUAL_STRONG + W.SEXUAL + W.SEXUAL_ACTS
SEXUAL_WITH_MINOR = SEXUAL_WITH_MINOR + W.SEXUAL_WITH_MINOR
MINOR = MINOR + W.MINOR
VIOLENCE_STRONG = VIOLENCE_STRONG + W.VIOLENCE + W.VIOLENCE_MORE
VIOLENT_ACT, PERSON, GRAPHIC = VIOLENT_ACT + W.VIOLENT_ACT, PERSON + W.PERSON, GRAPHIC + W.GRAPHIC
HATE_STRONG, GROUP, DEHUMANISE = HATE_STRONG + W.HATE, GROUP + W.GROUP, DEHUMANISE + W.DEHUMANISE
SELF_HARM_STRONG = SELF_HARM_STRONG + W.SELF_HARM
ALLOW = ALLOW + W.ALLOW
# Words spelled in two or three pieces ("na ked", "p orn") are joined when they make one of these.
JOINABLE = frozenset(("naked", "nude", "nudes", "nudity", "porn", "porno", "hentai", "topless", "nsfw",
                      "sex", "penis", "vagina", "boobs", "pussy", "gore", "beheaded", "beheading",
                      "suicide", "nackt", "nackte", "desnudo", "desnuda", "bomb", "explosives", "napalm"))


@dataclass(frozen=True)
class Policy:
    categories: frozenset[str] = frozenset(CATEGORIES)
    block: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    classifier: str | None = None
    classifier_threshold: float = 0.8

    @classmethod
    def from_section(cls, section: Mapping[str, Any] | None) -> "Policy":
        s = dict(section or {})
        cats = s.get("categories", CATEGORIES)
        return cls(frozenset(str(c) for c in cats), _strs(s.get("block")), _strs(s.get("allow")),
                   _strs(s.get("people")), s.get("classifier") or None,
                   float(s.get("classifier_threshold", 0.8)))


def _strs(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, (list, tuple)) else [value]))


@dataclass(frozen=True)
class Verdict:
    category: str | None
    term: str = ""

    @property
    def ok(self) -> bool:
        return self.category is None


# -- normalisation ----------------------------------------------------------------------------
def base_text(text: str) -> str:
    """NFKC (fullwidth, mathematical letters), no zero-width characters, no accents, look-alikes
    mapped to Latin, lower case."""
    text = unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold().translate(CONFUSABLES).translate(EMOJI_LETTERS)


def _deleet(token: str, one: str) -> str:
    token = token.strip("!|+") or token          # "naked!" is punctuation, "n!pples" is not
    if not any(c.isalpha() for c in token):
        return token
    return "".join(one if c == "1" else LEET.get(c, c) for c in token)


def _join_spaced(text: str, keep_articles: bool = False) -> str:
    """Join letters spelled out one by one: "n.u.d.e" inside a word, "n u d e" across three or
    more one-letter words (optionally leaving a leading "a" / "i" alone: "a n u d e")."""
    text = re.sub(rf"(?<![^\s])(?:[a-z0-9{LEET_CHARS}][._\-*/\\,~'\"]+){{2,}}[a-z0-9{LEET_CHARS}](?![^\s.,!?;:)])",
                  lambda m: re.sub(r"[._\-*/\\,~'\"]", "", m.group(0)), text)
    words = text.split()
    out: list[str] = []
    run: list[str] = []
    for word in words + [""]:
        if len(word) == 1:
            run.append(word)
            continue
        if keep_articles and len(run) >= 4 and run[0] in ("a", "i"):
            out.append(run.pop(0))
        out.append("".join(run) if len(run) >= 3 else " ".join(run))
        out.append(word)
        run = []
    return " ".join(w for w in out if w)


def views(text: str) -> tuple[str, ...]:
    """Normalised forms of the text to match against: words joined by single spaces (repeated
    letters are squeezed later, after allowed phrases are removed)."""
    base = AGE.sub(r"\1 yo", base_text(text))          # "15yo", "15 y/o" -> "15 yo"
    out: list[str] = []
    for joined in (_join_spaced(base), _join_spaced(base, keep_articles=True)):
        for one in ("i", "l"):
            out.append(" ".join(_deleet(t, one) for t in TOKEN.findall(joined)))
        out.append(" ".join(PLAIN_TOKEN.findall(joined)))
    seen: dict[str, None] = {}
    for v in out + [_join_pieces(v) for v in out]:
        seen.setdefault(v, None)
    return tuple(seen)


def _join_pieces(view: str) -> str:
    """"na ked" -> "naked": two or three short pieces that together spell a JOINABLE word."""
    words = view.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for k in (3, 2):
            piece = words[i:i + k]
            if len(piece) == k and all(len(w) <= 4 for w in piece) and "".join(piece) in JOINABLE:
                out.append("".join(piece))
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


# -- matching ---------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _rx(terms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(f"(?:{t})" for t in terms) + r")(?![a-z0-9])")


def _find(terms: Iterable[str], text: str) -> str | None:
    m = _rx(tuple(terms)).search(text)
    return m.group(0) if m else None


def _hits(terms: list[str], text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _rx(tuple(terms)).finditer(text)]


def _close(text: str, a: int, b: int, window: int) -> bool:
    lo, hi = sorted((a, b))
    return text.count(" ", lo, hi) <= window


def _near(a: list[str], b: list[str], text: str, window: int = 8) -> str | None:
    """A term of `a` and one of `b` within `window` words of each other."""
    pa = _hits(a, text)
    if not pa:
        return None
    for sa, ta in pa:
        for sb, tb in _hits(b, text):
            if _close(text, sa, sb, window) and ta != tb:
                return f"{ta} + {tb}"
    return None


def _near3(a: list[str], b: list[str], c: list[str], t: str, window: int = 8) -> str | None:
    """Terms of `a`, `b` and `c` all within `window` words of the `a` term."""
    pa = _hits(a, t)
    if not pa:
        return None
    pb, pc = _hits(b, t), _hits(c, t)
    for sa, ta in pa:
        nb = next((tb for sb, tb in pb if _close(t, sa, sb, window) and tb != ta), None)
        nc = next((tc for sc, tc in pc if _close(t, sa, sc, window) and tc != ta), None)
        if nb and nc:
            return f"{ta} + {nb} + {nc}"
    return None


@lru_cache(maxsize=4096)
def _words(phrase: str) -> str:
    """A phrase as the regex of its normalised words."""
    return " ".join(re.escape(w) for w in TOKEN.findall(base_text(phrase)))


@lru_cache(maxsize=64)
def _people_rx(extra: tuple[str, ...]) -> list[str]:
    """Built once per policy: rebuilding it per check was most of a cache hit's time."""
    return [_words(p) for p in PEOPLE + list(extra)]


def check_text(text: str, policy: Policy | None = None) -> Verdict:
    """The most serious category the text breaks (see _check); the same text and policy are
    judged once per process (a cached re-run screens every step's text again)."""
    return _check(text, policy or Policy())


@lru_cache(maxsize=4096)
def _check(text: str, policy: Policy) -> Verdict:
    """The most serious category the text breaks in any of its views (order: custom, then
    CATEGORIES), or an ok verdict."""
    allow = ALLOW + [_words(a) for a in policy.allow]
    rank = ("custom",) + CATEGORIES
    best = _cjk(text, policy)
    for view in views(text):
        cleaned = re.sub(r"\s+", " ", _rx(tuple(allow)).sub(" ", view)).strip()
        for form in (cleaned, re.sub(r"([a-z])\1+", r"\1", cleaned)):   # nuuuude -> nude
            found = _categories(form, policy)
            if found is not None and (best is None or rank.index(found[0]) < rank.index(best[0])):
                best = found
    return Verdict(best[0], best[1]) if best else Verdict(None)


def _categories(t: str, policy: Policy) -> tuple[str, str] | None:
    cats = policy.categories
    if policy.block and (hit := _find([_words(b) for b in policy.block], t)):
        return "custom", hit
    nude = _near(W.NEGATION, W.CLOTHING, t, window=4)      # "without a stitch of clothing"
    if "sexual_minors" in cats:
        hit = _near(MINOR, SEXUAL_STRONG + SEXUAL_WITH_MINOR + W.CLOTHING, t, window=12) if nude else None
        hit = hit or _near(MINOR, SEXUAL_STRONG + SEXUAL_WITH_MINOR, t, window=12)
        if hit or (hit := _find([r"loli(con)?", r"shotacon", r"jailbait", r"child porn\w*",
                                 r"cp (pics?|videos?|content|links?)", r"pa?edo(s|phile\w*|philia)?"], t)):
            return "sexual_minors", hit
    if "sexual" in cats and (hit := _find(SEXUAL_STRONG, t) or nude or _near(W.EXPLICIT, W.COUPLE, t, window=8)):
        return "sexual", hit
    if "violence" in cats:
        hit = (_find(VIOLENCE_STRONG, t) or _near3(VIOLENT_ACT, PERSON, GRAPHIC, t, window=10)
               or _near(W.BODY_PART, W.MUTILATE, t, window=3))
        if hit:
            return "violence", hit
    if "hate" in cats:
        hit = (_find(HATE_STRONG, t) or _find([_alt(GROUP) + " " + _alt(W.COPULA) + r"( \w+){0,2} "
                                               + _alt(DEHUMANISE)], t)
               or _find([_alt(W.CALLING) + " " + _alt(GROUP) + r"( \w+){0,1} " + _alt(DEHUMANISE)], t)
               or _near(HATE_VERB, GROUP, t, window=4) or _near(W.HATE_CODE, W.HATE_CONTEXT, t, window=6))
        if hit:
            return "hate", hit
    if "self_harm" in cats and (hit := _find(SELF_HARM_STRONG, t) or _near(W.SUICIDE, W.HOW_TO, t, window=4)
                                or _near3(W.DYING, W.FIRST_PERSON + [r"how many"], W.METHOD, t, window=10)
                                or _near(W.NOOSE, W.FIRST_PERSON, t, window=8)):
        return "self_harm", hit
    if "weapons" in cats and (hit := _near(W.MAKE, W.WEAPON + W.WEAPON_MORE, t, window=6)):
        return "weapons", hit
    if "real_people" in cats:
        hit = _find(FABRICATION_STRONG, t) or _near(_people_rx(policy.people), REAL_MEDIUM, t, window=10)
        if hit:
            return "real_people", hit
    return None


def _alt(terms: list[str]) -> str:
    return "(?:" + "|".join(terms) + ")"


def _cjk(text: str, policy: Policy) -> tuple[str, str] | None:
    """Chinese: terms matched on the text with its spaces removed (no word boundaries)."""
    t = re.sub(r"\s+", "", base_text(text))
    if not re.search(r"[\u3400-\u9fff]", t):
        return None
    for phrase in W.CJK_ALLOW:
        t = t.replace(phrase, "|")
    cats = policy.categories

    def near(a: list[str], b: list[str], window: int = 12) -> str | None:
        for x in a:
            for y in b:
                i, j = t.find(x), t.find(y)
                if i >= 0 and j >= 0 and x != y and abs(i - j) <= window + max(len(x), len(y)):
                    return f"{x} + {y}"
        return None

    def find(terms: list[str]) -> str | None:
        return next((w for w in terms if w in t), None)

    checks = [("sexual_minors", lambda: find(W.CJK_MINOR_SEXUAL) or near(W.CJK_MINOR, W.CJK_SEXUAL)),
              ("sexual", lambda: find(W.CJK_SEXUAL)), ("violence", lambda: find(W.CJK_VIOLENCE)),
              ("hate", lambda: find(W.CJK_HATE)), ("self_harm", lambda: find(W.CJK_SELF_HARM)),
              ("weapons", lambda: near(W.CJK_MAKE, W.CJK_WEAPON))]
    for cat, check in checks:
        if cat in cats and (hit := check()):
            return cat, hit
    return None


# -- optional classifier ----------------------------------------------------------------------
@lru_cache(maxsize=2)
def _classifier(source: str) -> Any:
    from pathlib import Path

    if not Path(source).expanduser().is_dir():
        return None
    try:
        from transformers import pipeline
    except ImportError:
        return None
    return pipeline("text-classification", model=str(Path(source).expanduser()), top_k=None)


def classify(text: str, policy: Policy) -> Verdict:
    """A maintained text classifier, when configured as a local folder and installed."""
    if not policy.classifier:
        return Verdict(None)
    clf = _classifier(policy.classifier)
    if clf is None:
        return Verdict(None)
    scores = clf(text[:2000])
    rows = scores[0] if scores and isinstance(scores[0], list) else scores
    for row in rows:
        label = str(row.get("label", "")).lower()
        if row.get("score", 0.0) >= policy.classifier_threshold and label not in ("safe", "neutral", "ok",
                                                                                     "benign", "normal"):
            return Verdict("classifier:" + label, f"score {row['score']:.2f}")
    return Verdict(None)


def screen_text(text: str, policy: Policy | None = None, where: str = "prompt") -> None:
    """Raise SafetyRefusal when the text breaks the policy."""
    policy = policy or Policy()
    verdict = check_text(text, policy)
    if verdict.ok:
        verdict = classify(text, policy)
    if not verdict.ok:
        cat = verdict.category or "custom"
        label = LABELS.get(cat, cat)
        raise SafetyRefusal(cat, f"{label}: the {where} matched '{verdict.term}'; "
                                 "rephrase the request, or see [safety] in config.toml")

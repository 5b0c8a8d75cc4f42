"""What medialoom does not do, said instead of planned wrongly.

Requests written by people mix media work with jobs no tool here does: translating, summarising,
searching the web, downloading, reading text in a picture (OCR), checking grammar, finding
keywords or topics, judging sentiment, paraphrasing, pulling out links, identifying people,
sending things. Each such part of a request becomes a `left_out` entry ({"words", "reason"})
of the plan, and the rest is still planned; a request that is nothing else is one line saying so.

The table below is read per clause, on the clause's words without its quoted text (a quote is
what to work on, not what to do).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import extract
from .clauses import Clause

_TEXTISH = r"(?:text|article|paragraph|passage|sentence|document|essay|content|transcript\w*|script|story|email|message|post|it|this|that)"
_PICTURE = r"(?:image|picture|photo|scan|screenshot|document|page|poster|sign|jpe?g|png|frame|still)"


@dataclass(frozen=True)
class Missing:
    name: str
    pattern: re.Pattern[str]
    reason: str
    modifier: re.Pattern[str] | None = None  # the part that only says how ("in the style of a.png"), when it can go


def remainder(clause: Clause, item: Missing) -> tuple[str, str] | None:
    """(the words left out, the rest of the clause) when the missing job is only a modifier of an
    action medialoom does ("draw a harbour in the same style as ref.png"); None otherwise."""
    if item.modifier is None or not (m := item.modifier.search(clause.text)):
        return None
    rest = (clause.text[:m.start()] + clause.text[m.end():]).strip(" ,.;")
    if len(rest.split()) < 2 or item.pattern.search(re.sub(r"\s+", " ", extract.strip_quotes(rest))):
        return None
    return m.group(0).strip(" ,.;"), rest


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


MISSING: tuple[Missing, ...] = (
    Missing("download", _rx(r"\b(?:download\w*|fetch\w*|scrap(?:e|ing))\b|\blinks? to (?:an? |the )\b|\b\w+\.url\b|"
                            r"\b(?:found|located|available|hosted) (?:at|on) (?:the |this |a )?(?:url|link|address|\S+\.url)\b|https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|io)\b|"
                            r"\b(?:urls?|websites?|web ?pages?|web ?sites?)\b|\b(?:from|on|at|via) (?:the |a |this |that )?(?:internet|web|link)\b"),
            "medialoom does not download from the internet; save the file and name its path"),
    Missing("search", _rx(r"\b(?:search\w*|look(?:ing)? up|google|browse|query)\b(?! (?:and )?replace)|"
                          r"\b(?:find|get|retrieve|look for|suggest|recommend|provide)\b[^.;]{0,60}?\b(?:related|similar|"
                          r"relevant|matching|corresponding)\b|\b(?:related|similar|relevant) (?:images?|pictures?|photos?|"
                          r"videos?|clips?|articles?|content|information|websites?|links?|results?|songs?|music|texts?)\b|"
                          r"\b(?:gather|collect|research|learn (?:how|about)|look into)\b|\b(?:information|facts|resources|"
                          r"tutorials?) (?:about|on|for|related)\b|"
                          r"\bfind\b[^.;]{0,40}?\b(?:images?|pictures?|photos?|videos?|clips?|articles?|information|info|"
                          r"websites?|pages?|songs?|music|tutorials?|resources|explanations?|examples?|it|them|one)\b(?![^.;]{0,30}\b(?:in|on|of) (?:the|this|that|my) (?:image|photo|picture|video))"),
            "medialoom cannot search the web or a library; name the files to work on"),
    Missing("OCR", _rx(r"\bocr\b|\bimage[- ]to[- ]text\b|\b(?:extract\w*|read\w*|recogni[sz]\w*|get\w*|pull\w*|detect\w*|"
                       r"transcrib\w*|copy\w*|identif\w*)\b[^.;]{0,40}?\b(?:text|words|writing|letters|characters)\b"
                       r"[^.;]{0,30}?\b(?:from|in|on|of|inside)\b[^.;]{0,30}?\b" + _PICTURE + r"|"
                       r"\b(?:text|words|writing) (?:in|on|from|inside) (?:the|this|that|my|an?|each) "
                       r"(?:[\w-]+ )?" + _PICTURE + r"|"
                       r"\b" + _PICTURE + r"\b[^.;]{0,40}?\b(?:containing|contains|with some|has some|that has|which has|"
                       r"having|with (?:a |an )?(?:short |long )?(?:text|quote|poem) (?:written|printed)?)\s*(?:an? |some )?"
                       r"(?:short |brief |long )?(?:text|poem|quote|words|writing|instructions|caption|description)\b|"
                       r"\b(?:written|printed) on (?:it|the " + _PICTURE + r")\b"),
            "medialoom cannot read text in pictures (OCR)"),
    Missing("translate", _rx(r"\btranslat\w*|\b(?:into|to) (?:" + "|".join(extract.LANGUAGES) + r")\b(?! (?:voice|accent))|"
                             r"\b(?:" + "|".join(extract.LANGUAGES) + r") (?:\w+ )?(?:version|translation|document|article)\b|"
                             r"\bwritten in (?:" + "|".join(extract.LANGUAGES) + r")\b|"
                             r"\bfrom (?:" + "|".join(extract.LANGUAGES) + r")\b|\bnon-english\b|\bforeign language\b"),
            "medialoom does not translate text offline; configure an LLM ([llm]) or give the text in the language "
            "to speak"),
    Missing("summarise", _rx(r"\bsummar\w*|\btl;?dr\b|\b(?:main|key) (?:points|ideas|takeaways)\b|\bcondens\w*|"
                             r"\bgist\b|\bbrief overview\b|\bshort(?:er|ened) version\b|\bcompress\w* (?:the )?(?:main )?"
                             r"content\b|\bshorten\w* (?:the |this |my )?(?:text|article|content)"),
            "medialoom does not summarise texts offline; configure an LLM ([llm])"),
    Missing("grammar", _rx(r"\bgrammar\w*|\bgrammatical\w*|\bspell(?:ing)?[- ]?check\w*|\bspelling\b|\bproof-?read\w*|"
                           r"\btypos?\b|\bcorrect(?:ed|ing)? (?:the |any |its |my |all )?(?:errors|mistakes|text|sentence|"
                           r"instructions?|url)"),
            "medialoom does not check or correct grammar; configure an LLM ([llm])"),
    Missing("keywords", _rx(r"\bkey ?words?\b|\bkey ?phrases?\b|\b(?:list of |set of |relevant |related |main |key |"
                            r"possible |new |some )topics?\b|\blist of (?:\w+ ){0,2}(?:topics|themes|ideas)\b|\btopics? (?:discussed|covered|mentioned|related|relevant|for|"
                            r"about|based|from|of)\b|\b(?:extract|generate|suggest|identify|find|come up with)\w* "
                            r"(?:the |a |some )?(?:main |key )?(?:topics?|themes?|subjects?|hashtags?)\b"),
            "medialoom does not extract keywords or topics offline; configure an LLM ([llm])"),
    Missing("sentiment", _rx(r"\bsentiments?\b|\b(?:emotional|emotion) (?:tone|analysis)\b|\banaly[sz]\w* (?:the |its |their )?"
                             r"(?:tone|mood|feelings?|emotions?|opinion)\b|\b(?:positive|negative) or (?:negative|positive)\b"),
            "medialoom does not analyse sentiment"),
    Missing("paraphrase", _rx(r"\bparaphras\w*|\brephras\w*|\breword\w*|\barticle spinn\w*|\bspin (?:the |this |my )?(?:article|text|content)|\bunique version\b|\bsimplif\w*|"
                              r"\bsimpler\b[^.;]{0,30}?\b(?:terms|words|language|version|manner|way)\b|\beasier[- ]to[- ]understand\b|"
                              r"\bmore understandable\b|\bre-?written\b|\bplagiari\w*|\bunique\b[^.;]{0,25}?\bversion\b|"
                              r"\bdifferent version of (?:the |this |my |following )?(?:text|article|paragraph|content)|\bre-?writ\w*\b(?=[^.;]{0,40}?\b"
                              + _TEXTISH + r"\b)(?![^.;]{0,40}?\bprompt)|\bnew version of (?:the |this |my )?"
                              r"(?:text|article|paragraph)"),
            "medialoom does not rewrite given texts offline (it writes new ones from a prompt); configure an LLM "
            "([llm])"),
    Missing("style", _rx(r"\b(?:visual |artistic |painting |drawing )?style of (?:the |my |this |that |an? )?"
                         r"(?:[\w-]+ )?(?:[\w./-]+\.(?:jpe?g|png|webp|gif|bmp)|image|picture|photo|painting|reference)\b|"
                         r"\bstyle (?:image|reference|transfer)\b|\b(?:same|similar) (?:visual |artistic )?style as\b|"
                         r"\bstyle (?:from|of) (?:the |my |this |that |an? )?(?:[\w-]+ )?[\w./-]+\.(?:jpe?g|png|webp|gif|bmp)\b|"
                         r"\b[\w./-]+\.(?:jpe?g|png|webp|gif|bmp)(?:'s)? style\b"),
            "medialoom cannot copy the style of a reference picture (name the style in words instead, e.g. 'as a "
            "watercolour')",
            _rx(r",?\s*\b(?:in|with|using|following|matching|and (?:apply|use))\s+(?:the\s+)?(?:same\s+|similar\s+)?"
                r"(?:visual\s+|artistic\s+)?style\s+(?:of|as|from|like)\s+(?:the\s+|my\s+|this\s+|that\s+|an?\s+)?"
                r"(?:[\w-]+\s+)?['\"“‘]?[\w./ -]*?\.(?:jpe?g|png|webp|gif|bmp)['\"”’]?")),
    Missing("stabilise", _rx(r"\bstabili[sz]\w*|\bshaky\b|\bshake reduction\b|\bdeshak\w*|\bsteady the (?:video|clip|footage)\b"),
            "medialoom cannot stabilise shaky video"),
    Missing("text file", _rx(r"(?<![\w/.~-])[\w~./-]*[\w-]\.(?:txt|md|srt|vtt|docx?|pdf|rtf|odt)\b"),
            "this text file could not be read (medialoom reads UTF-8 .txt and .md files of up to 3000 characters "
            "from the folder it runs in); paste the text in quotes instead (e.g. read 'Once upon a time ...' aloud)"),
    Missing("links", _rx(r"\b(?:extract\w*|find|get|pull\w*|list)\b[^.;]{0,30}?\b(?:urls?|links?|web ?addresses?|"
                         r"hyperlinks?)\b"),
            "medialoom does not extract links"),
    Missing("identify", _rx(r"\b(?:identify|recogni[sz]e|who is|who are|name)\b[^.;]{0,30}?\b(?:person|people|faces?|"
                            r"celebrit\w*|man|woman|actors?|speakers?)\b|\bface recognition\b"),
            "medialoom does not identify people"),
    Missing("detect", _rx(r"\b(?:detect|classify|classification|count)\w*\b[^.;]{0,30}?\b(?:objects?|things|items|"
                          r"animals?|people|cars|labels?|categor\w*)\b|\bobject detection\b|\bquestions? about\b|"
                          r"\banswer (?:the |my |a |this )?questions?\b"),
            "medialoom does not detect, count or classify objects or answer questions about media"),
    Missing("send", _rx(r"\b(?:send|e-?mail|post|upload|publish|tweet|share)\w*\b[^.;]{0,40}?\b(?:to|on|with|via)\b"
                        r"[^.;]{0,30}?\b(?:me|him|her|them|my|our|twitter|facebook|instagram|youtube|tiktok|server|cloud|"
                        r"boss|team|friends?|colleagues?|channel|website|drive|dropbox|inbox|address)\b"),
            "medialoom does not send, post or upload files; take them from --out"),
)

# words of a clause that make it one medialoom does, even if a missing job is named in it too
# ("transcribe the speech into English" is a transcription: the language is the speaker's)
_MEDIA_WORK = _rx(r"\b(?:transcri\w*|narrat\w*|voice-?over|read\w* (?:it |this |that )?(?:aloud|out loud)|"
                  r"speak|say|dub\w*)\b")


def missing(clause: Clause) -> Missing | None:
    """The first job in the clause that medialoom does not do, if any."""
    words = re.sub(r"\s+", " ", extract.strip_quotes(clause.text))
    for item in MISSING:
        if item.pattern.search(words):
            if item.name == "translate" and _MEDIA_WORK.search(words) and not re.search(r"\btranslat", words, re.I):
                continue  # "read it aloud in French", "narrate it into Spanish": speech in that language
            return item
    return None


def left_out_entry(clause: Clause, item: Missing) -> dict[str, str]:
    return {"words": clause.text.strip(" ,.;:!?"), "reason": item.reason}

"""Saved web pages as articles: the second reader (reader.py calls it for *.html seeds).

trafilatura finds the main text and reads the page's own metadata (title, site name, date, canonical URL,
author). What it keeps beyond the article's body on real pages is removed here by rules about kinds of
lines, not about one outlet's wording: headings (the headline, the standfirst, "More from …"), section
footers ("This article appeared in …", "A version of this article appears in print …"), calls to sign up
or subscribe, "read more" and "related" lists, share buttons and other interface words, photo credits,
bylines and datelines standing alone, and a paragraph repeated as a pull quote. `scripts/html_eval.py`
measures what is kept on saved pages.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from dataclasses import dataclass

import trafilatura
from trafilatura.metadata import META_URL


# trafilatura and htmldate log through the root logger's last resort (stderr) when nothing is configured.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Dates only from the page's metadata (meta tags, JSON-LD, <time>, the URL), never from dates in the text;
# a fixed ceiling, so that a build does not depend on the day it runs.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2100-12-31"}

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
                               re.I)
# Browsers read these labels as Windows-1252 (WHATWG Encoding Standard), and so do we.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819", "ibm819",
                    "iso_8859-1", "windows-1252", "cp1252", "x-cp1252"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# How a paragraph of running text ends: a full stop, a question, a closing quote or bracket, or an
# end-of-article mark (■). Headlines, standfirsts, teasers, menus and credits mostly end otherwise.
_SENTENCE_END = re.compile(r"[.!?…:;\"”’'»)\]■□▪◼●◆♦∎]$")
# A paragraph this long that ends like a sentence is body text even among teasers.
_BODY_WORDS = 25

# A line that says where the article appeared, how it was made or changed, or who helped: about the article,
# not part of it. Matched at the start of a short paragraph.
_FOOTER = re.compile(
    r"^(?:\W*(?:an? |the )?(?:earlier |shorter |longer |previous |print |updated |original )?versions? of )?"
    r"this (?:article|story|piece|report|column|essay|interview|post|feature|op-?ed|commentary|analysis|"
    r"newsletter|episode)\b.{0,60}?\b(?:appear(?:s|ed)|ran|runs"
    r"|was (?:first |originally |also )?(?:published|produced|reported|written|updated|amended|corrected|edited|"
    r"adapted|supported|funded|made possible)"
    r"|is (?:part of|published|republished|adapted|produced|supported|funded|more than \d+)"
    r"|has been (?:updated|amended|corrected|edited)|first (?:appeared|published|ran)"
    r"|originally (?:appeared|published|ran))\b"
    r"|^\W*(?:originally|first) (?:published|appeared|ran)\b"
    r"|^\W*(?:additional )?(?:reporting|writing|editing|research|translation|production) by\b"
    r"|\bcontributed (?:reporting|research|to this (?:report|story|article))\b"
    r"|^\W*(?:with (?:additional )?(?:assistance|reporting) from|to contact the (?:reporters?|editors?|authors?))\b"
    r"|^\W*sources?\s*:|^\W*(?:our|editorial) (?:standards|guidelines|policy|principles)\s*:"
    r"|^\W*(?:copyright|©)|\ball rights reserved\b",
    re.I)
_FOOTER_WORDS = 45
# A call to action where a sentence or clause begins, and the thing it sells close after it:
# "For more expert analysis …, sign up to Money Talks, our weekly subscriber-only newsletter."
_CALL_TO_ACTION = re.compile(
    r"(?:^|[.!?,:;–—(]\s*|\bplease\s+)(?:sign(?:ing)? up|subscribe|register|log in|sign in|download|join|"
    r"donate|upgrade|unlock|support|follow|get|try|listen|become)\b", re.I)
_PROMOTED = re.compile(
    r"\b(?:newsletters?|inbox|e-?mails?|podcasts?|apps?|subscri(?:ber|bers|ption|ptions|be)|alerts|"
    r"membership|member|journalism|donation|premium|free trial|unlimited (?:access|articles)|"
    r"our (?:free |daily |weekly )?(?:briefing|digest|edition)|ios|android|whatsapp channel|us on)\b", re.I)
_PROMOTED_REACH = 80
_PROMO_WORDS = 45
# Lines that announce other articles: "More from Leaders", "READ MORE: …", "Related stories", "Explore more".
_RELATED = re.compile(
    r"^\W*(?:(?:read|see|watch|listen to)(?: (?:more|also|next|this next|the full|more on|our))"
    r"|(?:also|further|recommended|suggested|essential) (?:read(?:ing)?|watch(?:ing)?)"
    r"|more (?:from|on|in|about|stories|coverage|news|to read|like this)|read more\b|(?:watch|listen|read)(?=\s*:)"
    r"|related(?: (?:articles?|stories|content|coverage|reading|topics?|links?|news|posts?|videos?))?\b"
    r"|recommended(?: for you| stories| articles)?\b|most (?:read|popular|viewed|shared|commented)\b"
    r"|(?:explore|discover) (?:more|the edition|stories|our)|you (?:may|might|will) (?:also )?(?:like|enjoy|be interested)"
    r"|(?:top|latest|trending|popular) (?:stories|news|headlines|videos|articles|now)\b|trending\b"
    r"|editor'?s? (?:picks?|choice)|don'?t miss|in case you missed it|what to read next|around the web"
    r"|(?:sponsored|partner|paid) (?:content|stories|post)|continue reading|keep reading|up next)",
    re.I)
_RELATED_WORDS = 12
# Interface words: share buttons, reading times, advertising labels, media controls.
_INTERFACE = frozenset("""
    share shares shared sharing facebook twitter x linkedin whatsapp telegram reddit pinterest flipboard
    messenger email e-mail mail print copy link links url save saved bookmark bookmarks comment comments
    follow following gift article articles this story page on via tweet listen min mins minute minutes read
    reading time advertisement advertising ad ads skip to content main menu close open search sign in log
    out back top next previous reprints permissions show hide more less caption toggle full screen image
    images photo photos video videos gallery play pause audio transcript view and the a of your options us
    supported by
""".split())
_INTERFACE_WORDS = 8
# Photo credits and captions that trafilatura keeps as text: "Photograph: Jane Doe/AFP via Getty Images".
_CREDIT = re.compile(
    r"(?:^|[\s(\[|–—-])(?:photo(?:graph)?s?|image|picture|illustration|video|graphic|footage|credit|"
    r"file photo|pictured|top image|main image|cover image)(?: (?:by|credit|source|caption))?\s*(?:[:©|]|\.\.\.|…)"
    r"|^\W*(?:image|photo|video|picture) (?:source|caption|credit)s?\b"
    r"|©|\b\w+ ?/ ?(?:getty(?: images)?|afp|reuters|ap|epa|efe|shutterstock|alamy|bloomberg|xinhua|tass|"
    r"sputnik|anadolu|sipa|zuma|rex|pa|nurphoto|ria novosti)\b|\bvia getty images\b",
    re.I)
_CREDIT_WORDS = 40
# Datelines and bylines standing alone: "Middle East & Africa May 6th 2023", "Updated 10:32 GMT, 5 March
# 2023", "By Jane Doe and John Roe". What remains besides the date is a few capitalised words.
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?(?:\s+\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}(?:t[\d:.]+z?)?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|et|est|edt|pt|pst|pdt|ist|msk))?"
    rf"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|yesterday|today)\b",
    re.I)
_DATELINE_MARKERS = re.compile(r"\b(?:published|updated|posted|last (?:updated|modified)|first published|on|at|"
                               r"by|and|&|of|the|in)\b|[|·•,:–—/-]", re.I)
_BYLINE = re.compile(r"^by\s+\S", re.I)
_METADATA_WORDS = 14
# A pull quote repeats a sentence of the text; shorter repeats may be coincidence.
_PULL_QUOTE_WORDS = (6, 60)
_BREAK = "\x01"
_BREAKS = re.compile(r"\x01\s*\x01[\s\x01]*")


class PageError(Exception):
    """A page that cannot be used; the message is the reason (reader.py reports it as a SeedError)."""


@dataclass(frozen=True)
class Block:
    """One piece of the extracted text: a paragraph ("p"), a heading ("head") or a list item ("item")."""

    kind: str
    text: str


# `make serve` rebuilds on every change to seeds/, and a page takes trafilatura a few tenths of a second: a page
# whose bytes have not changed is not read again in the same process.
_READ: dict[bytes, tuple[dict[str, str], tuple[str, ...], str]] = {}
_READ_MAX = 4096


def parse_page(data: bytes) -> tuple[dict[str, str], tuple[str, ...], str]:
    """(metadata found on the page, paragraphs of the article, "utf-8" or "cp1252" if guessed) or PageError."""
    key = hashlib.sha256(data).digest()
    if key not in _READ:
        if len(_READ) >= _READ_MAX:
            del _READ[next(iter(_READ))]
        _READ[key] = _parse_page(data)
    meta, paragraphs, encoding = _READ[key]
    return dict(meta), paragraphs, encoding


def _parse_page(data: bytes) -> tuple[dict[str, str], tuple[str, ...], str]:
    if not data.strip():
        raise PageError("empty page")
    text, encoding = _decode(data)
    try:
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            include_formatting=False, include_links=False, date_extraction_params=dict(_DATE_PARAMS))
    except Exception as error:  # noqa: BLE001 - a fault of the extractor on one page is that page's one line
        raise PageError(f"could not be read as a web page ({type(error).__name__}: {error})") from None
    if document is None or document.body is None:
        raise PageError("no article text found on the page")
    meta = _metadata(document)
    paragraphs = article_paragraphs(list(_blocks(document.body)), meta.get("title"))
    if not paragraphs:
        raise PageError("no article text found on the page")
    return meta, paragraphs, encoding


def _decode(data: bytes) -> tuple[str, str]:
    """The page as text: by its byte order mark, else by the charset it declares, else as UTF-8. The encoding
    returned is "utf-8" unless the page was guessed to be Windows-1252, which the build reports."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding, encoding)), "utf-8"
    if b"\x00" in data:
        raise PageError("binary data, not a web page")
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        encoding = "cp1252" if label in _AS_WINDOWS_1252 else label
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise PageError(f"declares an unknown character encoding '{label}'") from None
        return _checked(_strict(data, encoding, label)), "utf-8"
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as error:
        # As for text seeds: old tools save Windows-1252, which decodes unambiguously where UTF-8 fails.
        try:
            return _checked(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            raise PageError(f"declares no character encoding and is not UTF-8 (byte {error.start})") from None


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise PageError(f"is not valid {label} (byte {error.start}), the encoding it declares") from None


def _checked(text: str) -> str:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise PageError("binary data, not a web page")
    return _CONTROL.sub("", text)


def _metadata(document) -> dict[str, str]:
    """The front matter the page itself gives; a field it lacks is left out."""
    meta = {"title": document.title, "source": document.sitename, "published": document.date,
            "url": document.url, "author": document.author}
    # trafilatura falls back to the domain of the URL for the site name; that is a guess, not the page's word.
    if document.url and document.sitename:
        match = META_URL.match(document.url)
        if match and match[1] == document.sitename:
            meta["source"] = None
    return {key: _clean(value) for key, value in meta.items() if value and _clean(value)}


def _clean(value: str) -> str:
    return " ".join(_CONTROL.sub("", str(value)).split())


def _blocks(body):
    """The extracted body as blocks, in order. trafilatura's <lb/> is a line break: two make a new paragraph."""
    for element in body:
        if element.tag == "list":
            for item in element.iter("item"):
                yield from _split("item", item)
        elif element.tag == "head":
            yield from _split("head", element)
        elif element.tag not in ("table", "graphic"):
            yield from _split("p", element)
        if element.tail and element.tail.strip():
            yield Block("p", _clean(element.tail))


def _split(kind: str, element):
    pieces = [element.text or ""]
    for child in element:
        # A nested list comes as its own items.
        pieces.append(_BREAK if child.tag == "lb" else "" if child.tag == "list" else "".join(child.itertext()))
        pieces.append(child.tail or "")
    text = _BREAKS.sub("\n", "".join(pieces)).replace(_BREAK, " ")
    for line in text.split("\n"):
        if line.strip():
            yield Block(kind, _clean(line))


def article_paragraphs(blocks: list[Block], title: str | None) -> tuple[str, ...]:
    """The article's body paragraphs: blocks less the boilerplate (see the module docstring)."""
    title_key = _key(title) if title else None
    kept: list[Block] = []
    skipping = False  # inside a list of other articles, after a "Related stories" line
    for at, block in enumerate(blocks):
        words = len(block.text.split())
        related = _related(block.text, words)
        if related == "lead-in":  # "READ MORE: Another headline": the line itself
            continue
        if related == "list":
            # A heading over other articles with no body text after it ends the article ("More from …");
            # elsewhere the teasers that follow go, up to the next sentence of the text.
            if block.kind == "head" and not any(b.kind == "p" and _is_body(b.text, len(b.text.split()))
                                                for b in blocks[at + 1:]):
                break
            skipping = True
            continue
        if skipping:
            if block.kind == "p" and _ends_like_sentence(block.text):
                skipping = False
            else:
                continue
        if block.kind == "head" or _key(block.text) == title_key or _is_boilerplate(block.text, words):
            continue
        kept.append(block)
    # Before the first paragraph of running text and after the last: kickers, standfirsts, bylines, teasers.
    while kept and not _ends_like_sentence(kept[0].text):
        kept.pop(0)
    while kept and not _ends_like_sentence(kept[-1].text):
        kept.pop()
    texts = [block.text for block in kept]
    return tuple(text for i, text in enumerate(texts) if not _repeats_another(text, texts, i))


def _is_boilerplate(text: str, words: int) -> bool:
    return (words <= _FOOTER_WORDS and _FOOTER.search(text) is not None
            or words <= _PROMO_WORDS and _is_promotion(text)
            or words <= _CREDIT_WORDS and _is_credit(text)
            or words <= _INTERFACE_WORDS and _is_interface(text)
            or words <= _METADATA_WORDS and _is_metadata_line(text))


def _is_promotion(text: str) -> bool:
    return any(_PROMOTED.search(text[m.start():m.end() + _PROMOTED_REACH]) for m in _CALL_TO_ACTION.finditer(text))


def _is_credit(text: str) -> bool:
    # A credit ends without a full stop ("Photograph: Jane Doe/AFP") or in brackets ("(Photo by …/Getty)").
    return _CREDIT.search(text) is not None and (not _ends_like_sentence(text) or text.rstrip().endswith(")"))


def _related(text: str, words: int) -> str | None:
    """"lead-in" for "READ MORE: Another headline", "list" for a short line over other articles ("More from
    Leaders", "Related stories", "Explore the edition"), else None."""
    match = _RELATED.match(text)
    if not match:
        return None
    if text[match.end():].lstrip().startswith(":"):
        return "lead-in"
    return "list" if words <= _RELATED_WORDS and not _ends_like_sentence(text) else None


def _is_interface(text: str) -> bool:
    tokens = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", text.lower())
    return all(token in _INTERFACE for token in tokens)


def _is_metadata_line(text: str) -> bool:
    if _ends_like_sentence(text) and not text.rstrip().endswith((".", ")")):
        return False
    if _BYLINE.match(text):
        rest = _DATE.sub(" ", text[3:])
    elif _DATE.search(text):
        rest = _DATE.sub(" ", text)
    else:
        return False
    rest = _DATELINE_MARKERS.sub(" ", rest)
    names = re.findall(r"[^\W\d_][\w'’.-]*", rest)
    return len(names) <= 6 and all(name[0].isupper() for name in names)


def _is_body(text: str, words: int) -> bool:
    return words >= _BODY_WORDS and _ends_like_sentence(text)


def _ends_like_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text.rstrip()) is not None


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _repeats_another(text: str, texts: list[str], index: int) -> bool:
    """A pull quote: a paragraph whose words all come, in order, inside a longer one."""
    key = _key(text)
    if not _PULL_QUOTE_WORDS[0] <= len(key.split()) <= _PULL_QUOTE_WORDS[1]:
        return False
    return any(j != index and len(other) > len(text) and f" {key} " in f" {_key(other)} "
               for j, other in enumerate(texts))

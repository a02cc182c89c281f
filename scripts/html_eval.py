"""How well saved web pages become articles: `python scripts/html_eval.py [PAGES] [--labels FILE] [--show]`.

For each labelled page (tests/fixtures/samples-html-labels.yml, read by hand; the pages stay where they lie,
../shared/samples-html/ by default), the reference body paragraphs are taken from the page itself with the
label's XPath, checked against the label's count and first words, and compared with what the reader
extracts (webpage.parse_page) and with what trafilatura alone gives:
- body: the share of the reference paragraphs extracted identically, after whitespace normalisation and
  case folding (some sites set abbreviations in small capitals);
- boilerplate: the share of extracted paragraphs that are not body paragraphs;
- title, source, date and URL against the label.

With --prose DIR, real article text of other outlets (one paragraph per line, headline first, e.g.
../shared/eval/polnear-dev/*.txt) is set in a page of our own making, with the boilerplate news pages carry
around it (navigation, byline, dateline, share buttons, a caption, "READ MORE" and newsletter lines, an
advertisement label, a related box, a print footer, credits, a "More from" list), and the same figures are
taken: whether rules written for boilerplate eat real body text of other writers and outlets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import sys
from pathlib import Path

import lxml.html
import trafilatura
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from briefing.webpage import PageError, parse_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "samples-html"
LABELS = ROOT / "tests" / "fixtures" / "samples-html-labels.yml"
FIELDS = ("title", "source", "published", "url")


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def reference(page: Path, label: dict, body_xpath: str) -> list[str]:
    """The page's body paragraphs by the label's XPath, less the ones the label says are not the article."""
    tree = lxml.html.fromstring(page.read_bytes())
    texts = [" ".join(e.text_content().split()) for e in tree.xpath(label.get("body", body_xpath))]
    skip = [normalise(words) for words in label.get("not_body", [])]
    texts = [t for t in texts if t and not any(normalise(t).startswith(words) for words in skip)]
    firsts = [normalise(words) for words in label["first_words"]]
    if len(texts) != label["paragraphs"] or len(firsts) != len(texts) or \
            not all(normalise(t).startswith(w) for t, w in zip(texts, firsts)):
        raise SystemExit(f"{page.name}: the label does not fit the page ({len(texts)} body paragraphs found)")
    return texts


def score(extracted: list[str], body: list[str]) -> tuple[int, int]:
    """(body paragraphs extracted identically, extracted paragraphs that are not body paragraphs)."""
    wanted, got = {normalise(t) for t in body}, {normalise(t) for t in extracted}
    return (sum(1 for t in body if normalise(t) in got),
            sum(1 for t in extracted if normalise(t) not in wanted))


def trafilatura_alone(data: bytes) -> list[str]:
    document = trafilatura.bare_extraction(data, include_comments=False, include_tables=False)
    return [line for line in (document.text if document else "").split("\n") if line.strip()]


def evaluate(pages: Path, labels_file: Path, show: bool = False) -> tuple[list[tuple], dict[str, int]]:
    """(one row per labelled page found, the totals)."""
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    rows, totals = [], dict.fromkeys(("body", "found", "extracted", "boilerplate", "alone_found",
                                      "alone_extracted", "alone_boilerplate", "fields", "fields_right"), 0)
    for name, label in labels["pages"].items():
        page = pages / name
        if not page.is_file():
            print(f"{name}: not in {pages}, skipped", file=sys.stderr)
            continue
        body = reference(page, label, labels["body"])
        try:
            meta, paragraphs, _ = parse_page(page.read_bytes())
        except PageError as error:
            meta, paragraphs = {}, ()
            print(f"{name}: {error}", file=sys.stderr)
        found, boilerplate = score(list(paragraphs), body)
        alone = trafilatura_alone(page.read_bytes())
        alone_found, alone_boilerplate = score(alone, body)
        wrong = [field for field in FIELDS
                 if str(meta.get(field)) != (label[field].isoformat() if isinstance(label[field], dt.date)
                                             else str(label[field]))]
        rows.append((name, len(body), found, len(paragraphs), boilerplate, alone_found, len(alone),
                     alone_boilerplate, wrong))
        for key, value in (("body", len(body)), ("found", found), ("extracted", len(paragraphs)),
                           ("boilerplate", boilerplate), ("alone_found", alone_found),
                           ("alone_extracted", len(alone)), ("alone_boilerplate", alone_boilerplate),
                           ("fields", len(FIELDS)), ("fields_right", len(FIELDS) - len(wrong))):
            totals[key] += value
        if show:
            got = {normalise(t) for t in paragraphs}
            wanted = {normalise(t) for t in body}
            for text in body:
                if normalise(text) not in got:
                    print(f"  {name}: missed: {text[:100]}")
            for text in paragraphs:
                if normalise(text) not in wanted:
                    print(f"  {name}: not body: {text[:100]}")
            for field in wrong:
                print(f"  {name}: {field}: {meta.get(field)!r}, label {label[field]!r}")
    return rows, totals


# Boilerplate set around the prose, varied from page to page: several wordings of each kind.
_PROMOS = ("Sign up for our free morning newsletter to get the day's top stories in your inbox.",
           "For more analysis of the campaign, subscribe to The Ballot, our weekly politics newsletter.",
           "Get our app for iOS and Android.")
_RELATED = ("READ MORE: Senate leaders fail to agree on spending bill", "Related: What the polls say now",
            "Read more: The week in politics")
_FOOTERS = ("This article appeared in the print edition under the headline “A week to remember”",
            "A version of this article appears in print on Sept. 13, 2016, on Page A1 of the New York edition.",
            "Reporting by Ann Lee; Editing by Tom Hale")


def prose_page(title: str, paragraphs: list[str], n: int) -> bytes:
    """A saved page of our making around real article text."""
    e = html.escape
    body = [f"<p>{e(p)}</p>" for p in paragraphs]
    body.insert(min(3, len(body)), f'<p class="x{n}a">{e(_RELATED[n % 3])}</p>')
    body.insert(min(6, len(body)), f'<div class="x{n}b"><p>{e(_PROMOS[n % 3])}</p></div>')
    body.insert(min(8, len(body)), '<div class="x9"><p>Advertisement</p></div>')
    body.insert(min(10, len(body)), f'<div class="x{n}c"><h3>Related stories</h3><ul><li><a href="/a">Governor signs '
                                    'budget after long standoff</a></li><li><a href="/b">Five things to watch '
                                    'this week</a></li></ul></div>')
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": "2016-09-12T10:00:00Z", "publisher": {"@type": "Organization",
                                                                            "name": "The Daily Example"}})
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(title)} | The Daily Example</title>
<link rel="canonical" href="https://daily.example.com/politics/{n}"><script type="application/ld+json">{ld}</script>
</head><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/world">World</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article><h1>{e(title)}</h1><p class="x{n}d">By Jane Doe and John Roe</p>
<p class="x{n}e">Updated 10:32 AM EST, Mon September 12, 2016</p>
<ul class="x{n}f"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li><li>Copy link</li></ul>
<figure><img src="a.jpg" alt=""><figcaption>The candidates on stage. Photograph: Ann Ruiz/AFP via Getty Images
</figcaption></figure><div class="x{n}g">{"".join(body)}<p><em>{e(_FOOTERS[n % 3])}</em></p></div></article>
<div class="x{n}h"><h2>More from Politics</h2><h3>The mayor’s race tightens</h3><p>A late surge for the challenger</p>
<h3>Five things to watch this week</h3><p>From the budget to the courts</p></div></main>
<footer><p>Copyright © The Daily Example 2016. All rights reserved.</p></footer></body></html>""".encode()


def evaluate_prose(folder: Path, show: bool = False) -> dict[str, int]:
    totals = dict.fromkeys(("pages", "body", "found", "extracted", "boilerplate"), 0)
    for n, path in enumerate(sorted(folder.glob("*.txt"))):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) < 3:
            continue
        title, body = lines[0], lines[1:]
        _, paragraphs, _ = parse_page(prose_page(title, body, n))
        found, boilerplate = score(list(paragraphs), body)
        for key, value in (("pages", 1), ("body", len(body)), ("found", found), ("extracted", len(paragraphs)),
                           ("boilerplate", boilerplate)):
            totals[key] += value
        if show:
            got, wanted = {normalise(t) for t in paragraphs}, {normalise(t) for t in body}
            for text in body:
                if normalise(text) not in got:
                    print(f"  {path.name}: missed: {text[:110]}")
            for text in paragraphs:
                if normalise(text) not in wanted:
                    print(f"  {path.name}: not body: {text[:110]}")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=PAGES, help="folder of saved pages")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--show", action="store_true", help="print every miss and every boilerplate paragraph")
    parser.add_argument("--prose", type=Path, help="folder of real article text to set in pages of our making")
    args = parser.parse_args(argv)
    if args.prose:
        t = evaluate_prose(args.prose, args.show)
        print(f"{t['pages']} pages: body paragraphs identical {t['found']}/{t['body']} = {t['found'] / t['body']:.4f}; "
              f"boilerplate among extracted {t['boilerplate']}/{t['extracted']} = "
              f"{t['boilerplate'] / max(1, t['extracted']):.4f}")
        return 0
    rows, totals = evaluate(args.pages, args.labels, args.show)
    print("| page | body paragraphs | identical | extracted | boilerplate | trafilatura alone: identical, "
          "extracted, boilerplate | metadata wrong |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, n, found, extracted, boilerplate, alone_found, alone, alone_boilerplate, wrong in rows:
        print(f"| {name[:48]} | {n} | {found} | {extracted} | {boilerplate} | {alone_found}, {alone}, "
              f"{alone_boilerplate} | {', '.join(wrong) or 'none'} |")
    t = totals
    if not t["body"]:
        print("no labelled page found", file=sys.stderr)
        return 1
    print(f"\nbody paragraphs identical: {t['found']}/{t['body']} = {t['found'] / t['body']:.3f} "
          f"(trafilatura alone {t['alone_found'] / t['body']:.3f})")
    print(f"boilerplate among extracted: {t['boilerplate']}/{t['extracted']} = "
          f"{t['boilerplate'] / max(1, t['extracted']):.3f} "
          f"(trafilatura alone {t['alone_boilerplate']}/{t['alone_extracted']} = "
          f"{t['alone_boilerplate'] / max(1, t['alone_extracted']):.3f})")
    print(f"title, source, date, URL right: {t['fields_right']}/{t['fields']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

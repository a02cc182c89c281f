"""How well saved web pages become articles: `python scripts/html_eval.py [PAGES] [--labels FILE] [--show]`.

For each labelled page (tests/fixtures/samples-html-labels.yml, read by hand; the pages stay where they lie,
../shared/samples-html/ by default), the reference body paragraphs are taken from the page itself with the
label's XPath, checked against the label's count and first words, and compared with what the reader
extracts (webpage.parse_page) and with what trafilatura alone gives:
- body: the share of the reference paragraphs extracted identically, after whitespace normalisation and
  case folding (some sites set abbreviations in small capitals);
- boilerplate: the share of extracted paragraphs that are not body paragraphs;
- title, source, date and URL against the label.
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=PAGES, help="folder of saved pages")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--show", action="store_true", help="print every miss and every boilerplate paragraph")
    args = parser.parse_args(argv)
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

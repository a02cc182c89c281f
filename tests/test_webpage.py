"""Saved web pages as seeds: the article's paragraphs whole and in order, the page's own metadata, boilerplate
left out, a sidecar that overrides, and one clear line for a page that cannot be used."""

from pathlib import Path

import pytest

from briefing.reader import SeedError, parse_web_page, read_seeds
from briefing.webpage import Block, PageError, article_paragraphs, parse_page

PAGES = Path(__file__).parent / "fixtures" / "html"
HARBOUR = (PAGES / "harbour-tariffs.html").read_bytes()  # navigation, promotions, credits, JSON-LD metadata
PLAIN = (PAGES / "plain-notes.html").read_bytes()  # no metadata at all

HARBOUR_PARAGRAPHS = (
    "EASTPORT’s harbour board raised its berthing fees by a fifth on Monday, the second rise in a year, and the "
    "town’s fishing crews say the timing could hardly be worse.",
    "“We are paying more to tie up a boat that brings in less every month,” says Tom Hale, who skippers one of "
    "the last six trawlers still working out of the port. He expects at least two of them to be sold before the "
    "summer.",
    "The board says the money will pay for dredging the outer channel, which has silted up since the storms of "
    "2022. Its chair, Priya Nand, an engineer, said the channel would close to larger vessels within three years "
    "if nothing was done.",
    "Dr Lena Okafor, an economist at the University of Eastport, thinks the fleet’s troubles run deeper than the "
    "fees. “The quotas were cut long before the tariffs went up,” she says. “The fees are the last straw, not the "
    "first.”",
    "For now the crews are looking for savings elsewhere. Several have agreed to share a single ice supplier, and "
    "the co-operative that sells their fish is talking to buyers in two inland cities.",
    "Whether that is enough will be clear by the autumn, when the board reviews its fees again.",
)


def test_a_page_gives_its_paragraphs_whole_in_order_and_no_boilerplate():
    meta, paragraphs, encoding = parse_page(HARBOUR)
    # Left out: the navigation, kicker, headline, standfirst, byline, dateline, share buttons, caption,
    # "READ MORE" line, advertisement label, pull quote, newsletter box, print-edition footer, "More from" list.
    assert paragraphs == HARBOUR_PARAGRAPHS
    assert encoding == "utf-8"


def test_metadata_comes_from_the_page_itself():
    meta, _, _ = parse_page(HARBOUR)
    assert meta == {
        "title": "Port tariffs squeeze Eastport’s fishing fleet",
        "source": "The Harbour Gazette",
        "published": "2024-03-06",
        "url": "https://news.example.org/business/2024/03/06/port-tariffs-squeeze-eastport-fishing-fleet",
        "author": "Mara Quist",
    }


def test_metadata_the_page_lacks_is_absent_not_invented():
    meta, paragraphs, _ = parse_page(PLAIN)
    assert meta == {}  # no title, no site, and not the date its text mentions (3 March 2023)
    assert len(paragraphs) == 3 and paragraphs[0].startswith("The allotment committee met")


def test_a_page_without_a_title_is_named_by_its_file(tmp_path):
    (tmp_path / "allotment-notes.html").write_bytes(PLAIN)
    from briefing.analyse import analyse
    from briefing.config import load_config
    from briefing.themes import ThemeMatcher

    (tmp_path / "themes.yml").write_bytes((Path(__file__).parents[1] / "seeds" / "themes.yml").read_bytes())
    sources, errors = read_seeds(tmp_path)
    config, _ = load_config(tmp_path)
    article = analyse(sources[0], config, ThemeMatcher(config.themes))
    assert not errors
    assert (article.title, article.source, article.published, article.url) == ("Allotment notes", None, None, None)


def _kept(*lines: str, kind: str = "p") -> tuple[str, ...]:
    """What survives of these lines between two paragraphs of running text."""
    blocks = [Block("p", HARBOUR_PARAGRAPHS[0])] + [Block(kind, line) for line in lines] + \
        [Block("p", HARBOUR_PARAGRAPHS[1])]
    return article_paragraphs(blocks, None)[1:-1]


@pytest.mark.parametrize("line", [
    # section footers
    "This article appeared in the Europe section of the print edition under the headline “Cold comfort”",
    "A version of this article appears in print on March 6, 2024, Section A, Page 8 of the New York edition.",
    "This story was originally published by our partners at the Lakeside Courier.",
    "This article is more than 5 years old",
    "Reporting by Ann Lee; Editing by Tom Hale",
    "Associated Press writer Kim Ode in Oslo contributed to this report.",
    "© 2024 The Harbour Gazette. All rights reserved.",
    "With assistance from Kim Ode and Ann Lee.",
    "To contact the reporter on this story: Ann Lee in Oslo",
    "Source: Al Jazeera and news agencies",
    "Our Standards: The Trust Principles.",
    # newsletter promotions and other calls to action
    "For more expert analysis of the biggest stories in economics, sign up to Money Talks, our weekly newsletter.",
    "Sign up for our free morning briefing, delivered to your inbox.",
    "Want the best of our journalism every day? Subscribe now.",
    "Get our app for iOS and Android.",
    "Follow us on Twitter and Instagram.",
    # "read more" links
    "READ MORE: Eastport council votes to sell the old fish market",
    "Related: How the price cap works",
    "Read more of our recent coverage of the Ukraine crisis",
    # share buttons and interface words
    "Share", "Share on Facebook", "Copy link", "Advertisement", "5 min read", "Listen to this article",
    # captions and credits
    "Photograph: Ann Ruiz/AFP via Getty Images",
    "Trawlers in Eastport harbour. Photo: Reuters",
    "Image source, Getty Images",
    "(Photo by Jane Doe/AFP via Getty Images)",
    "Credit...Ann Ruiz for The Harbour Gazette",
    "Supported by",
    # datelines and bylines standing alone
    "Middle East & Africa May 6th 2023",
    "Published 6 March 2024",
    "Updated 10:32 GMT, Tue 5 March 2024",
    "By Jane Doe and John Roe",
    "March 5, 2024",
])
def test_boilerplate_lines_are_left_out(line):
    assert _kept(line) == ()


@pytest.mark.parametrize("line", [
    "More than 1,400 people have been put on sanctions lists since the war began.",
    "More of the same is expected, analysts say.",
    "This story is not over, he warned.",
    "Millions of people subscribe to streaming services, the report says.",
    "Russia’s image, battered by the war, has never been worse.",
    "An Ipsos/Reuters poll found that 60% of voters backed the plan.",
    "By 2030 Europe hopes to import no Russian gas at all.",
    "On 24 February 2022 Russia launched its full-scale invasion.",
    "Related to this, the ministry said it would review the rules.",
    "“Share the burden,” she said.",
    "Read the full report and you will see why, says Ms Nand.",
    "Sources said the talks had stalled.",
    "Our standards of living have fallen, she said.",
    "Officials, follow the rules on Twitter, the minister told staff at a meeting on Tuesday about the new guidance.",
    "Key dates: Russia invades Ukraine",  # a short line inside the article is kept; only its ends are trimmed
])
def test_article_text_that_looks_a_little_like_boilerplate_is_kept(line):
    assert _kept(line) == (line,)


def test_headings_are_left_out_and_a_related_list_ends_with_the_body():
    blocks = [Block("head", "Fees and falling catches"), Block("p", HARBOUR_PARAGRAPHS[0]),
              Block("head", "The outer channel"), Block("p", HARBOUR_PARAGRAPHS[2]),
              Block("head", "More from Business"), Block("head", "A bakery chain comes to the high street"),
              Block("p", "Three shops in a year, and more planned."), Block("item", "Sport"), Block("item", "Culture")]
    assert article_paragraphs(blocks, "Fees and falling catches") == (HARBOUR_PARAGRAPHS[0], HARBOUR_PARAGRAPHS[2])


def test_a_related_box_inside_the_article_does_not_cut_it_short():
    blocks = [Block("p", HARBOUR_PARAGRAPHS[0]), Block("p", "Related stories"),
              Block("item", "A bakery chain comes to the high street"), Block("p", HARBOUR_PARAGRAPHS[1]),
              Block("p", HARBOUR_PARAGRAPHS[2])]
    assert article_paragraphs(blocks, None) == (HARBOUR_PARAGRAPHS[0],) + HARBOUR_PARAGRAPHS[1:3]


def test_a_line_break_is_a_space_and_two_make_a_new_paragraph():
    page = (b"<html><body><article><div>" + HARBOUR_PARAGRAPHS[0].encode() + b"<br>" + HARBOUR_PARAGRAPHS[1].encode()
            + b"<br><br>" + HARBOUR_PARAGRAPHS[2].encode() + b"</div></article></body></html>")
    assert parse_page(page)[1] == (HARBOUR_PARAGRAPHS[0] + " " + HARBOUR_PARAGRAPHS[1], HARBOUR_PARAGRAPHS[2])


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article><p>{body}</p></article></body></html>"


def test_encodings_the_page_declares_or_marks_are_read():
    text = "Caf\u00e9 owners \u201cwelcomed\u201d the fees \u2013 at first. " * 8
    assert parse_page(_page(text).encode("utf-16"))[1] == (text.strip(),)  # byte order mark
    declared = _page(text, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    assert parse_page(declared.encode("cp1252"))[1] == (text.strip(),)  # as browsers read iso-8859-1
    assert parse_page(_page(text, '<meta charset="windows-1251">').encode("cp1251", "replace"))[2] == "utf-8"
    guessed = parse_page(_page(text).encode("cp1252"))
    assert guessed[1] == (text.strip(),) and guessed[2] == "cp1252"  # no declaration, not UTF-8: reported


@pytest.mark.parametrize("data, reason", [
    (b"", "empty page"),
    (b" \n\t\n", "empty page"),
    (b"<html><head><title>Home</title></head><body><nav><ul><li><a href='/'>Home</a></li></ul></nav>"
     b"<script>var x = 1;</script></body></html>", "no article text found on the page"),
    (_page("Fees rose again on Monday, and the crews are not happy about it at all. " * 5,
           '<meta charset="x-martian">').encode(), "declares an unknown character encoding 'x-martian'"),
    (_page("Caf\u00e9 " * 40, '<meta charset="utf-8">').encode("cp1252"),
     "is not valid utf-8 (byte 62), the encoding it declares"),
    (b"<html><body><p>caf\x81 \x8d " + b"text " * 60 + b"</p></body></html>",
     "declares no character encoding and is not UTF-8 (byte 18)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not a web page"),
])
def test_unusable_pages(data, reason):
    with pytest.raises(PageError) as error:
        parse_page(data)
    assert str(error.value) == reason


def test_a_sidecar_overrides_any_field_and_null_removes_one(tmp_path):
    (tmp_path / "harbour.html").write_bytes(HARBOUR)
    (tmp_path / "harbour.yml").write_text("title: Fees and falling catches\nauthor: null\nslug: harbour-fees\n")
    (tmp_path / "plain.html").write_bytes(PLAIN)
    sources, errors = read_seeds(tmp_path)
    assert not errors
    harbour = next(s for s in sources if s.name == "harbour.html")
    assert dict(harbour.meta) == {
        "title": "Fees and falling catches", "slug": "harbour-fees", "source": "The Harbour Gazette",
        "published": "2024-03-06",
        "url": "https://news.example.org/business/2024/03/06/port-tariffs-squeeze-eastport-fishing-fleet"}
    assert harbour.paragraphs == HARBOUR_PARAGRAPHS


def test_bad_pages_and_sidecars_are_one_line_each(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "keys.html").write_bytes(HARBOUR)
    (tmp_path / "keys.yml").write_text("colour: red\n")
    (tmp_path / "themes.html").write_bytes(HARBOUR)
    (tmp_path / "themes.yml").write_text("themes: []\n")
    (tmp_path / "good.htm").write_bytes(PLAIN)
    sources, errors = read_seeds(tmp_path)
    assert [s.name for s in sources] == ["good.htm"]
    folder = tmp_path.name
    assert errors == [
        f"{folder}/empty.html: empty page",
        f"{folder}/keys.yml: unknown front matter key 'colour' (allowed: title, source, url, published, author, slug)",
        f"{folder}/themes.html: its metadata file would be themes.yml, which is not about this page; rename the page",
    ]


def test_markup_in_the_text_stays_text():
    page = _page("The board’s notice read &lt;script&gt;alert(1)&lt;/script&gt; in full, and the crews laughed "
                 "at it for a week, then went back to sea as they always do.")
    assert parse_page(page.encode())[1] == (
        "The board’s notice read <script>alert(1)</script> in full, and the crews laughed at it for a week, then "
        "went back to sea as they always do.",)


def test_the_reader_reports_a_bad_page_as_a_seed_error():
    with pytest.raises(SeedError, match="^empty page$"):
        parse_web_page("x.html", b"")


def test_a_saved_page_builds_into_the_site_like_a_text_seed(tmp_path):
    from site_build import ROOT, Page, build_site

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    (seeds / "harbour-tariffs.html").write_bytes(HARBOUR)
    site = build_site(seeds, tmp_path / "project")  # the real `mkdocs build --strict`
    article = Page(site / "articles" / "harbour-tariffs" / "index.html")
    for n, text in enumerate(HARBOUR_PARAGRAPHS, 1):
        assert article.text_by_id[f"p-{n}"] == f"{n} {text}"
    assert f"p-{len(HARBOUR_PARAGRAPHS) + 1}" not in article.ids
    assert "The Harbour Gazette · 2024-03-06 · by Mara Quist · Original article" in article.text
    assert (site / "analysts" / "tom-hale" / "index.html").is_file()
    assert (site / "analysts" / "lena-okafor" / "index.html").is_file()


def test_an_empty_seeds_folder_names_both_kinds_of_article(tmp_path):
    import subprocess
    import sys

    from site_build import ROOT

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds), "--out",
                             str(tmp_path / "docs")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "seeds/: no articles (*.txt or *.html files) to build"


def test_a_page_read_again_unchanged_comes_from_memory_and_is_not_shared():
    first, _, _ = parse_page(HARBOUR)
    first["title"] = "changed by a sidecar"
    again, paragraphs, _ = parse_page(HARBOUR)
    assert again["title"] == "Port tariffs squeeze Eastport’s fishing fleet" and paragraphs == HARBOUR_PARAGRAPHS


def test_a_fault_of_the_extractor_is_one_line(monkeypatch):
    import briefing.webpage as webpage

    def broken(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr(webpage.trafilatura, "bare_extraction", broken)
    with pytest.raises(PageError, match=r"^could not be read as a web page \(KeyError: 'x'\)$"):
        parse_page(b"<html><body><p>A page this test has not read before.</p></body></html>")

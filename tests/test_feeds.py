"""Atom feeds on the built site: parsed with the standard library (not the library that wrote them), checked
against the Atom rules that matter to a feed reader, every link resolving to a page and anchor of the site, and
each page's discovery link in its head."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing.build import build
from briefing.feeds import published_at
from site_build import ROOT, Page

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set, as in these builds
FEED_TYPE = "application/atom+xml"


def _target(site: Path, url: str) -> tuple[Path, str]:
    """The built file a URL under the site's URL names, and its fragment."""
    assert url.startswith(SITE_URL), url
    parts = urlsplit(url[len(SITE_URL):])
    path = site / unquote(parts.path)
    return (path / "index.html" if parts.path in ("",) or parts.path.endswith("/") else path), parts.fragment


def _resolves(site: Path, url: str) -> bool:
    path, fragment = _target(site, url)
    return path.is_file() and (not fragment or fragment in Page(path).ids)


def _moment(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    assert moment.tzinfo is not None, text  # RFC 3339 needs the offset
    return moment


def _one(element, tag: str):
    found = element.findall(ATOM + tag)
    assert len(found) == 1, (tag, len(found))
    return found[0]


class _Text(HTMLParser):
    """The paragraphs of an entry's HTML content, as a reader shows them."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.tags = [], []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "p":
            self.paragraphs.append("")

    def handle_data(self, data):
        self.paragraphs[-1] += data


def _feeds(site: Path) -> dict[str, ET.Element]:
    return {p.relative_to(site).as_posix(): ET.parse(p).getroot() for p in sorted((site / "feeds").rglob("*.xml"))}


def test_every_feed_is_valid_atom_and_every_link_resolves(site):
    feeds = _feeds(site)
    themes = {p.name for p in (site / "themes").iterdir() if (p / "index.html").is_file()}
    analysts = {p.name for p in (site / "analysts").iterdir() if (p / "index.html").is_file()}
    assert set(feeds) == ({"feeds/articles.xml"} | {f"feeds/themes/{t}.xml" for t in themes}
                          | {f"feeds/analysts/{a}.xml" for a in analysts})
    ids = []
    for path, feed in feeds.items():
        assert feed.tag == ATOM + "feed", path
        ids.append(_one(feed, "id").text)
        assert _one(feed, "title").text
        assert _one(_one(feed, "author"), "name").text
        updated = _moment(_one(feed, "updated").text)
        links = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
        assert links["self"] == SITE_URL + path
        assert _resolves(site, links["alternate"]), links["alternate"]
        entries = feed.findall(ATOM + "entry")
        moments = []
        for entry in entries:
            ids.append(_one(entry, "id").text)
            assert urlsplit(ids[-1]).scheme in ("http", "https")
            assert _one(entry, "title").text
            moments.append(_moment(_one(entry, "updated").text))
            assert _moment(_one(entry, "published").text) == moments[-1]
            link = _one(entry, "link")
            assert link.get("rel", "alternate") == "alternate"
            assert _resolves(site, link.get("href")), (path, link.get("href"))
        assert moments == sorted(moments, reverse=True), path  # newest first
        if moments:
            assert updated == moments[0], path  # the newest entry's date, not the time of the build
    assert len(ids) == len(set(ids)), "ids are unique"


def test_feeds_carry_the_articles_paragraphs_and_quotes(site):
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    articles = {a["slug"]: a for a in corpus["articles"]}
    feeds = _feeds(site)

    def entries(path):
        return feeds[path].findall(ATOM + "entry")

    site_entries = entries("feeds/articles.xml")
    assert [e.find(ATOM + "title").text for e in site_entries] == [a["title"] for a in corpus["articles"]]
    for entry, article in zip(site_entries, corpus["articles"]):
        assert _moment(entry.find(ATOM + "published").text) == published_at(article["published"])
    for theme in corpus["themes"]:
        by_article = {}
        for p in theme["paragraphs"]:
            by_article.setdefault(p["article"], []).append(articles[p["article"]]["paragraphs"][p["n"] - 1]["text"])
        got = [_Text(e.find(ATOM + "content").text).paragraphs[:-1] for e in entries(f"feeds/themes/{theme['slug']}.xml")]
        assert got == list(by_article.values()), theme["slug"]  # whole paragraphs, by article
    for analyst in corpus["analysts"]:
        quotes = [q["text"] for q in corpus["quotes"] if q["speaker"] == analyst["slug"]]
        got = [_Text(e.find(ATOM + "content").text).paragraphs[0] for e in entries(f"feeds/analysts/{analyst['slug']}.xml")]
        assert got == quotes, analyst["slug"]


def test_every_page_links_its_feeds_for_discovery(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        hrefs = [attrs["href"] for tag, attrs in Page(page).elements
                 if tag == "link" and "alternate" in attrs.get("rel", "").split() and attrs.get("type") == FEED_TYPE]
        # The 404 page links from the site's root path ("/feeds/…"), since it is served at any depth.
        targets = [(site / href[len(urlsplit(SITE_URL).path):] if href.startswith("/") else page.parent / href).resolve()
                   for href in hrefs]
        assert all(target.is_file() for target in targets), (page, hrefs)
        names = [target.relative_to(site.resolve()).as_posix() for target in targets]
        assert names[0] == "feeds/articles.xml", page
        where = page.relative_to(site).parts
        if len(where) > 2 and where[0] in ("themes", "analysts"):  # a theme's or an analyst's page, any part
            assert names[1:] == [f"feeds/{where[0]}/{where[1]}.xml"], page
        else:
            assert names[1:] == [], page


def test_a_rebuild_writes_the_same_feeds(tmp_path):
    for out in ("a", "b"):
        assert build(ROOT / "seeds", tmp_path / out)[0] == []
    feeds = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a" / "feeds").rglob("*.xml"))
    assert len(feeds) > 3
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in feeds)


def test_links_follow_the_site_url(tmp_path):
    assert build(ROOT / "seeds", tmp_path, site_url="https://example.org/briefing")[0] == []
    feed = ET.parse(tmp_path / "feeds" / "articles.xml").getroot()
    links = [link.get("href") for link in feed.iter(ATOM + "link")]
    assert links and all(link.startswith("https://example.org/briefing/") for link in links)
    assert "https://example.org/briefing/articles/xi-putin-moscow/" in links


def test_hostile_text_stays_text_in_feeds(tmp_path):
    from test_hostile import HOSTILE_PARAGRAPHS, HOSTILE_TITLE, _seed

    seeds = _seed(tmp_path)
    evil = seeds / "evil.txt"
    evil.write_text(evil.read_text(encoding="utf-8").replace("---\ntitle:", "---\npublished: 2024-01-02\ntitle:", 1),
                    encoding="utf-8")
    assert build(seeds, tmp_path / "docs")[0] == []
    feeds = _feeds(tmp_path / "docs")  # every feed parses: nothing broke the XML
    entry = feeds["feeds/articles.xml"].find(ATOM + "entry")
    assert entry.find(ATOM + "title").text == HOSTILE_TITLE
    content = _Text(entry.find(ATOM + "content").text)
    assert content.paragraphs == [HOSTILE_PARAGRAPHS[0]] and content.tags == ["p"]  # escaped: no markup made
    themed = [_Text(e.find(ATOM + "content").text) for path, feed in feeds.items() if path.startswith("feeds/themes/")
              for e in feed.iter(ATOM + "entry")]
    assert sum(len(t.paragraphs) - 1 for t in themed) >= len(HOSTILE_PARAGRAPHS)  # every paragraph is on a theme
    assert all(set(t.tags) == {"p", "a"} and t.tags.count("a") == 1 for t in themed)  # only our own "From" link
    assert {p for t in themed for p in t.paragraphs[:-1]} == set(HOSTILE_PARAGRAPHS)
    for root in feeds.values():
        assert all(element.tag.startswith(ATOM) for element in root.iter())


def test_an_article_without_a_date_is_in_no_feed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    (seeds / "undated.txt").write_text("Undated headline\n\n“Sanctions are biting hard,” says Ann Lee, an analyst.\n")
    assert build(seeds, tmp_path / "docs")[0] == []
    feed = ET.parse(tmp_path / "docs" / "feeds" / "articles.xml").getroot()
    assert feed.findall(ATOM + "entry") == []
    assert feed.find(ATOM + "updated").text == "1970-01-01T00:00:00+00:00"  # no date to take; none invented


def test_partial_and_full_dates():
    assert published_at("2023-04") == dt.datetime(2023, 4, 1, tzinfo=dt.timezone.utc)
    assert published_at("2023-09-06T16:50:08Z") == dt.datetime(2023, 9, 6, 16, 50, 8, tzinfo=dt.timezone.utc)
    assert published_at("2023-09-06T16:50:08+02:00").utcoffset() == dt.timedelta(hours=2)
    assert published_at("April 2023") is None and published_at(None) is None and published_at("2023-13") is None

"""Hostile text in seeds is shown literally and never becomes markup, on the real built site."""

import html
import re
from pathlib import Path

from briefing.build import build
from briefing.reader import parse_seed
from site_build import ROOT, Page

# Each line is one paragraph of the hostile seed: HTML, Markdown, attr_list, Jinja, entities.
HOSTILE_PARAGRAPHS = [
    "<script>alert(1)</script> sanctions and <img src=x onerror=alert(4)> and <iframe src=\"https://example.org\"></iframe>.",
    "A JSON-LD breakout: </script><img src=x onerror=alert(9)><!-- and Russia, Vladimir Putin's country.",
    "[click](javascript:alert(5)) and *stars* and _under_ and `code` and | pipes | and {: .evil onclick=\"alert(6)\" }",
    "&amp; &lt;b&gt; &#60;i&#62; and <!-- a comment --> and <a href=\"https://example.org\">a link</a>",
    "# not a heading",
    "---",
    "{{ 7 * 7 }} and {% if true %}jinja{% endif %} and {# comment #}",
    "\"Injected <script>alert(8)</script> quote text that is long enough,\" says Eve Mallory <b>Smith</b>, chief of <i>Mischief</i>.",
    "1. Not a list, > not a quote, + not a bullet, ==not marked==, ~~not struck~~, $x$, :smile:",
]
HOSTILE_TITLE = "<script>alert('t')</script> & \"quoted\" {{ title }} </title><img src=x onerror=alert(2)>"


def _seed(folder: Path) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    front = ("---\n"
             "title: '" + HOSTILE_TITLE.replace("'", "''") + "'\n"
             "source: '<b>Evil</b> Times'\n"
             "author: '{% raw %}x'\n"
             "url: 'javascript:alert(3)'\n"
             "---\n")
    (seeds / "evil.txt").write_text(front + "\n\n".join(HOSTILE_PARAGRAPHS) + "\n", encoding="utf-8")
    return seeds


def test_no_element_attribute_or_link_comes_from_seed_text(hostile_site):
    for path in hostile_site.rglob("*.html"):
        page = Page(path)
        for tag, attrs in page.elements:
            assert tag not in ("img", "iframe", "b", "i"), (path, tag)
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            assert "evil" not in attrs.get("class", ""), (path, attrs)
            for name in ("href", "src"):
                # Material's own share button is the one javascript: link on a page.
                value = attrs.get(name, "").lower()
                assert not value.startswith("javascript:") or value == "javascript:void(0)", (path, attrs)
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "example.org\">a link" not in html


def test_the_text_is_shown_exactly_as_written(hostile_site):
    article = Page(hostile_site / "articles" / "evil" / "index.html")
    for n, paragraph in enumerate(HOSTILE_PARAGRAPHS, 1):
        assert article.text_by_id[f"p-{n}"] == f"{n} {paragraph}"
    assert HOSTILE_TITLE in article.text
    # The browser tab shows the title as written, too.
    html_source = (hostile_site / "articles" / "evil" / "index.html").read_text(encoding="utf-8")
    title = html.unescape(re.search(r"<title>(.*?)</title>", html_source, re.S).group(1))
    assert title == HOSTILE_TITLE + " - Briefing"
    # The javascript: URL is shown as text, not linked.
    assert "javascript:alert(3)" in article.text


def test_odd_but_valid_text_gives_identical_pages(tmp_path):
    clean = "Title line\n\nFirst paragraph, with “quotes”.\n\n\"A quote long enough to count,\" said Ann Lee.\n"
    odd = "\ufeff" + clean.replace("\n", "\r\n").replace("\r\n\r\n", "  \r\n\r\n\r\n\r\n")
    trees = []
    for name, text in (("clean", clean), ("odd", odd)):
        seeds = tmp_path / name / "seeds"
        seeds.mkdir(parents=True)
        (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
        (seeds / "article.txt").write_bytes(text.encode("utf-8"))
        assert build(seeds, tmp_path / name / "docs")[0] == []
        trees.append({p.relative_to(tmp_path / name / "docs"): p.read_bytes()
                      for p in (tmp_path / name / "docs").rglob("*") if p.is_file()})
    assert trees[0] == trees[1]
    assert parse_seed("a.txt", odd.encode()).paragraphs == parse_seed("a.txt", clean.encode()).paragraphs

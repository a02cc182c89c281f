"""Properties of the text pipeline for any input Hypothesis can think of."""

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.analyse import analyse
from briefing.assemble import assemble
from briefing.model import Config, Theme
from briefing.reader import SeedError, parse_seed
from briefing.render import render
from briefing.themes import ThemeMatcher
from site_build import Page

CONFIG = Config(
    themes=(Theme("sanctions", "Sanctions", "About sanctions.", ("sanction", "Central Asia")),),
    catch_all=Theme("other", "Other", "The rest.", ()),
)
MATCHER = ThemeMatcher(CONFIG.themes)
# The extensions of mkdocs.yml, so that the Markdown is read as MkDocs reads it.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Paragraph text: any characters but line breaks, with quotation marks, markup and names made likely.
pieces = st.sampled_from(['"', "“", "”", "''", "‘", "’", " said ", " says Ann Lee, an analyst at Foo.", " she said",
                          "<b>", "*", "_", "[x](y)", "{{ z }}", "{: .c }", "&amp;", "# ", "1. ", "---", ". ", ", "])
# Control characters are dropped by the reader (they cannot be shown), so the text here has none.
line = st.lists(st.one_of(pieces, st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)),
                max_size=12).map("".join)
paragraphs = st.lists(line.map(str.strip).filter(bool), min_size=1, max_size=6)


def article_page(source) -> Page:
    site = assemble([analyse(source, CONFIG, MATCHER)], CONFIG)
    files = dict(render(site))
    text = files[f"articles/{site.articles[0].slug}/index.md"].split("---\n", 2)[2]
    return Page.from_html(markdown.markdown(text, extensions=EXTENSIONS))


@SETTINGS
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_input_builds_or_gives_a_clean_error(data):
    try:
        source = parse_seed("any.txt", data)
    except SeedError as error:
        assert str(error) and "\n" not in str(error)
        return
    files = dict(render(assemble([analyse(source, CONFIG, MATCHER)], CONFIG)))
    assert "articles/any/index.md" in files


@SETTINGS
@given(paragraphs, st.sampled_from(["\n", "\r\n", "\r"]), st.integers(1, 3), st.booleans())
def test_paragraph_splitting_reproduces_the_paragraphs(texts, newline, blank_lines, bom):
    body = (newline * (blank_lines + 1)).join(texts)
    data = ("\ufeff" if bom else "") + "---" + newline + "title: T" + newline + "---" + newline + body
    assert parse_seed("p.txt", data.encode("utf-8")).paragraphs == tuple(texts)


@SETTINGS
@given(paragraphs)
def test_every_paragraph_is_on_the_article_page_unaltered(texts):
    source = parse_seed("p.txt", ("---\ntitle: T\n---\n" + "\n\n".join(texts)).encode("utf-8"))
    page = article_page(source)
    for n, text in enumerate(source.paragraphs, 1):
        # Whitespace runs show as one space in a browser; everything else is exactly the source.
        shown = " ".join(text.split())
        assert page.text_by_id[f"p-{n}"] == f"{n} {shown}".strip()
    # Only the page's own markup: one title, one rule, the text's wrapper, paragraphs, links, bold labels, JSON-LD.
    tags = [tag for tag, _ in page.elements]
    assert set(tags) <= {"h1", "p", "a", "strong", "hr", "script", "div"}
    assert tags.count("h1") == 1 and tags.count("hr") == 1
    assert [attrs for tag, attrs in page.elements if tag == "script"] == [{"type": "application/ld+json"}]

"""Many articles, one site: analysts merged across articles, excerpts grouped by article, newest first."""

from functools import partial

from briefing.analyse import analyse
from briefing.assemble import assemble
from briefing.reader import parse_seed
from test_properties import CONFIG, MATCHER


def site_of(*texts):
    # Each article's file is named after its title, so its slug is the title in lowercase.
    sources = [parse_seed(text.split("title: ")[1].split("\n")[0].lower() + ".txt", text.encode()) for text in texts]
    return assemble([analyse(s, CONFIG, MATCHER) for s in sources], CONFIG)


OLD = ("---\ntitle: Old\npublished: 2023-03-01\n---\n"
       "“Sanctions are biting harder than anyone admits,” says David Dalton, senior analyst at Dragonfly Intelligence.\n")
NEW = ("---\ntitle: New\npublished: 2024-06-01\n---\n"
       "“Sanctions have lost their edge since the spring,” says David Dalton, director at Harrow Capital.\n")
SURNAME = ("---\ntitle: Surname\npublished: 2023-05-01\n---\n"
           "Mr Dalton, of Dragonfly Intelligence, says that sanctions matter.\n"
           "“The sanctions regime leaks at every border crossing,” Mr Dalton says.\n")
NAMESAKE = ("---\ntitle: Namesake\npublished: 2023-07-01\n---\n"
            "“Central Asia is the new trade corridor for everyone,” says Maria Dalton, a historian at Kent.\n")


def test_one_person_in_several_articles_is_one_analyst_with_the_latest_role():
    site = site_of(OLD, NEW)
    (dalton,) = site.analysts
    assert dalton.slug == "david-dalton" and len(dalton.quotes) == 2
    assert (dalton.role, dalton.organisation) == ("director", "Harrow Capital")  # the latest article
    assert [(x.article, x.role) for x in dalton.appearances] == [("new", "director"), ("old", "senior analyst")]


def test_surname_and_organisation_merge_and_namesakes_do_not():
    site = site_of(OLD, SURNAME, NAMESAKE)
    assert sorted(a.slug for a in site.analysts) == ["david-dalton", "maria-dalton"]
    dalton = next(a for a in site.analysts if a.slug == "david-dalton")
    assert sorted(q.article for q in dalton.quotes) == ["old", "surname"]


def _article(title, *paragraphs):
    return f"---\ntitle: {title}\npublished: 2016-09-01\n---\n" + "\n".join(paragraphs) + "\n"


def test_forms_of_one_full_name_and_a_short_given_name_are_one_person():
    site = site_of(
        _article("A", "“The plan is reckless and costly for everyone,” said Donald J. Trump, the nominee."),
        _article("B", "“The plan is the best one anyone has ever seen,” said Donald Trump, the nominee."),
        _article("C", "“We are raising the question of taxes again,” said Donald Trump, the nominee."),
        _article("D", "“Rates will stay lower for longer than markets think,” said Len Burman, a director."),
        _article("E", "“Nobody pays that rate in practice, not one person,” said Leonard E. Burman, an economist."))
    # Named by the form most articles use; a tie goes to the shorter form.
    assert {a.name for a in site.analysts} == {"Donald Trump", "Len Burman"}
    assert sorted(len(a.quotes) for a in site.analysts) == [2, 3]


def test_a_surname_alone_is_the_one_person_the_corpus_names_so_of_the_sex_its_honorific_shows():
    site = site_of(
        _article("A", "Barack Obama, the president, spoke at the museum.", "Michelle Obama campaigned in Ohio."),
        _article("B", "“My name may not be on the ballot this time, but our progress is,” Mr. Obama said."),
        _article("C", "Bill Clinton campaigned in Iowa.", "Hillary Clinton campaigned in Ohio."),
        _article("D", "“We will win this state in the end, whatever the polls say,” Clinton said."),
        _article("E", "“Obamacare is here to stay, whatever the other side says,” said Barack Obama, the president."),
        _article("F", "“This museum tells the American story in all of its parts,” Obama said."))
    names = {a.name: sorted(q.article for q in a.quotes) for a in site.analysts}
    # Mr. Obama is the Obama who is a man; a bare Obama is the one Obama who speaks elsewhere (Michelle is
    # only named); a bare "Clinton" fits two people, so stays as the article wrote it.
    assert names == {"Barack Obama": ["b", "e", "f"], "Clinton": ["d"]}
    # A person has one page: a profile if they speak anywhere, otherwise a people page, never both.
    people = {p.name for p in site.people}
    assert "Barack Obama" not in people and {"Michelle Obama", "Bill Clinton", "Hillary Clinton"} <= people


def test_theme_excerpts_are_grouped_by_article_newest_first():
    site = site_of(OLD, NEW, SURNAME)
    sanctions = next(t for t in site.themes if t.theme.slug == "sanctions")
    assert [e.article for e in sanctions.excerpts] == ["new", "surname", "surname", "old"]
    assert [a.slug for a in site.articles] == ["new", "surname", "old"]


def test_parallel_rendering_gives_the_same_pages_as_one_process(tmp_path):
    """Large builds render in forked workers (briefing.parallel); the pages must not depend on it."""
    from bench import write_corpus
    from briefing.assemble import assemble
    from briefing.config import load_config
    from briefing.parallel import fork_map
    from briefing.reader import read_seeds
    from briefing.render import render
    from briefing.themes import ThemeMatcher

    write_corpus(tmp_path, 12)
    sources, _ = read_seeds(tmp_path)
    config, _ = load_config(tmp_path)
    matcher = ThemeMatcher(config.themes)
    serial = [analyse(source, config, matcher) for source in sources]
    forked = fork_map(partial(analyse, config=config, matcher=matcher), sources, processes=2, minimum=1)
    assert forked == serial
    site = assemble(serial, config)
    assert render(site, processes=2) == render(site, processes=1)


def test_long_pages_are_cut_by_articles_and_by_entries_but_never_inside_an_article():
    from briefing.render.parts import ARTICLES_PER_PART, ENTRIES_PER_PART, article_parts

    # One article with more excerpts than a part holds, then many articles with two each.
    entries = ["long"] * (ENTRIES_PER_PART + 5) + [f"a{i}" for i in range(2 * ARTICLES_PER_PART) for _ in range(2)]
    cut = article_parts(entries)
    assert cut[0] == ["long"]
    assert [article for part in cut for article in part] == list(dict.fromkeys(entries))
    assert all(len(part) <= ARTICLES_PER_PART and 2 * len(part) <= ENTRIES_PER_PART for part in cut[1:])
    assert article_parts([]) == [[]]


def test_an_excerpt_links_its_speaker_at_the_part_of_the_profile_that_holds_the_article(monkeypatch):
    from briefing.render import parts, render

    monkeypatch.setattr(parts, "ARTICLES_PER_PART", 1)
    site = site_of(*(f"---\ntitle: Note {n}\npublished: 202{n}-01-01\n---\n"
                     f"“Trade through Kazakhstan is booming, year {n} of the boom,” says David Dalton, "
                     f"senior analyst at Dragonfly Intelligence.\n" for n in (1, 2)))
    pages = dict(render(site))
    # Note 1 is the older article: part 2 of the theme, the place and the profile alike.
    for page in ("themes/other/2/index.md", "places/kazakhstan/2/index.md"):
        assert 'href="../../../analysts/david-dalton/2/' in pages[page], page


def test_the_parts_line_links_every_part_when_few_and_a_window_when_many(monkeypatch):
    import re

    from briefing.render import parts, render

    monkeypatch.setattr(parts, "ARTICLES_PER_PART", 1)
    site = site_of(*(f"---\ntitle: Note {n}\npublished: 2020-01-{n:02d}\n---\nTrade through Kazakhstan is "
                     f"booming, day {n} of the boom.\n" for n in range(1, 31)))
    pages = dict(render(site))
    linked = {n: sorted(int(m) for m in re.findall(r"\[(\d+)\]\(", pages[f"places/kazakhstan/{n}/index.md"
                                                                        if n > 1 else "places/kazakhstan/index.md"]))
              for n in (1, 15, 30)}
    # A page's links stay few however many parts there are; following them reaches every part.
    assert linked == {1: [2, 3, 30], 15: [1, 13, 14, 16, 17, 30], 30: [1, 28, 29]}
    assert "**Parts:** [1](../index.md) … [13](../13/index.md) · [14](../14/index.md) · 15 ·" in \
        pages["places/kazakhstan/15/index.md"]

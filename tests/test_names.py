"""A profile is only for a named individual: the name gate, one row per kind of thing that is not one."""

import pytest

from briefing.attribution.names import person_name

ARTICLE_WORDS = frozenset("the speech of a day on the street where morning crowds met the force".split())


@pytest.mark.parametrize("run, name", [
    # Names, cleaned of what news writes around them.
    ("Barack Obama", "Barack Obama"),
    ("Republican Donald Trump", "Donald Trump"),
    ("CNN's Gloria Borger", "Gloria Borger"),
    ("Fox News' Megyn Kelly", "Megyn Kelly"),
    ("Ohio's John Kasich", "John Kasich"),
    ("Rand Paul's Kentucky", "Rand Paul"),
    ("Floridians Jeb Bush", "Jeb Bush"),
    ("Whether Clinton", "Clinton"),
    ("A. J. Fairclough", "A. J. Fairclough"),
    ("Jean-Baptiste de la Roche", "Jean-Baptiste de la Roche"),
    ("Walter J. Pruitt III", "Walter J. Pruitt III"),
    # Given names that are also common words or places stay names.
    ("Theresa May", "Theresa May"),
    ("Jim Jordan", "Jim Jordan"),
    ("April Ryan", "April Ryan"),
    ("Mark Warner", "Mark Warner"),
    # Places.
    ("Dallas", None), ("New York", None), ("Say Mexico", None), ("Even China", None), ("Md.", None),
    ("Pacific Ocean", None),
    # Organisations and outlets.
    ("Morning Consult", None), ("The Hill", None), ("Homeland Security Investigations", None),
    # Groups.
    ("Analysts", None), ("Critics", None), ("Sources", None), ("Republicans", None), ("Senators", None),
    # Pronouns, contractions, fragments, titles alone, days, markup.
    ("I've", None), ("In August", None), ("Having", None), ("Late Sunday", None), ("Editor", None),
    ("Fifth Amendment", None), ("Warren.$WFC PfASkm7vah</", None),
    # Brands, acronyms, party labels and names cut short.
    ("PolitiFact", None), ("ERP Compliant Fuels", None), ("Democratic", None), ("Robert C.", None),
    ("Sunni Muslims", None), ("N. Korea", None), ("Mexicans", None), ("Texans", None),
    ("New York", None), ("Evans", "Evans"),
    ("McConnell", "McConnell"), ("DuVernay", "DuVernay"), ("Lucía Benavente", "Lucía Benavente"),
])
def test_person_name(run, name):
    assert person_name(run.split()) == name


@pytest.mark.parametrize("run, name", [
    # A word the article writes in lower case is a common word: no person, unless a given name comes first.
    ("Obama Speech", None),
    ("Election Day", None),
    ("Wall Street", None),
    ("Air Force", None),
    ("Crooked Hillary Clinton", "Crooked Hillary Clinton"),  # "crooked" is not a word of this article
    ("Street Alicia Machado", "Alicia Machado"),
    ("Tim Cook", "Tim Cook"),
    ("Chris Christie Calls Hillary Clinton", None),  # "calls" is a word of the article: a verb, not a name
])
def test_person_name_in_an_article(run, name):
    assert person_name(run.split(), ARTICLE_WORDS | {"cook", "wall", "air", "election", "calls"}) == name

"""Names, roles and organisations from the words around a quote."""

import pytest

from briefing.attribution.roles import clean_organisation, clean_role
from briefing.attribution.mentions import (PARTICLES, name_mentions, parse_appositive, subject_after_verb,
                               subject_before_verb)


@pytest.mark.parametrize("appositive, role, organisation", [
    ("senior analyst specialising in Europe and Eurasia, at Dragonfly Intelligence",
     "senior analyst specialising in Europe and Eurasia", "Dragonfly Intelligence"),
    ("senior Asia associate at Dragonfly intelligence, speaking at the briefing on what Russia wants",
     "senior Asia associate", "Dragonfly Intelligence"),
    ("an analyst specialising in Eurasia", "analyst specialising in Eurasia", None),
    ("director general of the British Chambers of Commerce", "director general", "British Chambers of Commerce"),
    ("BA's chief executive", "chief executive", "BA"),
    ("from the Institute for Fiscal Studies", None, "Institute for Fiscal Studies"),
    ("an analyst at brokerage Aton in Moscow", "analyst", "Aton"),
    ("State Minister for National Development Planning", "State Minister for National Development Planning", None),
    ("head of research at the Bank of England", "head of research", "Bank of England"),
    ("The Shadow Secretary of State for Rural Affairs", "Shadow Secretary of State for Rural Affairs", None),
])
def test_appositive(appositive, role, organisation):
    assert parse_appositive(appositive) == (role, organisation)


@pytest.mark.parametrize("raw, normal", [
    ("Dragonfly intelligence", "Dragonfly Intelligence"),
    ("the Institute for Fiscal Studies", "Institute for Fiscal Studies"),
    ("BNP Paribas", "BNP Paribas"),
])
def test_organisation_names_are_normalised(raw, normal):
    assert clean_organisation(raw) == normal


@pytest.mark.parametrize("raw, organisation", [
    # Cut where the organisation's name ends.
    ("Hoover Institution and a former United States ambassador to Russia", "Hoover Institution"),
    ("Congressional Budget Office and is now president of the American Action Forum", "Congressional Budget Office"),
    ("Center for American Progress, a liberal think tank", "Center for American Progress"),
    ("Brussels-based Egmont Foundation", "Egmont Foundation"),
    ("Tax Foundation's Policy Center", "Tax Foundation"),
    # A state, a country, a party or a person is not an employer.
    ("France, a permanent member of the Security Council", None),
    ("Maryland", None), ("California", None), ("Democratic", None), ("Democratic Party", None),
    ("Mr. Peña Nieto", None), ("President Bill Clinton whom Mr. Obama recruited", None),
    ("Democratic presidential nomination was founded", None),
])
def test_organisation_as_the_article_states_it_or_nothing(raw, organisation):
    assert clean_organisation(raw) == organisation


@pytest.mark.parametrize("raw, before_name, role", [
    ("Sen.", True, "senator"),
    ("Democratic Sen", True, "Democratic senator"),
    ("last week Vice President", True, "Vice President"),
    ("Green Party spokeswoman for transport", True, "Green Party spokeswoman for transport"),
    ("physicist who is co-director of the Nuclear Policy Program", False, "physicist"),
    ("editor in chief", False, "editor in chief"),
    ("outside adviser to the campaign on tax and budget issues", False, "outside adviser"),
    # Not a role: an empty role is better than a wrong one.
    ("2017", False, None), ("25", False, None), ("who has four children", False, None),
    ("whose candidacy", False, None), ("museum", True, None), ("R-Ky", True, None),
    ("summing up conversations that extended beyond security to issues of prosperity", False, None),
    ("Facebook message posted", True, None),
])
def test_role_as_the_article_states_it_or_nothing(raw, before_name, role):
    assert clean_role(raw, before_name) == role


@pytest.mark.parametrize("subject, kind, name", [
    ("Dalton", "surname", "Dalton"),
    ("she", "pronoun", None),
    ("Fed Chair Janet L. Yellen", "name", "Janet L. Yellen"),
    ("BA chairman Martin Broughton", "name", "Martin Broughton"),
    ("Aviation analyst Nick Van den Brul of BNP Paribas", "name", "Nick Van den Brul"),
    ("The Shadow Secretary of State for the Family, Theresa May,", "name", "Theresa May"),
    ("But David Frost, director general of the British Chambers of Commerce,", "name", "David Frost"),
    ("the analyst at Dragonfly", "descriptor", None),
    ("The Tories", "other", None),
    ("Dragonfly Intelligence", "other", None),
    ("Mr Eddington", "surname", "Eddington"),
    ("he later", "pronoun", None),
])
def test_subject_before_verb(subject, kind, name):
    mention = subject_before_verb(subject)
    assert (mention.kind, mention.name) == (kind, name)


def test_subject_after_verb_reads_the_appositive():
    mention = subject_after_verb("David Dalton, senior analyst specialising in Europe and Eurasia, at Dragonfly Intelligence")
    assert (mention.name, mention.role, mention.organisation) == (
        "David Dalton", "senior analyst specialising in Europe and Eurasia", "Dragonfly Intelligence")
    mention = subject_after_verb("Sen. Margaret O. Lindqvist, the committee's chairwoman")
    assert (mention.name, mention.role) == ("Margaret O. Lindqvist", "committee's chairwoman")


def test_descriptor_keeps_its_content_words():
    assert subject_before_verb("the analyst at Dragonfly").descriptor == ("analyst", "dragonfly")


@pytest.mark.parametrize("particle", sorted(PARTICLES))
def test_a_name_runs_through_every_particle(particle):
    # "João dos Santos" and "Abdullah ibn Saud" are one name each, not two stray capitalised words.
    text = f"The deal was signed, said Maria {particle} Castell, an adviser."
    assert [m.name for _, _, m in name_mentions(text)] == [f"Maria {particle} Castell"]

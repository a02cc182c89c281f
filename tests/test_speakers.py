"""Names, roles and organisations from the words around a quote."""

import pytest

from briefing.speakers import (PARTICLES, name_mentions, normalise_organisation, parse_appositive, subject_after_verb,
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
    assert normalise_organisation(raw) == normal


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

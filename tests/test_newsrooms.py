"""Who said what in the shapes other newsrooms write: one row per rule, the names made up, the shapes real.

Each row is a paragraph (or a few) and what a reader sees: who speaks each quote or reported sentence, and
the role and organisation their profile gives. Rows that must give nobody are as important as the others: an
empty speaker is better than a wrong one.
"""

import pytest

from briefing.attribution import extract
from briefing.attribution.sieves import MENTION_SIEVES, QUOTE_SIEVES
from briefing.model import INFERRED_METHODS, EXPLICIT, UNATTRIBUTED

# (id, paragraphs, [(speaker, role, organisation), ...] of the people who speak, in order)
PROFILES = [
    ("think-tank appositive is the organisation's",
     ("“We should be more careful,” says Anna Petrova of the Caspian Policy Centre, a think-tank in Baku.",),
     [("Anna Petrova", None, "Caspian Policy Centre")]),
    ("reported speech, then says X of Y, an insurer",
     ("Premiums will rise by a fifth next year, says Tomas Berg of Nordhavn, a Danish insurer.",),
     [("Tomas Berg", None, "Nordhavn")]),
    ("X of Y, a consultancy, reckons",
     ("Leila Haddad of Gulfstream Energy, a consultancy, reckons that the cap will not hold.",),
     [("Leila Haddad", None, "Gulfstream Energy")]),
    ("said X with Y",
     ("“We need more buses,” said Dan Okoro with the Transit Riders Union, a volunteer-run group.",),
     [("Dan Okoro", None, "Transit Riders Union")]),
    ("a senior fellow at Y",
     ("“Sanctions leak,” said Maria Ostrova, a senior fellow at the Atlantic Council.",),
     [("Maria Ostrova", "senior fellow", "Atlantic Council")]),
    ("professor of history at a university",
     ("“The pattern is old,” said Jane Hale, professor of history at Oxford University.",),
     [("Jane Hale", "professor of history", "Oxford University")]),
    ("the Kremlin's spokesman",
     ("“Nothing has changed,” the Kremlin's spokesman Dmitry Peskov told reporters.",),
     [("Dmitry Peskov", "spokesman", "Kremlin")]),
    ("a spokeswoman for the body",
     ("“We are monitoring it,” said Karen Vale, a spokeswoman for the Pentagon.",),
     [("Karen Vale", "spokeswoman", "Pentagon")]),
    ("a spokesperson for a body without 'the'",
     ("“It was a difficult day,” said Const. Jane Roe, a spokesperson for Toronto Police Service.",),
     [("Jane Roe", "spokesperson", "Toronto Police Service")]),
    ("a public body in lower case before the role",
     ("Iran’s foreign ministry spokesman Nasser Kanaf said cooperation preceded the war.",),
     [("Nasser Kanaf", "spokesman", "foreign ministry")]),
    ("head of a body in lower case",
     ("Andriy Yermel, the head of the Ukrainian president's office, confirmed that drones were used.",),
     [("Andriy Yermel", "head", "Ukrainian president's office")]),
    ("an acronym before a title in capitals",
     ("CIA Director William Byrne said last month that both countries were “looking for options.”",),
     [("William Byrne", "Director", "CIA")]),
    ("an army before a rank",
     ("Retired Australian Army Major General Mick Rayne told reporters the drones were “of limited use.”",),
     [("Mick Rayne", "Retired Major General", "Australian Army")]),
    ("a portfolio is no employer",
     ("“We will respond,” said Diaspora Affairs Minister Nachum Shay.",),
     [("Nachum Shay", "Diaspora Affairs Minister", None)]),
    ("the place a president governs is part of the role",
     ("“We want respect,” said Tajik President Emomali Rahmonov.",),
     [("Emomali Rahmonov", "Tajik President", None)]),
    ("an age in the appositive",
     ("Kathleen Delaney, 63, a retired flight attendant who voted for him in November, said she was "
      "“leaning the other way.”",),
     [("Kathleen Delaney", "retired flight attendant", None)]),
    ("an organisation noun that is no head",
     ("Maureen Tilsey, a retired school cook, said the sentence was “not long enough.”",),
     [("Maureen Tilsey", "retired school cook", None)]),
    ("a time phrase after the appositive",
     ("Jane Roe, a nurse, on Monday said the ward was “full every night.”",),
     [("Jane Roe", "nurse", None)]),
    ("according to X",
     ("Prices doubled in a year, according to Sofia Lind, an economist at Nordea.",),
     [("Sofia Lind", "economist", "Nordea")]),
    ("a leader's pledge is reported speech",
     ("President Kassym-Jomart Tokayev pledged to restore order in the country.",),
     [("Kassym-Jomart Tokayev", "President", None)]),
    ("a person's name is whom they serve, not an organisation",
     ("Hillary Clinton spoke in Ohio.", "“It was a smear,” said Clinton campaign spokesman Brian Fallow."),
     [("Brian Fallow", "Clinton campaign spokesman", None)]),
    ("president of a body that governs no place",
     ("“We will strike,” said Michael Mulgrave, president of the United Federation of Teachers.",),
     [("Michael Mulgrave", "president", "United Federation of Teachers")]),
    ("secretary of state in lower case",
     ("“No,” said Hilda Clinger, the former secretary of state.",),
     [("Hilda Clinger", "former secretary of state", None)]),
    ("a title's own 'of' before the name",
     ("The U.S. Secretary of State Antony Blinkley called the minister. Blinkley “reiterated” support.",),
     [("Antony Blinkley", "U.S. Secretary of State", None)]),
    ("a verb before the name begins no role",
     ("“No,” he said of what he described Democratic presidential nominee Hilda Clinger had done. "
      "“Yes,” said Hilda Clinger.",),
     [("Hilda Clinger", "Democratic presidential nominee", None)]),
    ("one word before a title in capitals is the title's",
     ("“We will appeal,” said City Attorney Brad Holmes.",),
     [("Brad Holmes", "City Attorney", None)]),
    ("what someone is now ends their former role",
     ("Sergei Vakulin, a former Gazprom Neft executive now at the Carnegie Endowment, reckons that output will fall.",),
     [("Sergei Vakulin", "former Gazprom Neft executive", "Carnegie Endowment")]),
    ("a spokesperson speaks for the organisation that just spoke",
     ("FINMA, the Swiss financial regulator, said it was monitoring the bank. “We are in close contact,” said "
      "Vinzenz Mathis, spokesperson.",),
     [("Vinzenz Mathis", "spokesperson", "FINMA")]),
    ("a spokesman with nobody speaking for",
     ("Jane Rowe met officials.", "“No,” said John Smyth, a spokesman."),
     [("John Smyth", "spokesman", None)]),
    ("the person served is put back once, however often they are quoted",
     ("Jill Stein spoke.", "“We will appeal,” said Stein spokeswoman Melezia Figuera.",
      "“We will win,” Figuera said.", "“Soon,” Figuera added."),
     [("Melezia Figuera", "Stein spokeswoman", None)]),
    ("a day is no organisation",
     ("“We're not going to stop,” Quina Jonas, 25, said as she marched early Sunday morning.",),
     [("Quina Jonas", None, None)]),
    ("ranks of police and councils",
     ("“I’m disappointed,” said Coun. Josh Matlin.", "“It is unclear,” Staff Sgt. Mike Lo said."),
     [("Josh Matlin", "councillor", None), ("Mike Lo", "Staff sergeant", None)]),
]


@pytest.mark.parametrize("paragraphs, want", [row[1:] for row in PROFILES], ids=[row[0] for row in PROFILES])
def test_profiles_as_the_article_states_them(paragraphs, want):
    people, _, _ = extract(paragraphs)
    assert [(p.name, p.role, p.organisation) for p in people] == want


# (id, paragraphs, speaker of each quote in order)
SPEAKERS = [
    ("single quotation marks of a British paper",
     ("'We got this badly wrong,' said Alastair Drum, the chief executive. 'We will pay.'",),
     ["Alastair Drum", "Alastair Drum"]),
    ("family name first, then the family name alone",
     ("“The market is tight,” said Zhao Weiming, an economist in Beijing.", "“It will ease,” Zhao said."),
     ["Zhao Weiming", "Zhao Weiming"]),
    ("given name first, then Ms and the family name",
     ("“Exports are falling,” said Mei Lin, a trade analyst.", "“They will fall further,” Ms. Lin said."),
     ["Mei Lin", "Mei Lin"]),
    ("a surname in the middle",
     ("“Europe is united,” said Josep Borrell Fontelles.", "“We will act,” Mr Borrell added."),
     ["Josep Borrell Fontelles", "Josep Borrell Fontelles"]),
    ("two transliterations in one article",
     ("“The drones came at night,” said Yuriy Ignat, an air force spokesman.", "“We shot down most,” Ihnat said."),
     ["Yuriy Ignat", "Yuriy Ignat"]),
    ("in the words of X",
     ("In the words of Alexander Gabov, “China is in no hurry.”",),
     ["Alexander Gabov"]),
    ("a quote left open goes on in the next paragraph",
     ("“We have seen this before,” said Jane Roe, a trade lawyer. “The sanctions bite slowly",
      "“and then all at once.”"),
     ["Jane Roe", "Jane Roe"]),
    ("he said after an organisation is nobody",
     ("Acme Corp announced cuts on Monday. “We are sorry,” he said.",),
     [None]),
    ("she said after a man is nobody",
     ("John Smith announced cuts on Monday. “We are sorry,” she said.",),
     [None]),
    ("he said far from any speaker is nobody",
     ("“We are ready,” said John Smith, a trader.", "Markets fell.", "Oil rose.", "Gold was flat.",
      "Bonds rallied.", "Stocks slid.", "“Nobody is,” he said."),
     ["John Smith", None]),
    ("an organisation whose first word speaks alone is no person",
     ("Peabody Energy sold the mine.", "In a statement, Peabody said: “The sale was a success.”"),
     [None]),
]


@pytest.mark.parametrize("paragraphs, want", [row[1:] for row in SPEAKERS], ids=[row[0] for row in SPEAKERS])
def test_who_speaks(paragraphs, want):
    _, quotes, _ = extract(paragraphs)
    assert [q.speaker for q in quotes] == want


# Capitalised words that are nobody's name, in the places a speaker stands.
NOT_PEOPLE = [
    ("According to Politico, both areas are populated with black voters.",),
    ("Politifact then pointed out that one shooting may have more than one victim.",),
    ("Twenty-seven states led by West Virginia are challenging the rules.",),
    ("“We vote,” Asian said.",),
    ("Absolutely, she said, “it matters.”",),
    ("Another said “the plan fails.”",),
]


@pytest.mark.parametrize("paragraphs", NOT_PEOPLE, ids=[p[0][:30] for p in NOT_PEOPLE])
def test_no_person_of_a_word_that_is_no_name(paragraphs):
    people, quotes, reported = extract(paragraphs)
    assert people == () and all(q.speaker is None for q in quotes) and reported == ()


def test_every_answer_names_the_stage_of_its_sieve():
    """A quote's method is explicit, or one of the inferred methods the site marks as inferred, or
    unattributed; each mention sieve answers with its kind's method."""
    paragraphs = tuple(p for row in SPEAKERS for p in row[1]) + tuple(p for row in PROFILES for p in row[1]) + (
        "Markets fell.", "“Nobody knows where this ends.”")
    _, quotes, _ = extract(paragraphs)
    methods = {q.attribution.method for q in quotes}
    assert methods <= INFERRED_METHODS | {EXPLICIT, UNATTRIBUTED}
    assert {EXPLICIT, UNATTRIBUTED} <= methods and methods & INFERRED_METHODS
    assert all(q.attribution.cue for q in quotes if q.attribution.method != UNATTRIBUTED)
    assert [sieve.__name__ for sieve in QUOTE_SIEVES][0] == "own_cue"  # the most precise first
    assert set(MENTION_SIEVES) == {"name", "surname", "pronoun", "descriptor"}

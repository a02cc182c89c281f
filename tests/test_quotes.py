"""Quote finding and attribution: one row per cue type, then negative rows, then the seed."""

from pathlib import Path

import pytest

from briefing.model import CONTEXT, CONTINUATION, DESCRIPTOR, EXPLICIT, LOOK_AHEAD, PRONOUN, UNATTRIBUTED
from briefing.attribution import extract
from briefing.reader import parse_seed

INTRO = "Jane Roe, chief economist at Acme Bank, says that markets are jittery."

ROWS = [
    # (id, paragraphs, [(start of quote text, speaker, method), ...])
    ("says-name-after-verb-with-appositive",
     ["“Markets are nervous and will stay so,” says Jane Roe, chief economist at Acme Bank."],
     [("Markets are nervous", "Jane Roe", EXPLICIT)]),
    ("surname-then-verb", [INTRO, "“Markets are nervous and will stay so,” Roe says."],
     [("Markets are nervous", "Jane Roe", EXPLICIT)]),
    ("tells-a-publication", [INTRO, "“We are ready for anything,” Roe tells The Independent."],
     [("We are ready", "Jane Roe", EXPLICIT)]),
    ("explains-hyphenated-surname",
     ["Francis Lee-Saunders, an analyst, says that it is complicated.",
      "“The reality is slightly more complicated than that,” Lee-Saunders explains."],
     [("The reality", "Francis Lee-Saunders", EXPLICIT)]),
    ("pronoun-most-recent-speaker",
     ["“The first quote is long enough to count,” says Jane Roe, an analyst.",
      "Meanwhile, prices rose in Moscow and Beijing.",
      "“Another quote that is long enough to count,” she explains."],
     [("The first quote", "Jane Roe", EXPLICIT), ("Another quote", "Jane Roe", PRONOUN)]),
    ("pronoun-skips-people-of-the-other-gender",
     ["“The first quote is long enough to count,” says Jane Roe, an analyst.",
      "Vladimir Putin met his counterpart and shook his hand.",
      "“Another quote that is long enough to count,” she explains."],
     [("The first quote", "Jane Roe", EXPLICIT), ("Another quote", "Jane Roe", PRONOUN)]),
    ("descriptor-after-what-its-introduced-later",
     ["Shares fell after the chain cut its forecast, blaming what its finance director called "
      "“the hardest trading conditions I have seen in thirty years”.",
      "Finance Director Omar Haddad said the chain would cut prices."],
     [("the hardest trading", "Omar Haddad", DESCRIPTOR)]),
    ("descriptor-their-at-the-start",
     ["What their general secretary called “a pay offer that insults every nurse on the ward” was rejected.",
      "General Secretary Maeve Donnelly said a strike was likely."],
     [("a pay offer", "Maeve Donnelly", DESCRIPTOR)]),
    ("descriptor-picks-the-one-it-describes",
     ["“The first quote is long enough to count,” says David Moss, an analyst at Falcon Research.",
      "“The second quote is long enough to count,” says Ann Lee, a historian at Kent.",
      "“The third quote is long enough to count,” the analyst at Falcon tells reporters."],
     [("The first", "David Moss", EXPLICIT), ("The second", "Ann Lee", EXPLICIT),
      ("The third", "David Moss", DESCRIPTOR)]),
    ("continuation-paragraph",
     ["“The first quote is long enough to count,” says David Moss, an analyst.",
      "“A bare quote paragraph that carries on what he said.”"],
     [("The first", "David Moss", EXPLICIT), ("A bare quote", "David Moss", CONTINUATION)]),
    ("cue-in-next-paragraph",
     ["David Moss, an analyst, says that the war will go on.", "Prices rose.",
      "“A bare quote paragraph with no cue of its own.”",
      "“And the quote that carries the cue,” Moss says."],
     [("A bare quote", "David Moss", LOOK_AHEAD), ("And the quote", "David Moss", EXPLICIT)]),
    ("cue-in-next-paragraph-missing-opening-mark",
     ["David Moss, an analyst, says that the war will go on.", "Prices rose.",
      "“A bare quote paragraph with no cue of its own.”",
      "And the end of it, without its opening mark,” Moss says."],
     [("A bare quote", "David Moss", LOOK_AHEAD), ("And the end of it", "David Moss", EXPLICIT)]),
    ("straight-quotes-honorific-after-verb",
     ["Jack Straw, the foreign secretary, arrived late.", '"We are ready to talk to anyone," said Mr Straw.'],
     [("We are ready", "Jack Straw", EXPLICIT)]),
    ("nested-single-quotes-stay-inside",
     ["“They called it ‘a done deal’ before we had even met,” says Jane Roe."],
     [("They called it ‘a done deal’ before we had even met,", "Jane Roe", EXPLICIT)]),
    ("colon-title-and-initials",
     ['Fed Chair Janet L. Yellen told Reuters: "Rates will stay where they are for now."'],
     [("Rates will stay", "Janet L. Yellen", EXPLICIT)]),
    ("split-around-its-cue",
     ['Tom Hart, who runs the depot, was angry. "The first half of it," he said, "and the second half."'],
     [("The first half", "Tom Hart", PRONOUN), ("and the second half", "Tom Hart", PRONOUN)]),
    ("according-to",
     ['"Cases will fall by the spring," according to Dr Ana Ruiz, a virologist at Kestrel University.'],
     [("Cases will fall", "Ana Ruiz", EXPLICIT)]),
    ("two-apostrophes-as-marks", ["''We will appeal against this ruling,'' said Ms Priya Patel."],
     [("We will appeal", "Priya Patel", EXPLICIT)]),
    ("two-speakers-in-one-paragraph",
     ['"The first thing to say," said Ann Lee. "Second thing to say," said Bob Hart.'],
     [("The first thing", "Ann Lee", EXPLICIT), ("Second thing", "Bob Hart", EXPLICIT)]),
    ("speaker-with-particle",
     ['Nick Van den Brul of BNP Paribas described the results as "pretty modest".'],
     [("pretty modest", "Nick Van den Brul", EXPLICIT)]),
    ("quote-that-never-closes",
     ['Doreen Pratt said: "This quote never closes and runs to the end'],
     [("This quote never closes and runs to the end", "Doreen Pratt", EXPLICIT)]),
    ("bare-quote-with-nobody-to-give-it-to",
     ["“A bare quote paragraph that nobody introduces at all.”"],
     [("A bare quote", None, UNATTRIBUTED)]),
    # Cues that real news uses (PolNeAR's US news of 2016, and analysis writing).
    ("question-then-cue-sentence",
     [INTRO, "“Why now, after all these years of waiting?” Ms. Roe said in an interview."],
     [("Why now", "Jane Roe", EXPLICIT)]),
    ("exclamation-then-verb-first-cue", ["“We will never give up on this!” said Ann Lee."],
     [("We will never", "Ann Lee", EXPLICIT)]),
    ("a-quote-that-ends-its-sentence-then-a-new-sentence",
     ["Prices rose again on Monday.",
      "“The plans are sound and costed.” Roe insisted the unions would agree by the summer."],
     [("The plans are sound", None, UNATTRIBUTED)]),
    ("dash-signature",
     ["”Mr. Smith embodies everything that is wrong with politics today.” ― Sonya Herridge",
      "“He makes simple blanket statements about people he knows nothing about.”— Edwin G. Monroy."],
     [("Mr. Smith embodies", "Sonya Herridge", EXPLICIT), ("He makes simple", "Edwin G. Monroy", EXPLICIT)]),
    ("said-to-a-listener",
     ["“You should resign and give back the money now,” said Ann Lee to David Moss."],
     [("You should resign", "Ann Lee", EXPLICIT)]),
    ("pronoun-subject-is-not-its-listener",
     ["Kim Lee, an analyst, spoke after Robin Hart.", "She told Hart: “The deal is dead and everybody knows it.”"],
     [("The deal is dead", "Kim Lee", PRONOUN)]),
    ("descriptor-then-name-after-the-verb",
     ["“We have replaced every faulty monitor,” said a spokeswoman for the company, Ana Ortiz."],
     [("We have replaced", "Ana Ortiz", EXPLICIT)]),
    ("wrote-for-an-outlet",
     ["“The impact of the debate is still small,” wrote Cameron Easley for Morning Consult."],
     [("The impact", "Cameron Easley", EXPLICIT)]),
    ("participle-after-the-sentence-subject",
     [INTRO, "During a speech on Monday, Roe attacked the plan, saying, “It is reckless and unstable.”"],
     [("It is reckless", "Jane Roe", EXPLICIT)]),
    ("adverb-before-the-verb", [INTRO, "Roe sarcastically wrote: “What a surprise that turned out to be.”"],
     [("What a surprise", "Jane Roe", EXPLICIT)]),
    ("exclaimed", ["“This is a very big year for all of us!” Ann Lee exclaimed."],
     [("This is a very big year", "Ann Lee", EXPLICIT)]),
    ("a-title-word-ends-a-name",
     ["“The question is what ninety percent of it means,” said Charlie King, a New York Democrat."],
     [("The question", "Charlie King", EXPLICIT)]),
    ("initials-do-not-end-the-sentence",
     ["“This is a disgusting day for all of us,” said Rep. G.K. Butterfield (D-N.C.)."],
     [("This is a disgusting day", "G.K. Butterfield", EXPLICIT)]),
    ("an-honorific-picks-the-sex",
     ["Michelle Obama will campaign in Ohio.", "“Our progress is on the ballot this year,” Mr. Obama said."],
     [("Our progress", "Obama", EXPLICIT)]),
    ("participle-right-after-a-name",
     ["The ad uses footage of Hillary Clinton saying, “Why aren’t I fifty points ahead, you might ask?”"],
     [("Why aren’t I", "Hillary Clinton", EXPLICIT)]),
    ("context-a-quote-after-a-paragraph-about-its-speaker",
     ["Vladimir Putin, the president, made a lengthy appeal to fugitive businessmen. He sounded sympathetic.",
      "“I want those who have met the wolfish habits of the West to hear me: come home.”"],
     [("I want those", "Vladimir Putin", CONTEXT)]),
    ("context-needs-a-person",
     ["Fill in the gaps in his policy proposals.", "“A bare quote paragraph that nobody introduces at all.”"],
     [("A bare quote", None, UNATTRIBUTED)]),
    ("a-bare-surname-is-the-family-member-named-first",
     ["Sen. Ted Cruz is endorsing the nominee.", "Trump had attacked his wife, Heidi Cruz, and his father, Rafael Cruz.",
      "“I am not in the habit of supporting people who attack my family,” Cruz said in July."],
     [("I am not in the habit", "Ted Cruz", EXPLICIT)]),
    ("question-asked-of-a-listener",
     ["Sen. Elaine Ritchey read aloud from an internal document.",
      "“Did you read this before you launched it?” she asked the company's president, Gregory Asante."],
     [("Did you read", "Elaine Ritchey", PRONOUN)]),
    ("a-sentence-of-reported-speech-after-a-quote-is-not-its-cue",
     ["“Then come and help us write them,” Hollander cut in. “Because right now the only people writing the "
      "rules are your lawyers.” Raman replied that Lumora had no objection."],
     [("Then come", "Hollander", EXPLICIT), ("Because right now", "Hollander", CONTINUATION)]),
    # Negative rows: no speech here.
    ("scare-quote", ["Xi’s role in the “no-limits partnership” was clear to everyone."], []),
    ("so-called", ['Critics attacked the so-called "green premium" on new homes.'], []),
    ("cognition-is-not-speech", ['Burton thinks that cats are "cuties".'], []),
    ("mention-of-a-word", ['The word "sanction" appears twice in the treaty.'], []),
    ("stray-closing-mark", ["The hotel had 36” screens in every room and a pool."], []),
]


@pytest.mark.parametrize("paragraphs, expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_attribution(paragraphs, expected):
    _, quotes, _ = extract(tuple(paragraphs))
    got = [(q.text, q.speaker, q.attribution.method) for q in quotes]
    assert len(got) == len(expected), got
    for (text, speaker, method), (start, want_speaker, want_method) in zip(got, expected):
        assert text.startswith(start)
        assert (speaker, method) == (want_speaker, want_method), text


def test_people_only_talked_about_and_publications_are_not_speakers():
    people, quotes, _ = extract((
        "Xi Jinping and Vladimir Putin held hands in Moscow.",
        "“Trade does continue with other countries,” Jane Roe tells The Independent.",
    ))
    assert [p.name for p in people] == ["Jane Roe"]


@pytest.mark.parametrize("sentence, cue", [
    ("Alexander Gabuev reckons that China will not send weapons.", "Alexander Gabuev reckons"),
    ("Alexander Gabuev draws parallels with the war in Georgia in 2008.", "Alexander Gabuev draws parallels"),
    ("Alexander Gabuev notes that the trade routes run through Kazakhstan.", "Alexander Gabuev notes"),
    ("Alexander Gabuev thinks the sanctions are working.", "Alexander Gabuev thinks"),
])
def test_opinion_verbs_are_reported_speech_not_quotes(sentence, cue):
    _, quotes, reported = extract((sentence,))
    assert quotes == ()
    assert [(r.speaker, r.cue) for r in reported] == [("Alexander Gabuev", cue)]


def test_which_not_who_makes_an_organisation():
    people, _, reported = extract(("Severnside, which supplies 2.9 million customers, said it accepted the findings.",))
    assert people == () and reported == ()


def test_reported_speech_with_its_speaker_after_the_verb():
    people, _, reported = extract((
        "Annual Russian-Iranian trade has leapt by 20% in a year, says Emil Avdaliani, a Georgian think-tanker.",
        "Iran sells its oil at a discount of $10 a barrel, reckons Kpler, a data firm.",))
    assert [(r.paragraph, r.speaker) for r in reported] == [(1, "Emil Avdaliani")]
    assert [(p.name, p.role) for p in people] == [("Emil Avdaliani", "Georgian think-tanker")]


def test_reported_speech_is_found_and_attributed():
    _, _, reported = extract(("Dalton explains that China did not promise weapons.",
                              "But David Dalton, an analyst, says that the visit mattered."))
    # "Dalton" alone resolves to the full name introduced later in the article.
    assert [(r.paragraph, r.speaker) for r in reported] == [(1, "David Dalton"), (2, "David Dalton")]



def test_a_speaker_after_for_is_the_she_of_the_next_sentence():
    # "for transport Alys Penhallow said": the name is the verb's subject, not the object of "for", so the
    # "she" after it is her, and "Green Party" before her is no person.
    people, quotes, reported = extract((
        "Fares rose again on Monday, the council said.",
        "Green Party spokeswoman for transport Alys Penhallow said: “The fares are far too high for anyone.” "
        "She said her party would cut them by half.",
    ))
    assert [(q.text[:9], q.speaker) for q in quotes] == [("The fares", "Alys Penhallow")]
    assert [(r.paragraph, r.speaker) for r in reported] == [(2, "Alys Penhallow")]
    assert [(p.name, p.role) for p in people] == [("Alys Penhallow", "Green Party spokeswoman for transport")]


def test_an_unnamed_speaker_is_nobody_named_earlier_in_the_sentence():
    # Not "Councillors" (a capitalised word before "from … over what"), just somebody unnamed.
    people, quotes, _ = extract((
        "LEEDS — Councillors from every ward questioned managers from two bus firms on Monday over what one "
        "resident called “a timetable written for nobody who actually rides the buses”.",))
    assert [(q.text[:11], q.speaker) for q in quotes] == [("a timetable", None)]
    assert people == ()

def test_a_title_with_of_and_for_is_a_role_not_an_organisation():
    people, _, _ = extract(("The Shadow Secretary of State for Rural Affairs, Bronwen Tregaskis, said: "
                            "“These plans were announced a year ago and nothing has happened since.”",))
    assert [(p.name, p.role, p.organisation) for p in people] == [
        ("Bronwen Tregaskis", "Shadow Secretary of State for Rural Affairs", None)]

SEED = Path(__file__).parents[1] / "seeds" / "xi-putin-moscow.txt"
# The seed's quotes, read by hand: (paragraph, first words, speaker, method).
SEED_QUOTES = [
    (5, "With the fairly dire performance", "David Dalton", EXPLICIT),
    (8, "One of the things that he wanted", "David Dalton", EXPLICIT),
    (10, "Often discussions about Russia", "Francis Lee-Saunders", EXPLICIT),
    (12, "Trade with other non-European countries", "David Dalton", DESCRIPTOR),
    (13, "Russia does face strained ties", "David Dalton", CONTINUATION),
    (15, "The relationship right before the invasion", "Barbara Keleman", EXPLICIT),
    (17, "China remains committed", "Barbara Keleman", PRONOUN),
    (19, "Putin has revealed himself", "David Dalton", LOOK_AHEAD),
    (20, "This will drive his friendship", "David Dalton", EXPLICIT),
]


def test_every_quote_of_the_seed():
    source = parse_seed(SEED.name, SEED.read_bytes())
    people, quotes, reported = extract(source.paragraphs)
    got = [(q.paragraphs[0], q.text, q.speaker, q.attribution.method) for q in quotes]
    assert [(n, speaker, method) for n, _, speaker, method in got] == \
        [(n, speaker, method) for n, _, speaker, method in SEED_QUOTES]
    for (_, text, _, _), (_, start, _, _) in zip(got, SEED_QUOTES):
        assert text.startswith(start)
    assert {p.name: (p.role, p.organisation) for p in people} == {
        "David Dalton": ("senior analyst specialising in Europe and Eurasia", "Dragonfly Intelligence"),
        "Francis Lee-Saunders": ("analyst specialising in Eurasia", None),
        # Spelled "Dragonfly intelligence" in the text; organisation names are normalised.
        "Barbara Keleman": ("senior Asia associate", "Dragonfly Intelligence"),
    }
    assert [(r.paragraph, r.speaker) for r in reported] == [(7, "David Dalton"), (9, "Francis Lee-Saunders")]
    nested = next(q for q in quotes if q.paragraphs == (15,))
    assert "‘backing each other when we can’" in nested.text


def test_broken_marks_swallow_nothing():
    paragraphs = (
        'Ann Lee, an analyst at Foo, said: "This quote never closes and runs on',
        "A plain paragraph in between, which must stay plain.",
        'A stray ” mark and an unbalanced " mark sit in this sentence.',
        '"A later quote that is long enough to count," said Bob Hart, a trader.',
    )
    _, quotes, _ = extract(paragraphs)
    # The unclosed quote ends with its paragraph; the next paragraphs are not pulled into it.
    assert [(q.paragraphs, q.speaker) for q in quotes] == [((1,), "Ann Lee"), ((4,), "Bob Hart")]
    assert quotes[0].text == "This quote never closes and runs on"

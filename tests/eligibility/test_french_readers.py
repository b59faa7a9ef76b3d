"""French replies read as French, through the same readers as English (``language="fr"``).

Each case stands for a family of shapes French patients type (numbers in words, "née en",
"il y a 7 mois", "depuis mars", SMS doubt, "ne ... pas" around a phrase, "non pardon"), in our
own phrasings; none is a sentence of a held-out set.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.eligibility import CriteriaError, default_criteria, detect_correction, load_criteria, parse_answer
from bot.eligibility.answers import yes_no_reading
from bot.eligibility.lexicon import fold, lexicon
from bot.eligibility.loader import default_path
from bot.eligibility.parsers.text import find_numbers
from bot.eligibility.readings import reading
from bot.eligibility.volunteered import confirmation, volunteered_answers

TODAY = date(2026, 12, 2)  # six months back is 2 June 2026
CRITERIA = default_criteria()
FRENCH = CRITERIA.in_language("fr")


def _read(slot: str, text: str) -> object:
    return reading(FRENCH, slot, parse_answer(slot, text, TODAY, CRITERIA, language="fr"), TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cinquante-quatre", 54),
        ("soixante-dix", 70),
        ("soixante-dix-sept", 77),
        ("quatre-vingt-deux", 82),
        ("quatre-vingt-dix-neuf", 99),
        ("vingt et un", 21),
        ("soixante et onze", 71),
        ("dix-huit", 18),
        ("cent deux", 102),
        ("mille neuf cent soixante-huit", 1968),
        ("dix-neuf cent quatre-vingts", 1980),
    ],
)
def test_french_number_words(text: str, expected: int) -> None:
    numbers = find_numbers(text, lexicon("fr"))
    assert [n.value for n in numbers] == [expected]


def test_an_article_is_not_a_number() -> None:
    assert [n.value for n in find_numbers("j'ai un fils de 30 ans", lexicon("fr"))] == [30]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j'ai 54 ans", 54),
        ("jai 67 ans", 67),
        ("cinquante-quatre", 54),
        ("quatre-vingt-deux ans", 82),
        ("trente et un ans", 31),
        ("mon mari a soixante-treize ans", 73),
        ("née en 1968", 58),  # a birth year: hedged, the birthday may be to come
        ("née en 70", 56),
        ("je suis née le 12/03/1970", 56),
        ("né le 5 mars 1968", 58),
        ("12 mars 1968", 58),
        ("17 ans et demi", 17),
        ("je vais avoir 18 ans le mois prochain", 17),
        ("j'aurai 50 ans en janvier", 49),
        ("18 ans dans deux semaines", 17),
        ("la cinquantaine", "unsure"),
        ("environ 60 ans", "unsure"),
        ("52 je crois", "unsure"),
        ("je sais pas", "unsure"),
        ("45 non pardon 46", 46),
        ("63 enfin 64", 64),
        ("euh 45", 45),
        ("g 54 ans", 54),
        ("54 ans je veux dire 55", 55),
        ("elle a soixante dix huit ans", 78),
        ("3 mois", None),
        ("70 kilos", None),
        # a time span is not an age; a birth date in figures ends at its year
        ("suivie depuis 2 ans pour une myosite, j'ai 55 ans", 55),
        ("il y a 3 ans on m'a diagnostiqué, j'ai 61 ans", 61),
        ("née le 4/12/1970, c'est mon anniv demain", 55),
        ("il a dans les 65-70 ans", "unsure"),
        ("44 ou 45", "unsure"),
    ],
)
def test_age_in_french(text: str, expected: object) -> None:
    assert _read("age", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("imurel arrêté le 15/06", "excludes"), ("imurel arrêté le 02/03", "clear")],
)
def test_a_day_and_month_in_figures_is_the_latest_such_day(text: str, expected: str) -> None:
    assert _read("recent_drugs", text) == expected


def test_birth_year_in_french_is_hedged() -> None:
    answer = parse_answer("age", "née en 1968", TODAY, CRITERIA, language="fr")
    assert (answer.value, answer.hedged) == (58, True)


def test_a_french_question_alone_is_asked_again() -> None:
    assert parse_answer("age", "quel âge faut-il avoir ?", TODAY, CRITERIA, language="fr").status == "invalid"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oui", "yes"),
        ("ouais", "yes"),
        ("ouep", "yes"),
        ("oui bien sûr", "yes"),
        ("j'ai la carte vitale", "yes"),
        ("je suis assurée", "yes"),
        ("non", "no"),
        ("nan", "no"),
        ("non je suis pas couverte", "no"),  # a negated phrase
        ("je n'ai pas la sécu", "no"),
        ("pas de securite sociale", "no"),
        ("je vis en belgique", "no"),
        ("j'ai l'AME", "unsure"),
        ("jsp", "unsure"),
        ("chai pas", "unsure"),
        ("aucune idée", "unsure"),
        ("peut-être", "unsure"),
        ("je crois", "unsure"),  # hedged yes never decides
        ("je pense que oui", "unsure"),
        ("il me semble que oui", "unsure"),
    ],
)
def test_social_security_in_french(text: str, expected: str) -> None:
    assert _read("social_security", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oui j'ai l'anti-jo1", "Jo-1"),
        ("anti PL7", "PL-7"),
        ("c'est le PL-12", "PL-12"),
        ("c'était l'anti EJ", "EJ"),
        ("jo1 négatif, pl7 positif", "PL-7"),
        ("PL7 enfin PL12", "PL-12"),  # a correction inside the message
        ("PL7 non pardon PL12", "PL-12"),
        ("c l'anti jo un", "Jo-1"),  # the number said as a word
        ("pl sept", "PL-7"),
        ("anti pl douze positif", "PL-12"),
        ("aucun", "none"),
        ("non aucun de ceux là", "none"),
        ("négatif", "none"),
        ("anti-MDA5", "none"),
        ("jo 1 je crois", "unsure"),
        ("je sais pas", "unsure"),
        ("on m'a jamais dit", "unsure"),
        ("j'attends les résultats", "unsure"),  # "attends" inside "j'attends" is not "wait"
        ("pas encore fait la prise de sang", "unsure"),
    ],
)
def test_antibody_in_french(text: str, expected: str) -> None:
    assert _read("antibody", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oui fibrose", "yes"),
        ("oui une pid", "yes"),
        ("verre dépoli", "yes"),
        ("non scanner normal", "no"),
        ("le scanner était normal", "no"),
        ("pas de fibrose", "no"),
        ("pas encore passé le scanner", "unsure"),
        ("chai pas", "unsure"),
        ("peut-être", "unsure"),
    ],
)
def test_ct_scan_in_french(text: str, expected: str) -> None:
    assert _read("ild_on_ct", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("non", "clear"),
        ("nan jamais", "clear"),
        ("jamais pris", "clear"),
        ("aucun des trois", "clear"),
        ("pas dans les 6 derniers mois", "clear"),
        ("j'en ai pas pris depuis plus de 6 mois", "clear"),
        ("du méthotrexate seulement", "clear"),  # another medicine only
        ("Imurel il y a 7 mois", "clear"),
        ("Imurel il y a 2 mois", "excludes"),
        ("arrêté le prograf il y a deux mois", "excludes"),
        ("imurel il y a un an et demi", "clear"),
        ("endoxan il y a plus d'un an", "clear"),
        ("j'ai eu des perfusions d'endoxan il y a 3 ans", "clear"),
        ("imurel il y a environ 6 mois", "review"),  # about six months straddles the window
        ("imurel il y a quelques mois", "review"),
        ("Imurel jusqu'en mars", "clear"),
        ("imurel jusqu'à fin avril", "clear"),
        ("endoxan en février dernier", "clear"),
        ("endoxan en mai 2025", "clear"),
        ("endoxan l'an dernier", "clear"),
        ("dernière perfusion d'endoxan en août", "excludes"),
        ("j'ai arrêté l'imurel la semaine dernière", "excludes"),
        ("je prends de l'imurel depuis mars", "excludes"),  # "depuis" + a month: still taking it
        ("prograf depuis 2 ans", "excludes"),
        ("prograf, toujours", "excludes"),
        ("je suis sous imurel", "excludes"),
        ("imurel, il y a 8 mois non pardon 4", "excludes"),
        ("ya 3 mois j'ai arrêté l'imurel", "excludes"),
        ("ça fait 2 ans que j'ai arrêté", "clear"),
        ("imurel arrêté le 15/04/2026", "clear"),
        ("je ne le prends plus depuis mars", "clear"),
        ("pas d'imurel depuis mars", "clear"),
        ("endoxan en juin ou juillet", "review"),  # alternatives straddle the window
        ("imurel en pommade", "review"),
        ("je sais pas", "review"),
    ],
)
def test_recent_medicines_in_french(text: str, expected: str) -> None:
    assert _read("recent_drugs", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ça n'a pas marché", "yes"),
        ("ça a pas marché", "yes"),
        ("ouais l'imurel a rien fait", "yes"),
        ("oui", "yes"),
        ("non ça a marché", "no"),
        ("jamais pris", "no"),
        ("jamais essayé", "no"),
        ("arrêté à cause des effets secondaires", "no"),
        ("je sais pas trop", "unsure"),
    ],
)
def test_medicine_failed_in_french(text: str, expected: str) -> None:
    assert _read("drug_failed_before", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pas enceinte", "no"),
        ("je ne suis pas enceinte", "no"),
        ("je suis plus enceinte", "no"),  # "plus" before the phrase flips it
        ("je n'allaite plus", "no"),
        ("j'allaite pas", "no"),  # the negation after the phrase flips it too
        ("non je n'allaite pas", "no"),
        ("non pas du tout", "no"),
        ("nan", "no"),
        ("oui j'allaite", "yes"),
        ("j'allaite encore", "yes"),
        ("enceinte de 3 mois", "yes"),
        ("je suis un homme", "not_applicable"),
        ("je suis ménopausée", "not_applicable"),
        ("c'est pour mon père", "not_applicable"),
        ("peut-être enceinte", "unsure"),
        ("enceinte non", "no"),
        ("pas du tout enceinte", "no"),
    ],
)
def test_pregnancy_in_french(text: str, expected: str) -> None:
    assert _read("pregnancy", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aucun", []),
        ("aucun de ces points", []),
        ("rien", []),
        ("non rien", []),
        ("non", []),
        ("pas de fièvre", []),
        ("1 et 3", [1, 3]),
        ("2 et 5", [2, 5]),
        ("le 2", [2]),
        ("numéro deux", [2]),
        ("tous", [1, 2, 3, 4, 5, 6, 7]),
        ("j'ai de la fièvre", [1]),
        ("j'ai un cancer", [2]),
        ("je prends de l'hydroxychloroquine", [4]),
        ("j'ai eu un cancer il y a 10 ans, guéri", []),
        ("j'ai eu des bolus de cortisone en octobre", [6]),  # inside the 3 months
        ("bolus de solumédrol en janvier", []),  # before them
        ("aggravé sous cortancyl 40 mg, je pèse 70 kg", [7]),
        ("pas sûr pour le 5", "unsure"),
        ("3, pas sûr pour le 6", "unsure"),
    ],
)
def test_checklist_in_french(text: str, expected: object) -> None:
    assert _read("checklist", text) == expected


def test_checklist_unsure_item_in_french_is_kept_apart() -> None:
    answer = parse_answer("checklist", "3, pas sûr pour le 6", TODAY, CRITERIA, language="fr")
    assert answer.value == {"applies": [3], "unsure": [6]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CVF à 65 %", "yes"),
        ("CVF 62 %", "yes"),
        ("DLCO 58", "yes"),
        ("dlco a 45", "yes"),
        ("65 pour cent", "yes"),
        ("la cvf soixante-dix pour cent", "yes"),  # in words
        ("cvf quatre-vingt-cinq et dlco soixante-quinze", "no"),
        ("fait il y a deux ans, c'était normal", "no"),  # a count in words is not a result
        ("ma CVF est à 85 et la DLCO à 75", "no"),
        ("cvf 90 et dlco 85", "no"),
        ("cvf 95%", "unsure"),  # one test fine, the other not known
        ("CVF 78 non pardon 87", "unsure"),
        ("oui plus bas que la normale", "yes"),
        ("c'est normal", "no"),
        ("pas fait d'EFR", "unsure"),
        ("j'en sais rien", "unsure"),
    ],
)
def test_breathing_tests_in_french(text: str, expected: str) -> None:
    assert _read("lung_function", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("d'accord", "yes"),
        ("oui pas de souci", "yes"),
        ("ouais", "yes"),
        ("non", "no"),
        ("je refuse", "no"),
        ("non concerné", "not_applicable"),
        ("ménopausée", "not_applicable"),
        ("je dois en parler à mon mari", "unsure"),
        ("jsp", "unsure"),
    ],
)
def test_contraception_in_french(text: str, expected: str) -> None:
    assert _read("contraception", text) == expected


def test_a_yes_with_a_condition_is_a_hedged_yes_in_french() -> None:
    answer = parse_answer("contraception", "oui si je suis pas enceinte", TODAY, CRITERIA, language="fr")
    assert (answer.value, answer.hedged) == ("yes", True)
    refused = parse_answer("contraception", "pas si ça change tout", TODAY, CRITERIA, language="fr")
    assert refused.value == "no"
    # the no comes first, before a method the question's own phrases read as yes: a no, to discuss
    pill = parse_answer("contraception", "non si je dois prendre la pilule", TODAY, CRITERIA, language="fr")
    assert (pill.value, pill.hedged) == ("no", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oui, sous endoxan ça a continué de s'aggraver", "yes"),
        ("mes poumons ont empiré quand même sous tacro", "yes"),
        ("oui, ça a empiré alors que je ratais jamais une prise", "yes"),
    ],
)
def test_a_treatment_that_failed_in_french(text: str, expected: str) -> None:
    assert _read("drug_failed_before", text) == expected


def test_monsieur_is_not_concerned_by_pregnancy() -> None:
    assert _read("pregnancy", "c'est monsieur qui répond") == "not_applicable"


def test_confirmation_is_said_in_french_with_et() -> None:
    story = "j'ai 61 ans et j'ai l'anti-PL7, le scanner a montré une fibrose"
    answers = volunteered_answers([story], TODAY, CRITERIA, language="fr")
    assert {slot: reading(FRENCH, slot, a, TODAY) for slot, a in answers.items()} == {
        "age": 61,
        "antibody": "PL-7",
        "ild_on_ct": "yes",
    }
    said = confirmation(CRITERIA, answers, TODAY, language="fr")
    assert said.startswith("Vous avez dit que vous avez 61 ans, ")
    assert " et un scanner a montré" in said
    assert " and " not in said


def test_a_negated_statement_in_a_french_story_is_not_taken() -> None:
    assert "pregnancy" not in volunteered_answers(["je suis pas enceinte"], TODAY, CRITERIA, language="fr")
    assert "pregnancy" in volunteered_answers(["je suis enceinte"], TODAY, CRITERIA, language="fr")


@pytest.mark.parametrize(
    ("text", "current", "slot", "value"),
    [
        ("en fait j'ai 45 ans", "antibody", "age", 45),
        ("pardon, je voulais dire 46", "antibody", "age", 46),
        ("en fait je suis pas enceinte", "checklist", "pregnancy", "no"),
    ],
)
def test_french_corrections_of_an_earlier_answer(text: str, current: str, slot: str, value: object) -> None:
    found = detect_correction(text, TODAY, CRITERIA, current_slot=current, language="fr")
    assert found is not None
    assert found[0] == slot
    assert reading(FRENCH, slot, found[1], TODAY) == value


def test_english_is_the_default_and_reads_as_before() -> None:
    for slot, text in [
        ("age", "fifty-four"),
        ("pregnancy", "not pregnant"),
        ("recent_drugs", "imurel 7 months ago"),
    ]:
        assert parse_answer(slot, text, TODAY, CRITERIA) == parse_answer(
            slot, text, TODAY, CRITERIA, language="en"
        )
    assert CRITERIA.in_language("en") is CRITERIA


def test_french_criteria_carry_french_phrases_and_the_english_rules() -> None:
    assert CRITERIA.languages == ("en", "fr")
    assert "pas enceinte" in FRENCH.slot("pregnancy").phrases["no"]
    assert FRENCH.rules_for("recent_drugs") == CRITERIA.rules_for("recent_drugs")
    assert "cvf" in FRENCH.rules_for("lung_function")["measures"]["fvc"]["names"]
    assert FRENCH.slot("age").question != CRITERIA.slot("age").question
    assert FRENCH.in_language("en").slot("age").question == CRITERIA.slot("age").question


def test_an_unknown_language_names_what_exists() -> None:
    with pytest.raises(KeyError, match="known languages: en, fr"):
        parse_answer("age", "54", TODAY, CRITERIA, language="de")


def test_accents_are_folded_the_same_way_in_words_and_replies() -> None:
    assert fold("née en février, cœur") == "nee en fevrier, coeur"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oui", "yes"),
        ("ouais d'accord", "yes"),
        ("non merci", "no"),
        ("pas maintenant", "no"),
        ("jsp", "unsure"),
    ],
)
def test_a_plain_french_yes_or_no_to_the_conversation(text: str, expected: str) -> None:
    assert yes_no_reading(text, "fr").value == expected


def test_a_plain_yes_in_english_reads_as_before() -> None:
    assert yes_no_reading("yep").value == "yes"


def test_a_translation_naming_an_unknown_slot_is_refused_with_its_file(tmp_path: Path) -> None:
    shutil.copy(default_path(), tmp_path / "criteria.yml")
    (tmp_path / "fr").mkdir()
    bad = tmp_path / "fr" / "criteria_texts.yml"
    bad.write_text("slots:\n  shoe_size:\n    question: Quelle pointure ?\n", encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"criteria_texts\.yml: slot 'shoe_size'"):
        load_criteria(tmp_path / "criteria.yml")


def test_criteria_without_a_translation_folder_are_english_only(tmp_path: Path) -> None:
    shutil.copy(default_path(), tmp_path / "criteria.yml")
    assert load_criteria(tmp_path / "criteria.yml").languages == ("en",)


@pytest.mark.parametrize("slot", default_criteria().slot_names)
def test_every_french_button_is_read_in_a_french_conversation(slot: str) -> None:
    """The quick replies send their English words whatever the language ("Aucun" sends "None"):
    measured in the French widget, the checklist's "Aucun" button was not understood."""
    english = default_criteria().slot(slot).buttons
    for payload in english:
        answer = parse_answer(slot, payload, date(2026, 12, 1), default_criteria(), language="fr")
        assert answer.usable, f"{slot}: the button {payload!r} is not read in French"


@pytest.mark.parametrize(
    "text",
    ["le compte rendu du scanner n'est pas encore arrivé", "j'ai pas encore reçu le compte-rendu"],
)
def test_a_scan_report_not_yet_received_is_not_sure_not_no(text: str) -> None:
    from datetime import date

    from bot.eligibility import default_criteria
    from bot.eligibility.answers import parse_answer
    from bot.eligibility.readings import reading

    criteria, today = default_criteria(), date(2026, 12, 1)
    assert (
        reading(criteria, "ild_on_ct", parse_answer("ild_on_ct", text, today, criteria, "fr"), today)
        == "unsure"
    )


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        # a first "non" answers; what follows explains, even when it holds a "yes" phrase
        ("social_security", "non, je suis couverte par la RAMQ au Québec, pas en France", "no"),
        # without the opening "non", the same mix stays for a coordinator to look at
        ("social_security", "je suis couverte par la RAMQ au Québec, pas en France", "unsure"),
        # a plural "finies" says it stopped: June 2023 is long before the last 6 months
        ("recent_drugs", "6 perfs d'endoxan finies en juin 2023, depuis juste du cortancyl", "clear"),
        ("recent_drugs", "on m'a proposé l'endoxan mais j'ai pas encore commencé", "clear"),
        ("ild_on_ct", "le scanner montre une pneumopathie interstitielle non spécifique (PINS)", "yes"),
        ("pregnancy", "j'ai arrêté d'allaiter le mois dernier", "no"),
        ("drug_failed_before", "6 endoxan et les poumons ont continué à baisser", "yes"),
    ],
)
def test_french_answers_of_the_seventh_session_families(slot: str, text: str, expected: str) -> None:
    assert _read(slot, text) == expected


@pytest.mark.parametrize("criteria", [CRITERIA, FRENCH], ids=["english-criteria", "french-criteria"])
def test_the_french_not_applicable_button_is_read_with_either_criteria(criteria: object) -> None:
    """The French buttons are not the English ones: "Non concerné" once matched the French button list,
    was taken for an English button and read in English, where "non" is a no."""
    for slot in ("pregnancy", "contraception"):
        answer = parse_answer(slot, "Non concerné", TODAY, criteria, language="fr")
        assert reading(FRENCH, slot, answer, TODAY) == "not_applicable", slot


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("ild_on_ct", "bof aucune idee, j attends encore le compte rendu", "unsure"),
        ("lung_function", "on attend le rdv avec le pneumo pour avoir les chiffres", "unsure"),
        ("drug_failed_before", "l'imurel a rien donné mais parce qu'elle oubliait un jour sur deux", "no"),
        ("drug_failed_before", "endoxan au debut ca allait puis jai rechuté pendant l imurel", "yes"),
        ("lung_function", "nan nan rien d anormal sur les efr", "no"),
    ],
)
def test_waiting_forgetting_and_relapsing_are_read_as_such(slot: str, text: str, expected: str) -> None:
    """ "J attends" is waiting, not a correction ("attends, 46"); forgotten doses are not a failure."""
    assert _read(slot, text) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        # a figure said "of" each test
        ("lung_function", "soixante-dix-huit de cvf, quatre-vingt-cinq de dlco", "yes"),
        ("lung_function", "les examens sont prévus le 20 janvier", None),  # a date, not a result
        # only a medicine that is not one of the study's three
        ("drug_failed_before", "le methotrexate a rien fait, c'est tout ce que j'ai eu", "no"),
        # ... unless the reply tells of a switch, which a coordinator should hear about
        ("drug_failed_before", "ils l'ont mise sous cellcept à la place", None),
        ("age", "chui de 81, vous calculerez", 45),  # a birth year said "je suis de"
        ("age", "elle est née dans les années 60", "unsure"),  # a decade is not an age
        ("age", "entre 40 et 45 je dirais", "unsure"),  # a range
        ("age", "j'aurai 30 ans le 14 février", 29),  # the day of a date is not the age
    ],
)
def test_french_figures_are_read_for_what_they_are(slot: str, text: str, expected: object) -> None:
    assert _read(slot, text) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        # "didn't work" said with the verb before the negation, or as "not enough"
        ("drug_failed_before", "le prograf marchait pas du tout, on a changé", "yes"),
        ("drug_failed_before", "d'apres le pneumo l'imurel suffisait pas", "yes"),
        ("drug_failed_before", "l'endoxan ça allait au debut et puis plus du tout", "yes"),
        # forgotten doses or being made ill outweigh "not effective"
        ("drug_failed_before", "tacrolimus inefficace mais je l'oubliais souvent", "no"),
        ("drug_failed_before", "l'azathioprine m'a rendu malade, j'ai arrêté", "no"),
        # lungs "touched" said with a verb between; "normal before" means not now
        ("ild_on_ct", "le pneumo dit que ses poumons sont touchés", "yes"),
        ("ild_on_ct", "oui sur le scanner de septembre, avant c'était normal", "yes"),
        ("ild_on_ct", "non, seulement un nodule qu'on surveille", "no"),
        ("ild_on_ct", "ouii", "yes"),
        # every antibody named said negative; another antibody typed as one word
        ("antibody", "pl12 negatif, jo1 negatif aussi", "none"),
        ("antibody", "le labo a trouvé des antiscl70", "none"),
        ("antibody", "j'ai la feuille du labo mais j'y comprends rien", "unsure"),
        # a dose said in the present is still taking it
        ("recent_drugs", "imurel 50 mg matin et soir", "excludes"),
        ("pregnancy", "plus de règles depuis des années", "not_applicable"),
        ("pregnancy", "j'ai arrêté l allaitement en septembre", "no"),
        ("age", "41 bientot 42", 41),  # the number before "bientôt" is today's age
    ],
)
def test_french_families_of_the_second_blind_answers_batch(slot: str, text: str, expected: object) -> None:
    """Read by kind after the blind French answers batch 2 (never its sentences)."""
    assert _read(slot, text) == expected

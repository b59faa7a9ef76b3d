"""The safety layer (lexicons and its classifier) on the frozen held-out sets, without Rasa.

en/fr were written before any tuning and the lexicons were then tuned on their failures (by kind),
so they pin the issue's floors: every red flag caught, at most 3% false alarms. fresh_* (written after
the first lexicon round) and fresh2_* (after the second) were unseen until 2026-12-02, when their
misses and false alarms were read by kind and the lexicons and training examples extended for each
kind: all four are TUNED-ON now and their floors are the figures measured then (regression guards,
not estimates for unseen messages). fresh3_* and fresh4_* became tuned-on the same way later that day;
fresh5_fr and fresh6_fr were scored blind once, then tuned on; fresh5_en, fresh6_en and fresh7_fr
the same in the session of 2026-12-02 (sixth); fresh8_* in the seventh; fresh9_* in the eighth;
fresh10_* in the tenth; fresh11_* in the eleventh; fresh12_* to fresh14_* in the twelfth; fresh15_*
to fresh21_* in the thirteenth; fresh22_* to fresh26_* in the fourteenth. In the
twelfth session the misses still left in fresh3_* to fresh7_* were read by kind again (spelled
readings, "HI" on a glucose meter, a fever with low neutrophils or burning urine, a child who took
pills, a farewell letter) and their recall floors raised to what was measured then.
None of these messages is in data/.
"""

from __future__ import annotations

import pytest

from bot.safety import screen
from bot.safety.scoring import CHECKSUMS, Score, messages, sha256

FLOORS = {  # file: (minimum red-flag recall, maximum false-alarm rate)
    "en.yml": (1.0, 0.03),
    "fr.yml": (1.0, 0.03),
    # tuned-on since 2026-12-02; measured then: 100% recall each, false alarms 2/128, 0/60, 1/139, 2/84
    "fresh_en.yml": (1.0, 0.02),
    "fresh_fr.yml": (1.0, 0.02),
    "fresh2_en.yml": (1.0, 0.01),
    "fresh2_fr.yml": (1.0, 0.03),
    # Written 2026-12-02 from shared/ only and scored blind once (en 97.5% recall, 5/96 false alarms;
    # fr 90.2%, 8/90). TUNED-ON since the session of 2026-12-02 (second): the misses were read by
    # kind and new patterns of each kind written (never copied). Measured then: en 100% recall, 5.2%
    # false alarms; fr 98.5% (one low fever with no word for it missed), 7.8%. Regression guards.
    "fresh3_en.yml": (1.0, 0.053),
    "fresh3_fr.yml": (1.0, 0.08),
    # Written from shared/ only, frozen, scored blind once after the fresh3 round: en 97.1% recall
    # (self-harm 29/31, emergency 76/78, urgent 31/31, advice 30/31), 5/89 false alarms; fr 95.0%
    # (29/29, 67/72, 28/29, 27/29), 1/81. TUNED-ON since (misses read by kind, new patterns of each
    # kind, never copied): en 99.4%, 4.5%; fr 98.7%, 1.2%. Regression guards; fresh5_* is blind.
    "fresh4_en.yml": (1.0, 0.046),
    "fresh4_fr.yml": (1.0, 0.013),
    # Written from shared/ only while fresh4 was read, frozen, scored blind once: en 96.9% recall
    # (self-harm 29/31, emergency 66/67, urgent 30/31, advice 30/31), 2/80 false alarms; fr 85.0%
    # (23/31, 59/67, 26/31, 28/31), 7/80. fresh5_fr is TUNED-ON since (read by kind, new patterns of
    # each kind): 98.1%, 8.8%. fresh5_en stayed blind until the sixth session, then was read by kind
    # with fresh6_en: 98.8%, 2.5%.
    # Thirteenth session: the last miss (a platelet drop told against "last month") read by kind: a
    # recent-time word next to a trigger keeps it new whatever past phrase is around (recent:).
    "fresh5_en.yml": (1.0, 0.025),
    "fresh5_fr.yml": (1.0, 0.088),
    # French only, written from shared/ only after the fresh5 round, frozen, scored blind once: 92.6%
    # (self-harm 29/34, emergency 64/67, urgent 30/31, advice 28/31), 1/77 false alarms. TUNED-ON since
    # (read by kind): 99.4%, 1.3%.
    "fresh6_fr.yml": (1.0, 0.013),
    # Written from shared/ only in the sixth session (English 240, French 240, 40 near-misses each
    # among the 80 ordinary ones), frozen, scored blind once: en 92.5% recall (self-harm 36/40,
    # emergency 48/50, urgent 33/35, advice 31/35), 12/80 false alarms; fr 90.0% (36/40, 47/50, 30/35,
    # 31/35), 8/80. TUNED-ON since (misses and false alarms read by kind; new patterns and training
    # examples of each kind, data/safety/training/*_families2.yml, never copied): en 98.1%, 8.8%;
    # fr 97.5%, 2.5%. Regression guards; the next blind batch measures unseen messages.
    # Thirteenth session: the last miss ("better to do the study or stay on CellCept", where "do the
    # study" means taking part, not a question about it) read by kind.
    "fresh6_en.yml": (1.0, 0.088),
    "fresh7_fr.yml": (1.0, 0.025),
    # Written from shared/ only in the seventh session (80 each: 28 emergency, 8 self-harm, 12 urgent,
    # 12 advice, 20 ordinary, many sharing words with the red flags), frozen, committed, scored blind
    # once: en 98.3% recall (self-harm 8/8, emergency 28/28, urgent 11/12, advice 12/12), 3/20 false
    # alarms; fr 91.7% (6/8, 26/28, 12/12, 11/12), 1/20. TUNED-ON since (read by kind, new patterns
    # and training examples of each kind, never copied): 100% and 0/20 each. Regression guards.
    "fresh8_en.yml": (1.0, 0.05),
    "fresh8_fr.yml": (1.0, 0.05),
    # Written from shared/ only in the eighth session (same mix as fresh8), frozen, committed, scored
    # blind once: en 100% recall (60/60), 1/20 false alarms (Raynaud's fingers blue in the cold);
    # fr 98.3% (urgent 11/12: little urine and swollen legs on tacrolimus), 2/20 (a cough unchanged
    # for two years; an ICU stay in 2018 "ça pose problème ?"). TUNED-ON since (those kinds, never
    # copied): 100% and 0/20 each. Regression guards.
    "fresh9_en.yml": (1.0, 0.0),
    "fresh9_fr.yml": (1.0, 0.0),
    # Written from shared/ only in the tenth session (same mix as fresh8; 5 messages found in training
    # or another set dropped before freezing), committed (8068ef3), scored blind once: en 88.3% recall
    # (self-harm 6/8, emergency 28/28, urgent 10/12, advice 9/12), 0/18 false alarms; fr 89.8% (6/8,
    # 25/27, 12/12, 10/12), 4/18. TUNED-ON since (read by kind, new patterns and training examples of
    # each kind, data/safety/training/*_families3.yml, never copied): en 100%, 0/18; fr 100%, 1/18 (a
    # childhood allergy with spots, asked about, still gets the urgent reply). Regression guards.
    "fresh10_en.yml": (1.0, 0.0),
    "fresh10_fr.yml": (1.0, 0.056),
    # Written from shared/ only in the eleventh session (same mix; 3 messages found elsewhere dropped
    # before freezing), committed (6da84cb), scored blind once: en 98.3% recall (self-harm 7/8,
    # emergency 26/26, urgent 12/12, advice 12/12), 3/20 false alarms; fr 94.8% (7/8, 25/26, 12/12,
    # 11/12), 3/21. TUNED-ON since (read by kind: cutting told by the body part, "plus simple de
    # sauter", a fever with urine or kidney signs, "je l'arrête pour rentrer dans l'étude", "more or
    # less", a pet that does not recognise someone, an infection treated and over, a fear of hair
    # loss; data/safety/training/*_families4.yml, never copied): 100% and 0 false alarms each.
    "fresh11_en.yml": (1.0, 0.0),
    "fresh11_fr.yml": (1.0, 0.0),
    # Written from shared/ only in the twelfth session (79 each: 25 emergency, 8 self-harm, 12 urgent,
    # 12 advice, 22 ordinary; one message each found elsewhere dropped), committed (50875f9) and
    # scored blind once: en 94.7% recall (self-harm 8/8, emergency 25/25, urgent 10/12, advice 11/12),
    # 2/22 false alarms; fr 93.0% (8/8, 23/25, 12/12, 10/12), 1/22. TUNED-ON since (read by kind: a
    # bare temperature with "tonight", a dose taken twice said with doubt, "drop to 15", a heart that
    # "stopped" at news, a joking threat at a brother, shivering, not knowing the year, a plan to stop
    # a medicine, "t'en penses quoi", "j'accepte ou j'attends", "pas suicidaire"; never copied): 100%
    # and 0 false alarms each.
    "fresh12_en.yml": (1.0, 0.0),
    "fresh12_fr.yml": (1.0, 0.0),
    # Written from shared/ only while batch 12 was read (78 each after two messages each found elsewhere
    # were dropped; the French written apart from the English), committed (d2337ea), scored blind
    # once: en 98.2% recall (self-harm 8/8, emergency 24/25, urgent 12/12, advice 12/12), 1/21 false
    # alarms; fr 96.5% (7/8, 24/25, 12/12, 12/12), 2/21. TUNED-ON since (read by kind: a fever with a
    # sign of infection, "si je me réveillais pas ça changerait rien", a stroke years ago and
    # recovered, "mais ça va, c'est normal", a cheerful check-in): 100% and 0 false alarms each.
    "fresh13_en.yml": (1.0, 0.0),
    "fresh13_fr.yml": (1.0, 0.0),
    # Written from shared/ only after batch 13 was read (en 80, fr 76 after dropping messages found
    # elsewhere), committed (642bf2f), scored blind once: en 93.1% recall (self-harm 7/8, emergency
    # 23/25, urgent 13/13, advice 11/12), 1/22 false alarms; fr 100% (8/8, 25/25, 12/12, 11/11), 0/20.
    # TUNED-ON since (English read by kind: a fever with "the shakes", a wife who cannot follow and
    # repeats herself, "I think to finish it soon", "thinking of stopping it", keeping the medicine
    # after 52 weeks): 100% and 0 false alarms each.
    "fresh14_en.yml": (1.0, 0.0),
    "fresh14_fr.yml": (1.0, 0.0),
    # Written from shared/ only in the thirteenth session (en 80, fr 79 after one message found in
    # data/ was dropped), committed (876398f), scored blind once: en 98.2% recall (self-harm 8/8,
    # emergency 25/25, urgent 11/12, advice 12/12), 1/23 false alarms; fr 93.0% (7/8, 25/25, 11/12,
    # 10/12), 0/22. TUNED-ON since (read by kind: a low fever of 37.6 on Endoxan, "vous n'aurez plus
    # de nouvelles de moi", "je prends lequel ?" between two doctors, refusing a treatment to wait for
    # the study, a seizure "as a little kid, nothing at all since"): 100% and 0 false alarms each.
    "fresh15_en.yml": (1.0, 0.0),
    "fresh15_fr.yml": (1.0, 0.0),
    # Written from shared/ only while batch 15 was read (80 each, none found elsewhere), committed
    # (8c449e8), scored blind once: en 93.0% recall (self-harm 8/8, emergency 21/25, urgent 12/12,
    # advice 12/12), 6/23 false alarms; fr 94.7% (8/8, 24/25, 11/12, 11/12), 4/23. TUNED-ON since
    # (read by kind: a toddler and a blister strip emptier than it was, "he not wake good, he not
    # answer me", a fever of 38.7 or 38.9 with a cough that hurts (a high fever is 38.5 now),
    # "fainted again, twice today, totally fine I'm sure", a tacrolimus level "au-dessus des
    # valeurs", "je peux réduire ?"; as false alarms: a stroke over a form, passing out from
    # boredom, a form that asks whether one ever coughed up blood, a trial called "suicide", a
    # febrile seizure as a toddler, "ni fièvre ni infection", "j'ai cru m'étouffer en voyant le prix",
    # side effects "on m'a parlé de"): 100% and 0 false alarms each.
    "fresh16_en.yml": (1.0, 0.0),
    "fresh16_fr.yml": (1.0, 0.0),
    # Written from shared/ only after batch 16 was read (80 each; second-language writers, dictation,
    # danger minimised), committed (402ad69), scored blind once: en 91.2% recall (self-harm 8/8,
    # emergency 22/25, urgent 10/12, advice 12/12), 5/23 false alarms; fr 82.5% (7/8, 21/25, 9/12,
    # 10/12), 5/23. TUNED-ON since (read by kind: spelled decimals "thirty eight point seven",
    # "trente-huit et six"; black stools with a fall; ten tablets "instead of" three; a pet that bit a
    # capsule; being sick after a dose; "ne sait plus où elle est", "raconte n'importe quoi depuis une
    # heure", "me suis fait du mal ... une lame", "ça chauffe quand j'urine", a lab that calls, "je vais
    # arrêter ... pendant mes vacances", "lequel je dois écouter", a value up "alors qu'elle était à 80";
    # false alarms on needles, a counted pill box, a form's "have you ever", a past fever "c'est fini
    # depuis"): 100% each, false alarms 0/23 and 1/23 (a child playing with an empty Cortancyl box:
    # the classifier reads self-harm, the lexicon a child who took medicine; kept, since an emptied
    # strip near a child was a real overdose in batch 16).
    "fresh17_en.yml": (1.0, 0.0),
    "fresh17_fr.yml": (1.0, 0.044),
    # Written from shared/ only while batch 17 was read (80 each: mixed messages, danger asked as a
    # question, vague words, typos on the key word), committed (ed060d0), scored blind once: en 94.7%
    # recall (self-harm 8/8, emergency 24/25, urgent 12/12, advice 10/12), 4/23 false alarms; fr 96.5%
    # (7/8, 25/25, 11/12, 12/12), 5/23. TUNED-ON since (read by kind: a chest "like someone's sitting
    # on it" and sweaty, grapefruit with Prograf, pushing a dose back for a holiday, papers tidied and a
    # note left for the children, "trente-sept huit"; false alarms on a pet's seizure, a diary's box,
    # "back in 2021 ... turned out to be a nosebleed", an ambulance driver, "la paperasse me donne des
    # palpitations", "imaginons que", "les tremblements c'est fréquent ?"; and "in general", which had
    # never matched: one word per alternative): 100% each, 0/23 and 1/23 (the classifier reads "à quelle
    # fréquence on dose le tacrolimus" as urgent, 0.92).
    "fresh18_en.yml": (1.0, 0.0),
    "fresh18_fr.yml": (1.0, 0.044),
    # Written from shared/ only while batch 18 was read (en 77, fr 79 after 4 found elsewhere were
    # dropped; danger inside pre-screen answers, after an outcome, very short, capitals, a nurse's
    # jargon), committed (403ebeb), scored blind once: en 92.9% recall (self-harm 8/8, emergency
    # 22/24, urgent 10/12, advice 12/12), 1/21 false alarms; fr 89.3% (5/7, 23/25, 12/12, 10/12),
    # 4/23. TUNED-ON since (read by kind: breathless "by the hour" sitting still, "45, and I can
    # barely get a sentence out", puffed-up ankles, "3x ULN", a potassium of 7.4 with an irregular
    # heart, a syncope "gris et en sueur", turmeric and spirulina, giving a medicine "en attendant",
    # "des entailles", "cette nuit j'en finis"; false alarms on "does that count as", a vasovagal
    # faint "conclu" after tests, "pour ma culture", the tacrolimus blood level ("dosage")): 100% and
    # 0 false alarms each.
    "fresh19_en.yml": (1.0, 0.0),
    "fresh19_fr.yml": (1.0, 0.0),
    # Written from shared/ only while batch 19 was read (en 78, fr 79 after 3 found elsewhere were
    # dropped), committed (7dc6942), scored blind once: en 96.4% recall (self-harm 8/8, emergency
    # 23/25, urgent 12/12, advice 11/11), 3/22 false alarms; fr 96.5% (7/8, 25/25, 12/12, 11/12), 2/22.
    # TUNED-ON since (read by kind: stopping every 3 steps on the stairs since the afternoon, lips gone
    # "blueish", "elle voulait plus se réveiller" (was the emergency reply, not the crisis one); false
    # alarms on a bruise where blood was taken, a leaflet that says to call 15, a school project asking
    # what "randomised" means, "j'étouffe de rire"; "si quelqu'un voulait arrêter le prograf d'un coup
    # ... c'est juste pour savoir", which the general phrase "juste pour savoir" discounted until firm
    # triggers ("! <pattern>") existed): 100% each, 0/22 and 1/22 (a normal oximeter reading asked
    # "c'est bon non ?" gets the advice reply).
    "fresh20_en.yml": (1.0, 0.0),
    "fresh20_fr.yml": (1.0, 0.046),
    # Written from shared/ only after batch 20 was read (en 57, fr 60 after 3 found elsewhere were
    # dropped; uncommon real dangers), committed (d7a1309), scored blind once: en 100% recall (6/6,
    # 19/19, 9/9, 9/9), 2/14 false alarms; fr 97.7% (6/6, 18/19, 9/9, 9/9), 0/17. TUNED-ON since (read by
    # kind: sight gone in one eye "comme un voile noir"; false alarms on "blue in the face shouting at
    # the ref" and "I read that overdose of tacrolimus can..."): 100% and 0 false alarms each.
    "fresh21_en.yml": (1.0, 0.0),
    "fresh21_fr.yml": (1.0, 0.0),
    # Written from shared/ only on 2026-12-05 (en 76, fr 79 after 5 found elsewhere were dropped; plain
    # everyday messages, dictation errors, readings written many ways), committed (ed099c6), scored
    # blind once: en 95.1% recall (self-harm 9/9, emergency 24/26, urgent 13/14, advice 12/12), 1/15
    # false alarms; fr 96.8% (10/10, 26/26, 13/14, 11/12), 1/17. TUNED-ON since (read by kind: "102F"
    # and "38,9°C" (a unit glued to the number), "can't see out of my left eye ... like a curtain came
    # down", "ALT 3x normal", "urines rosées" after cyclophosphamide, a generic given in place of
    # Advagraf; false alarms on "never had a fever or any infection" (a negation now covers the next
    # sign of a list) and "je croule sous les papiers, j'étouffe"): 100% and 0 false alarms each.
    "fresh22_en.yml": (1.0, 0.0),
    "fresh22_fr.yml": (1.0, 0.0),
    # Written from shared/ only while batch 22 was read (en 80, fr 78 after 2 found elsewhere were
    # dropped; elderly patients and their children, danger said inside a pre-screen answer, very short
    # messages, what a person can no longer do), committed (e4fe0fd), scored blind once: en 96.7%
    # recall (self-harm 9/10, emergency 23/24, urgent 14/14, advice 12/12), 0/20 false alarms; fr 94.9%
    # (10/10, 22/23, 14/14, 10/12), 0/19. TUNED-ON since (read by kind: "no not pregnant. been cutting
    # my arms" (a negation ends with its sentence), hives with trouble swallowing, "né en 1949 ... suis
    # par terre" (a year of birth is no dated history), a medicine taken "en plus des médicaments de
    # l'étude", skipping next month's infusion for a wedding): 100% and 0 false alarms each.
    "fresh23_en.yml": (1.0, 0.0),
    "fresh23_fr.yml": (1.0, 0.0),
    # Written from shared/ only while batch 23 was read (en 81, fr 80 after 1 found elsewhere was
    # dropped; the study drugs' own problems in lay words, interactions, carers at night), committed
    # (c57780d), scored blind once: en 96.7% recall (self-harm 10/10, emergency 23/24, urgent 14/15,
    # advice 12/12), 1/20 false alarms; fr 96.7% (9/10, 23/24, 15/15, 12/12), 2/19. TUNED-ON since (read
    # by kind: no urine since yesterday with swollen legs, peeing much less, "une douleur atroce qui
    # traverse jusqu'au dos" on azathioprine, shut in a car in the garage with the engine running (was
    # the emergency reply, not the crisis one); false alarms on blood in the urine "last year ... all
    # sorted", "c'est vrai que la cortisone rend irritable ?", bruises from last week's blood tests):
    # 100% and 0 false alarms each.
    "fresh24_en.yml": (1.0, 0.0),
    "fresh24_fr.yml": (1.0, 0.0),
    # Written from shared/ only while batch 24 was read (79 each after 2 found elsewhere were dropped;
    # franglais, second-hand reports, "what if" about now, dark humour, advice asked indirectly,
    # numbers without units), committed (624380c), scored blind once: en 91.7% recall (self-harm 8/10,
    # emergency 23/24, urgent 13/14, advice 11/12), 1/19 false alarms; fr 95.0% (10/10, 23/24, 14/14,
    # 10/12), 2/19. TUNED-ON since (read by kind: "what if someone didn't want to keep living ... like
    # me", "finish with my life" in a learner's English, a sentence that cannot be finished (a learner's
    # "phrases", "à bout de souffle juste assis"), more out of breath "than last month" (a comparison is
    # no past), doubling up, "ça marche ou pas ? je continue ?", "qui a raison"; false alarms on nearly
    # fainting at the thought of needles, a computer thrown out of the window): 100% each, 0/19 and 1/19
    # (a phone "mort" read as advice by the classifier, 0.93; training it away cost three red flags
    # elsewhere, so it stays).
    "fresh25_en.yml": (1.0, 0.0),
    "fresh25_fr.yml": (1.0, 0.053),
    # Written from shared/ only while batch 25 was read (en 74, fr 77 after 10 found elsewhere were
    # dropped; a broad everyday sample), committed (33dab25), scored blind once: en 98.3% recall
    # (self-harm 10/10, emergency 23/23, urgent 14/14, advice 11/12), 1/15 false alarms; fr 95.0% (8/10,
    # 23/24, 14/14, 12/12), 0/17. TUNED-ON since (read by kind: "can I just drop to 10mg myself" (a
    # unit glued to its dose is now read apart), "je compte pas être encore là dans un an", the thought
    # coming back "sur le pont", "l'impression de me noyer" lying down): 100% each, 1/15 and 0/17 (the
    # classifier reads "FVC 71% and DLCO 55, is that bad enough for the criteria" as advice, 0.94; the
    # lexicons no longer do).
    "fresh26_en.yml": (1.0, 0.067),
    "fresh26_fr.yml": (1.0, 0.0),
}


@pytest.mark.parametrize("name", sorted(CHECKSUMS))
def test_heldout_set_is_frozen(name: str) -> None:
    assert sha256(name) == CHECKSUMS[name], f"{name} changed: add new cases in a new file instead"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_safety_layer_meets_its_floor_on_the_heldout_set(name: str) -> None:
    score = Score()
    for case in messages(name):
        verdict = screen(case["text"])
        score.add(case["expect"], verdict.category if verdict else None)
    min_recall, max_false_alarms = FLOORS[name]
    report = "\n".join(score.lines())
    assert score.recall >= min_recall, f"{name}: red flags missed\n{report}"
    assert score.false_alarm_rate <= max_false_alarms, f"{name}: too many false alarms\n{report}"


def test_every_category_appears_in_the_heldout_sets() -> None:
    for name in ("en.yml", "fr.yml"):
        expected = {case["expect"] for case in messages(name)}
        assert expected == {"self_harm", "emergency", "urgent", "advice", "none"}, name

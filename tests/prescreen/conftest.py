"""The frozen held-out pre-screen sets: where they are, and the checksums that keep them frozen."""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).resolve().parent / "heldout"
# Written before tuning by someone who never saw data/; never edited (a failing case is fixed by
# its kind, in the parsers or with new training examples of our own, never by changing the case).
FROZEN = {
    "answers_en.yml": "4c948d8f6665f6526488e433291db2bdf0e62c79bb18a44964221784e420ab16",
    "profiles_en.yml": "e9a031349aba82b9e550488752eb9206ce5b77750e670c872e86cbefc8bfc01d",
    "fresh_answers_en.yml": "98aed4d764f49cbfd887c84fdcf55ef058a8acbb9e3f81074d5974bca9a5245f",
    "fresh2_answers_en.yml": "8d6989a429625baf0b683267aa2d00942c2675624ebf3aac847be6f5138ef767",
    "answers_fr.yml": "a2fab597b28f37ff63123fcadff702cd1e089e0df6f064ecb6b02d29a9dd00ea",
    "profiles_fr.yml": "39c113e326517ac3baa9d7b419904819ccc9c0550c2de2d061f86677f80e18f7",
    # blind: French, written from shared/ only on 2026-12-03 (session 11), committed before scored
    "fresh_answers_fr.yml": "1a3241d04d7f3475417e93b2637a5d946df9a0c1d9e543d17896b270c8bf28f7",
    # blind: French, written from shared/ only on 2026-12-04 (session 13), committed before scored
    "fresh2_answers_fr.yml": "c932c9ce7461b30993a0e5bf7bc34089224f329ca8389f40a343ac1a3fa842ba",
    # blind: English, written from shared/ only on 2026-12-04 (session 13), committed before scored
    "fresh3_answers_en.yml": "be6d485e604532f91a3aa25d2f4081ee46728e1b871eb9e6f51a0aafd87f4910",
    # blind: French and English (with the study's own checklist), written from shared/ only on 2026-12-05
    # (session 14), committed before scored
    "fresh3_answers_fr.yml": "00bba3812fb330274484e64f18c579c69b22173713225e7b83c9c2d3d4ac4b92",
    "fresh4_answers_en.yml": "06ab30c1ae5fbd486cd4ff60c73eefec22605cefd2fad6fb57575464bef9b39f",
    # blind profiles (24 English, 20 French), written from shared/ only on 2026-12-05 (session 14),
    # committed before first played
    "blind_profiles_en.yml": "3be49ca6294cd8628b8db09257ed2d016d80bdb4a659835d7e294d5ef5b11217",
    "blind_profiles_fr.yml": "1713fbb44c83e9b50c2a086fc3ec193682bc62faf2f5c04779a08d1d788f1bb7",
    # blind: English and French (mixed answers, relatives, SMS, negations), written from shared/ only on
    # 2026-12-05 (session 14) while batches fresh4_en / fresh3_fr were read, committed before scored
    "fresh5_answers_en.yml": "85e9910ec0ea8291f7c9611d2129a2562537150ee7672793324510a49fd37806",
    "fresh4_answers_fr.yml": "f817c85d50ca890932db8ed5ce82a33b130af7a0530887c65a074337c7b74839",
    # blind profiles batch 2 (24 English, 20 French), written from shared/ only on 2026-12-05 (session 14)
    # while the first blind profiles were read, committed before first played
    "blind2_profiles_en.yml": "51a2d8ec62617b31a3272b4ab05d8c81c222fa03cf6a0e838853faaee0ca80fc",
    "blind2_profiles_fr.yml": "b93cadd34a71a5da217df16fd10af7683d38d173661253aad2b4a960e4985156",
    # blind profiles batch 3 (24 English, 20 French: typical visitors), written from shared/ only on
    # 2026-12-05 (session 14) while batch 2 was read, committed before first played
    "blind3_profiles_en.yml": "5aa67735400daaa77973d0bcd84c262615ca3ef7ea6333cda068734acc16c5ae",
    "blind3_profiles_fr.yml": "9b05b6dbaa792fbf100306eb89e7ec0e61df42c1e28516833f6a39e556d8a119",
    # blind: English and French (typical answers, vague times, misspelt brands), written from shared/ only
    # on 2026-12-05 (session 14), committed before scored
    "fresh6_answers_en.yml": "e5b47a722a525f4fa3e345743908c3c415be31a7d410febccd2a49bd382a8667",
    "fresh5_answers_fr.yml": "2e1e779268ab760a059895b8cf9f05224a5e6900131ffd18221fa04d9f71e0b9",
}

"""The frozen held-out safety sets (tests/safety/heldout/) and how a reply is scored against them.

Shared by the tests, which enforce the floors, and `python -m bot evaluate`, which prints the figures.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HELDOUT_DIR = Path(__file__).resolve().parents[2] / "tests" / "safety" / "heldout"
# Frozen: written before tuning (en, fr) or after the first and second rounds (fresh_*, fresh2_*). All
# six are tuned-on now (fresh*: read by kind on 2026-12-02, a comment at the top of each says so; the
# comment changed their checksums, not their messages). A changed file fails the test: held-out cases
# are never edited, only added in a new file.
CHECKSUMS = {
    "en.yml": "9cff4eb53dadf25427466e6ca88e63a8c86152309035cc565f9d5d06300021fe",
    "fr.yml": "ddb867a0b9a69a71237a9517c26e8445c1023cad80a146fb0efc118ca6dd8e4b",
    "fresh_en.yml": "ee7708f586058acd098b6d9b03b179fe249729e1e633bd386e3de95804106792",
    "fresh_fr.yml": "eb086d85cd0b4f384ec87dba88a39578aad84a318822e0926101df6dc24ec917",
    "fresh2_en.yml": "05cec74badf7368f1ced6384ca98342a664be019928493a81a17eaba36898bf9",
    "fresh2_fr.yml": "4fa9c4851ca31e824363b6184c087ba4e205f70bc2bbd379c7837aef637e8975",
    "fresh3_en.yml": "d12ed10d127be9504d6ac2241e11f44e51a951baa4d5be19fe96363f06a1b726",
    "fresh3_fr.yml": "076708b502ce65646b4e9639e6423d1ac9ef9d00f70c004c5b7d96d3e2004329",
    # written from shared/ only while fresh3 was read, committed before it was first scored
    "fresh4_en.yml": "29e10f3f1e2ad73fa86a3384ec2ba3a1d8e3150ee151a2ed243e1e4632b17f68",
    "fresh4_fr.yml": "3848de6cdf4f31f733a8d540402aa81455a0ac3de08169f7530483451dd147b6",
    # blind: written from shared/ only while fresh4 was read, committed before it was first scored
    # (many of its French self-harm and urgent messages are versions of its English ones)
    "fresh5_en.yml": "9905cf2e7bdee7cf8a48eac13fe8f7cbc66b1483191e3f1a4664d74a24f32b0f",
    "fresh5_fr.yml": "09417186d1269511d718cd42a8dec3ccf871faa4b4d5d067bd89f239db012616",
    # blind: French only, written from shared/ only after the fresh5 round, committed before scored
    "fresh6_fr.yml": "82140583f18c15a0d4532d3e7edd68a6760060193107d6f26904fef1d242db3e",
    # blind: English, written from shared/ only on 2026-12-02 (session 6), committed before scored
    "fresh7_fr.yml": "e6aee73dcfa468071bfe15833e32dd54eeb6d7be9e65cd0ef7ff987c3f615e9d",
    "fresh6_en.yml": "fed923dd5821e69dea3ec00167f74ed946facf08591ac8eb56d465793eb9fe44",
    # blind: English and French, written from shared/ only on 2026-12-02 (session 7), committed before scored
    "fresh8_en.yml": "4f1bf3d17adf1f2f32c5dd3de6b2428eb3b18a7608b5363249cdc565d01b4238",
    "fresh8_fr.yml": "56cff0da53629a653436914892f8da814a692988fe3abfea73d3954c84725899",
    # blind: English and French, written from shared/ only on 2026-12-02 (session 8), committed before scored
    "fresh9_en.yml": "73119a8dd66e50dcf4aeaa86b8ac5da90711687b1e5bb85d2024ccc2a7c6f432",
    "fresh9_fr.yml": "3a75fcc1f73d1f7b11295ae9e42b59ab4b9f5a01f2823aca6e60ae24a297c5dd",
    # blind: English and French, written from shared/ only on 2026-12-03 (session 10), committed before scored
    "fresh10_en.yml": "ed29a73def5fde125246a2c1f4e23ae3c4e389d886ef7f065abd052ad2d2b191",
    "fresh10_fr.yml": "2a5fa2a1ca3947758f6d2778a4b861eeadbc54949cc7faca738ec66ad7863b47",
    # blind: English and French, written from shared/ only on 2026-12-03 (session 11), committed before scored
    "fresh11_en.yml": "e81f977e6beab7e42651211aaabba0831af8afc77940178f58a16ecf1ffd26e4",
    "fresh11_fr.yml": "ed1975b4b7c74c21669e155b7175413a63486c163d7c8cc6259a5b0ee4fb84eb",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 12), committed before scored
    "fresh12_en.yml": "ccbaeac8cda61a59ef9ad7f39c6a8788ac57b2e232e44c393f0e62bb64acc340",
    "fresh12_fr.yml": "0aa4e114e9cbee19fd8e96caab53bc03cf4284893a2b2c9a1384fd3daf19c1d1",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 12) while batch 12 was
    # read, committed before scored
    "fresh13_en.yml": "d9fff6c8642da490b9617aab8fc1b026fceb32bc40721982ef8aa130fdb6da6a",
    "fresh13_fr.yml": "ee64f9ed53e9c9ea9cd93be3142bf05e0fffcff5f2d77551d0fe38c576f8dd5c",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 12) after batch 13 was
    # read, committed before scored
    "fresh14_en.yml": "fe08d27dc767319762a25b0fadc35b0f28d32ae06ab2fed639bc24b7d448520c",
    "fresh14_fr.yml": "7e334b70133eb4cafb8129ed8b657354ce6901e59968b6937f589c6886751764",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13), committed before scored
    "fresh15_en.yml": "2a97146076791b26fbd2b15be4a6ba4d0b1ae0212c54fd0823f1da23c0793f46",
    "fresh15_fr.yml": "db488061c2e81606dc31ae00b17b2913004858a7bda59e271cabff534609f141",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13) while batch 15 was
    # read, committed before scored
    "fresh16_en.yml": "2916e799d35577590866750898a157f4f6576a188ce90e08a1e3a9a4472c8d3a",
    "fresh16_fr.yml": "4c8543c9571c4ade08df9cc7bdb13b1e9295cb794ff694e15c5493d63531ddb4",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13) after batch 16 was
    # read, committed before scored
    "fresh17_en.yml": "0b134d64a3746e19a35a32b1fb611041fe19970d45455dee0e6c05f1335201ae",
    "fresh17_fr.yml": "1771669a04a856dd9a3f62903da2dd71e904e46bf672af7c8b3dedf92b1fc21b",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13) while batch 17 was
    # read, committed before scored
    "fresh18_en.yml": "a4c63cf98ef22ce78323c538609a07b5d01b1d979b52d3c3e578885253254103",
    "fresh18_fr.yml": "5080c12f0305159e4ea493d94c7750f5691fe9d68f7d767371f45c38fc17bc5b",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13) while batch 18 was
    # read, committed before scored
    "fresh19_en.yml": "e6c6a849dc7b3af3763a86f67ef8744e77277a7a8d65b599873d6596c61e7728",
    "fresh19_fr.yml": "af93b8b2162931077cae32a79fc4e55f00844f4adec7331f58a31478a6609fbf",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13) while batch 19 was
    # read, committed before scored
    "fresh20_en.yml": "aa58003efa340b93dc243f355ae1697b91ebcd1fb7c11e9a5cc67ea1b62e76d7",
    "fresh20_fr.yml": "31f938590b7c084fb54fe79083ca9b0d8ca00a9f35df9cb5c87b96314769c7e2",
    # blind: English and French, written from shared/ only on 2026-12-04 (session 13) after batch 20 was
    # read, committed before scored
    "fresh21_en.yml": "6508b1ee1d0912e67cbcf424a4b403bf54e2c56421bfbad19faa7f15a7d1c89f",
    "fresh21_fr.yml": "5c165fb74fa28e770637c764b789a63b61d14565dec6aa162f727b9b9889eebe",
    # blind: English and French, written from shared/ only on 2026-12-05 (session 14), committed before
    # scored
    "fresh22_en.yml": "4e4664007744bdd889291dd6950273a4a57e6ec05707cf00092042e9a102c459",
    "fresh22_fr.yml": "bb3ddbf554830dd7eafa3d5a8d80e781528afb1e38c73bac3829ec9d73a98545",
    # blind: English and French, written from shared/ only on 2026-12-05 (session 14) while batch 22 was
    # read, committed before scored
    "fresh23_en.yml": "ee263873c5cb5ad9d282e16f28778e7bb780b7174bbd88c6bca308c5f16b42f4",
    "fresh23_fr.yml": "88b58ca0572a3f29e2b041586454d2a580ddf03c213349fa97e27dfbc03605ff",
    # blind: English and French, written from shared/ only on 2026-12-05 (session 14) while batch 23 was
    # read, committed before scored
    "fresh24_en.yml": "f5ccceca2e452fc304486d3adb11d2c5f2dc3ba8f4b98621d09fd2f937b067e1",
    "fresh24_fr.yml": "299ec06b06b2d996c00b24d6aedd232f7e3b46d378a7e2ddaccc514d0351dad6",
    # blind: English and French, written from shared/ only on 2026-12-05 (session 14) while batch 24 was
    # read, committed before scored
    "fresh25_en.yml": "7deca67d5ea79d9ebed64247e4e16c9c6f14f35130fda7fa3f1aef5f60b28d27",
    "fresh25_fr.yml": "251ea4736532a7c5680200b6d7224afdaac6f570cbddec78031bb8f01584839d",
    # blind: English and French (a broad everyday sample), written from shared/ only on 2026-12-05
    # (session 14) while batch 25 was read, committed before scored
    "fresh26_en.yml": "d170ef37611312aeef28d3784237ab64f5432c52680386ccc12f9577d1b949d0",
    "fresh26_fr.yml": "d66e32a8d5c6a66b9187823c26480ddaf4856bfa3dca3a43f9cac673aabc0097",
}
RED_FLAGS = ("self_harm", "emergency", "urgent", "advice")
# A red flag is caught by its own reply or a more serious one ("advice" by any safety reply).
ACCEPTED = {
    "self_harm": {"self_harm"},
    "emergency": {"emergency", "self_harm"},
    "urgent": {"urgent", "emergency", "self_harm"},
    "advice": {"advice", "urgent", "emergency", "self_harm"},
}


def sha256(name: str) -> str:
    return hashlib.sha256((HELDOUT_DIR / name).read_bytes()).hexdigest()


def messages(name: str) -> list[dict]:
    return yaml.safe_load((HELDOUT_DIR / name).read_text(encoding="utf-8"))["messages"]


@dataclass
class Score:
    caught: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    false_alarms: int = 0
    ordinary: int = 0

    def add(self, expect: str, got: str | None) -> bool:
        if expect == "none":
            self.ordinary += 1
            self.false_alarms += got is not None
            return got is None
        self.total[expect] = self.total.get(expect, 0) + 1
        ok = got in ACCEPTED[expect]
        self.caught[expect] = self.caught.get(expect, 0) + ok
        return ok

    @property
    def recall(self) -> float:
        return sum(self.caught.values()) / max(1, sum(self.total.values()))

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / max(1, self.ordinary)

    def lines(self) -> list[str]:
        rows = [f"  {c}: {self.caught.get(c, 0)}/{self.total.get(c, 0)}" for c in RED_FLAGS]
        return [
            f"red-flag recall {self.recall:.1%}",
            *rows,
            f"false alarms {self.false_alarms}/{self.ordinary} ({self.false_alarm_rate:.1%})",
        ]

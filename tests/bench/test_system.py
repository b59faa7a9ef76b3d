"""Memory and machine readings come from /proc, for this very process."""

from __future__ import annotations

import os

from bot.bench.system import describe_machine, memory


def test_this_process_has_a_resident_size_and_a_peak() -> None:
    reading = memory(os.getpid())
    assert 10 * 2**20 < reading.rss_bytes <= reading.peak_bytes


def test_the_machine_description_names_cpus_memory_and_versions() -> None:
    machine = describe_machine()
    assert machine["CPUs (nproc)"] == str(os.cpu_count())
    assert machine["rasa"].startswith("3.6") and machine["Python"].startswith("3.10")

"""What the numbers were measured on, and how much memory each process holds (from /proc)."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    rss_bytes: int  # resident now, the process and its descendants
    peak_bytes: int  # high-water mark (VmHWM), summed the same way


def _field_kib(path: Path, field: str) -> int:
    """A "Name:   123 kB" line of /proc/<pid>/status or /proc/meminfo, in KiB (0 when absent)."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in (PROC / str(pid) / "task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += _children(current)
    return pids


def memory(pid: int) -> Memory:
    tree = process_tree(pid)
    return Memory(
        rss_bytes=sum(_field_kib(PROC / str(p) / "status", "VmRSS") for p in tree) * 1024,
        peak_bytes=sum(_field_kib(PROC / str(p) / "status", "VmHWM") for p in tree) * 1024,
    )


def _cpu_model() -> str:
    try:
        for line in (PROC / "cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_gib() -> float:
    return _field_kib(PROC / "meminfo", "MemTotal") / 1024 / 1024


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe_machine() -> dict[str, str]:
    load1, load5, _ = os.getloadavg()
    return {
        "CPUs (nproc)": str(os.cpu_count()),
        "CPU model": _cpu_model(),
        "memory": f"{_mem_total_gib():.1f} GiB",
        "kernel": platform.release(),
        "Python": platform.python_version(),
        "rasa": _version("rasa"),
        "rasa-sdk": _version("rasa-sdk"),
        "tensorflow": _version("tensorflow"),
        "load average at start (1 min, 5 min)": f"{load1:.2f}, {load5:.2f}",
    }

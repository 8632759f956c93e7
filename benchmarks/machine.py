"""What the benchmarks ran on: cores, memory, CPU, Python, OR-Tools, Java, Timefold."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except OSError:
        return ""


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _java() -> str:
    try:
        done = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    first = (done.stderr or done.stdout).splitlines()
    return first[0].strip() if first else "unknown"


def describe() -> dict[str, str]:
    """The machine, as the report's header shows it."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "cores": str(
            len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        ),
        "memory": f"{memory / 1024**2:.1f} GiB" if memory else "unknown",
        "cpu": cpu,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "ortools": _version("ortools"),
        "highs": "through OR-Tools",
        "java": _java(),
        "timefold": _version("timefold"),
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
    }

"""What every benchmark shares: the command and the machine it ran on, printed first, and a
clean slate of the package's caches between passes."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(
            next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1]
        )
        mem = f", {kb / 1048576:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (
        f"{platform.system()} {platform.release()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs{mem}, "
        f"Python {platform.python_version()}"
    )


def header() -> None:
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print("machine:", machine())


def forget_caches() -> None:
    """Clear every functools cache of the package, so that each pass sees its documents anew."""
    for name, module in list(sys.modules.items()):
        if name.startswith("extractor"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def steal_seconds() -> float | None:
    """CPU time the hypervisor gave other guests, summed over the CPUs (``/proc/stat``), or
    ``None`` where it is not known: read before and after a run, it says whether the machine
    was shared while the run was timed."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def print_steal(before: float | None, seconds: float) -> None:
    after = steal_seconds()
    if before is None or after is None:
        return
    share = (after - before) / (seconds * (os.cpu_count() or 1))
    note = "quiet" if share < 0.01 else "shared: CPU-time ratios are less reliable than in a quiet run"
    print(f"CPU steal during the run: {after - before:.1f} s ({share:.1%} of the CPUs' time; {note})")

"""``make bench``: run every benchmark and print its table of ratios.

Each ``benchmarks/bench_*.py`` has a ``main()`` that measures the project against a baseline
measured in the same run (a raw sqlite3 insert, a minimal ReportLab document, a bare Qt window…)
and prints a table. Speed is judged by these ratios, never by timed tests.

Each runs in a process of its own, with a time limit: one that hangs (Qt Multimedia can, on
some machines) is reported and the others still run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


LIMIT_S = {"kiosk": 5400}  # 300 demo visits twice, once with the cores kept busy; the others take under a minute


def main(names: list[str]) -> int:
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if names and name not in names:
            continue
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        try:
            code = subprocess.run([sys.executable, str(path)], timeout=LIMIT_S.get(name, 600)).returncode
        except subprocess.TimeoutExpired:
            print(f"{name}: did not finish within {LIMIT_S.get(name, 600)} s and was stopped", flush=True)
            code = 1
        if code != 0:
            failed += 1
            print(f"{name}: failed (exit {code})", flush=True)
        print(f"({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

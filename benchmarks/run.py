"""``make bench``: run every benchmark and print its table of ratios.

Each ``benchmarks/bench_*.py`` has a ``main()`` that measures the project against a baseline
measured in the same run (a raw sqlite3 insert, a minimal ReportLab document, a bare Qt window…)
and prints a table. Speed is judged by these ratios, never by timed tests.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        if names and path.stem.removeprefix("bench_") not in names:
            continue
        print(f"\n== {path.stem.removeprefix('bench_')} ==", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception:
            failed += 1
            traceback.print_exc()
        print(f"({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

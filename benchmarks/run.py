"""``make bench``: run every benchmark and print its table of ratios.

Each ``benchmarks/bench_*.py`` has a ``main()`` that measures the project against a baseline
measured in the same run (a raw sqlite3 insert, a minimal ReportLab document, a bare Qt window…)
and prints a table. Speed is judged by these ratios, never by timed tests.

Each runs in a process of its own, with a time limit: one that hangs (Qt Multimedia can, on
some machines) is reported and the others still run. Qt's notes about the machine (an offscreen
platform, no sound card, optional media libraries missing) are not printed: Qt Multimedia's are
switched off by Qt's logging rules in the benchmarks' environment only (``bench_env``), FFmpeg's
own by its log level in the processes that play video, and the few left are kept out of what
they print (``quiet.py``); every other line of their error output is passed on as it comes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


LIMIT_S = {"kiosk": 3600}  # 300 demo visits (slow beside other work)


def bench_env() -> dict[str, str]:
    """This environment, with Qt Multimedia's notes about the machine switched off (the
    libraries it probed, the FFmpeg version, no hardware decoder): for the benchmarks and the
    kiosks they start only. A clinic's kiosk still logs them."""
    rules = [rule for rule in os.environ.get("QT_LOGGING_RULES", "").split(";") if rule]
    return {**os.environ, "QT_LOGGING_RULES": ";".join([*rules, "qt.multimedia*=false"])}


def _run(path: Path, limit_s: float) -> int:
    """Run one benchmark; its table goes straight through, its error output without Qt's
    notes about the machine."""
    import threading

    import quiet

    process = subprocess.Popen([sys.executable, str(path)], stderr=subprocess.PIPE, text=True,
                               bufsize=1, env=bench_env())

    def pass_on() -> None:
        for line in process.stderr:
            if not quiet.note_line(line):
                sys.stderr.write(line)
                sys.stderr.flush()

    reader = threading.Thread(target=pass_on, daemon=True)
    reader.start()
    try:
        code = process.wait(timeout=limit_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    finally:
        reader.join(timeout=10)
    return code


def main(names: list[str]) -> int:
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if names and name not in names:
            continue
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        try:
            code = _run(path, LIMIT_S.get(name, 600))
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

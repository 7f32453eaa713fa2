"""Starting the kiosk: it draws its welcome screen, and refuses to run on broken content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
RUN = "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))"


def _kiosk(tmp_path: Path, content: Path, until: str | None = None) -> subprocess.CompletedProcess:
    config = tmp_path / "site.toml"
    config.write_text(f'site_name = "Test"\ncontent_dir = "{content}"\n'
                      f'database_url = "sqlite:///{tmp_path / "k.db"}"\n', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DECISIONAID_DATABASE_URL", None)
    if until:
        env["DECISIONAID_EXIT_AFTER_PAINT"] = until
    return subprocess.run([sys.executable, "-c", RUN, "kiosk", "--windowed", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_kiosk_starts_and_becomes_ready(tmp_path):
    done = _kiosk(tmp_path, MINI, "ready")
    assert done.returncode == 0, done.stderr
    assert "ready" in done.stdout


def test_broken_content_stops_the_kiosk_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    broken = content / "questionnaires" / "feelings.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: scale", "type: slider", 1),
                      encoding="utf-8")
    done = _kiosk(tmp_path, content)
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("decisionaid: ") and "feelings.yaml:" in last and "Traceback" not in done.stderr

"""Reports, exports and backups are written through a fresh O_EXCL file, never a planted one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.content.model import ItemRef
from decisionaid.errors import UserError
from decisionaid.files import write_private
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade

MINI = Path(__file__).resolve().parent.parent / "data" / "mini"
VICTIM = b"the victim's own file\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch, visit_content):
    """A config file and a database holding one finished visit; returns (config, visit id)."""
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path / 'data' / 'decisionaid.db'}"
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{url}"\ncontent_dir = "{MINI}"\n', encoding="utf-8")
    with connect(url) as db:
        upgrade(db)
        kv = VisitService(db, visit_content).start()
        kv.go_to(ItemRef("feelings", "sad"))
        kv.confirm(2)
        kv.finish()
    before = os.umask(0o022)  # as most desktops start: only the code makes files private
    yield config, kv.id
    os.umask(before)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim"
    path.write_bytes(VICTIM)
    path.chmod(0o644)
    return path


def test_a_planted_link_at_the_old_temporary_name_is_not_followed(site, victim, tmp_path,
                                                                  monkeypatch, capsys):
    config, visit_id = site
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    os.symlink(victim, ".r.pdf.part")  # ln -s victim .r.pdf.part
    code = main(["report", str(visit_id), "-o", "r.pdf", "--config", str(config)])
    assert code == 0, capsys.readouterr().err
    assert victim.read_bytes() == VICTIM
    report = out_dir / "r.pdf"
    assert report.read_bytes().startswith(b"%PDF") and not report.is_symlink()
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert sorted(p.name for p in out_dir.iterdir()) == [".r.pdf.part", "r.pdf"]


@pytest.mark.parametrize("command", ["report", "export", "backup"])
def test_a_link_at_the_output_name_is_replaced_not_written_through(site, victim, tmp_path,
                                                                   capsys, command):
    config, visit_id = site
    out = tmp_path / "out.file"
    os.symlink(victim, out)
    argv = {
        "report": ["report", str(visit_id)],
        "export": ["export", "--format", "csv"],
        "backup": ["backup"],
    }[command] + ["-o", str(out), "--config", str(config)]
    assert main(argv) == 0, capsys.readouterr().err
    assert victim.read_bytes() == VICTIM
    assert not out.is_symlink() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.file")] == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("the last good export\n")

    def broken(f) -> None:
        f.write(b"half of it")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_private(out, broken)
    assert out.read_text() == "the last good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_an_output_folder_that_is_missing_is_one_line(tmp_path):
    with pytest.raises(UserError, match=r"the folder .* does not exist"):
        write_private(tmp_path / "nope" / "r.pdf", b"%PDF")

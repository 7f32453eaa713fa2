"""`decisionaid report VISIT_ID -o FILE.pdf` as an admin uses it."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.content.model import ItemRef
from decisionaid.services import audit
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade


@pytest.fixture(scope="module")
def content():
    return load_content(PROJECT_ROOT, ("en", "es"))


@pytest.fixture
def site(tmp_path: Path, monkeypatch, content):
    """A site with a database holding one finished visit; returns (config path, visit id)."""
    url = f"sqlite:///{tmp_path / 'decisionaid.db'}"
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{url}"\nsite_name = "Main St Clinic"\npaper = "a4"\n',
                      encoding="utf-8")
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    db = connect(url)
    upgrade(db)
    visits = VisitService(db, content)
    kv = visits.start(language="es")
    for ref, value in (
        (ItemRef("how-ive-been", "harm-self"), 2),
        (ItemRef("power-statement", "statement"), "Soy abuela y jardinera & quiero dormir."),
    ):
        kv.go_to(ref)
        kv.confirm(value)
    kv.finish()
    db.dispose()
    return config, kv.id, url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_writes_the_visits_one_page_report(site, capsys, tmp_path):
    config, visit_id, url = site
    out = tmp_path / "visit.pdf"
    code, said, err = run(capsys, "report", str(visit_id), "-o", str(out), "--config", str(config))
    assert code == 0, err
    assert str(out) in said
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as doc:
        assert len(doc.pages) == 1
        page = doc.pages[0]
        assert round(page.width) == 595  # A4, from the configuration
        text = page.extract_text()
    # In the prescriber's language (the site's first, English); her words as she wrote them.
    assert "Main St Clinic" in text and "ALERTS" in text and "ALERTAS" not in text
    assert "Soy abuela y jardinera & quiero dormir.” (in Spanish)" in text
    db = connect(url)
    try:
        events = audit.events(db)
        assert any(e.visit_id == visit_id for e in events)  # opening it is audit-logged
    finally:
        db.dispose()


def test_report_language_in_the_configuration_sets_the_pages_language(site, capsys, tmp_path):
    config, visit_id, _url = site
    config.write_text(config.read_text(encoding="utf-8") + 'report_language = "es"\n',
                      encoding="utf-8")
    out = tmp_path / "visit.pdf"
    code, _said, err = run(capsys, "report", str(visit_id), "-o", str(out), "--config", str(config))
    assert code == 0, err
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as doc:
        text = doc.pages[0].extract_text()
    assert "ALERTAS" in text and "(in Spanish)" not in text


def test_an_unknown_visit_is_one_line(site, capsys, tmp_path):
    config, visit_id, _ = site
    code, _, err = run(capsys, "report", str(visit_id + 99), "-o", str(tmp_path / "x.pdf"),
                       "--config", str(config))
    assert code != 0
    assert err.strip() == f"decisionaid: there is no visit with id {visit_id + 99}"
    assert not (tmp_path / "x.pdf").exists()


def test_a_visit_id_that_is_not_a_number_is_one_line(site, capsys, tmp_path):
    config, _, _ = site
    code, _, err = run(capsys, "report", "abc", "-o", str(tmp_path / "x.pdf"),
                       "--config", str(config))
    assert code != 0 and len(err.strip().splitlines()) == 1 and "'abc'" in err


@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "read-only"])
def test_an_unwritable_path_is_one_line_before_any_work(site, capsys, tmp_path, where):
    config, visit_id, _ = site
    if where == "missing-folder":
        target = tmp_path / "nowhere" / "r.pdf"
    elif where == "a-folder":
        target = tmp_path
    else:
        # /proc takes no new files, whoever runs the test (root included).
        target = Path("/proc/1/r.pdf")
    code, _, err = run(capsys, "report", str(visit_id), "-o", str(target), "--config", str(config))
    assert code != 0
    line = err.strip()
    assert len(line.splitlines()) == 1 and line.startswith("decisionaid: ")
    assert str(target) in line or str(target.parent) in line

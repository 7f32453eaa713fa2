"""The page a prescriber saves after recording the shared decision carries that decision: its
words, follow-up and four marks print in "Our shared decision today" (the box is no longer
empty), the page on screen shows it too, and every font in the saved file is still embedded."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pdfplumber
import pytest
from desk_people import ROSA, play
from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.services import staff
from decisionaid.services.pins import PinHasher
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.desk import ReportScreen
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.testing import wait_for

DECISION = ("I will take the evening pill at 8 instead of 10 & write down how I sleep; "
            "we look at the dose again in two weeks.")


class SavingDialogs(Dialogs):
    def __init__(self, path):
        self.path = path

    def save_file(self, parent, title, suggested, kinds):
        return self.path


def page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return doc.pages[0].extract_text()


def flat(text: str) -> str:
    return "".join(text.split())


def embedded_fonts(path) -> list[tuple[str, str]]:
    tool = shutil.which("pdffonts")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdffonts (poppler-utils) is needed to check the fonts are embedded")
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout
    return [(row.split()[0], row.split()[-5]) for row in out.splitlines()[2:] if row.strip()]


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    (tmp_path / "site.toml").write_text("")
    monkeypatch.setenv("DECISIONAID_CONFIG", str(tmp_path / "site.toml"))
    return tmp_path


def test_the_saved_pdf_prints_the_decision_just_recorded(fake_time, qtbot, site):
    app = open_app(logging_to=False, hasher=PinHasher.fast())
    try:
        rosa = play(app, ROSA)
        doctor = staff.add(app.db, "Dr Okafor", "prescriber", "2468", hasher=PinHasher.fast())
        saved = site / "telehealth.pdf"
        services = station_services(app, timers=fake_time, dialogs=SavingDialogs(saved), sound=lambda: None,
                                    hasher=PinHasher.fast())
        screen = ReportScreen(services, doctor, rosa)
        qtbot.addWidget(screen)
        wait_for(qtbot, lambda: screen.record is not None)
        before = screen.page.pixmap().toImage()

        screen.decision.setPlainText(DECISION)
        for key in ("own-voice", "specific", "will-do"):
            screen.marks[key].setChecked(True)
        screen.follow_up["check-in-call"].setChecked(True)
        screen.other.setText("walking group on Saturdays")
        qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: app.visits.load(rosa).review is not None)
        # The page on screen is drawn again from the stored visit: it now shows the decision.
        wait_for(qtbot, lambda: screen.page.pixmap().toImage() != before)

        qtbot.mouseClick(screen.save_pdf, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: screen.message.text().startswith("Saved to"))
        text = page_text(saved.read_bytes())
        box = flat(text[text.index("Our shared decision today"):])
        assert flat(DECISION) in box
        assert flat("Follow-up: a check-in call; walking group on Saturdays") in box
        assert flat("☑ in the person's own voice ☑ specific to them ☐ in plain language "
                    "☑ something they will do") in box
        assert "To fill in together" not in text  # no longer an empty box to write in
        fonts = embedded_fonts(saved)
        assert fonts and all(embedded == "yes" for _, embedded in fonts), fonts
        wait_for_background()
    finally:
        app.close()


def test_the_page_prints_the_decision_but_never_the_peer_note_or_who_signed_in(site):
    """The peer worker's note is for staff only, and a staff account's name is how it signs
    in: neither is printed on a page that leaves the clinic."""
    app = open_app(logging_to=False, hasher=PinHasher.fast())
    try:
        rosa = play(app, ROSA)
        peer = staff.add(app.db, "pat.r", "peer", "1357", hasher=PinHasher.fast())
        app.visits.review(rosa, staff_id=peer.id, shared_decision=DECISION,
                          follow_up=["wellness-tools"], note="Rosa's ex-partner calls the clinic")
        text = page_text(app.report_pdf(rosa))
        assert flat(DECISION) in flat(text)
        assert "Follow-up: help with wellness tools" in text
        assert "ex-partner" not in text and "pat.r" not in text
    finally:
        app.close()

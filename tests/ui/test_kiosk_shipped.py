"""The shipped questionnaires, walked whole through the kiosk, and the demo command."""

from __future__ import annotations

import os
import subprocess
import sys

import pypdf
import pytest

from decisionaid.services.pins import PinHasher
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.kiosk.demo import LOOK_AGAIN_S, Demo, EventLoopWait
from decisionaid.ui.testing import TimeFliesWhenWaiting


@pytest.mark.parametrize("text_size", ["normal", "largest"])
def test_a_whole_shipped_visit_prints_one_page_and_every_target_is_touch_sized(
        qapp, shipped_config, tmp_path, text_size):
    """Every screen of the shipped visit, at the smallest and largest text, has buttons of at
    least 48 px; the visit ends with a one-page report in the user's words (seed 7: Sam's first
    visit)."""
    demo = Demo(shipped_config, tmp_path, language="en", seed=7,
                theme=Theme(text_size=text_size), hasher=PinHasher.fast())
    try:
        result = demo.run()
    finally:
        demo.close()
    assert demo.small_targets == []
    assert len(result.screens) > 30
    pages = pypdf.PdfReader(result.report).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Sam" in text and "First visit: nothing to compare with yet" in text
    assert "band" in text and "I miss doses often" in text  # his own words, and his answers


def test_the_demos_return_visit_compares_with_the_earlier_visits(qapp, shipped_config, tmp_path):
    """Seed 0 is Rosa's fourth visit: her earlier visits are stored first, so the page says
    what got better or worse since the last one, and her safety answer is an alert."""
    demo = Demo(shipped_config, tmp_path, language="en", seed=0, hasher=PinHasher.fast())
    try:
        result = demo.run()
    finally:
        demo.close()
    text = pypdf.PdfReader(result.report).pages[0].extract_text()
    assert "Rosa" in text and "Visit 4" in text
    assert "↓ worse (was: Poor)" in text and "↑ better" in text
    assert "Thoughts of hurting myself or of ending my life: A few days" in text


def test_the_demo_command_writes_pictures_and_a_report_in_spanish(tmp_path):
    """`decisionaid demo --lang es` runs with no display and leaves screens and report.pdf."""
    out = tmp_path / "out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))",
         "demo", "--out", str(out), "--lang", "es", "--seed", "3"],
        capture_output=True, text=True, env=env, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    pictures = sorted(p.name for p in out.glob("*.png"))
    assert pictures[0] == "01-welcome.png" and any("review" in p for p in pictures)
    text = pypdf.PdfReader(out / "report.pdf").pages[0].extract_text()
    # Marisol, in Spanish; the page is for the prescriber, in the site's first language.
    assert "Marisol" in text and "(in Spanish)" in text


def test_the_demo_runs_on_an_encrypted_database_of_its_own(tmp_path):
    from decisionaid.config import Config
    from decisionaid.ui.kiosk.demo import demo_config

    config = demo_config(Config(plain_database=True), None, tmp_path)
    assert config.db_key and not config.plain_database and config.db_key_file is None
    assert demo_config(Config(), None, tmp_path).db_key != config.db_key


def test_the_demo_gives_up_on_a_kiosk_that_does_not_get_there(qapp):
    """The demo waits for the kiosk on its own timers: a screen that never comes ends the run
    with a plain reason once the ceiling has passed, never a hang."""
    timers = TimeFliesWhenWaiting()
    with pytest.raises(TimeoutError, match="the kiosk did not get there in time"):
        EventLoopWait(timers)(lambda: False, ceiling_s=1)
    assert 1 < timers.monotonic() <= 1 + 2 * LOOK_AGAIN_S


def test_the_demo_waits_for_work_the_kiosk_does_in_the_background(qapp):
    from decisionaid.ui.common.operations import run_in_background

    timers, done = TimeFliesWhenWaiting(), []
    run_in_background(lambda: "saved", done.append, lambda error: done.append(error), qapp)
    EventLoopWait(timers)(lambda: bool(done))
    assert done == ["saved"]

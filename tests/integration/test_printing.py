"""Printing a report through a real CUPS queue (cups-pdf): the printed file arrives, one page.

``make test`` starts CUPS with the queue ``decisionaid-test`` and exports where cups-pdf
writes (DECISIONAID_TEST_PRINTER, DECISIONAID_TEST_PRINT_DIR). Without them this fails under
CI=true and skips, with the reason, elsewhere.
"""

from __future__ import annotations

import io
import os
import time
import uuid
from pathlib import Path

import pypdf
import pytest

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.report import build_report_data, write_report
from decisionaid.report.printing import CupsPrinter, PrintError
from decisionaid.report.sample import sample_report_input

pytestmark = pytest.mark.integration


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def queue() -> tuple[str, Path]:
    name = os.environ.get("DECISIONAID_TEST_PRINTER")
    folder = os.environ.get("DECISIONAID_TEST_PRINT_DIR")
    if not name or not folder:
        _unavailable("DECISIONAID_TEST_PRINTER/_PRINT_DIR are not set (make test sets up CUPS)")
    try:
        CupsPrinter(name).check()
    except PrintError as e:
        _unavailable(f"the test print queue cannot print: {e}")
    return name, Path(folder)  # type: ignore[arg-type]


def _arrived(folder: Path, tag: str, deadline_s: float = 60.0) -> Path:
    """The finished PDF cups-pdf wrote for the job titled ``tag``, polling until a deadline."""
    deadline = time.monotonic() + deadline_s
    seen: dict[Path, int] = {}
    while time.monotonic() < deadline:
        for path in folder.glob(f"*{tag}*.pdf") if folder.is_dir() else ():
            size = path.stat().st_size
            if size and seen.get(path) == size:  # unchanged since the last look: written
                return path
            seen[path] = size
        time.sleep(0.2)  # polling the folder, bounded by the deadline above
    raise AssertionError(f"no printed file named *{tag}* arrived in {folder} in {deadline_s} s")


def test_a_report_printed_to_the_real_queue_arrives_as_one_page(queue, tmp_path: Path):
    name, folder = queue
    content = load_content(PROJECT_ROOT, ("en", "es"))
    data = build_report_data(sample_report_input(content, "en"), "Test Clinic", content)
    pdf = write_report(data, tmp_path / "report.pdf")
    tag = f"decisionaid-{uuid.uuid4().hex[:10]}"
    job = CupsPrinter(name).submit(pdf, tag)
    assert job.printer == name
    printed = _arrived(folder, tag)
    assert len(pypdf.PdfReader(io.BytesIO(printed.read_bytes())).pages) == 1
    printed.unlink()

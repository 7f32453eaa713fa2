"""The printer the windows use: CUPS (``lp``) where it is installed, else Qt (``QPrinter``),
where the page is drawn as a 300-dpi picture on the system's printer, or the one named in the
configuration. Safe to call off the UI thread (Qt allows painting on a QPrinter from a worker
thread)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from decisionaid.config import Config
from decisionaid.ui.common.preview import pdf_preview


class QtPrinter:
    def __init__(self, queue: str | None = None, paper: str = "letter"):
        self.queue = queue
        self.paper = paper

    def _printer(self) -> QPrinter:
        if self.queue:
            info = QPrinterInfo.printerInfo(self.queue)
            if info.isNull():
                raise OSError(f"no printer called {self.queue!r}")
        else:
            info = QPrinterInfo.defaultPrinter()
            if info.isNull():
                raise OSError("no default printer is set up")
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        return printer

    def print_pdf(self, pdf: bytes, title: str) -> None:
        printer = self._printer()
        printer.setDocName(title)
        image = pdf_preview(pdf, width_px=2550)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not start the job")
        try:
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), size.width(), size.height())
            painter.drawImage(target, image)
        finally:
            painter.end()


class ReportPrinter:
    """The report package's printer (CUPS ``lp``) behind the kiosk's ``print_pdf``."""

    def __init__(self, printer):
        self.printer = printer

    def print_pdf(self, pdf: bytes, title: str) -> None:
        import tempfile
        from pathlib import Path

        from decisionaid.errors import UserError

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "page.pdf"
            path.write_bytes(pdf)
            try:
                self.printer.check()
                self.printer.submit(path, title)
            except UserError as e:
                raise OSError(str(e)) from None


def default_printer(config: Config) -> QtPrinter | ReportPrinter:
    """The kiosk's and the peer station's printer: CUPS (``lp``) where it is installed, else
    Qt's own printing."""
    import shutil

    if shutil.which("lp"):
        from decisionaid.report.printing import CupsPrinter

        return ReportPrinter(CupsPrinter(config.printer))
    return QtPrinter(config.printer, config.paper)

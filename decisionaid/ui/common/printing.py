"""The printer the windows use: CUPS (``lp``) where it is installed, else Qt (``QPrinter``),
where the page is drawn as a 300-dpi picture on the system's printer, or the one named in the
configuration. Safe to call off the UI thread (Qt allows painting on a QPrinter from a worker
thread).

Nothing here is loaded until something is printed: the printer is chosen while the kiosk
starts, and Qt's printing module and the report package are not needed for that."""

from __future__ import annotations

from typing import TYPE_CHECKING

from decisionaid.config import Config

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class QtPrinter:
    def __init__(self, queue: str | None = None, paper: str = "letter"):
        self.queue = queue
        self.paper = paper

    def _printer(self) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

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
        from PySide6.QtCore import QRect, Qt
        from PySide6.QtGui import QPainter

        from decisionaid.ui.common.preview import pdf_preview

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
    """The report package's printer (CUPS ``lp``) behind the kiosk's ``print_pdf``: the
    given one, or a ``CupsPrinter`` for ``queue`` made at the first print."""

    def __init__(self, printer=None, queue: str | None = None):
        self._printer = printer
        self.queue = queue

    @property
    def printer(self):
        if self._printer is None:
            from decisionaid.report.printing import CupsPrinter

            self._printer = CupsPrinter(self.queue)
        return self._printer

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
        return ReportPrinter(queue=config.printer)
    return QtPrinter(config.printer, config.paper)

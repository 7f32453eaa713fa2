"""A picture of the first page of a PDF, for the print screen's preview. Runs off the UI thread
(it returns a QImage, which is safe to make in a worker)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage


def pdf_preview(pdf: bytes, width_px: int = 900) -> QImage:
    """The first page as an image ``width_px`` wide; raises OSError if it cannot be drawn."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        pdfium = None
    if pdfium is not None:
        doc = pdfium.PdfDocument(pdf)
        try:
            page = doc[0]
            scale = width_px / page.get_width()
            pil = page.render(scale=scale).to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
            return image.copy()  # own the pixels: ``data`` goes away with this frame
        finally:
            doc.close()
    if shutil.which("pdftoppm"):
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "page.pdf"
            source.write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width_px), "-scale-to-y", "-1",
                 str(source), str(Path(tmp) / "page")],
                check=True, capture_output=True, timeout=30,
            )
            image = QImage(str(Path(tmp) / "page.png"))
            if not image.isNull():
                return image
    raise OSError("no PDF renderer for the preview (install pypdfium2 or poppler-utils)")

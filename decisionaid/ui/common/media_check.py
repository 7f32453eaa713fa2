"""Whether Qt can decode video on this machine, asked of Qt Multimedia alone: the player itself
(with Qt's video widgets) is loaded only when a story is first played, or once the kiosk has
warmed up after its start."""

from __future__ import annotations

from PySide6.QtMultimedia import QMediaFormat


def media_backend_available() -> bool:
    """True when Qt has a media backend that can decode video on this machine.

    Without one (the FFmpeg plugin missing from the Qt install), Qt lists no decodable formats.
    """
    formats = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    return bool(formats)

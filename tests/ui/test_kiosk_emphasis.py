"""``**bold**`` in the content, on the kiosk: bold on screen, in both languages, with no
asterisks shown or read aloud; any other markup in a text is shown as written."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QLabel

from decisionaid.ui.common.widgets import content_label


def _shown(widget: QLabel) -> QTextDocument:
    """What the label draws, as a document (QLabel.text: the markup it was given)."""
    doc = QTextDocument()
    if widget.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(QLabel.text(widget))
    else:
        doc.setPlainText(QLabel.text(widget))
    return doc


def _weight(doc: QTextDocument, words: str) -> int:
    cursor = doc.find(words)
    assert not cursor.isNull(), f"{words!r} is not in {doc.toPlainText()!r}"
    return cursor.charFormat().fontWeight()


def _walk_to(window, drive, item_id: str) -> None:
    rng = random.Random(3)
    for _ in range(300):
        if window.screen_name.startswith("item:") and window.screen.item.id == item_id:
            return
        drive.walk_step(rng, [])
    raise AssertionError(f"the visit never reached {item_id}")


def test_emphasis_in_a_question_is_bold_and_read_without_asterisks(make_kiosk, shipped_config, drive):
    window = make_kiosk(shipped_config)
    d = drive(window)
    d.guest()
    _walk_to(window, d, "taking")
    help_label = window.screen.help
    for language, words, sentence in (
        ("en", "Yes", "If you are not sure, tap Yes."),
        ("es", "Sí", "Si tienes dudas, toca Sí."),
    ):
        if window.language != language:
            d.tap(f"lang_{language}")
        doc = _shown(help_label)
        assert doc.toPlainText() == sentence
        assert _weight(doc, words) >= QFont.Weight.Bold
        assert _weight(doc, sentence.split()[0]) < QFont.Weight.Bold
        assert help_label.accessibleName() == sentence
        d.tap("read_aloud")
        spoken, spoken_language = window.speaker.said[-1]
        assert sentence in spoken and "*" not in spoken
        assert spoken_language == language


def test_other_markup_in_content_is_shown_as_written(qapp):
    widget = content_label("help", 'Take <b>two</b> & <a href="x">call</a> **now**')
    doc = _shown(widget)
    assert doc.toPlainText() == 'Take <b>two</b> & <a href="x">call</a> now'
    assert _weight(doc, "<b>two</b>") < QFont.Weight.Bold
    assert _weight(doc, "now") >= QFont.Weight.Bold
    plain = content_label("help", "No <i>emphasis</i> here")
    assert plain.textFormat() == Qt.TextFormat.PlainText
    assert _shown(plain).toPlainText() == "No <i>emphasis</i> here"

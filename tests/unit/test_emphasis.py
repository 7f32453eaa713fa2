"""``**bold**`` in content: bold where it is shown, plain words where it is read, never a way to
put other markup on a screen or a page, and an unclosed ``**`` reported as FILE:LINE."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.emphasis import html, plain, runs, unclosed
from decisionaid.content.loader import load_content
from decisionaid.report import build_report_data, render_report
from decisionaid.report.sample import sample_report_input

SURE = "If you are not sure, tap **Yes**."


def test_bold_pieces_and_plain_words():
    assert runs(SURE) == [("If you are not sure, tap ", False), ("Yes", True), (".", False)]
    assert plain(SURE) == "If you are not sure, tap Yes."
    assert plain("**Ejemplo** (palabras de otra persona):\nSoy abuela") == (
        "Ejemplo (palabras de otra persona):\nSoy abuela"
    )


def test_markup_in_a_text_is_shown_as_written_never_interpreted():
    text = '<img src="x"> & <b>not bold</b> **<i>bold</i>**\nnext'
    assert html(text) == ('&lt;img src="x"&gt; &amp; &lt;b&gt;not bold&lt;/b&gt; '
                          "<b>&lt;i&gt;bold&lt;/i&gt;</b><br/>next")


def test_an_unclosed_mark_stays_as_typed_and_is_found():
    assert plain("tap **Yes.") == "tap **Yes."
    assert html("tap **Yes.") == "tap **Yes."
    assert unclosed("tap **Yes.") == (0, "tap **Yes.")
    assert unclosed("one\n**Example (someone's words):\nthree") == (1, "**Example (someone's words):")
    assert unclosed(SURE) is None


def test_the_checker_names_the_line_of_an_unclosed_mark(content_root):
    content_root.write(
        "questionnaires/extra.yaml",
        """
        id: extra
        version: 1
        order: 50
        title: {en: Extra, es: Extra}
        items:
          - id: sure
            type: yesno
            text:
              en: If you are not sure, tap **Yes.
              es: Si tienes dudas, toca **Sí**.
          - id: example
            type: info
            text:
              en: |-
                It says who you are.

                **Example (someone else's words):
              es: "**Ejemplo** (palabras de otra persona):"
        """,
    )
    errors = [str(e) for e in content_root.check().errors]
    assert len(errors) == 2, errors
    first, second = errors
    assert ":9: " in first, first
    assert "item 'sure'" in first and "'en'" in first and "closing **" in first
    assert ":17: " in second and "item 'example'" in second, second


def test_the_shipped_content_uses_emphasis():
    shipped = load_content(PROJECT_ROOT, ("en", "es"))
    help_text = next(i.help for q in shipped.questionnaires for i in q.items if i.id == "taking")
    assert help_text["en"] == SURE


def test_the_report_prints_emphasis_bold_without_the_marks():
    content = load_content(PROJECT_ROOT, ("en", "es"))
    data = build_report_data(sample_report_input(content, "en"), "Riverside Clinic", content)
    assert data.trends, "the sample visit has trends (earlier visits to compare with)"
    # A trend's question is printed in regular weight: the one place bold can only come
    # from the emphasis itself.
    data = replace(data, trends=(replace(data.trends[0], question=SURE), *data.trends[1:]))
    with pdfplumber.open(io.BytesIO(render_report(data))) as doc:
        page = doc.pages[0]
        text = page.extract_text()
        chars = page.chars
    assert "tap Yes." in text
    assert "**" not in text
    start = "".join(c["text"] for c in chars).index("tap Yes.")
    tap, yes = chars[start: start + 3], chars[start + 4: start + 7]
    assert "".join(c["text"] for c in yes) == "Yes"
    assert all("Bold" in c["fontname"] for c in yes), [c["fontname"] for c in yes]
    assert not any("Bold" in c["fontname"] for c in tap), [c["fontname"] for c in tap]

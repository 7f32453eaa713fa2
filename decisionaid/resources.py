"""Where the shipped content (questionnaires, vignettes) and assets (styles, icons, fonts) are.

The top-level ``questionnaires/``, ``vignettes/`` and ``assets/`` folders of the source tree are
the only copy anyone edits. Building a wheel copies them into the package as
``decisionaid/shipped/`` (see ``setup.py``), where an installed decisionaid reads them through
``importlib.resources``. An editable install or a plain checkout has no such copy, so the
folders are read where they are. A clinic's own content is a folder named by ``content_dir`` in
the configuration; only the built-in default points here.
"""

from __future__ import annotations

from pathlib import Path

SHIPPED = ("questionnaires", "vignettes", "assets")  # the folders a wheel carries
PACKAGE_DATA = "shipped"  # their folder inside the package


def shipped_root() -> Path:
    """The folder that holds the shipped ``questionnaires/``, ``vignettes/`` and ``assets/``."""
    package = Path(__file__).resolve().parent
    if not package.is_dir():  # imported from an archive: asked of importlib, which can tell
        from importlib import resources

        return Path(str(resources.files("decisionaid") / PACKAGE_DATA))
    # Wheels install as plain files, so the copy is a real folder on disk (the content
    # loader, Qt's media player and ReportLab all need file paths).
    packaged = package / PACKAGE_DATA
    if packaged.is_dir():
        return packaged
    return package.parent  # a source checkout or editable install


def assets_dir() -> Path:
    return shipped_root() / "assets"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"

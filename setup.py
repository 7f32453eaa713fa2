"""Build steps that put the shipped content and the compiled catalogues into the wheel
(everything else is in pyproject.toml).

The top-level questionnaires/, vignettes/ and assets/ folders stay the one copy anyone edits.
Building a wheel (directly or from the sdist, which carries them through MANIFEST.in) copies them
into the package as decisionaid/shipped/, read at run time through importlib.resources. An
editable install copies nothing: decisionaid/resources.py then reads the folders in place, so an
edit shows at once. A copy rather than a package-dir mapping, because a mapping would need an
__init__.py in each content folder and would not work from a plain checkout.

Every gettext catalogue (decisionaid/i18n/locale/LANG/LC_MESSAGES/DOMAIN.po) is compiled to its
.mo beside the .po in the build folder, so an installed kiosk reads compiled catalogues without
importing Babel. The .mo files are build output only (.gitignore): a source checkout reads the
.po files directly.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("questionnaires", "vignettes", "assets")
# Authoring tools and caches are not content.
LEAVE_OUT = shutil.ignore_patterns("_tools", "__pycache__", "*.pyc", ".*")
LOCALE = Path("decisionaid") / "i18n" / "locale"


def compile_catalogues(build_lib: Path) -> None:
    """Write the .mo of every shipped .po into the build folder (fuzzy messages left out)."""
    from babel.messages.mofile import write_mo  # a build requirement (pyproject.toml)
    from babel.messages.pofile import read_po

    for po in sorted((HERE / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
        mo = build_lib / po.relative_to(HERE).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


class BuildWithContent(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        compile_catalogues(Path(self.build_lib))
        target = Path(self.build_lib) / "decisionaid" / "shipped"
        for name in SHIPPED:
            source = HERE / name
            if not source.is_dir():
                raise SystemExit(f"cannot build decisionaid: the folder {source} is missing")
            shutil.rmtree(target / name, ignore_errors=True)
            # A build folder left by an earlier build (another Python's, an editable install's)
            # may still hold some of it: copy over it rather than fail on "File exists".
            shutil.copytree(source, target / name, ignore=LEAVE_OUT, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithContent})

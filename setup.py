"""Build step that puts the shipped content into the wheel (everything else is in pyproject.toml).

The top-level questionnaires/, vignettes/ and assets/ folders stay the one copy anyone edits.
Building a wheel (directly or from the sdist, which carries them through MANIFEST.in) copies them
into the package as decisionaid/shipped/, read at run time through importlib.resources. An
editable install copies nothing: decisionaid/resources.py then reads the folders in place, so an
edit shows at once. A copy rather than a package-dir mapping, because a mapping would need an
__init__.py in each content folder and would not work from a plain checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("questionnaires", "vignettes", "assets")
# Authoring tools and caches are not content.
LEAVE_OUT = shutil.ignore_patterns("_tools", "__pycache__", "*.pyc", ".*")


class BuildWithContent(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
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

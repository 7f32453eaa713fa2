"""The wheel works on its own: built from this tree, installed into a fresh virtual environment
outside it, its commands find the shipped content, draw every screen and print the report.

The build is offline (``--no-build-isolation`` with this environment's setuptools) and the fresh
environment borrows this one's dependencies through a ``.pth`` line, so nothing is downloaded;
``decisionaid`` itself comes only from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def _run(command: list, cwd: Path, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("wheel")
    wheels = work / "dist"
    # Built from a copy of the tree, so a build folder left in the working tree (or a build
    # running there) has no part in it.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "dist", "*.egg-info", "node_modules", ".run", "__pycache__",
        ".pytest_cache", ".ruff_cache", ".hypothesis", "demo-out", "*.mo"))
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index",
                  "--no-build-isolation", "-w", wheels, source], cwd=work, env=dict(os.environ))
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("decisionaid-*.whl"))
    venv = work / "venv"
    made = _run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", "--without-pip",
                 venv], cwd=work, env=dict(os.environ))
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=work, env=dict(os.environ)).stdout.strip())
    added = _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
                  "--no-index", wheel], cwd=work, env=dict(os.environ))
    assert added.returncode == 0, added.stderr
    # Dependencies from this environment, after the fresh one's own site-packages.
    (site / "zz-decisionaid-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = work / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DECISIONAID_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), QT_QPA_PLATFORM="offscreen")
    return {"wheel": wheel, "python": python, "bin": python.parent, "home": home, "env": env,
            "site": site}


def test_the_wheel_carries_the_content_assets_fonts_and_licence(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for file in ("decisionaid/shipped/questionnaires/how-ive-been.yaml",
                 "decisionaid/shipped/vignettes/hope-and-recovery/video.mp4",
                 "decisionaid/shipped/vignettes/_topics.yaml",
                 "decisionaid/shipped/assets/styles/normal.qss",
                 "decisionaid/shipped/assets/fonts/DejaVuSans.ttf",
                 "decisionaid/i18n/locale/kiosk.pot",
                 "decisionaid/i18n/locale/es/LC_MESSAGES/kiosk.mo",
                 "decisionaid/i18n/locale/es/LC_MESSAGES/station.mo"):
        assert file in names, file
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith("decisionaid/shipped/") and ("_tools/" in n or "__pycache__/" in n)
                   for n in names)


def test_the_installed_package_reads_its_own_content(installed):
    where = _run([installed["python"], "-c",
                  "import decisionaid; from decisionaid.config import load_config; "
                  "print(decisionaid.__file__); print(load_config().content_dir)"],
                 cwd=installed["home"], env=installed["env"])
    assert where.returncode == 0, where.stderr
    package, content = where.stdout.split()
    assert Path(package).is_relative_to(installed["site"])
    assert Path(content) == installed["site"] / "decisionaid" / "shipped"


def test_the_installed_kiosk_speaks_spanish_from_compiled_catalogues(installed):
    """The wheel's catalogues are compiled at build, so the kiosk reads them without Babel."""
    said = _run([installed["python"], "-c",
                 "import sys; from decisionaid.ui.common.strings import t, tn; "
                 "print(t('welcome_title', 'es')); print(tn('station_count_visit', 2, 'es')); "
                 "print('babel' in sys.modules)"],
                cwd=installed["home"], env=installed["env"])
    assert said.returncode == 0, said.stderr
    assert said.stdout.split("\n")[:3] == ["Te damos la bienvenida", "2 visitas", "False"]


def test_check_passes_from_the_installed_wheel(installed):
    done = _run([installed["bin"] / "decisionaid", "check"], cwd=installed["home"],
                env=installed["env"])
    assert done.returncode == 0, done.stderr
    assert "OK" in done.stdout and "questionnaires" in done.stdout


def test_demo_draws_every_screen_and_a_one_page_report(installed):
    out = installed["home"] / "demo"
    done = _run([installed["bin"] / "decisionaid", "demo", "--out", out], cwd=installed["home"],
                env=installed["env"])
    assert done.returncode == 0, done.stderr
    screens = sorted(p.name for p in out.glob("[0-9][0-9]-*.png"))
    kinds = {name[3:].removesuffix(".png") for name in screens}
    for kind in ("welcome", "item-scale", "item-vignettes", "review", "printed", "done"):
        assert kind in kinds, (kind, screens)
    assert len(PdfReader(out / "report.pdf").pages) == 1


def test_export_questionnaires_from_the_installed_wheel(installed):
    out = installed["home"] / "fhir"
    done = _run([installed["bin"] / "decisionaid", "export-questionnaires", "-o", out],
                cwd=installed["home"], env=installed["env"])
    assert done.returncode == 0, done.stderr
    assert (out / "how-ive-been.json").is_file()
    shipped = [p for p in (ROOT / "questionnaires").glob("*.yaml") if not p.name.startswith("_")]
    assert len(list(out.glob("*.json"))) == len(shipped)

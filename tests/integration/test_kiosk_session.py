"""The locked-down kiosk session of deploy/: the real kiosk under cage (its headless back-end),
as a user who is not root, through the same session script the systemd unit runs. The window
fills the output, the welcome screen is painted, and a killed kiosk comes back by itself.

Also: the units pass ``systemd-analyze verify``, and without any window manager (a bare X
server) ``decisionaid kiosk`` still covers the whole screen.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
MINI = ROOT / "tests" / "data" / "mini"
PAINTED = re.compile(r"painted (\d+)x(\d+) on a (\d+)x(\d+) screen by process (\d+)")
READY = re.compile(r"ready (\d+)x(\d+)")


def _need(*commands: str) -> None:
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        reason = (f"{', '.join(missing)} not installed (Debian: .ci/system-packages.sh test "
                  "installs cage, xwayland, xvfb and systemd)")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


class Session:
    """A folder every user can enter, a Python that user can run, and the kiosk's settings."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="decisionaid-session-", dir="/tmp"))
        self.root.chmod(0o755)
        self.as_root = os.geteuid() == 0
        self.user = "nobody" if self.as_root else None
        python = self._python()
        venv = self.root / "venv"
        subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
        site = Path(subprocess.run([str(venv / "bin/python"), "-c",
                                    "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   check=True, capture_output=True, text=True).stdout.strip())
        # This checkout's decisionaid, and this environment's dependencies.
        (site / "decisionaid-test.pth").write_text(f"{ROOT}\n{sysconfig.get_paths()['purelib']}\n")
        self.command = venv / "bin" / "decisionaid"
        self.command.write_text(f"#!{venv / 'bin/python'}\nimport sys\n"
                                "from decisionaid.cli import main\nsys.exit(main())\n")
        self.command.chmod(0o755)
        self.home = self.root / "home"
        self.runtime = self.root / "runtime"
        for folder in (self.home, self.runtime):
            folder.mkdir(mode=0o700)
        self.config = self.root / "config.toml"
        self.config.write_text(f'site_name = "Session test"\ncontent_dir = "{MINI}"\n'
                               f'database_url = "sqlite:///{self.home / "kiosk.db"}"\n')
        self.config.chmod(0o600)
        self.opened: list[tuple[Path, int]] = []
        if self.as_root:
            for path in (self.home, self.runtime, self.config):
                shutil.chown(path, user=self.user)
            self._let_user_through()

    def _let_user_through(self) -> None:
        """The kiosk's user must reach this checkout and this environment's packages, which may
        sit below a folder only root can enter (a clone in `mktemp -d`): give the folders on
        the way the 'enter' bit, and nothing more, until ``close``."""
        for target in (ROOT, Path(sysconfig.get_paths()["purelib"])):
            for folder in [target, *target.parents]:
                mode = stat.S_IMODE(folder.stat().st_mode)
                if not mode & 0o001:
                    folder.chmod(mode | 0o001)
                    self.opened.append((folder, mode))

    def close(self) -> None:
        for folder, mode in reversed(self.opened):
            folder.chmod(mode)
        self.opened.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    def _python(self) -> str:
        """This interpreter, or (as root, whose Python may live in a private folder) the
        system's of the same version."""
        if not self.as_root:
            return getattr(sys, "_base_executable", sys.executable)
        wanted = f"python{sys.version_info.major}.{sys.version_info.minor}"
        system = shutil.which(wanted, path="/usr/bin:/usr/local/bin")
        if system is None:
            pytest.fail(f"running as root: need /usr/bin/{wanted} for the unprivileged user")
        return system

    def env(self, **more: str) -> dict[str, str]:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8",
               "XDG_RUNTIME_DIR": str(self.runtime), "DECISIONAID_CONFIG": str(self.config),
               "DECISIONAID": str(self.command), "QT_QPA_PLATFORM": "wayland",
               "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1",
               "WLR_RENDERER": "pixman"}
        env.update(more)
        return env

    def run_as_user(self, command: list[str], env: dict[str, str], **kwargs) -> subprocess.Popen:
        """``command`` as the unprivileged user, with exactly ``env``."""
        prefix = ["runuser", "-u", self.user, "--"] if self.as_root else []
        assignments = [f"{k}={v}" for k, v in env.items()]
        return subprocess.Popen([*prefix, "env", "-i", *assignments, *command], **kwargs)


def _lines(process: subprocess.Popen) -> queue.Queue:
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(pattern: re.Pattern, lines: queue.Queue, seen: list[str],
              within_s: float = 90) -> re.Match:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        match = pattern.search(line)
        if match:
            return match
    pytest.fail(f"the kiosk never said '{pattern.pattern}'; it said:\n" + "".join(seen[-40:]))


def _kiosk_processes(session: Session, cage: int) -> list:
    import psutil

    return [p for p in psutil.Process(cage).children(recursive=True)
            if str(session.command) in " ".join(p.cmdline()) and "kiosk" in p.cmdline()]


@pytest.mark.integration
def test_the_kiosk_session_under_cage_fills_the_screen_and_comes_back_when_killed():
    _need("cage", "Xwayland")
    import psutil

    session = Session()
    cage = session.run_as_user(
        ["cage", "--", str(DEPLOY / "decisionaid-kiosk-session")], session.env(),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    seen: list[str] = []
    try:
        lines = _lines(cage)
        first = _wait_for(PAINTED, lines, seen)
        width, height, screen_w, screen_h, first_pid = map(int, first.groups())
        assert (width, height) == (screen_w, screen_h), first.group(0)
        assert screen_w >= 640 and screen_h >= 480
        # Once the compositor has had its say (content and database open by then), still the
        # whole output: a title bar would have taken some of it.
        ready = _wait_for(READY, lines, seen)
        assert ready.groups() == (str(screen_w), str(screen_h)), ready.group(0)
        # Still the kiosk that painted first: it keeps running once ready (an exit here would
        # be hidden by the session starting a new one, so give it the time to show).
        [kiosk] = _kiosk_processes(session, cage.pid)
        assert kiosk.pid == first_pid, "".join(seen)
        with pytest.raises(psutil.TimeoutExpired):
            kiosk.wait(timeout=3)
        kiosk.kill()  # as a crash would
        again = _wait_for(PAINTED, lines, seen, within_s=60)
        assert again.groups()[:4] == first.groups()[:4]
        assert int(again.group(5)) != first_pid
        [new] = _kiosk_processes(session, cage.pid)
        assert new.pid == int(again.group(5))
        assert cage.poll() is None  # cage itself never stopped: no desktop showed through
    finally:
        os.killpg(cage.pid, signal.SIGTERM)
        try:
            cage.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(cage.pid, signal.SIGKILL)
            cage.wait()
        session.close()


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    _need("systemd-analyze")
    # ExecStart's cage must exist for verify; elsewhere a stand-in of the same name does.
    unit = tmp_path / "decisionaid-kiosk.service"
    text = (DEPLOY / "decisionaid-kiosk.service").read_text()
    if shutil.which("cage") is None:
        fake = tmp_path / "cage"
        fake.write_text("#!/bin/sh\n")
        fake.chmod(0o755)
        text = text.replace("/usr/bin/cage", str(fake))
    unit.write_text(text)
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "decisionaid-kiosk.service" not in done.stderr, done.stderr


def test_without_a_window_manager_the_kiosk_still_covers_the_screen(tmp_path):
    _need("Xvfb")
    display = ":87"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path("/tmp/.X11-unix/X87")
    deadline = time.monotonic() + 30
    while not socket.exists() and xvfb.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the X server's socket: it is ready for clients
    assert socket.exists(), "Xvfb did not start"
    config = tmp_path / "site.toml"
    config.write_text(f'content_dir = "{MINI}"\ndatabase_url = "sqlite:///{tmp_path / "k.db"}"\n')
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DECISIONAID_", "WAYLAND"))}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", DECISIONAID_KIOSK_SESSION="1")
        kiosk = subprocess.Popen([sys.executable, "-c", "import sys; from decisionaid.cli import "
                                  "main; sys.exit(main(sys.argv[1:]))", "kiosk", "--config",
                                  str(config)], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
        seen: list[str] = []
        try:
            match = _wait_for(PAINTED, _lines(kiosk), seen, within_s=60)
        finally:
            kiosk.kill()
            kiosk.wait()
        assert match.groups()[:4] == ("1600", "900", "1600", "900")
    finally:
        xvfb.terminate()
        xvfb.wait()

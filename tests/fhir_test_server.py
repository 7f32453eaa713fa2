"""An independent FHIR R4 server for the tests: Medplum's FHIR router over its in-memory
repository (tests/fhir_server, installed by ``npm ci`` there — ``make test`` does it). It listens
on 127.0.0.1 only, and is stopped by the test that started it.

Without node or the npm packages a test fails under ``CI=true`` and skips, with the reason,
elsewhere.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "fhir_server"
READY_WITHIN_S = 120  # a generous ceiling on a busy machine; it is usually ready in a second


def need_server() -> None:
    reason = None
    if shutil.which("node") is None:
        reason = "node is not installed (Debian: apt-get install nodejs npm)"
    elif not (HERE / "node_modules" / "@medplum" / "fhir-router").is_dir():
        reason = f"the test FHIR server's packages are not installed: run npm ci in {HERE}"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FhirTestServer:
    """``start``/``stop`` on one port, so a client configured once finds it again."""

    def __init__(self, token: str):
        need_server()
        self.token = token
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/fhir/R4"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "FHIR_TOKEN": self.token}
        self.process = subprocess.Popen(
            ["node", str(HERE / "server.mjs"), str(self.port)], cwd=HERE, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        ready, _, _ = select.select([self.process.stdout], [], [], READY_WITHIN_S)
        line = self.process.stdout.readline().decode() if ready else ""
        if not line.startswith("listening"):
            self.stop()
            raise RuntimeError(f"the test FHIR server did not start: {line.strip()!r}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()
        self.process = None

    def search(self, resource_type: str, **params: str) -> list[dict]:
        """What the server stored: the resources a search finds."""
        query = urllib.parse.urlencode(params)
        request = urllib.request.Request(f"{self.base}/{resource_type}?{query}",
                                         headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            bundle = json.loads(response.read())
        return [entry["resource"] for entry in bundle.get("entry", [])]

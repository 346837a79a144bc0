"""The bounded load tool against a real uvicorn server on loopback: it stops by itself and sees no errors."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from rashomon.web import create_app
from rashomon.web.load import run_load
from rashomon.web.server import background
from report_fixtures import build_evidence
from web_workspace import MemoryWorkspace


def test_ten_clients_for_three_seconds_get_no_errors() -> None:
    workspace = MemoryWorkspace()
    workspace.put("harbour", build_evidence())
    with background(create_app(workspace)) as url:
        started = time.monotonic()
        result = run_load(f"{url}/stories/harbour", clients=10, seconds=3)
        assert time.monotonic() - started < 10  # bounded: it stops by itself
        assert result["errors"] == 0, result["first_error"]
        assert isinstance(result["requests"], int) and result["requests"] > 10
        assert result["p50_ms"] is not None and result["p99_ms"] >= result["p50_ms"]
        missing = run_load(f"{url}/stories/missing", clients=2, seconds=0.5)
        assert missing["errors"] == missing["requests"] > 0  # a 404 counts as an error: the tool can fail


def test_command_line_prints_one_json_line() -> None:
    workspace = MemoryWorkspace()
    workspace.put("harbour", build_evidence())
    with background(create_app(workspace)) as url:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "rashomon.web.load",
                "--url",
                f"{url}/",
                "--clients",
                "2",
                "--seconds",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"requests_per_s", "p50_ms", "p99_ms", "errors"} <= set(line) and line["errors"] == 0

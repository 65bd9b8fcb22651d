"""The engine runs without any widget module: one engine, several front-ends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sessions_exchange_and_periodic_send_without_widgets():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # a QCoreApplication needs no platform plugin
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "headless_engine.py")],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    to_server = "你好, server\n".encode() + b"tick" * 3
    to_client = bytes(range(256))
    assert result["periodic_started"] is True
    assert result["periodic_done"] == [[3, ""]]
    assert bytes.fromhex(result["server_received"]) == to_server
    assert bytes.fromhex(result["client_received"]) == to_client
    assert result["server_rx"] == result["client_tx"] == len(to_server)
    assert result["client_rx"] == result["server_tx"] == 256
    assert result["client_tx_messages"] == 4  # one send and three periodic ones
    assert result["threads_left"] == []
    assert result["gui_modules"] == []

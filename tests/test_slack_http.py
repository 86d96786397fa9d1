"""HTTP mode: Bolt's request verification through foibot's own server, with signed requests."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from datetime import date

import pytest
from fakeslack import FakeSlack
from fakeslack.payloads import http_body, message_event, signed_headers, slash_command
from slackrig import ROOT

from foibot.surfaces.runtime import open_runtime
from foibot.surfaces.settings import Settings
from foibot.surfaces.slack.app import build_app, http_server

SECRET = "test-signing-secret"


@pytest.fixture
def server(tmp_path):
    with FakeSlack() as fake:
        settings = Settings(bot_token="xoxb-test", signing_secret=SECRET, api_base_url=fake.base_url,
                            channels=("C_FOI",))
        assert settings.mode == "http"
        rt = open_runtime(tmp_path / "db.sqlite", ROOT)
        rt.engine.today = lambda: date(2024, 3, 5)
        app, _ = build_app(settings, rt)
        httpd = http_server(app, host="127.0.0.1", port=0)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield fake, f"http://127.0.0.1:{httpd.server_address[1]}/slack/events"
        httpd.shutdown()
        app.listener_runner.listener_executor.shutdown(wait=True)
        rt.store.close()


def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_signed_request_is_accepted_and_answered(server):
    fake, url = server
    payload = fake.prepare(message_event("C_FOI", "U_OFFICER1", "From: Sam Patel <s@example.org>\n\nPlease "
                                                                  "provide the cost of your 2023 staff survey."))
    body = http_body(payload)
    status, _ = post(url, body, signed_headers(body, SECRET))
    assert status == 200
    fake.wait_for(lambda: [m for m in fake.messages("C_FOI") if m.get("bot_id")])


def test_challenge_is_echoed(server):
    _, url = server
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    status, text = post(url, body, signed_headers(body, SECRET))
    assert status == 200 and "abc123" in text


@pytest.mark.parametrize("secret, age", [("wrong-secret", 0), (SECRET, 6 * 60)])
def test_bad_or_stale_signature_is_rejected(server, secret, age):
    fake, url = server
    body = http_body(fake.prepare(slash_command(text="help")))
    status, _ = post(url, body, signed_headers(body, secret, timestamp=int(time.time()) - age))
    assert status == 401
    assert not fake.responses


def test_slack_unreachable_at_start_logs_nothing_before_the_one_line(tmp_path, capsys, caplog):
    """The Slack SDK logs each failed try and retry of auth.test (ERROR and INFO): the start-up check silences
    them, and only for the check (its logger's level is restored)."""
    import logging
    import socket

    from foibot.surfaces.slack.app import serve

    with socket.socket() as s:  # a loopback port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(bot_token="xoxb-test", app_token="xapp-test", api_base_url=f"http://127.0.0.1:{port}/api/",
                        db=str(tmp_path / "db.sqlite"))
    sdk = logging.getLogger("slack_sdk")
    level = sdk.level
    with caplog.at_level(logging.DEBUG):
        assert serve(settings) == 2
    assert [r for r in caplog.records if r.name.startswith("slack_sdk")] == []
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert sdk.level == level

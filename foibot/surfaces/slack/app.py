"""The Slack app factory, and serving it in Socket Mode or over HTTP.

``build_app`` is the one place the Bolt app is made, with one seam: ``settings.api_base_url`` (the
Web API address), which tests point at a fake Slack on loopback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.error import URLError
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from foibot.knowledge.replies import Replies
from foibot.surfaces.runtime import Runtime, open_runtime
from foibot.surfaces.settings import Settings
from foibot.surfaces.slack import outsiders, reminders
from foibot.surfaces.slack.access import Access
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import register_all
from foibot.surfaces.slack.poster import Poster
from foibot.surfaces.slack.recovery import Drain, SeenEvents, stop_socket_mode

log = logging.getLogger(__name__)


def make_client(settings: Settings) -> WebClient:
    """The Web API client: the configured base URL, retrying rate limits (429) and dropped connections."""
    return WebClient(token=settings.bot_token, base_url=settings.api_base_url,
                     retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2),
                                     RateLimitErrorRetryHandler(max_retry_count=3)])


def build_app(settings: Settings, rt: Runtime) -> tuple[App, SlackContext]:
    """The Bolt app with every listener registered, and the context its listeners share."""
    app = App(client=make_client(settings), signing_secret=settings.signing_secret or None,
              request_verification_enabled=bool(settings.signing_secret), ignoring_self_events_enabled=True,
              logger=logging.getLogger("foibot.surfaces.slack.bolt"))
    def members_of(group: str) -> list[str]:
        return list(app.client.usergroups_users_list(usergroup=group)["users"])

    ctx = SlackContext(rt=rt, settings=settings, access=Access.from_settings(settings, members_of),
                       poster=Poster(rt.engine))

    seen = SeenEvents()

    @app.middleware
    def once_per_event(body: dict, next) -> BoltResponse | None:  # noqa: A002, ANN001 (Bolt's names)
        """A redelivered event (same event_id) is acked and dropped: no second reply. Kept in memory, so the
        ack never waits on the database (see ``recovery.SeenEvents``)."""
        event_id = body.get("event_id")
        if event_id and not seen.first(event_id):
            log.info("event %s already handled; acked and skipped", event_id)
            return BoltResponse(status=200, body="")
        return next()

    @app.middleware
    def with_foibot(context: BoltContext, next) -> BoltResponse | None:  # noqa: A002, ANN001 (Bolt's names)
        """Every listener finds foibot's shared state in ``context["foibot"]``."""
        context["foibot"] = ctx
        return next()

    @app.middleware
    def others_kept_out(body: dict, client: WebClient, context: BoltContext, next) -> BoltResponse | None:  # noqa: A002, ANN001
        """A message or press from a person of another organisation (a Slack Connect channel), or a request
        at the top of a channel shared with one, is dealt with here (see ``outsiders``) and acked."""
        if outsiders.kept_out(ctx, client, body, context):
            return BoltResponse(status=200, body="")
        return next()

    register_all(app)
    return app, ctx


def socket_mode_handler(app: App, settings: Settings):  # noqa: ANN201
    """Socket Mode with the websocket-client adapter (the builtin one stalls after a reconnect)."""
    from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler

    return SocketModeHandler(app, settings.app_token)


def http_server(app: App, host: str = "0.0.0.0", port: int = 3000) -> WSGIServer:
    """HTTP mode: Bolt's WSGI adapter on wsgiref; Bolt verifies every request's signature and age."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    return make_server(host, port, SlackRequestHandler(app), handler_class=_QuietHandler)


class _QuietHandler(WSGIRequestHandler):
    """Access lines go to the debug log, not stderr (they carry no request text, but are noise)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        log.debug("http: " + format, *args)


def serve(settings: Settings) -> int:
    """Run until stopped: check Slack is reachable, resume open threads, then listen in Socket Mode or HTTP
    mode. Slack unreachable: one line naming the address tried, and exit status 2."""
    rt = open_runtime(settings.db or None, settings.data or None)
    if not reachable(make_client(settings), rt.engine.replies):
        return 2
    app, ctx = build_app(settings, rt)  # Bolt calls auth.test here too, so Slack is checked first
    resumed = ctx.recover(app.client)
    log.info("foibot ready in %s mode; %d thread(s) resumed", settings.mode, resumed)
    reminders.start(ctx, app.client)
    drain = Drain(app.listener_runner.listener_executor)  # SIGTERM: stop taking events, finish those in hand
    if settings.mode == "socket":
        handler = socket_mode_handler(app, settings)
        drain.install(lambda: stop_socket_mode(handler.client))
        handler.start()
    else:
        server = http_server(app, port=settings.port)
        drain.install(server.shutdown)
        log.info("listening on port %d (POST /slack/events)", settings.port)
        server.serve_forever()
    return 0


def reachable(client: WebClient, replies: Replies) -> bool:
    """Call auth.test once; when Slack cannot be reached, say so in one line on stderr (no traceback). The
    Slack SDK's own log lines (each failed try and retry) are silenced during this check only: the line
    below says it all."""
    try:
        with _quiet(logging.getLogger("slack_sdk")):
            client.auth_test()
    except (OSError, URLError) as exc:
        reason = getattr(exc, "reason", None) or exc
        print(replies.render("slack-unreachable", url=client.base_url, reason=reason), file=sys.stderr)
        return False
    return True


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """Nothing below CRITICAL from ``logger`` (and its children) while inside; its level restored after."""
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)

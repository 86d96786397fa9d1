"""The release check in Slack: fetch a file shared in a case thread, check it, post the report with its buttons;
clean copies, reviews, and the hold at *Mark sent* while findings remain. Words from ``snippets/release.yaml``.

Files are fetched through the Web API (``files.info``, then ``url_private_download`` with the bot token), read
up to the profile's size limit, and the token is never sent to a host that is not Slack's (or, in tests, the
configured API host): a redirect elsewhere is refused, and a sign-in page instead of the file is an error.
"""

from __future__ import annotations

import difflib
import http.client
import logging
import re
import tempfile
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote, urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from foibot.conversation.release_log import FileState, ReleaseLog, release_limits, safe_name, unfetchable
from foibot.errors import FoibotError
from foibot.knowledge.replies import Replies
from foibot.letter.blocks import to_text
from foibot.letter.checks import check
from foibot.release import CannotClean, ReleaseLimits, Report, Severity, check_file, clean_copy
from foibot.release.catalogue import finding
from foibot.surfaces.release_words import release_words
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.context import SlackContext

log = logging.getLogger(__name__)

SLACK_HOSTS = ("slack.com", "slack-edge.com")
MARK = {"green": ":large_green_circle:", "amber": ":large_orange_circle:", "red": ":red_circle:"}
SHOWN = 20  # findings listed in a report message; the rest are counted
CHUNK = 64 * 1024


class DownloadError(FoibotError):
    """A shared file could not be fetched; the message says why, in words for the officer."""


def _allowed(url: str, api_base: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host and host == (urlsplit(api_base).hostname or "").lower():
        return True  # the Web API's own host (a fake Slack on loopback in tests)
    return parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in SLACK_HOSTS)


class _SlackOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, api_base: str):
        self.api_base = api_base

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 (urllib's signature)
        if not _allowed(newurl, self.api_base):
            raise DownloadError(f"Slack sent the download on to {urlsplit(newurl).hostname}, which is not Slack; "
                                "foibot did not follow it with the bot token.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(client: WebClient, file_id: str, limits: ReleaseLimits, api_base: str,
             timeout: float = 30) -> tuple[str, bytes]:
    """(name, bytes) of a Slack file. Raises DownloadError; a file over the limit raises FileTooLarge."""
    try:
        info = client.files_info(file=file_id)["file"]
    except SlackApiError as exc:
        code = exc.response.get("error", "error")
        hint = " The app needs the files:read scope." if code in ("missing_scope", "not_allowed_token_type") else ""
        raise DownloadError(f"Slack refused files.info ({code}).{hint}") from exc
    name = safe_name(str(info.get("name") or file_id))
    size, url = info.get("size"), info.get("url_private_download") or info.get("url_private")
    if isinstance(size, int) and size > limits.max_file_bytes:
        raise FileTooLarge(name, size, limits.max_file_bytes)
    if not url or not _allowed(url, api_base):
        raise DownloadError("Slack gave no download address on its own servers, so foibot did not send the token.")
    opener = urllib.request.build_opener(_SlackOnlyRedirects(api_base))
    url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")  # a space or other character a URL cannot hold, %-escaped
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if "text/html" in response.headers.get("Content-Type", "") and not name.lower().endswith((".htm", ".html")):
                raise DownloadError("Slack sent its sign-in page instead of the file: the bot token was refused "
                                    "(check SLACK_BOT_TOKEN and the files:read scope).")
            data = bytearray()
            while chunk := response.read(CHUNK):
                data += chunk
                if len(data) > limits.max_file_bytes:
                    raise FileTooLarge(name, len(data), limits.max_file_bytes)
            expected = _expected_size(response.headers.get("Content-Length"), size)
            if expected is not None and len(data) < expected:  # the connection dropped: never check half a file
                raise DownloadError(f"the download broke off after {len(data):,} of {expected:,} bytes; share it "
                                    "again.")
    except http.client.HTTPException as exc:  # IncompleteRead and the like: the same, in urllib's words
        raise DownloadError(f"the download broke off ({type(exc).__name__}); share it again.") from exc
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"Slack answered {exc.code} when foibot fetched the file.") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"the download failed ({getattr(exc, 'reason', exc)}).") from exc
    return name, bytes(data)


def _expected_size(length: str | None, size: object) -> int | None:
    """How many bytes the download should bring: its Content-Length, else the size files.info gave."""
    if length and length.strip().isdigit():
        return int(length)
    return size if isinstance(size, int) and size > 0 else None


class FileTooLarge(DownloadError):
    def __init__(self, name: str, size: int, limit: int):
        super().__init__(f"{name} is over the {limit:,}-byte limit")
        self.name, self.size, self.limit = name, size, limit

    def report(self) -> Report:
        """The core's red 'too large' report: nothing inside has been checked."""
        report = Report(self.name, "unknown", self.size, inspected=False)
        report.findings.append(finding("file.too_large", None, f"{self.size:,} bytes (or more) is over the "
                                                               f"{self.limit:,}-byte limit; not inspected"))
        return report


# --- report messages --------------------------------------------------------------------------------


def _counts(report: Report) -> str:
    return ", ".join(f"{n} {s.value}" for s in Severity if (n := sum(1 for f in report.findings if f.severity == s)))


def report_blocks(words: Replies, report: Report, conv: str, file_id: str,
                  reviewed_by: str | None = None) -> list[dict[str, Any]]:
    """A short report: the summary line, the findings grouped by severity (at most ``SHOWN``), the buttons."""
    overall = report.overall.value
    blocks = [kit.section(words.render("summary", mark=MARK[overall], name=kit.escape(report.name), overall=overall,
                                       headline=words.render(f"headline-{overall}"), counts=_counts(report),
                                       inspected=report.inspected))]
    shown = 0
    for severity, findings in report.grouped().items():
        lines: list[str] = []
        for f in findings:
            line = f"• `{f.id}` {kit.escape(str(f.where))}: {kit.escape(f.message)}"
            if shown >= SHOWN or sum(len(x) + 1 for x in lines) + len(line) > kit.SECTION_LIMIT - 200:
                break
            lines.append(line[:600])
            shown += 1
        if lines:
            blocks.append(kit.section(words.render(f"group-{severity.value}") + "\n" + "\n".join(lines)))
    if shown < len(report.findings):
        blocks.append(kit.section(words.render("more", n=len(report.findings) - shown)))
    if reviewed_by:
        blocks.append(kit.section(words.render("reviewed-note", who=f"<@{reviewed_by}>")))
    out = [b.to_dict() for b in blocks]
    if overall != "green":
        value = kit.encode(conv, report.name[:120], file_id)
        out.append({"type": "actions", "block_id": f"rc|{conv}|{file_id}"[:255], "elements": [
            {"type": "button", "action_id": "release_clean", "value": value,
             "text": {"type": "plain_text", "text": words.render("button-clean")}},
            {"type": "button", "action_id": "release_reviewed", "value": value,
             "text": {"type": "plain_text", "text": words.render("button-reviewed")}}]})
    return out


def post_report(client: WebClient, channel: str, thread_ts: str, words: Replies, report: Report, conv: str,
                file_id: str) -> None:
    blocks = report_blocks(words, report, conv, file_id)
    client.chat_postMessage(channel=channel, thread_ts=thread_ts, blocks=blocks, unfurl_links=False,
                            text=f"{report.name}: {report.overall.value.upper()}")


# --- operations the listeners call -----------------------------------------------------------------


class ReleaseDesk:
    """The release check for one Slack context: check shared files, clean copies, reviews, the Mark sent hold."""

    def __init__(self, ctx: SlackContext, client: WebClient, channel: str, thread_ts: str):
        self.ctx, self.client, self.channel, self.thread_ts = ctx, client, channel, thread_ts
        self.words = release_words(ctx.engine.replies)
        self.limits = release_limits(ctx.rt.authority)
        self.log = ReleaseLog(ctx.rt.register)

    def _in_case_law(self, conv: str) -> None:
        """The reasons speak the case's law (s40(2), regulation 13 or section 38(1)(b))."""
        self.limits = release_limits(self.ctx.rt.authority, self.ctx.engine.answer(conv, "regime"))

    def say(self, text: str) -> None:
        self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text, unfurl_links=False)

    def _fetch(self, file_id: str) -> tuple[str, bytes]:
        return download(self.client, file_id, self.limits, self.ctx.settings.api_base_url)

    def check_shared(self, conv: str, file_id: str, shown_name: str, user: str) -> None:
        """Fetch, check and record a file shared in a case thread, and post its report (or why it could not)."""
        self._in_case_law(conv)
        ref = self.log.ref_of(conv)
        source = {"slack_file": file_id}
        try:
            name, data = self._fetch(file_id)
            report = check_file(data, name, self.limits)
        except FileTooLarge as exc:
            report = exc.report()
        except DownloadError as exc:
            name = safe_name(shown_name)
            self.log.record(ref, unfetchable(name, str(exc)), who=user, via="slack", source=source)
            self.say(self.words.render("download-failed", name=kit.escape(name), reason=kit.escape(str(exc))))
            return
        self.log.record(ref, report, who=user, via="slack", source=source)
        post_report(self.client, self.channel, self.thread_ts, self.words, report, conv, file_id)

    def make_clean_copy(self, conv: str, name: str, file_id: str, user: str) -> None:
        """Upload a clean copy (each file checked again, with its report); for a PDF, say why there is none."""
        self._in_case_law(conv)
        ref = self.log.ref_of(conv)
        try:
            _, data = self._fetch(file_id)
            with tempfile.TemporaryDirectory(prefix="foibot-clean-") as tmp:
                result = clean_copy(data, tmp, name, self.limits)
                copies = [(p.name, p.read_bytes()) for p in result.paths]
        except (CannotClean, DownloadError) as exc:
            self.say(self.words.render("clean-refused", name=kit.escape(name), reason=kit.escape(str(exc))))
            return
        self.say(self.words.render("clean-posted", name=kit.escape(name), notes=[kit.escape(n) for n in result.notes]))
        for copy_name, content in copies:
            report = check_file(content, copy_name, self.limits)
            uploaded = self.client.files_upload_v2(channel=self.channel, thread_ts=self.thread_ts, content=content,
                                                   filename=copy_name, title=copy_name)
            new_id = str((uploaded.get("files") or [{}])[0].get("id") or (uploaded.get("file") or {}).get("id"))
            self.log.record(ref, report, who=user, via="slack", source={"slack_file": new_id}, replaces=name)
            post_report(self.client, self.channel, self.thread_ts, self.words, report, conv, new_id)

    def mark_reviewed(self, conv: str, name: str, user: str) -> None:
        state = self.log.mark_reviewed(self.log.ref_of(conv), name, who=user)
        self.say(self.words.render("reviewed", who=f"<@{user}>", name=kit.escape(name), overall=state.overall))

    def hold_send(self, conv: str, value: str, user: str) -> bool:
        """At Mark sent: check the case's files again. True (and a warning with Send anyway / Cancel posted)
        when findings remain; otherwise note what is being sent and return False."""
        try:
            ref = self.log.ref_of(conv)
        except FoibotError:
            return False
        if not self.log.files(ref):  # no file was checked for the case: nothing to hold or record
            return False
        self._in_case_law(conv)
        # as the console's 'sent' does: every file checked for the case, listed in the letter or not
        self.log.recheck(ref, self._fetch_state, self.limits, who=user, via="slack", every=True)
        open_files = self.log.stopping(ref)
        if not open_files:
            self.log.record_sent(ref, who=user, confirmed=False)
            return False
        text = self.words.render("send-held", reference=kit.escape(ref),
                                 files=[{"name": kit.escape(f.name), "overall": f.overall,
                                         "listed": self.log.listed(ref, f)} for f in open_files])
        self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text, unfurl_links=False,
                                     blocks=[kit.section(text).to_dict(), {
                                         "type": "actions", "block_id": f"rs|{conv}"[:255], "elements": [
                                             {"type": "button", "action_id": "release_send_anyway", "value": value,
                                              "style": "danger",
                                              "text": {"type": "plain_text",
                                                       "text": self.words.render("button-send-anyway")}},
                                             {"type": "button", "action_id": "release_cancel", "value": value,
                                              "text": {"type": "plain_text",
                                                       "text": self.words.render("button-cancel")}}]}])
        return True

    def _fetch_state(self, state: FileState) -> bytes:
        file_id = state.source.get("slack_file")
        if not file_id:
            raise DownloadError(f"{state.name} was checked outside Slack; check it again here by sharing it")
        try:
            return self._fetch(file_id)[1]
        except FileTooLarge as exc:
            raise DownloadError(str(exc)) from exc

    def send_anyway(self, conv: str, user: str, message_ts: str) -> None:
        """Record that the response goes with findings still open, and take the buttons off the warning."""
        ref = self.log.ref_of(conv)
        names = [f.name for f in self.log.stopping(ref)]
        self.log.record_sent(ref, who=user, confirmed=True)
        self._settle(message_ts, self.words.render("sent-with-findings", files=[kit.escape(n) for n in names],
                                                   who=f"<@{user}>"))

    def cancel(self, user: str, message_ts: str) -> None:
        self._settle(message_ts, self.words.render("send-cancelled", who=f"<@{user}>"))

    def _settle(self, message_ts: str, text: str) -> None:
        try:
            self.client.chat_update(channel=self.channel, ts=message_ts, text=text,
                                    blocks=[kit.section(text).to_dict()])
        except SlackApiError:
            self.say(text)


# --- an officer's own version of the letter --------------------------------------------------------------
# Pasted back into the case thread, or shared there as a Word file ("here's my version"): read with the statutory
# check (``foibot check``'s reading of any letter's text) and the thread says what it found. foibot's own draft is
# kept as it was: the officer's version is never stored as a draft, never overwrites it and never replaces what
# *Mark sent* records.

_SALUTATION = re.compile(r"^\s*\**\s*dear\s+\S", re.I | re.M)
_SIGN_OFF = re.compile(r"\byours\s+(sincerely|faithfully)\b|\b(kind|best)\s+regards\b", re.I)
MIN_CHARS = 300


def looks_like_letter(text: str, reference: str | None) -> bool:
    """Whether a message (or a file's text) is a whole letter: a salutation, and a sign-off or the case's own
    reference, and more than a few lines. An answer to a question never has all of them."""
    if len(text) < MIN_CHARS or len([line for line in text.splitlines() if line.strip()]) < 5:
        return False
    return bool(_SALUTATION.search(text)) and bool(_SIGN_OFF.search(text) or (reference and reference in text))


def is_own_version(engine: Any, conv: str, text: str) -> bool:
    """Whether ``text`` is an officer's version of this case's letter: the case has a draft, ``text`` is a whole
    letter, and at least half its words run as the latest draft's do (so the requester's own email, "Dear FOI
    team… Kind regards", pasted in the thread after a draft is not taken for one)."""
    if not drafted_version(engine, conv) or not looks_like_letter(text, case_reference(engine, conv)):
        return False
    stored = engine.stored_draft(conv)
    if stored is None or stored.draft is None:
        return False
    ours, theirs = _words(to_text(stored.draft.blocks)), _words(text)
    return difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False).ratio() >= LIKE_THE_DRAFT


LIKE_THE_DRAFT = 0.5


def _words(text: str) -> list[str]:
    return re.sub(r"[*_`>]", " ", text.replace("&amp;", "&")).lower().split()


def case_reference(engine: Any, conv: str) -> str | None:
    row = engine.store.conversation(conv) or {}
    return (row.get("state") or {}).get("answers", {}).get("reference") or row.get("case_ref")


def drafted_version(engine: Any, conv: str) -> int | None:
    """The latest draft version of an open conversation, or None (no draft yet, or the case is closed)."""
    row = engine.store.conversation(conv) or {}
    if row.get("status") == "closed":
        return None
    return engine.latest_version(conv)


def own_version_checked(engine: Any, conv: str, text: str, *, user: str | None, name: str | None = None) -> str:
    """What the thread says of an officer's version: the statutory check of its text (against the case's due and
    received dates), how far it differs from foibot's latest draft, and that the draft is kept as it was. Slack
    markup escaped; the writer mentioned."""
    version = engine.latest_version(conv)
    case = engine.cases.register.case_for_conversation(conv) if engine.cases else None
    result = check(text, engine.kb, due=case.due if case else None, received=case.received if case else None)
    stored = engine.stored_draft(conv) if version else None
    changed = _changed_paragraphs(to_text(stored.draft.blocks), text) if stored and stored.draft else None
    said = engine.replies.render("slack-own-version", who="\0who\0", name=name, version=version,
                                 reference=case_reference(engine, conv), summary=result.summary(), ok=result.ok,
                                 changed=changed)
    return kit.escape(said).replace("\0who\0", f"<@{user}>" if user else "someone")


def _paragraphs(text: str) -> list[str]:
    plain = re.sub(r"[*_`>]", "", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", plain) if p.strip()]


def _changed_paragraphs(draft: str, version: str) -> int:
    """How many of the officer's paragraphs are not in foibot's draft word for word."""
    ours = _paragraphs(draft)
    theirs = _paragraphs(version)
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    return sum(j2 - j1 for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert"))

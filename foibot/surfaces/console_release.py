"""The release check in the console: ``release-check FILE`` (or ``check file FILE``), ``reviewed FILE``, and the
y/N question at ``sent`` when a checked attachment still has findings. Words from ``snippets/release.yaml``."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

from foibot.conversation.engine import Engine
from foibot.conversation.release_log import FileState, ReleaseLog, release_limits
from foibot.errors import FoibotError
from foibot.release import check_file, render_text
from foibot.surfaces.release_words import release_words

CHECK_COMMANDS = ("release-check", "check file")


class ConsoleRelease:
    """Release-check commands for the console's current conversation (``conv_id()``; None before a request)."""

    def __init__(self, engine: Engine, conv_id: Callable[[], str | None], read: Callable[[str], str | None],
                 user: str):
        self.engine, self.conv_id, self.read, self.user = engine, conv_id, read, user
        self.words = release_words(engine.replies)
        self.limits = release_limits(engine.authority)
        self.log = ReleaseLog(engine.cases.register) if engine.cases else None
        self._pending: tuple[str, bool] | None = None  # at 'sent': the case, and whether sent over open findings

    def say(self, key: str, **values: object) -> str:
        return self.words.render(key, **values)

    def _ref(self) -> str | None:
        conv = self.conv_id()
        if conv is None or self.log is None:
            return None
        try:
            return self.log.ref_of(conv)
        except FoibotError:
            return None

    def command(self, line: str) -> str | None:
        """The reply to a release-check command, or None when the line is not one."""
        text = line.strip()
        lowered = text.lower()
        prefix = next((c for c in CHECK_COMMANDS if lowered == c or lowered.startswith(c + " ")), None)
        if prefix:
            return self.check(_paths(text[len(prefix):]))
        if lowered.startswith("reviewed ") or lowered == "reviewed":
            return self.reviewed(text[len("reviewed"):].strip())
        return None

    def check(self, paths: list[str]) -> str:
        """Check files, print each report, and record them in the case history when there is a case."""
        if not paths:
            return self.say("console-no-file")
        ref = self._ref()
        out, recorded = [], False
        for path in paths:
            found = Path(path).expanduser()
            if not found.is_file():  # a mistyped name is a one-line error, never a red check in the history
                out.append(self.engine.replies.render("console-no-such-file", path=path, folder=found.is_dir()))
                continue
            report = check_file(found, None, self.limits)
            out.append(render_text(report))
            if ref and self.log:
                self.log.record(ref, report, who=self.user, via="console", source={"path": path})
                recorded = True
        if recorded:
            out.append(self.say("console-recorded", reference=ref))
        return "\n\n".join(out)

    def reviewed(self, name: str) -> str:
        ref = self._ref()
        if not ref or not self.log:
            return self.say("console-no-file")
        try:
            if name in ("", "all"):  # a red file is never waved through with the rest: it needs its own review
                done, red = self.log.review_all(ref, who=self.user)
            else:
                done, red = [self.log.mark_reviewed(ref, Path(name).name, who=self.user)], []
        except FoibotError as exc:
            return self.engine.replies.render("error", message=str(exc))
        said = [self.say("console-reviewed", name=f.name, overall=f.overall) for f in done]
        said += [self.say("console-review-red", name=f.name) for f in red]
        return "\n".join(said)

    def checked_names(self) -> list[str] | None:
        """The names of the files release-checked for the current case (and the files their clean copies
        replace), or None when there is no case register to ask."""
        ref = self._ref()
        if not ref or not self.log:
            return None
        return [n for f in self.log.files(ref) for n in (f.name, f.replaces) if n]

    def stopping(self) -> list[dict[str, object]]:
        """At 'sent': every file checked for this case is checked again, and those whose findings (red or amber)
        are not reviewed are returned, listed in the letter or not, for the one question before sending: each
        with its name, overall result, counts by severity and whether the letter lists it (None: no letter)."""
        ref = self._ref()
        self._pending = (ref, False) if ref and self.log else None
        if not ref or not self.log:
            return []
        self.log.recheck(ref, _fetch, self.limits, who=self.user, via="console", every=True)
        return [{"name": f.name, "overall": f.overall, "listed": self.log.listed(ref, f),
                 "counts": [(n, s) for s in ("red", "amber") if (n := f.counts.get(s))]}
                for f in self.log.stopping(ref)]

    def will_send(self, confirmed: bool) -> None:
        """The officer goes ahead (``confirmed``: over release findings still open); ``record_sent`` notes it."""
        self._pending = (self._pending[0], confirmed) if self._pending else None

    def record_sent(self) -> None:
        """After the response is marked sent: note which checked files went, and any sent with findings."""
        pending = self._pending
        if pending and self.log:
            self.log.record_sent(pending[0], who=self.user, confirmed=pending[1])
        self._pending = None


def _fetch(state: FileState) -> Path:
    path = state.source.get("path")
    if not path:
        raise OSError(f"foibot does not know where {state.name} is")
    return Path(path).expanduser()


def _paths(text: str) -> list[str]:
    """The files a check command names: the whole remainder when it names a file ("my file.xlsx", spaces and
    all), else each name (quoted when it has spaces: "my file.xlsx" other.docx)."""
    whole = text.strip()
    if whole and Path(whole).expanduser().is_file():
        return [whole]
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()

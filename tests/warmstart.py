"""Start foibot processes (the Slack app, CLI commands) quickly, each a real, separate OS process.

Loading foibot's data takes seconds per process (the knowledge base, the suggester's models). Crash and
process tests start the app many times, so a helper process loads everything once, then forks a child
for each start: the child runs the same entry point production runs (``app.main()`` or the CLI's
``main``) with its own environment, working folder, database connections, signal handlers and exit
status. Nothing is opened before the fork except the loaded, read-only data (the data cache notices a
changed file and reloads it). Run as a script, it is the helper: it reads one JSON command a line.

    with WarmStarter() as starter:
        pid = starter.spawn(["app"], env, cwd, log)   # or ["cli", "draft", ...]
        starter.wait(pid, timeout=10)                 # exit status, or None while it runs
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent


class WarmStarter:
    """The test side: spawn, signal and wait for processes forked by the helper."""

    def __init__(self) -> None:
        env = {**os.environ, "FOIBOT_DATA": str(ROOT), "PYTHONPATH": str(ROOT)}
        self.helper = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       env=env, cwd=ROOT, text=True, bufsize=1)
        assert self._read() == {"ready": True}

    def __enter__(self) -> WarmStarter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ask(self, command: dict) -> dict:
        assert self.helper.stdin is not None
        self.helper.stdin.write(json.dumps(command) + "\n")
        return self._read()

    def _read(self) -> dict:
        assert self.helper.stdout is not None
        line = self.helper.stdout.readline()
        if not line:
            raise RuntimeError(f"the warm-start helper died (status {self.helper.wait()})")
        return json.loads(line)

    def spawn(self, argv: list[str], env: dict[str, str], cwd: Path, log: Path) -> int:
        """Fork a process running ``argv`` (``["app"]`` or ``["cli", *args]``); stdout and stderr go to ``log``.
        Returns its pid."""
        return self._ask({"spawn": argv, "env": env, "cwd": str(cwd), "log": str(log)})["pid"]

    def wait(self, pid: int, timeout: float) -> int | None:
        """The process's exit status once it has exited (waiting up to ``timeout`` s), else None.
        A process killed by a signal gives minus the signal number, as ``subprocess`` does."""
        return self._ask({"wait": pid, "timeout": timeout})["status"]

    def close(self) -> None:
        if self.helper.poll() is None:
            assert self.helper.stdin is not None
            self.helper.stdin.close()
            self.helper.wait(10)


# --- the helper process ------------------------------------------------------------------------------


def _child(argv: list[str], env: dict[str, str], cwd: str, log: str) -> int:
    os.setpgid(0, 0)  # its own process group, as a service manager would start it
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    if argv[0] == "app":
        sys.path.insert(0, str(ROOT))
        import app

        sys.argv = [str(ROOT / "app.py")]
        return app.main()
    from foibot.surfaces.cli import main

    sys.argv = ["foibot", *argv[1:]]
    return main(argv[1:])


def _status(raw: int) -> int:
    return -os.WTERMSIG(raw) if os.WIFSIGNALED(raw) else os.WEXITSTATUS(raw)


def _serve(commands: IO[str], replies: IO[str]) -> None:
    from foibot.surfaces.runtime import open_runtime

    open_runtime(":memory:", ROOT).store.close()  # load and cache the data (and import the app) before forking
    import app  # noqa: F401
    import foibot.surfaces.slack.app  # noqa: F401

    exited: dict[int, int] = {}
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in commands:
        command = json.loads(line)
        if "spawn" in command:
            pid = os.fork()
            if pid == 0:
                status = 1
                try:
                    status = _child(command["spawn"], command["env"], command["cwd"], command["log"])
                except SystemExit as exc:
                    status = exc.code if isinstance(exc.code, int) else 1
                except BaseException:
                    import traceback

                    traceback.print_exc()
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(status)
            reply: dict = {"pid": pid}
        else:
            pid, deadline = command["wait"], time.monotonic() + command["timeout"]
            while pid not in exited:
                done, raw = os.waitpid(pid, os.WNOHANG)
                if done:
                    exited[pid] = _status(raw)
                elif time.monotonic() >= deadline:
                    break
                else:
                    time.sleep(0.01)  # polling the child's exit; the caller gave the deadline
            reply = {"status": exited.get(pid)}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    _serve(sys.stdin, sys.stdout)

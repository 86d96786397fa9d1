"""A profile copied from an earlier foibot lacks the chat wording added since: those replies use foibot's own
wording (never a traceback), and check-data names them so the officer can copy them over."""

from __future__ import annotations

import re

from profiles import copy_profile

from foibot.surfaces.cli import main
from foibot.surfaces.runtime import open_runtime

NEWER = ("foi-foisa-s18", "console-pasted", "restart-undone")


def older_profile(tmp_path, **settings):
    """A copy of the shipped profile whose replies.yaml has lost the templates in NEWER (and their comments)."""
    folder = copy_profile(tmp_path / "older", **settings)
    path = folder / "snippets" / "replies.yaml"
    text = path.read_text(encoding="utf-8")
    for key in NEWER:
        text, found = re.subn(rf"(?ms)^{re.escape(key)}:.*?(?=^[\w#-])", "", text, count=1)
        assert found, key
    path.write_text(text, encoding="utf-8")
    return folder


def test_a_reply_an_older_profile_lacks_is_foibots_own_wording(tmp_path):
    folder = older_profile(tmp_path, regime="foisa")
    rt = open_runtime(tmp_path / "x.sqlite", folder)
    assert "Section 18(1) of FOISA is not an exemption" in rt.engine.replies.render("foi-foisa-s18")
    assert rt.engine.replies.render("console-pasted", lines=3).startswith("You pasted 3 lines.")
    rt.store.close()


def test_exemption_18_under_foisa_says_what_section_18_does(tmp_path, capsys):
    folder = older_profile(tmp_path, regime="foisa")
    assert main(["--data", str(folder), "--db", str(tmp_path / "x.sqlite"), "exemption", "18"]) == 1
    err = capsys.readouterr().err
    assert "Section 18(1) of FOISA is not an exemption of its own" in err and "s18 and 38(1)(b)" in err
    assert "Traceback" not in err and "knows no exemption" not in err


def test_check_data_names_the_replies_taken_from_foibot(tmp_path, capsys):
    folder = older_profile(tmp_path)
    assert main(["--data", str(folder), "check-data"]) == 0
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if "replies are not in your file" in line]
    assert line.startswith("warning: snippets/replies.yaml: 3 replies are not in your file")
    assert line.endswith(": console-pasted, foi-foisa-s18, restart-undone")
    assert out.splitlines()[-1].startswith("OK: ")


def test_the_shipped_profile_gets_no_such_warning(capsys):
    assert main(["check-data"]) == 0
    assert "replies are not in your file" not in capsys.readouterr().out


def test_a_check_rule_an_older_profile_lacks_is_foibots_own(tmp_path, capsys):
    folder = copy_profile(tmp_path / "older")
    path = folder / "intents" / "check-rules.yaml"
    text, found = re.subn(r"(?ms)^- id: qualified-person-who\n.*?(?=^- id: |\Z)", "", path.read_text(encoding="utf-8"))
    assert found == 1
    path.write_text(text, encoding="utf-8")
    assert main(["--data", str(folder), "check-data"]) == 0
    out = capsys.readouterr().out
    assert ("warning: intents/check-rules.yaml: 1 check rules are not in your file, so foibot's own are used (copy "
            "them from foibot's intents/check-rules.yaml to change them): qualified-person-who") in out
    rt = open_runtime(tmp_path / "x.sqlite", folder)  # and the engine starts, with every rule
    from foibot.letter.checks import rulebook

    assert "qualified-person-who" in rulebook(rt.kb).ids()
    rt.store.close()


def test_an_unknown_rule_id_is_still_refused(tmp_path, capsys):
    folder = copy_profile(tmp_path / "odd")
    path = folder / "intents" / "check-rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: qualified-person-who", "- id: no-such-rule", 1),
                    encoding="utf-8")
    assert main(["--data", str(folder), "check-data"]) != 0
    assert "'no-such-rule' is not a rule foibot implements" in capsys.readouterr().err

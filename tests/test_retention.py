"""Personal data: purge leaves no trace of a requester anywhere in the file; export answers a SAR."""

import json
from datetime import date
from pathlib import Path

from foibot.surfaces.cli import main
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent
NAME, EMAIL = "Roberts", "j.roberts@example.org"


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def test_purge_removes_the_requester_everywhere_and_keeps_statistics(tmp_path, seed_request):
    db = tmp_path / "foibot.sqlite"
    rt = open_runtime(db, ROOT)
    rt.engine.today = lambda: date(2019, 10, 25)
    conv = rt.engine.start(seed_request, user="U1").conversation_id
    rt.engine.reply(conv, "ask about IT monitoring")
    rt.engine.reply(conv, "1")
    rt.engine.reply(conv, "yes")
    rt.engine.reply(conv, "all")
    rt.engine.reply(conv, "a table")
    rt.engine.reply(conv, "show draft")
    ref = rt.engine.answers(conv)["reference"]
    case = rt.register.get_case(ref)
    assert case.requester_email == EMAIL and case.outcome == "granted"
    rt.store.close()
    assert NAME.encode() in _file_bytes(db)

    assert main(["--db", str(db), "purge", "--older-than", "24m"]) == 0
    data = _file_bytes(db)
    assert NAME.encode() not in data and EMAIL.encode() not in data
    assert NAME.lower().encode() not in data.lower()

    rt = open_runtime(db, ROOT)
    case = rt.register.get_case(ref)
    assert case.requester_name == "[requester]" and case.outcome == "granted" and case.received == date(2019, 9, 28)
    assert "Dear [requester]," in rt.store.drafts(conv)[0]["letter"]
    assert not rt.store.db.execute("select count(*) from cases_fts where cases_fts match 'roberts'").fetchone()[0]
    assert any(e["action"] == "purged" for e in rt.register.history(ref))
    rt.store.close()


def test_recent_cases_are_kept(tmp_path, seed_request):
    db = tmp_path / "foibot.sqlite"
    rt = open_runtime(db, ROOT)
    rt.engine.today = lambda: date(2019, 10, 25)
    rt.engine.start(seed_request, user="U1")
    rt.store.close()
    assert main(["--db", str(db), "purge", "--older-than", "100y"]) == 0
    assert NAME.encode() in _file_bytes(db)


def test_export_case_for_a_subject_access_request(tmp_path, seed_request, capsys):
    db = tmp_path / "foibot.sqlite"
    rt = open_runtime(db, ROOT)
    rt.engine.today = lambda: date(2019, 10, 25)
    conv = rt.engine.start(seed_request, user="U1").conversation_id
    ref = rt.engine.answers(conv)["reference"]
    rt.store.close()
    out = tmp_path / "sar.json"
    assert main(["--db", str(db), "export-case", *ref.split(), "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["case"]["requester_email"] == EMAIL
    assert data["conversation"]["state"]["answers"]["requester_name"] == "J Roberts"
    assert "cases.requester_name" in data["personal_fields"]
    assert main(["--db", str(db), "export-case", "FOI", "1999-1"]) == 1

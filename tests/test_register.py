"""The case register: references without gaps or duplicates, status transitions and the deadlines they imply,
history, personal fields."""

import json
import threading
from datetime import date

import pytest

from foibot.errors import InputError
from foibot.law.deadlines import review_target, review_window_end
from foibot.register.cases import Register, active_cases
from foibot.register.store import Store
from foibot.surfaces.cli import main

TODAY = date(2025, 3, 3)  # a Monday
LATER = date(2025, 12, 31)
"""The register's today in tests that act out a case's year: a status is never dated after today."""


@pytest.fixture
def reg(store):
    return Register(store, today=lambda: LATER)


def _open(reg, received=TODAY, **kw):
    return reg.open_case("Please send the number of fax machines you use.", who="alice", received=received, **kw)


# --- references --------------------------------------------------------------------------------


def test_references_run_per_year_in_the_authority_format(store):
    reg = Register(store, "FOI/{year}/{seq:04d}", today=lambda: TODAY)
    refs = [_open(reg).ref for _ in range(3)] + [_open(reg, date(2026, 1, 5)).ref, _open(reg).ref]
    assert refs == ["FOI/2025/0001", "FOI/2025/0002", "FOI/2025/0003", "FOI/2026/0001", "FOI/2025/0004"]


def test_threads_sharing_one_store_get_unique_references_without_gaps(reg):
    refs: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(25):
                refs.append(_open(reg).ref)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(refs, key=lambda r: int(r.rsplit("-", 1)[1])) == [f"FOI 2025-{n}" for n in range(1, 201)]


def test_two_store_objects_on_one_file_never_share_a_reference(tmp_path):
    path = tmp_path / "shared.sqlite"
    stores = [Store(path), Store(path)]
    regs = [Register(s, today=lambda: TODAY) for s in stores]
    refs: list[str] = []
    errors: list[BaseException] = []

    def work(reg):
        try:
            for _ in range(20):
                refs.append(_open(reg).ref)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(regs[i % 2],)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(refs) == len(set(refs)) == 120
    seqs = sorted(int(r.rsplit("-", 1)[1]) for r in refs)
    assert seqs == list(range(1, 121))
    assert stores[0].db["cases"].count == 120
    for s in stores:
        s.close()


def test_a_failed_open_leaves_no_gap(reg, monkeypatch):
    import foibot.register.cases as register_module

    real = register_module._event

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(register_module, "_event", broken)
    with pytest.raises(RuntimeError):
        _open(reg)
    monkeypatch.setattr(register_module, "_event", real)
    assert _open(reg).ref == "FOI 2025-1"
    assert reg.store.db["cases"].count == 1


def test_a_reference_already_in_the_register_is_passed_over(reg, store):
    store.db["cases"].insert({"ref": "FOI 2025-1", "status": "closed", "request_text": "imported earlier",
                              "exemptions": "[]", "topics": "[]", "source": "import"})
    assert _open(reg).ref == "FOI 2025-2"


def test_counter_survives_a_restart(tmp_path):
    path = tmp_path / "r.sqlite"
    first = Store(path)
    _open(Register(first, today=lambda: TODAY))
    first.close()
    second = Store(path)
    assert _open(Register(second, today=lambda: TODAY)).ref == "FOI 2025-2"
    second.close()


# --- deadlines implied by statuses -------------------------------------------------------------


def test_a_new_case_is_due_twenty_working_days_after_receipt(reg):
    # St Patrick's Day (17 Mar, Northern Ireland) is a bank holiday somewhere in the UK, so not a working day.
    assert _open(reg).due == date(2025, 4, 1)
    # Good Friday (18 Apr) and Easter Monday (21 Apr) 2025 are not working days.
    assert _open(reg, date(2025, 4, 1)).due == date(2025, 5, 1)


def test_clarification_stops_the_clock_and_restarts_it_from_the_day_it_arrives(reg):
    case = _open(reg)
    waiting = reg.set_status(case.ref, "awaiting_clarification", "alice", on=date(2025, 3, 5))
    assert waiting.due is None
    assert case.ref not in [c.ref for c in active_cases(reg.store)]
    resumed = reg.set_status(case.ref, "drafting", "bob", on=date(2025, 3, 17))
    assert resumed.clarified_on == date(2025, 3, 17)
    assert resumed.received == date(2025, 3, 3)  # the original date of receipt is kept
    assert resumed.due == date(2025, 4, 14)  # 20 working days from 17 March, not from 3 March
    event = reg.history(case.ref)[-1]
    assert event["who"] == "bob" and event["detail"]["due"] == "2025-04-14"
    assert "restarted" in event["detail"]["clock"]


def test_sent_records_the_day_and_starts_the_review_window(reg):
    case = _open(reg)
    sent = reg.set_status(case.ref, "sent", "alice", on=date(2025, 3, 28))
    assert sent.sent_on == date(2025, 3, 28)
    window = review_window_end(date(2025, 3, 28), 40)
    assert reg.review_window_end(sent) == window
    assert reg.history(case.ref)[-1]["detail"]["review_window_end"] == window.isoformat()


def test_internal_review_opens_a_linked_case_with_its_own_target(reg):
    case = _open(reg)
    reg.set_status(case.ref, "sent", "alice", on=date(2025, 3, 28))
    parent = reg.set_status(case.ref, "internal_review", "carol", on=date(2025, 4, 22))
    assert parent.status == "internal_review"
    [review] = reg.reviews(case.ref)
    assert review.ref == "FOI 2025-1/IR" and review.parent_ref == case.ref and review.is_review
    assert review.received == date(2025, 4, 22)
    assert review.due == review_target(date(2025, 4, 22)).due == date(2025, 5, 21)
    assert review.status == "new" and review in active_cases(reg.store)
    assert reg.history(case.ref)[-1]["detail"]["review"] == review.ref
    assert reg.history(review.ref)[0]["detail"]["review_of"] == case.ref
    # A second review after the first is closed gets its own reference.
    reg.set_status(review.ref, "closed", "carol", on=date(2025, 5, 20))  # the review first (never the case over it)
    reg.set_status(case.ref, "closed", "carol", on=date(2025, 5, 20))
    reg.set_status(case.ref, "internal_review", "carol", on=date(2025, 5, 21))
    assert [r.ref for r in reg.reviews(case.ref)] == ["FOI 2025-1/IR", "FOI 2025-1/IR2"]


def test_a_review_asked_for_after_the_window_is_noted(reg):
    case = _open(reg)
    reg.set_status(case.ref, "sent", "alice", on=date(2025, 3, 28))
    reg.set_status(case.ref, "internal_review", "carol", on=date(2025, 7, 1))
    assert "window closed" in reg.history(case.ref)[-1]["detail"]["late_request"]


def test_eir_review_is_a_forty_working_day_reconsideration(reg):
    case = _open(reg, regime="eir")
    reg.set_status(case.ref, "sent", "alice", on=date(2025, 3, 28))
    reg.set_status(case.ref, "internal_review", "carol", on=date(2025, 4, 22))
    assert reg.reviews(case.ref)[0].due == review_target(date(2025, 4, 22), regime="eir").due


def test_transitions_are_checked(reg):
    case = _open(reg)
    with pytest.raises(InputError, match="is new; it can become .*not with_ico"):
        reg.set_status(case.ref, "with_ico", "alice")
    with pytest.raises(InputError, match="not a status"):
        reg.set_status(case.ref, "lost", "alice")
    with pytest.raises(InputError, match="before"):
        reg.set_status(case.ref, "sent", "alice", on=date(2025, 2, 1))
    with pytest.raises(InputError, match="no case"):
        reg.set_status("FOI 1999-1", "sent", "alice")
    with pytest.raises(InputError, match="who"):
        reg.set_status(case.ref, "drafting", "")
    assert reg.get_case(case.ref).status == "new"
    assert [e["action"] for e in reg.history(case.ref)] == ["opened"]


def test_the_same_status_again_changes_nothing(reg):
    case = _open(reg)
    reg.set_status(case.ref, "drafting", "alice")
    reg.set_status(case.ref, "drafting", "alice")
    assert [e["action"] for e in reg.history(case.ref)] == ["opened", "status"]


def test_a_date_beyond_the_holiday_data_gives_no_due_date_and_says_why(store):
    reg = Register(store, holiday_data_until=2028, today=lambda: TODAY)
    case = _open(reg, date(2029, 1, 8))
    assert case.due is None
    assert "2028" in reg.history(case.ref)[0]["detail"]["due_error"]


# --- outcome, drafts, details, history ---------------------------------------------------------


def test_outcome_and_history_record_who_when_what(reg):
    case = _open(reg)
    reg.set_status(case.ref, "drafting", "alice", on=date(2025, 3, 4))
    done = reg.record_outcome(case.ref, "Partially granted", ["s40(2)", "s43(2)", "s40(2)"], ["contracts"],
                              who="bob")
    assert (done.outcome, done.exemptions, done.topics) == ("partially_granted", ["s40(2)", "s43(2)"], ["contracts"])
    history = reg.history(case.ref)
    assert [(e["who"], e["action"]) for e in history] == [("alice", "opened"), ("alice", "status"), ("bob", "outcome")]
    assert all(e["at"].endswith("+00:00") for e in history)
    assert history[1]["detail"] == {"from": "new", "to": "drafting", "on": "2025-03-04"}
    with pytest.raises(InputError, match="not an outcome"):
        reg.record_outcome(case.ref, "maybe", who="bob")


def test_history_is_stamped_with_foibot_today_at_the_real_time_of_day(reg, monkeypatch):
    """A scripted run (FOIBOT_TODAY set) records its history on the day it acts out, so it repeats; the time of
    day stays real, so the entries keep their order. Without it, the real clock."""
    from datetime import UTC, datetime

    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    case = _open(reg)
    reg.set_status(case.ref, "drafting", "alice")
    stamps = [e["at"] for e in reg.history(case.ref)]
    assert len(stamps) == 2 and all(at.startswith("2026-11-20T") and at.endswith("+00:00") for at in stamps)
    assert stamps == sorted(stamps)
    assert abs(datetime.fromisoformat(stamps[0]).time().hour - datetime.now(UTC).hour) in (0, 1, 23)
    monkeypatch.delenv("FOIBOT_TODAY")
    reg.set_status(case.ref, "awaiting_clarification", "alice")
    assert reg.history(case.ref)[-1]["at"][:10] == datetime.now(UTC).date().isoformat()


def test_link_draft_marks_the_draft_and_moves_a_new_case_to_drafting(reg, store):
    case = _open(reg)
    version = store.add_draft("conv1", "Dear requester", due=None, checks=[], created_by="alice")
    reg.link_draft(case.ref, "conv1", version, who="alice")
    assert store.drafts("conv1")[0]["case_ref"] == case.ref
    linked = reg.get_case(case.ref)
    assert linked.status == "drafting" and linked.conversation_id == "conv1"
    assert reg.history(case.ref)[-1]["detail"] == {"conversation": "conv1", "version": 1}


def test_corrections_recompute_the_due_date_and_keep_personal_values_out_of_the_history(reg):
    case = _open(reg, requester_name="Jo Bloggs")
    updated = reg.update(case.ref, "alice", received=date(2025, 4, 1), requester_email="Jo@Example.org")
    assert updated.due == date(2025, 5, 1) and updated.requester_email == "jo@example.org"
    event = reg.history(case.ref)[-1]
    assert event["detail"]["changed"] == ["received", "requester_email"]
    assert "jo@example.org" not in json.dumps(reg.history(case.ref)).lower()
    with pytest.raises(InputError, match="cannot change"):
        reg.update(case.ref, "alice", status="sent")


def test_the_engine_hook_opens_one_case_per_conversation(reg):
    answers = {"received": "2025-03-03", "regime": "foia", "requester_name": "Jo", "requester_email": "jo@x.org"}
    ref = reg.open_for_conversation(conversation_id="c1", request_text="Fax machines?", answers=answers, who=None)
    assert reg.open_for_conversation(conversation_id="c1", request_text="Fax machines?", answers=answers) == ref
    case = reg.get_case(ref)
    assert (case.requester_name, case.requester_email, case.received) == ("Jo", "jo@x.org", TODAY)


def test_case_command_shows_moves_and_lists_history(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite")
    store = Store(db)
    ref = _open(Register(store, today=lambda: TODAY)).ref
    store.close()
    assert main(["--db", db, "case", ref, "--status", "sent", "--who", "dana", "--on", "2025-03-20"]) == 0
    out = capsys.readouterr().out
    assert "sent" in out and "Thu 20 Mar 2025" in out and "review may be asked for until" in out
    assert main(["--db", db, "case", ref, "--history"]) == 0
    out = capsys.readouterr().out
    assert "dana" in out and "opened" in out and "status" in out
    assert main(["--db", db, "case", ref, "--status", "closed"]) == 0  # --who defaults to the user name
    assert capsys.readouterr().err == ""
    assert main(["--db", db, "case", ref, "--history"]) == 0
    assert "closed" in capsys.readouterr().out
    assert main(["--db", db, "case", ref, "--status", "drafting", "--who", "dana"]) == 1
    assert "can become" in capsys.readouterr().err
    assert main(["--db", db, "case", ref, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sent_on"] == "2025-03-20" and data["review_window_end"]

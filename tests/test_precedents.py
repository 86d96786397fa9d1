"""Precedents: the answered requests most like a new one, and what they cited."""

from foibot.suggest.precedents import NEIGHBOURS, index

REFS = ["anpr-1", "anpr-2", "pay-1", "pay-2", "potholes"]
TEXTS = [
    "Locations of the ANPR cameras on the ring road",
    "Where are your ANPR cameras and how many are there",
    "The salary of the chief executive",
    "Names and salaries of senior managers",
    "How many potholes were repaired last year",
]
CITED = [frozenset({"s31"}), frozenset({"foisa-s35", "s24"}), frozenset({"s40"}), frozenset({"s40"}), frozenset()]


def test_the_nearest_precedents_vote_for_what_they_cited_with_their_references():
    cited = [frozenset("s31" if f == "foisa-s35" else f for f in c) for c in CITED]  # as learning hands them over
    prec = index(REFS, TEXTS, cited)
    votes = {v.family: v for v in prec.vote("Please list the locations of all ANPR cameras in the county")}
    assert set(votes) == {"s31", "s24"}
    assert votes["s31"].refs == ("anpr-1", "anpr-2") and votes["s24"].refs == ("anpr-2",)
    assert votes["s31"].share > votes["s24"].share and abs(votes["s31"].share - 1.0) < 1e-9
    assert max(v.share for v in prec.vote("salaries of the senior managers")) == votes["s31"].share


def test_shares_are_of_the_nearest_only_and_unknown_words_give_no_vote():
    prec = index(REFS, TEXTS, CITED)
    near = prec.nearest("potholes repaired and ANPR cameras", k=2)
    assert len(near) == 2 and near[0][1] >= near[1][1] > 0
    assert {REFS[i] for i, _ in near} <= {"potholes", "anpr-1", "anpr-2"}
    assert prec.vote("zebras quokkas") == [] and index([], [], []).vote("ANPR cameras") == []
    assert len(prec.nearest("ANPR cameras salaries potholes")) <= NEIGHBOURS


def test_suggestions_name_the_precedents_they_came_from(tmp_path):
    import json
    from pathlib import Path

    from foibot.surfaces.runtime import open_runtime

    shipped = Path(__file__).resolve().parent.parent / "intents" / "answered.jsonl"
    ids = {json.loads(line)["id"] for line in shipped.read_text("utf-8").split("\n") if line.strip()}
    rt = open_runtime(tmp_path / "s.sqlite")
    try:
        got = rt.suggest("Please provide the locations of all ANPR cameras in your force area.",
                         authority_type="police").exemptions
        s31 = next(e for e in got if e.key.startswith("s31"))
        named = s31.why.split("most similar answered requests (")[1].split(")")[0].rstrip(", …").split(", ")
        assert named and set(named) <= ids
    finally:
        rt.store.close()


def test_an_answered_request_that_is_also_in_the_register_counts_once(tmp_path):
    """Officers may load their own answered requests both as precedents and into the register."""
    import json
    from pathlib import Path

    from foibot.register.disclosure_log import import_log
    from foibot.surfaces.runtime import open_runtime

    fixture = Path(__file__).resolve().parent / "fixtures" / "requests-dev.jsonl"
    row = next(json.loads(line) for line in fixture.read_text("utf-8").split("\n")
               if line.strip() and json.loads(line)["id"] == "humberside-hospital-crime")
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps(row) + "\n", encoding="utf-8")
    rt = open_runtime(tmp_path / "s.sqlite")
    try:
        import_log(rt.store, log)
        got = rt.suggest(row["request"], authority_type="police")
        assert any(c["reference"] == "humberside-hospital-crime" for c in got.similar_cases)  # still shown
        s40 = next(e for e in got.exemptions if e.key.startswith("s40"))
        assert "humberside-hospital-crime" in s40.why.split("most similar answered requests (")[1]
        assert "cited in humberside-hospital-crime (" not in s40.why
    finally:
        rt.store.close()

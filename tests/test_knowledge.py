"""The knowledge base loads, and a broken file stops foibot with the file, line and field named."""

import shutil
from pathlib import Path

import pytest

from foibot.errors import DataError, FoibotError, InputError
from foibot.knowledge.citations import canonical, family, find_citations, parse_citation
from foibot.knowledge.loading import load_knowledge
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_knowledge_base_meets_the_brief(kb):
    assert len(kb.topics) >= 25
    assert "peel-spotlight-betrayal" in kb.topics
    required = {"s12", "s14", "s21", "s22", "s23", "s24", "s30", "s31", "s36", "s38", "s40", "s41", "s42", "s43",
                "s44", "r12(4)(b)", "r12(4)(d)", "r12(5)(b)", "r12(5)(e)", "r13"}
    assert required <= set(kb.exemptions)
    assert len(kb.intents) >= 13
    for exemption in kb.exemptions.values():
        if exemption.qualified:
            assert exemption.pit_for and exemption.pit_against, exemption.section
        assert exemption.statute.quoted or exemption.statute.url.startswith("https://www.legislation.gov.uk/")
    assert {q.id for q in kb.exemptions["s22"].questions} >= {"planned_before_request", "publication_date"}
    assert {q.id for q in kb.exemptions["s12"].questions} >= {"hours", "activities", "advice"}


@pytest.mark.parametrize("text, expected", [
    ("s31(1)(a)", ("s31", "1(a)")), ("section 40(2)", ("s40", "2")), ("S22", ("s22", "")),
    ("reg 12(5)(e)", ("r12(5)(e)", "")), ("regulation 13", ("r13", "")), ("s36(2)(b)(i)", ("s36", "2(b)(i)")),
])
def test_citations_resolve_to_exemption_and_limb(kb, text, expected):
    exemption, limb = kb.resolve(text)
    assert (exemption.section, limb) == expected


@pytest.mark.parametrize("text, regime, key, fam, cite", [
    ("s31(1)(a)", "foia", "s31(1)(a)", "s31", "section 31(1)(a)"),
    ("section 40(2)", "foia", "s40(2)", "s40", "section 40(2)"),
    ("40(5B)(a)(i)", "foia", "s40(5B)(a)(i)", "s40", "section 40(5B)(a)(i)"),
    ("section 40 (5b)", "foia", "s40(5B)", "s40", "section 40(5B)"),
    ("r12(5)(e)", "foia", "r12(5)(e)", "r12(5)(e)", "regulation 12(5)(e)"),
    ("reg 12(4)(a)", "foia", "r12(4)(a)", "r12(4)(a)", "regulation 12(4)(a)"),
    ("EIR reg 12(5)(e)", "foia", "r12(5)(e)", "r12(5)(e)", "regulation 12(5)(e)"),
    ("12(5)(e)", "eir", "r12(5)(e)", "r12(5)(e)", "regulation 12(5)(e)"),
    ("12(5)(e)", "foia", "s12(5)(e)", "s12", "section 12(5)(e)"),
    ("s43", "eir", "s43", "s43", "section 43"),
    ("s12(2)", "foia", "s12(2)", "s12", "section 12(2)"),
    ("s31", "foia", "s31", "s31", "section 31"),
    ("r13(1)", "eir", "r13(1)", "r13", "regulation 13(1)"),
    ("Section 31(1)(a).", "foia", "s31(1)(a)", "s31", "section 31(1)(a)"),
])
def test_one_citation_parser_with_regime(text, regime, key, fam, cite):
    parsed = parse_citation(text, regime)
    assert (parsed.text, parsed.family, parsed.cite()) == (key, fam, cite)
    assert parsed.regime == ("eir" if key.startswith("r") else "foia")
    assert parse_citation(parsed.text, parsed.regime) == parsed  # the canonical key parses back to itself
    assert family(text, regime) == fam and canonical(text, regime) == key


@pytest.mark.parametrize("text, regime", [("FOISA s35(1)(a)", "foia"), ("s35(1)(a)", "foisa"),
                                          ("section 35(1)(a)", "foisa")])
def test_foisa_citations_know_their_act(text, regime):
    parsed = parse_citation(text, regime)
    assert (parsed.regime, parsed.number, parsed.limb, parsed.cite()) == ("foisa", "35", "1(a)", "section 35(1)(a)")
    assert (parsed.text, parsed.family) == ("foisa-s35(1)(a)", "foisa-s35")  # the key of exemptions/foisa/s35.yaml
    assert parse_citation(parsed.text) == parsed
    assert parse_citation("s35(1)(a)", "foia").regime == "foia"


@pytest.mark.parametrize("bad", ["hello", "31 May", "", "£450", "s31(1)(a) and s40(2)", "{{ 7*7 }}"])
def test_non_citations_are_refused_clearly(bad):
    with pytest.raises(InputError, match="does not look like a section"):
        parse_citation(bad)
    assert family(bad) == bad.strip()


def test_citations_are_found_in_running_text_but_not_dates_or_sums():
    text = ("exempt under section 40(2) and regulation 12(4)(a), s.31(1)(a) and FOISA s35; received on 12 May "
            "2020, £450 limit; sections 23(5)")
    found = [(c.regime, c.cite()) for c, *_ in find_citations(text)]
    assert found == [("foia", "section 40(2)"), ("eir", "regulation 12(4)(a)"), ("foia", "section 31(1)(a)"),
                     ("foisa", "section 35"), ("foia", "section 23(5)")]
    assert parse_citation("s40(5B)(a)(i)").parts == ("5B", "a", "i")
    assert parse_citation("s40(5B)(a)(i)").provision == "s40(5B)"


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_bad_enum_names_file_line_and_field(data_copy):
    path = data_copy / "intents/exemptions/s22.yaml"
    _break(path, "type: qualified", "type: qualifed")
    with pytest.raises(DataError) as err:
        open_runtime(data_copy / "db.sqlite", data_copy)
    assert err.value.path == "intents/exemptions/s22.yaml"
    assert err.value.field == "type"
    assert err.value.line == _line_of(path, "type: qualifed")
    assert "qualifed" in str(err.value)


def test_missing_field_and_yaml_syntax_errors(data_copy):
    topics = data_copy / "intents/topics.yaml"
    _break(topics, "  title: ", "  titel: ")
    with pytest.raises(DataError, match=r"intents/topics.yaml:\d+: is missing required field 'title'"):
        open_runtime(data_copy / "db.sqlite", data_copy)
    shutil.copy(ROOT / "intents/topics.yaml", topics)
    _break(data_copy / "intents/questions.yaml", "flow:", "flow: [")
    with pytest.raises(DataError, match=r"intents/questions.yaml:\d+: is not valid YAML"):
        open_runtime(data_copy / "db.sqlite", data_copy)


def test_unverified_statute_may_not_be_quoted(data_copy):
    path = data_copy / "intents/exemptions/s36.yaml"
    text = path.read_text()
    assert "status: not-quoted" in text
    path.write_text(text.replace('  text: ""', "  text: made up from memory"))
    with pytest.raises(DataError, match="must be empty when status is not-quoted"):
        open_runtime(data_copy / "db.sqlite", data_copy)
    path.write_text(text.replace("status: not-quoted", "status: not-quoted\n  status: verified-legislation"))
    with pytest.raises(DataError, match="field 'status' appears twice"):
        open_runtime(data_copy / "db.sqlite", data_copy)


def test_broken_template_and_unknown_exemption_in_an_intent(data_copy):
    _break(data_copy / "snippets/paragraphs/held.j2", "{% endif %}", "{% endfor %}")
    with pytest.raises(DataError, match=r"snippets/paragraphs/held.j2:\d+: template error"):
        open_runtime(data_copy / "db.sqlite", data_copy)
    shutil.copy(ROOT / "snippets/paragraphs/held.j2", data_copy / "snippets/paragraphs/held.j2")
    _break(data_copy / "intents/intents.yaml", "exemptions: [s21]", "exemptions: [s99]")
    with pytest.raises(DataError, match=r"field 'exemptions' foibot knows no exemption 's99'"):
        open_runtime(data_copy / "db.sqlite", data_copy)


def test_a_macro_from_an_older_snippets_folder_is_a_clear_error_not_a_traceback(data_copy):
    _break(data_copy / "snippets/paragraphs/_annex.j2", "{% macro absolute(cite, word, ncnd=false) %}",
           "{% macro absolute(cite, word) %}")
    runtime = open_runtime(data_copy / "db.sqlite", data_copy)
    answers = {"received": "2025-02-10", "letter_date": "2025-03-03", "requester_name": "Sam Patel",
               "held": "yes", "disclosure": "none", "exemptions": ["s44(1)(a)"],
               "s44": {"withheld": "the report", "reason": "An Act forbids its disclosure."}}
    with pytest.raises(FoibotError, match=r"a template in snippets/ failed: macro 'absolute' takes"):
        runtime.engine.draft_answers("Please send me the report.", answers)
    runtime.store.close()


def test_check_data_command_reports_ok_and_errors(data_copy, capsys):
    from foibot.surfaces.cli import main

    assert main(["--data", str(data_copy), "check-data"]) == 0
    assert "OK: " in capsys.readouterr().out
    _break(data_copy / "authority.toml", "cost_limit = 450", "cost_limit = 500")
    assert main(["--data", str(data_copy), "check-data"]) == 1
    assert "authority.toml:" in capsys.readouterr().err


def test_authority_profile_type_regime_and_marking(data_copy):
    from foibot.knowledge.authority import load_authority

    shipped = load_authority(data_copy / "authority.toml")
    assert (shipped.type, shipped.regime, shipped.protective_marking) == ("inspectorate", "foia", "")
    _break(data_copy / "authority.toml", 'type = "inspectorate"', 'type = "police"')
    _break(data_copy / "authority.toml", 'protective_marking = ""', 'protective_marking = "OFFICIAL"')
    police = load_authority(data_copy / "authority.toml")
    assert (police.type, police.protective_marking) == ("police", "OFFICIAL")
    _break(data_copy / "authority.toml", 'type = "police"', 'type = "constabulary"')
    with pytest.raises(DataError) as caught:
        load_authority(data_copy / "authority.toml")
    assert "authority.toml" in str(caught.value) and "police, council" in str(caught.value)
    assert str(caught.value).count(":") >= 2  # file:line: field


def test_authority_profile_regime_is_foia_or_foisa(data_copy):
    from foibot.knowledge.authority import load_authority

    _break(data_copy / "authority.toml", 'regime = "foia"', 'regime = "eir"')
    with pytest.raises(DataError, match="foisa"):
        load_authority(data_copy / "authority.toml")


def test_foisa_exemptions_are_loaded_and_cited_by_address(kb):
    required = {"foisa-s25", "foisa-s27", "foisa-s30", "foisa-s33", "foisa-s34", "foisa-s35", "foisa-s38", "foisa-s39"}
    assert required <= set(kb.exemptions)
    for key in required:
        e = kb.exemptions[key]
        assert e.regime == "foisa" and not e.statute.quoted  # FOISA text is not verified, so never quoted
        assert e.statute.url == f"https://www.legislation.gov.uk/asp/2002/13/section/{e.number}"
    exemption, limb = kb.resolve("s35(1)(b)", "foisa")
    assert (exemption.section, limb, exemption.cite(limb)) == ("foisa-s35", "1(b)", "section 35(1)(b)")
    assert kb.resolve("FOISA s38(1)(b)")[0].section == "foisa-s38"
    assert kb.resolve("foisa-s35(1)(a)")[0].section == "foisa-s35"  # the canonical key parses back
    assert kb.resolve("s38(1)", "foia")[0].section == "s38"  # the UK Act's s38 is a different exemption
    with pytest.raises(InputError, match="knows no exemption"):
        kb.resolve("s42(1)", "foisa")  # FOIA's legal professional privilege: FOISA's section 42 is no exemption


def test_public_interest_factors_are_picked_by_authority_type(kb):
    from foibot.knowledge.authority import AUTHORITY_TYPES

    for exemption in (e for e in kb.exemptions.values() if e.qualified):
        for kind in AUTHORITY_TYPES:
            assert exemption.pit_options("for", kind) and exemption.pit_options("against", kind), (exemption, kind)
    police = [o.label for side in ("for", "against") for o in kb.exemptions["s31"].pit_options(side, "police")]
    assert not [t for t in police if "inspect" in t.lower() or "recommendations" in t.lower()]
    assert any("avoid them" in t for t in police)
    inspectorate = [o.value for o in kb.exemptions["s31"].pit_options("for", "inspectorate")]
    assert "assurance-on-safeguards" in inspectorate
    council = [o.label for side in ("for", "against") for e in kb.exemptions.values() if e.qualified
               for o in e.pit_options(side, "council")]
    assert not [t for t in council if "inspect" in t.lower() or "police forces" in t.lower()]


def test_unknown_authority_type_on_a_factor_names_file_and_line(data_copy):
    _break(data_copy / "intents/exemptions/s31.yaml", "authorities: [inspectorate]", "authorities: [constabulary]")
    with pytest.raises(DataError) as caught:
        load_knowledge(data_copy)
    assert "intents/exemptions/s31.yaml:" in str(caught.value) and "constabulary" in str(caught.value)


@pytest.mark.parametrize(("path", "old", "new", "named"), [
    ("snippets/replies.yaml", "slack-labels:", "slack-labelz:", "snippets/replies.yaml"),
    ("snippets/release.yaml", "", ": [unclosed\n", "snippets/release.yaml"),
])
def test_check_data_validates_slack_labels_and_release_wording(data_copy, capsys, path, old, new, named):
    from foibot.surfaces.cli import main

    target = data_copy / path
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    assert main(["--data", str(data_copy), "check-data"]) == 1
    assert named in capsys.readouterr().err

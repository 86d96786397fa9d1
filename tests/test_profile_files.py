"""A profile holds only what the authority changed: every other data file is foibot's own, so foibot's fixes reach
it; a file the profile holds replaces foibot's; `foibot new-profile` starts one; check-data says which copies the
profile could delete and which of its own versions foibot's updates no longer reach."""

from __future__ import annotations

import shutil

import pytest
from profiles import ROOT, copy_profile

from foibot.errors import DataError
from foibot.letter.checks import rulebook
from foibot.surfaces.cli import main
from foibot.surfaces.runtime import load_data, open_runtime

ANPR = "Please tell me how many ANPR cameras the force has, and where each one is."


def bare_profile(tmp_path, name: str = "Northshire Police", kind: str = "police"):
    """A folder made by `foibot new-profile`, its name changed as the officer is told to."""
    folder = tmp_path / "profile"
    assert main(["new-profile", str(folder), "--type", kind]) == 0
    path = folder / "authority.toml"
    text = path.read_text(encoding="utf-8").replace(
        'name = "His Majesty\'s Inspectorate of Constabulary and Fire & Rescue Services"', f'name = "{name}"', 1)
    path.write_text(text, encoding="utf-8")
    return folder


def test_new_profile_holds_only_the_authority_and_an_empty_list_of_publications(tmp_path, capsys):
    folder = bare_profile(tmp_path)
    out = capsys.readouterr().out
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "authority.toml", "intents/topics.yaml"]
    assert 'type = "police"' in (folder / "authority.toml").read_text(encoding="utf-8")
    assert f"foibot --data {folder} topics import YOUR-LIST.csv" in out and "Traceback" not in out
    _, kb, authority = load_data(folder)
    assert (authority.name, authority.type, kb.topics) == ("Northshire Police", "police", {})


def test_a_bare_profile_has_all_of_foibots_knowledge_wording_and_rules(tmp_path):
    folder = bare_profile(tmp_path)
    rt = open_runtime(tmp_path / "x.sqlite", folder)
    _, shipped_kb, _ = load_data(None)
    assert set(rt.kb.exemptions) == set(shipped_kb.exemptions) and len(rt.kb.flow) == len(shipped_kb.flow)
    assert rulebook(rt.kb).ids() == rulebook(shipped_kb).ids()
    found = rt.suggest(ANPR)
    [s31] = [s for s in found.exemptions if s.key == "s31"]
    assert found.exemptions.index(s31) < 3 and "engages it" in s31.why  # engagement.yaml is foibot's own
    assert rt.engine.replies.render("console-pasted", lines=3).startswith("You pasted 3 lines.")
    rt.store.close()


def test_a_file_the_profile_holds_replaces_foibots_and_a_file_it_lacks_is_foibots(tmp_path):
    folder = copy_profile(tmp_path / "older", type="police")
    (folder / "intents" / "exemptions" / "s22a.yaml").unlink()  # came after the profile was copied
    path = folder / "intents" / "exemptions" / "s31.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Law enforcement", "title: Law enforcement (ours)",
                                                             1), encoding="utf-8")
    _, kb, _ = load_data(folder)
    assert "s22A" in kb.exemptions
    assert kb.exemptions["s31"].title == "Law enforcement (ours)"


def test_a_template_the_profile_holds_replaces_foibots_in_the_letter(tmp_path, capsys):
    folder = bare_profile(tmp_path)
    capsys.readouterr()
    shipped = ROOT / "snippets" / "paragraphs" / "_letter.j2"
    own = folder / "snippets" / "paragraphs" / "_letter.j2"
    own.parent.mkdir(parents=True)
    text = shipped.read_text(encoding="utf-8")
    assert text.count("Dear {{") == 1
    own.write_text(text.replace("Dear {{", "Good day {{", 1), encoding="utf-8")
    (tmp_path / "r.txt").write_text(ANPR, encoding="utf-8")
    assert main(["--data", str(folder), "--db", str(tmp_path / "d.sqlite"), "draft", str(tmp_path / "r.txt"),
                 "--answers", str(ROOT / "tests" / "fixtures" / "answers" / "partial-s31.json")]) == 0
    letter = capsys.readouterr().out
    assert "\nGood day Sam Patel,\n" in letter and "Dear " not in letter
    assert "Yours sincerely" in letter  # the rest of the letter is foibot's own wording


def test_an_error_in_the_profiles_own_file_names_that_file_and_line(tmp_path):
    folder = bare_profile(tmp_path)
    own = folder / "intents" / "questions.yaml"
    shutil.copy(ROOT / "intents" / "questions.yaml", own)
    own.write_text(own.read_text(encoding="utf-8").replace("kind: ", "kind: nonsense-", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_data(folder)
    assert str(err.value).startswith("intents/questions.yaml:")


def test_check_data_notes_the_copies_a_profile_could_delete_and_its_own_versions(tmp_path, capsys):
    folder = copy_profile(tmp_path / "older", name="Northshire Police")
    path = folder / "intents" / "engagement.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# our own note\n", encoding="utf-8")
    assert main(["--data", str(folder), "check-data"]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2
    assert notes[0].startswith("note: your profile holds ") and "intents/exemptions/ (" in notes[0]
    assert "intents/engagement.yaml" not in notes[0] and "intents/topics.yaml" not in notes[0]
    assert notes[1] == ("note: your profile's own version is used in place of foibot's for 1 file, so foibot's later "
                        "fixes to them do not reach you (compare them with foibot's and keep only your changes): "
                        "intents/engagement.yaml")


def test_check_data_of_a_bare_profile_has_no_notes_and_warns_of_the_samples_contacts(tmp_path, capsys):
    folder = bare_profile(tmp_path)
    assert main(["--data", str(folder), "check-data"]) == 0
    out = capsys.readouterr().out
    assert "note: " not in out and "replies are not in your file" not in out
    assert "warning: authority.toml: website is still the sample's" in out
    assert out.splitlines()[-1].startswith("OK: 0 topics")


def test_check_data_of_an_unedited_new_profile_says_it_is_still_the_sample(tmp_path, capsys):
    assert main(["new-profile", str(tmp_path / "p")]) == 0
    capsys.readouterr()
    assert main(["--data", str(tmp_path / "p"), "check-data"]) == 0
    assert "warning: authority.toml: the name is still the sample's" in capsys.readouterr().out


def test_topics_import_into_a_profile_without_a_list_writes_its_own(tmp_path, capsys):
    folder = tmp_path / "p"
    folder.mkdir()
    shutil.copy(ROOT / "authority.toml", folder / "authority.toml")
    csv = tmp_path / "t.csv"
    csv.write_text("id,title,keywords,status,published,url,summary\nanpr-review,ANPR review 2025,ANPR;cameras,"
                   "published,2025-05-01,https://example.org/anpr,Our review of ANPR\n", encoding="utf-8")
    assert main(["--data", str(folder), "topics", "import", str(csv)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 1 topics (1 new, 0 updated)") and ".bak" not in out
    _, kb, _ = load_data(folder)
    assert list(kb.topics) == ["anpr-review"]
    assert not (folder / "intents" / "topics.yaml.bak").exists()


@pytest.mark.parametrize("where", ["inside", "full"])
def test_new_profile_refuses_the_checkout_and_a_folder_in_use(tmp_path, capsys, where):
    folder = ROOT / "my-profile" if where == "inside" else tmp_path
    (tmp_path / "something").write_text("x", encoding="utf-8")
    assert main(["new-profile", str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("outside foibot's checkout" if where == "inside" else "there is something there already") in err
    assert "Traceback" not in err and not (ROOT / "my-profile").exists()


def test_check_data_names_a_bad_line_in_the_profiles_review_questions(tmp_path, capsys):
    folder = bare_profile(tmp_path)
    own = folder / "intents" / "review-questions.yaml"
    text = (ROOT / "intents" / "review-questions.yaml").read_text(encoding="utf-8")
    assert text.count("    kind: choice") >= 1
    own.write_text(text.replace("    kind: choice", "    kind: pick-one", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data", str(folder), "check-data"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("foibot: intents/review-questions.yaml:") and "kind" in err and "Traceback" not in err

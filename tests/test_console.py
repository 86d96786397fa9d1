"""The console chat, driven line by line as a person would type."""

from pathlib import Path

from foibot.surfaces.console import Console


def test_console_paste_answer_and_get_a_word_file(engine, tmp_path, seed_request):
    lines = iter(seed_request.splitlines() + [".", "ask about IT monitoring", "", "yes", "all",
                                                "a table of 29 forces", "", "show draft", "quit"])
    out: list[str] = []
    console = Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path)
    assert console.run() == 0
    text = "\n".join(out)
    assert "Which of our publications" in text and "Press Enter for: peel-spotlight-betrayal" in text
    assert "Dear J Roberts," in text
    word = [line for line in out if line.startswith("Word file: ")]
    assert word and Path(word[-1].removeprefix("Word file: ")).read_bytes()[:2] == b"PK"


def test_console_offers_to_resume(engine, tmp_path, seed_request):
    conv = engine.start(seed_request, surface="console").conversation_id
    engine.reply(conv, "ask about IT monitoring")
    lines = iter(["y", "yes", "quit"])
    out: list[str] = []
    Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path).run()
    text = "\n".join(out)
    assert "Picking up where we left off" in text
    assert engine.answer(conv, "topic") == "peel-spotlight-betrayal"

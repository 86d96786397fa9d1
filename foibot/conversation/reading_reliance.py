"""Who may rely on an exemption, said at the exemptions answer rather than first at the draft.

- An exemption this kind of authority cannot rely on at all is refused there, with the drafting check's own reason
  (``foibot.letter.answer_checks.authority_fit``: section 35 is for a government department or the Welsh
  Government, so a council, police force, health or education body is told to consider section 36); the rest of
  the answer is kept on the officer's yes.
- An exemption whose protection belongs to named bodies (``foibot.law.reliance``: section 34 protects only the
  privileges of the two Houses of Parliament), or that the drafting check notes for this kind of authority (section
  35 for a body that may not be a department), is taken with that note said beside it, as ``foibot exemption``
  says it. At such an exemption's own questions a reply that is not one of the choices is told the same note.
- Two sections the statute makes exclusive (section 36 applies only to information not exempt under section 35,
  section 31 only to information not exempt under section 30: ``exemption_defaults.excluded_by``) cited for one part
  of a request answered part by part, not neither-confirm-nor-deny, are asked back: each may withhold different
  information (asked later), but never the same. A whole request's answer may cover several things (submissions
  under s35, board minutes under s36): there what each withholds is asked, and the draft refuses the same twice.

The authority is the knowledge base's profile (``kb.authority_type`` and ``kb.authority_name``).
"""

from __future__ import annotations

from foibot.conversation.exemption_defaults import excluded_by
from foibot.conversation.state import ConversationState, Pending, regime_of
from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge, ncnd_provision
from foibot.law.reliance import RULES, reliance_notes
from foibot.letter.answer_checks import authority_fit


def _resolved(kb: Knowledge, citation: str, regime: str) -> tuple[Exemption, str] | None:
    try:
        return ncnd_provision(kb, citation, regime) or kb.resolve(citation, regime)
    except InputError:
        return None


_RELIANCE = frozenset({"s35", *(r.section for r in RULES)})  # the exemptions whose holders are a kind of body


def cautions(kb: Knowledge, cited: list[str], regime: str) -> list[str]:
    """What ``foibot exemption`` says of who may rely on each of ``cited`` (section 34 for any body but the two
    Houses; section 35 for a body that may not be a department), once each."""
    said: list[str] = []
    for citation in cited:
        found = _resolved(kb, citation, regime)
        if found is None or found[0].section not in _RELIANCE:
            continue
        _, notes = authority_fit(found[0].section, kb.authority_type)
        for note in (*notes, *reliance_notes(found[0].section, kb.authority_name)):
            if note not in said:
                said.append(note)
    return said


def check_reliance(kb: Knowledge, path: str, cited: list[str], regime: str, *, ncnd: bool) -> None:
    """Raise InputError for an answer whose every exemption this authority cannot rely on (saying why), or
    NeedsConfirm to keep the rest without them; then ask back two exclusive sections cited together (above)."""
    from foibot.conversation.reading_phrases import NeedsConfirm

    refused: list[tuple[str, str]] = []
    for citation in cited:
        found = _resolved(kb, citation, regime)
        why = authority_fit(found[0].section, kb.authority_type)[0] if found else ""
        if why:
            refused.append((citation, why[:1].upper() + why[1:]))
    if refused:
        kept = [c for c in cited if c not in {r for r, _ in refused}]
        why = " ".join(dict.fromkeys(w.rstrip(".") + "." for _, w in refused))
        if not kept:
            raise InputError(f"{why} Which exemptions apply?")
        named = ", ".join(c for c, _ in refused)
        raise NeedsConfirm(Pending(path, kept, f"{why} Keep {', '.join(kept)} without {named}? (yes or no)",
                                   dropped=[c for c, _ in refused]))
    if not ncnd and path.startswith("parts."):  # one part asks for one thing; a whole request may hold several
        _exclusive(kb, path, cited, regime)


def _exclusive(kb: Knowledge, path: str, cited: list[str], regime: str) -> None:
    from foibot.conversation.reading_phrases import NeedsConfirm

    found = [(c, r[0]) for c in cited if (r := _resolved(kb, c, regime)) is not None]
    for citation, exemption in found:
        for other, first in found:
            if first.section not in excluded_by(exemption):
                continue
            number, earlier = exemption.section.removeprefix("foisa-s").lstrip("s"), first.section.lstrip("s")
            prompt = (f"Section {number} applies only to information that is not exempt under section {earlier}, so "
                      f"{other} and {citation} cannot both withhold the same information. Does each withhold "
                      "different information (I will ask what each covers)? (yes to keep both; no to answer again "
                      f"with the one that applies)")
            raise NeedsConfirm(Pending(path, list(cited), prompt))


def at_choice(kb: Knowledge, state: ConversationState, exemption: Exemption | None, message: str) -> str:
    """A reply refused at a question of an exemption whose holders are named bodies ("the Senedd" at section 34's
    "Whose privilege is it?"): the refusal with why the choices are only those, and how to drop the exemption (the
    exemptions of the part citing it, when one part does)."""
    if exemption is None or exemption.section not in {r.section for r in RULES}:
        return message
    notes = " ".join(r.note for r in RULES if r.section == exemption.section)
    parts = state.answers.get("parts") if isinstance(state.answers.get("parts"), list) else []
    citing = [n for n, part in enumerate(parts, 1) if isinstance(part, dict) and any(
        (found := _resolved(kb, str(c), regime_of(state))) and found[0] is exemption
        for c in part.get("exemptions") or [])]
    change = f"change the exemptions for part {citing[0]}" if len(citing) == 1 else "change the exemptions"
    return (f"{message.rstrip('.')}. {notes} If it is another body's, section {exemption.section.lstrip('s')} does "
            f"not apply: say '{change}' to rely on another exemption.")

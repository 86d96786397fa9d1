"""An exemption of the other law typed at a question of a letter answered under the Act: the EIR's exceptions
("reg 12(4)(d)", or a bare "12(4)(d)" read as the regulation) cannot be relied on in a letter under FOIA, nor
under FOISA (a Scottish body's environmental information is under the Scottish Regulations, through s39(2)). The
officer is told so at once, with what to do instead (section 39 for an environmental part, or a change of regime
for a wholly environmental request), and the question is asked again: the letter never fails later for it."""

from __future__ import annotations

from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge


def eir_under_the_act(kb: Knowledge, cited: list[str], regime: str, *, part: int | None) -> None:
    """Raise InputError for an EIR exception among ``cited`` in a letter under FOIA or FOISA (whose environmental
    information falls under the Environmental Information (Scotland) Regulations 2004, through section 39(2))."""
    if regime not in ("foia", "foisa"):
        return
    eir = [e for e in (eir_exception(kb, c) for c in cited) if e is not None]
    if not eir:
        return
    names = " and ".join(dict.fromkeys(e.cite() for e in eir))
    one = len(dict.fromkeys(e.section for e in eir)) == 1
    where = f"part {part}" if part else "the information"
    act, instead = _ACTS[regime]
    raise InputError(
        f"{names[:1].upper()}{names[1:]} {'is an exception' if one else 'are exceptions'} of the Environmental "
        f"Information Regulations 2004, but this letter is answered under {act}, so it cannot rely on "
        f"{'it' if one else 'them'}. If {where} is environmental information, {instead}"
        "If the whole request is for environmental information, say 'change the regime'. Which exemptions apply?"
        if regime == "foia" else
        f"{names[:1].upper()}{names[1:]} {'is an exception' if one else 'are exceptions'} of the Environmental "
        f"Information Regulations 2004, which do not apply in Scotland, and this letter is answered under {act}. "
        f"If {where} is environmental information, {instead}Which exemptions apply?")


_ACTS = {  # the Act a letter is answered under, and what to cite for its environmental information instead
    "foia": ("the Freedom of Information Act 2000", "cite s39 instead: foibot drafts it as exempt from the Act and "
             "answered under the EIR, and asks which EIR exception applies. "),
    "foisa": ("the Freedom of Information (Scotland) Act 2002", "cite s39(2): foibot drafts it as exempt from the "
              "Act and dealt with under the Environmental Information (Scotland) Regulations 2004. "),
}


def eir_exception(kb: Knowledge, citation: str) -> Exemption | None:
    """The EIR exception ``citation`` names as read in a letter under the Act ("reg 12(4)(d)"); None otherwise."""
    try:
        exemption = kb.resolve(citation, "foia")[0]
    except InputError:
        return None
    return exemption if exemption.regime == "eir" else None


def foisa_outside_scotland(kb: Knowledge, cited: list[str], regime: str) -> None:
    """Raise InputError for a FOISA section among ``cited`` ("FOISA s30(b)(i)") in a letter under FOIA or the EIR:
    the Scottish Act binds Scottish public authorities only, so the letter cannot rely on it."""
    scottish = [c for c in cited if c.startswith("foisa-")]
    if regime == "foisa" or not scottish:
        return
    names = " and ".join(dict.fromkeys(kb.resolve(c, "foisa")[0].cite() for c in scottish))
    law = "the Environmental Information Regulations 2004" if regime == "eir" else "the Freedom of Information Act 2000"
    raise InputError(f"{names[:1].upper()}{names[1:]} is in the Freedom of Information (Scotland) Act 2002, but this "
                     f"letter is answered under {law}, so it cannot rely on it. Which exemptions of {law} apply?")


def act_under_the_eir(kb: Knowledge, cited: list[str], regime: str) -> None:
    """Raise InputError for a section of the Act among ``cited`` ("s43(2)") in a letter answered under the EIR: the
    letter can rely only on the Regulations' exceptions, so the officer is given the section's counterpart (section
    43's is regulation 12(5)(e)) or told to change the regime when the information is not environmental."""
    if regime != "eir":
        return
    act = []
    for citation in cited:
        try:
            exemption, limb = kb.resolve(citation, "eir")
        except InputError:
            continue
        if exemption.regime == "foia":
            act.append((exemption, limb))
    if not act:
        return
    names = " and ".join(dict.fromkeys(e.cite(limb) for e, limb in act))
    one = len(dict.fromkeys(e.section for e, _ in act)) == 1
    instead = "; ".join(dict.fromkeys(
        f"{kb.exemptions[e.eir_equivalent].cite()} ({kb.exemptions[e.eir_equivalent].title[:1].lower()}"
        f"{kb.exemptions[e.eir_equivalent].title[1:]}) in place of {e.cite(limb)}"
        for e, limb in act if e.eir_equivalent in kb.exemptions))
    raise InputError(
        f"{names[:1].upper()}{names[1:]} {'is an exemption' if one else 'are exemptions'} of the Freedom of "
        "Information Act 2000, but this letter is answered under the Environmental Information Regulations 2004, so "
        f"it cannot rely on {'it' if one else 'them'}{f': consider {instead}' if instead else ''}. If the information "
        "is not environmental, say 'change the regime'. Which exceptions apply?")

"""The regime changed to the Act while EIR exceptions are cited: a letter under FOIA cannot rely on them, so they
are taken out of each exemptions answer that cites them, and a question left with none is asked again, saying
why (see ``reading_regime``). The letter never fails later with an EIR exception under the Act."""

from __future__ import annotations

from typing import Any

from foibot.conversation.reading_regime import eir_exception
from foibot.knowledge.model import Knowledge


def without_eir_exceptions(answers: dict[str, Any], kb: Knowledge) -> tuple[list[str], list[str]]:
    """Drop the EIR exceptions from every exemptions answer when ``answers`` are under FOIA (changed in place):
    (the exceptions dropped, the exemptions paths left with no answer)."""
    if str(answers.get("regime") or "foia").lower() != "foia":
        return [], []
    dropped: list[str] = []
    emptied: list[str] = []
    scopes: list[tuple[str, dict[str, Any]]] = [("", answers)]
    scopes += [(f"parts.{n}.", p) for n, p in enumerate(answers.get("parts") or [], 1) if isinstance(p, dict)]
    for prefix, scope in scopes:
        cited = scope.get("exemptions")
        if not isinstance(cited, list):
            continue
        kept = [c for c in cited if eir_exception(kb, str(c)) is None]
        if len(kept) == len(cited):
            continue
        dropped += [c for c in cited if c not in kept and c not in dropped]
        scope["exemptions"] = kept or None
        if not kept:
            emptied.append(f"{prefix}exemptions")
    return dropped, emptied


def eir_dropped(kb: Knowledge, dropped: list[str]) -> str:
    """What the officer is told when a change to the Act took EIR exceptions out of the answers."""
    cited = list(dict.fromkeys(kb.resolve(c, "foia")[0].cite() for c in dropped))
    one = len(cited) == 1
    return (f"A letter under the Freedom of Information Act 2000 cannot rely on {' and '.join(cited)}, "
            f"{'an exception' if one else 'exceptions'} of the Environmental Information Regulations 2004, so I "
            f"have taken {'it' if one else 'them'} out of the exemptions. For a part that "
            "is environmental information, cite s39: foibot drafts it as exempt from the Act and answered under "
            "the EIR.")

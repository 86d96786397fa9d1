"""What Enter may cite at an exemptions question, beyond the suggestions themselves: never two exemptions the
statute makes exclusive (section 31 applies only to information "not exempt information by virtue of section 30":
the better-scored is kept, the other is left unsaid), never an EIR exception in a letter under the Act, and for a
part of a request under the Act that reads as environmental information (its own words carry section 39's cues),
only section 39, the door to the EIR."""

from __future__ import annotations

import re

from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge, ncnd_provision
from foibot.text import cue_pattern, normalise

_NOT_BY_VIRTUE = re.compile(r"not exempt(?: information)? by virtue of section (\d+[A-Z]?)", re.I)
ENVIRONMENTAL = "s39"


def excluded_by(exemption: Exemption) -> set[str]:
    """The sections whose exempt information an exemption's own statute text leaves out (s31: {"s30"})."""
    text = exemption.statute.text if exemption.statute else ""
    prefix = "foisa-s" if exemption.regime == "foisa" else "s"
    return {prefix + n for n in _NOT_BY_VIRTUE.findall(text or "")}


def fitting(kb: Knowledge, keys: list[str], regime: str, *, part_text: str = "") -> list[str]:
    """The suggested citations (best first) Enter may give: see the module docstring."""
    if regime == "foia" and part_text and environmental(kb, part_text):
        return [k for k in keys if _exemption(kb, k, regime) is kb.exemptions.get(ENVIRONMENTAL)] or \
            ([ENVIRONMENTAL] if ENVIRONMENTAL in kb.exemptions else [])
    out: list[str] = []
    kept: list[Exemption] = []
    for key in keys:
        exemption = _exemption(kb, key, regime)
        if exemption is None or (regime == "foia" and exemption.regime == "eir"):
            continue
        if any(exemption.section in excluded_by(k) or k.section in excluded_by(exemption) for k in kept):
            continue  # s30 and s31 for the same information: the better-scored one only
        kept.append(exemption)
        out.append(key)
    return out


def environmental(kb: Knowledge, text: str) -> bool:
    """Whether a part's own words carry a cue of section 39 (environmental information: "water quality",
    "pollution", "emissions")."""
    s39 = kb.exemptions.get(ENVIRONMENTAL)
    said = f" {normalise(text)} "
    return s39 is not None and any(cue_pattern(c).search(said) for c in s39.cues)


def _exemption(kb: Knowledge, key: str, regime: str) -> Exemption | None:
    try:
        return (ncnd_provision(kb, key, regime) or kb.resolve(key, regime))[0]
    except InputError:
        return None

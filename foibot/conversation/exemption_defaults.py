"""What Enter may cite at an exemptions question, beyond the suggestions themselves: never two exemptions the
statute makes exclusive (section 31 applies only to information "not exempt information by virtue of section 30",
section 36 only to information not exempt by virtue of section 35: the better-scored is kept, the other is left
unsaid), only provisions of the reply's own law (an EIR exception under the EIR, never a section of the Act; a
section of the Act under the Act; FOISA's under FOISA), and for a part of a request under the Act or FOISA that reads
as environmental information (its own words carry section 39's cues, or the suggester read them so), only section 39,
the door to the EIR (under FOISA, section 39(2), the door to the Scottish EIR)."""

from __future__ import annotations

import re

from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge, ncnd_provision
from foibot.text import cue_pattern, normalise

_NOT_BY_VIRTUE = re.compile(r"not exempt(?: information)? by virtue of section (\d+[A-Z]?)", re.I)
ENVIRONMENTAL = "s39"
SCOTTISH_ENVIRONMENTAL = "foisa-s39"
# Exclusions the statute text foibot holds does not say (section 36 is not quoted): s36(1)(a) applies to a government
# department's information only where it "is not exempt information by virtue of section 35".
_ALSO_EXCLUDED = {"s36": {"s35"}}


def excluded_by(exemption: Exemption) -> set[str]:
    """The sections whose exempt information an exemption's own statute text leaves out (s31: {"s30"})."""
    text = exemption.statute.text if exemption.statute else ""
    prefix = "foisa-s" if exemption.regime == "foisa" else "s"
    also = _ALSO_EXCLUDED.get(exemption.section, set()) if exemption.regime == "foia" else set()
    return {prefix + n for n in _NOT_BY_VIRTUE.findall(text or "")} | also


def fitting(kb: Knowledge, keys: list[str], regime: str, *, part_text: str = "",
            read_as_environmental: bool = False) -> list[str]:
    """The suggested citations (best first) Enter may give: see the module docstring. ``read_as_environmental``:
    the suggester read the part as environmental information."""
    door = environmental_door(kb, regime)
    if door is not None and part_text and (read_as_environmental or environmental(kb, part_text)):
        if regime == "foisa":  # its environmental limb, never health and safety (39(1), the default limb)
            return [door]
        return [k for k in keys if _exemption(kb, k, regime) is kb.exemptions.get(ENVIRONMENTAL)] or [door]
    out: list[str] = []
    kept: list[Exemption] = []
    for key in keys:
        exemption = _exemption(kb, key, regime)
        if exemption is None or exemption.regime != regime:
            continue  # never a section of the Act under the EIR, nor an EIR exception under the Act
        if any(exemption.section in excluded_by(k) or k.section in excluded_by(exemption) for k in kept):
            continue  # s30 and s31 for the same information: the better-scored one only
        kept.append(exemption)
        out.append(key)
    return out


def environmental_door(kb: Knowledge, regime: str) -> str | None:
    """The citation that sends environmental information to the environmental regulations in this law: section 39
    of the Act (to the EIR), FOISA section 39(2) (to the Scottish EIR: its limb "2", where the profile's FOISA s39
    has it); None under the EIR itself, or when the profile does not hold it."""
    if regime == "foia":
        return ENVIRONMENTAL if ENVIRONMENTAL in kb.exemptions else None
    scottish = kb.exemptions.get(SCOTTISH_ENVIRONMENTAL) if regime == "foisa" else None
    if scottish is None or not any(limb.value == "2" for limb in scottish.limbs):
        return None
    return f"{SCOTTISH_ENVIRONMENTAL}(2)"


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

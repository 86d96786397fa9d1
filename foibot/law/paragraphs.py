"""Which standard paragraphs (``foibot para``, ``/foi para``) each law has a counterpart for.

A paragraph that states one law's provision is not offered to an authority answering under another that has no such
provision, or whose provision foibot has not verified (foi-law.md): the list of paragraphs says which and why, and
asking for one says why instead of giving another law's wording.
"""

from __future__ import annotations

EISR = ("the Environmental Information (Scotland) Regulations 2004 (https://www.legislation.gov.uk/ssi/2004/520)")

NOT_OFFERED: dict[str, dict[str, str]] = {
    "foisa": {
        "extension": "FOISA has no extension of the 20 working days (nothing like FOIA's public interest extension "
                     "under section 10(3), with its section 17(2) notice, or the EIR's regulation 7): the response, "
                     "with any public interest decision, is due within 20 working days",
        "eir-presumption": "it states regulation 12 of the Environmental Information Regulations 2004, which do not "
                           "apply to a Scottish authority: its environmental information comes under " + EISR
                           + ", whose wording foibot has not verified, so write that paragraph from them yourself",
    },
}
"""Law -> paragraph -> why it is not offered under that law."""


def not_offered(name: str, regime: str) -> str:
    """Why paragraph ``name`` is not offered under ``regime`` ("" when it is)."""
    return NOT_OFFERED.get(regime, {}).get(name, "")


def offered(names: list[str], regime: str) -> list[str]:
    """``names`` without those not offered under ``regime``."""
    return [n for n in names if not not_offered(n, regime)]


def withheld(names: list[str], regime: str) -> list[tuple[str, str]]:
    """The paragraphs of ``names`` not offered under ``regime``, each with why."""
    return [(n, not_offered(n, regime)) for n in names if not_offered(n, regime)]

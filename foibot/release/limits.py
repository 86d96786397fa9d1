"""Limits and options for the release check, as plain parameters."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024

# Example patterns a police force might pass as ``extra_patterns``. Not on by default: formats differ by force and
# bare numbers give false positives. Each entry is (id, label, regex).
POLICE_NUMBER_EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("collar_number", "police collar number", r"\b(?:PC|DC|PS|DS|Insp\.?|Sgt\.?)\s?\d{3,5}\b"),
    ("warrant_number", "police warrant number", r"\b(?:warrant|collar)\s*(?:no\.?|number)?\s*[:#]?\s*\d{3,7}\b"),
)


@dataclass(frozen=True)
class ReleaseLimits:
    """How far the check goes before it stops and says so. The defaults suit an FOI attachment."""

    max_file_bytes: int = 200 * MB
    max_zip_parts: int = 5000
    max_uncompressed_bytes: int = 1024 * MB
    max_compression_ratio: float = 200.0
    ratio_applies_above: int = 10 * MB
    small_count_max: int = 4
    small_count_min: int = 1
    max_pdf_pages: int = 2000
    far_gap_rows: int = 50
    far_gap_cols: int = 20
    tiny_font_pt: float = 4.0
    docx_tiny_pt: float = 2.0
    examples: int = 3
    extra_patterns: tuple[tuple[str, str, str], ...] = ()
    own_contacts: tuple[str, ...] = ()
    """The authority's own published contact details (its FOI and review email addresses, postal addresses and
    telephone number, as the profile gives them): what they contain is not personal data, so never flagged."""
    law: str = ""
    """The law the case is answered under (foia, eir, foisa): the reasons name its personal data provision
    (s40(2), regulation 13, section 38(1)(b)); "" when not known names all three."""

    def __post_init__(self) -> None:
        if self.law not in ("", "foia", "eir", "foisa"):
            raise ValueError("law must be foia, eir, foisa or empty")
        if not 0 <= self.small_count_min <= self.small_count_max:
            raise ValueError("small_count_min must be between 0 and small_count_max")
        for entry in self.extra_patterns:
            if len(entry) != 3:
                raise ValueError("extra_patterns entries are (id, label, regex)")

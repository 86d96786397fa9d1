"""Answered requests, and what the suggester learns from them: the prior by authority type and the precedents.

Families are learned in the UK Act's numbering: a FOISA citation counts for its FOIA counterpart
(``foisa-s35`` law enforcement for ``s31``, from ``foisa_equivalents`` in ``intents/priors.yaml``), so a
Scottish police force's answers teach the police prior too; a FOISA provision with no counterpart
(``foisa-s18``, neither confirm nor deny) keeps its own family. The suggester translates back for a
Scottish authority.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from foibot.errors import InputError
from foibot.knowledge.citations import eisr_as_eir, family
from foibot.suggest.family_classifier import FamilyClassifier, train
from foibot.suggest.meaning import MeaningModel
from foibot.suggest.precedents import Precedents, index
from foibot.suggest.priors import Priors, authority_type_of


@dataclass(frozen=True)
class Answered:
    """One answered request: its text, the authority's type and regime, and the families it cited."""

    ref: str
    text: str
    authority_type: str
    regime: str
    families: frozenset[str]
    """In the case's own regime's numbering (``foisa-s35`` for a Scottish authority): what scoring compares."""
    authority: str = ""
    """The authority that answered it, when the file names one (the evaluation's own-register scenario)."""


def regime_of(row: Mapping[str, object]) -> str:
    """The authority's regime: the row's ``regime``, else ``foisa`` when it cites the Scottish Act or the
    Scottish EIR, else ``foia``.

    In production the authority's profile gives it; a FOISA or EISR citation can only come from a Scottish
    authority.
    """
    if str(row.get("regime") or "").lower() in ("foia", "foisa"):
        return str(row["regime"]).lower()
    cited = row.get("exemptions") or []
    scottish = ("foisa-", "EISR ")
    return "foisa" if isinstance(cited, list) and any(family(str(c)).startswith(scottish) for c in cited) else "foia"


def read_answered(path: str | Path) -> list[Answered]:
    """The answered requests of a JSONL file (id, request, exemptions; authority_type or authority; regime).

    InputError names the file and line of a bad row."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (JSONL expected)") from exc
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not row.get("id") or not isinstance(row.get("request"), str) \
                or not row["request"].strip() or not isinstance(row.get("exemptions"), list):
            raise InputError(f"{path}:{number}: needs an id, the request text and a list of exemptions")
        rows.append(Answered(str(row["id"]), row["request"], authority_type_of(row), regime_of(row),
                             frozenset(family(str(c)) for c in row["exemptions"]),
                             str(row.get("authority") or "").strip()))
    return rows


def uk_family(fam: str, foisa_to_foia: Mapping[str, str]) -> str:
    """A family in the UK numbering: FOIA sections and EIR regulations (``foisa-s35`` -> ``s31``, ``EISR reg
    10(5)(e)`` -> ``r12(5)(e)``; a FOISA family without a counterpart keeps its own)."""
    return foisa_to_foia.get(fam, eisr_as_eir(fam))


def to_foia(families: Iterable[str], foisa_to_foia: Mapping[str, str]) -> frozenset[str]:
    """Families in the UK numbering (``uk_family``)."""
    return frozenset(uk_family(f, foisa_to_foia) for f in families)


@dataclass
class Learned:
    """What was learned from answered requests: how often each authority type cites each family, an
    index of the requests themselves as precedents and, with the meaning model, a classifier of meaning."""

    priors: Priors = field(default_factory=Priors)
    precedents: Precedents = field(default_factory=Precedents)
    classifier: FamilyClassifier | None = None

    @property
    def size(self) -> int:
        return sum(self.priors.cases.values())


def learn(rows: Sequence[Answered], foisa_to_foia: Mapping[str, str], meaning: MeaningModel | None = None) -> Learned:
    """The prior, the precedents and (with ``meaning``) the classifier from ``rows`` (every row counts as a
    case, citing nothing or something)."""
    cited = [to_foia(row.families, foisa_to_foia) for row in rows]
    priors = Priors()
    for row, families in zip(rows, cited, strict=True):
        priors.add(row.authority_type, families)
    texts = [r.text for r in rows]
    vectors = meaning.vectors(texts) if meaning is not None else None
    precedents = index([r.ref for r in rows], texts, cited, meaning=meaning, vectors=vectors)
    return Learned(priors, precedents, _classifier(texts, cited, vectors) if vectors is not None else None)


_TRAINED: dict[tuple[tuple[str, ...], tuple[frozenset[str], ...]], FamilyClassifier | None] = {}


def _classifier(texts: list[str], cited: list[frozenset[str]], vectors: np.ndarray) -> FamilyClassifier | None:
    """The classifier for these requests, trained once per process (each profile folder of the same answered
    requests, or the Slack app and the console in one process, shares it)."""
    key = (tuple(texts), tuple(cited))
    if key not in _TRAINED:
        if len(_TRAINED) >= 4:
            _TRAINED.clear()
        _TRAINED[key] = train(vectors, cited)
    return _TRAINED[key]

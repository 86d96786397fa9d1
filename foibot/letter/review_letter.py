"""An internal review's outcome letter as blocks: both references, the original request and the points raised,
who reviewed it, each finding, the delay acknowledged, the outcome, what is still withheld (with everything s17,
reg 14 or FOISA s16 needs, and Annex A), and the requester's next step: never another review, but the
Commissioner (FOIA s50, EIR reg 18; FOISA s47(1) and the s56 appeal).

The head, each exemption's paragraph, the NCND basis, the EIR presumption, the signature and Annex A are the
first response's own (``compose``); the review's wording is ``snippets/paragraphs/_review.j2``.
"""

from __future__ import annotations

from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.law.deadlines import ico_complaint_by
from foibot.letter.blocks import Block
from foibot.letter.compose import Letter, annex, body, head, line, ncnd_basis, signature
from foibot.letter.review_context import NOT_HELD, ReviewFinding
from foibot.letter.templates import Gap, say


def compose_review(env: ImmutableSandboxedEnvironment, ctx: dict[str, Any]) -> list[Block]:
    """The whole outcome letter as blocks (roles: ``acknowledgement``, ``reviewer``, ``finding:<n>``,
    ``exemption:<section>``, ``ncnd:1``, ``outcome``, ``no-further-review``, ``commissioner``)."""
    out = Letter()
    regime, review = ctx["regime"], ctx["review"]
    words = env.get_template("paragraphs/_review.j2").module
    head(out, env, ctx, line(words.reference, ctx["ref"], review["of"]), line(words.heading, regime))
    out.add("para", line(words.opening, regime, review), "acknowledgement")
    out.add("text", line(words.you_asked))
    out.add("quote", ctx["request_text"].strip())
    out.add("text", line(words.you_said))
    points = review["points"]
    if isinstance(points, list):
        out.add("list", "\n".join(points))
    else:
        out.add("quote", str(points).strip())
    out.add("para", line(words.reviewer, regime, review), "reviewer")
    if review["searches"]:
        out.add("para", line(words.searches, review), "searches")
    explained: set[str] = set()
    for finding in review["findings"]:
        _finding(out, env, ctx, words, finding, explained)
    if review["late"]:
        out.add("para", line(words.delay, regime, review), "delay")
    if review.get("overdue"):
        out.add("para", line(words.review_delay, regime, review), "review-delay")
    out.add("para", line(words.outcome, regime, review), "outcome")
    if review["withholding"]:
        ncnd = any(f.ncnd and f.decision in ("upheld", "substituted") for f in review["findings"])
        out.add("para", line(words.notice, regime, ncnd), "refusal-notice")
        if regime == "eir":
            ncnd_only = all(u.ncnd for u in ctx["exemptions"] if not u.procedural)
            out.paras(say(env, "paragraphs/eir-presumption.j2", {**ctx, "ncnd_only": ncnd_only}), "eir-presumption")
        if ctx["annexed"]:
            out.paras(say(env, "paragraphs/see-annex.j2", ctx))
    out.add("para", line(words.concluded, regime), "no-further-review")
    by = ico_complaint_by(ctx["letter_date"]) if regime != "foisa" else None
    out.add("para", line(words.commissioner, regime, by), "commissioner")
    if regime == "foisa":
        out.add("para", line(words.appeal, regime), "appeal")
    out.add("signature", "\n".join(signature(ctx["authority"])))
    if ctx["annexed"] and review["withholding"]:
        annex(out, env, ctx)
    for use in ctx["annexed"]:
        if use.statute.omitted:
            ctx["notes"].append(f"Annex A, {use.cite}: {use.statute.omitted}")
    return out.blocks


def _finding(out: Letter, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any], words: Any,
             finding: ReviewFinding, explained: set[str]) -> None:
    """One finding: the decision on what the response did, then, where something is still withheld (or neither
    confirmed nor denied), why, in the first response's own words for that exemption (once per exemption)."""
    regime = ctx["regime"]
    if not finding.decision:  # a draft so far: the finding is still to be made
        out.add("para", str(Gap(name=f"findings.{finding.number}.decision")), f"finding:{finding.number}")
        return
    out.add("para", line(words.finding, regime, finding), f"finding:{finding.number}")
    if finding.decision == "not_upheld" and finding.attachments:
        out.add("list", "\n".join(f"Attached: {a}" for a in finding.attachments))
    if finding.subject == NOT_HELD or finding.decision not in ("upheld", "substituted"):
        return
    if finding.ncnd:
        part = ctx["parts"][0]
        if "ncnd" not in explained:
            explained.add("ncnd")
            out.add("para", ncnd_basis(env, {**ctx, "part": part}, part), "ncnd:1")
        return
    for use in finding.uses:
        if use.cite in explained:
            continue
        explained.add(use.cite)
        role = f"procedural:1:{use.section}" if use.procedural else f"exemption:{use.section}"
        out.paras(body(env, ctx, use), role)

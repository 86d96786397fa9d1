"""The letter's structure, built in code from the resolved answers: header, request, each part's outcome,
the exemptions, review and complaint rights, signature, and Annex A.

Wording comes from ``snippets/`` (one template per paragraph or group of paragraphs); nothing rendered is
parsed back for structure. Notes meant for the officer go to ``context["notes"]``, never into the letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateError
from jinja2.environment import TemplateModule
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.letter.blocks import Block
from foibot.letter.checking.reading import PIT_DIRECTION
from foibot.letter.drafting import UNANSWERED, ExemptionUse, Part, review_contact
from foibot.letter.templates import HIDDEN, Gap, capfirst, join_and, longdate, say, sentence

_LABEL = re.compile(r"^\(([0-9A-Za-z]{1,5})\)")
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


# A salutation greets the person, not their rank: "Rt Hon" and post-nominals ("MP", "OBE") stay on the address,
# "Office of" is the person's office, and a title alone ("Dr", "Mrs.") greets nobody.
_HONORIFIC = re.compile(r"^(?:the\s+)?(?:rt\.?\s+hon\.?|right\s+honourable)\s+|^the\s+(?:hon\.?|honourable)\s+|"
                        r"^(?:the\s+)?office\s+of\s+", re.I)  # not "Hon. Secretary" (honorary)
_POST_NOMINAL = re.compile(r"(?:,?\s+(?:MP|MSP|MS|MLA|AM|MEP|KC|QC|OBE|MBE|CBE|DBE|KBE|BEM|JP|DL))+\.?$")
_TITLE_ONLY = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|doctor|prof|professor|sir|dame|lord|lady|rev|revd|reverend|cllr|"
                         r"councillor)\.?$", re.I)


# A title before a name greets with the surname ("Dear Mrs Rahman"); a knight or dame with the first name ("Dear Sir
# Ian"). Abbreviations an officer writes out in a salutation.
_TITLE = re.compile(r"^(mr|mrs|ms|miss|mx|dr|doctor|prof|professor|rev|revd|reverend|cllr|councillor|lord|lady|sir|"
                    r"dame)\.?\s+(.+)$", re.I)
_TITLE_WORDS = {"prof": "Professor", "cllr": "Councillor", "revd": "Reverend", "rev": "Reverend"}
_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "della", "st", "st.", "bin", "ibn",
              "al", "el", "ap", "mac"}
# A body, not a person: a company, a team, a campaign ("Rural Buses Now"). An officer writes "Dear Sir or Madam".
_ORGANISATION = re.compile(
    r"\b(ltd|limited|plc|llp|llc|inc|cic|co|company|team|group|campaign|association|society|trust|foundation|network|"
    r"alliance|coalition|forum|partnership|union|committee|department|unit|services|council|office|project|now|"
    r"action|watch|media|news|press|agency|institute|centre|center|club|federation|charity|solicitors|partners|"
    r"initiative|collective|newspaper|magazine|bureau|consultancy|consulting|associates|residents|friends|"
    r"university|college|school|authority|board|commission|federation|ministry|party)\.?$|^(stop|save|friends of|"
    r"the)\b|&", re.I)


# A peer is greeted by the title, never the territorial designation: "Lord Hale of Wendford" is "Lord Hale",
# "Baroness Smith of Basildon" "Baroness Smith"; a peer known by a place ("the Earl of Wendford") is "Lord Wendford".
_PEER = re.compile(r"^(?:the\s+)?(lord|lady|baroness|baron|viscount|viscountess)\s+([^\s,]+)\s+of\s+\S.*$", re.I)
_PEER_OF_PLACE = re.compile(r"^(?:the\s+)?(duke|duchess|marquess|marchioness|earl|countess|viscount|viscountess|"
                            r"lord|lady)\s+of\s+(\S.*)$", re.I)
_LADIES = {"duchess", "marchioness", "countess", "viscountess", "lady"}


def _peer(name: str) -> str:
    """How a peer styled with a territorial designation or by a place is greeted, or "" if ``name`` is no such
    style."""
    if (peer := _PEER.match(name)) and peer.group(2).lower() not in _PARTICLES:
        return f"{peer.group(1).capitalize()} {peer.group(2)}"
    if (place := _PEER_OF_PLACE.match(name)) and place.group(1).lower() not in ("duke", "duchess"):
        return f"{'Lady' if place.group(1).lower() in _LADIES else 'Lord'} {place.group(2)}"
    return ""


def salutation_name(name: str) -> str:
    """The name after "Dear": without honorifics, "Office of" or post-nominals; with a title, the title and surname
    ("Mrs Rahman"; "Sir Ian" for a knight; "Lord Hale" for Lord Hale of Wendford); empty (so "Sir or Madam") when no
    name is left but a title, or when the requester is a body (a company, a team, a campaign) rather than a person."""
    name = " ".join(name.split())
    while (shorter := _HONORIFIC.sub("", name)) != name:
        name = shorter
    if len(name.split()) > 1:
        name = _POST_NOMINAL.sub("", name).strip()
    if (peer := _peer(name)) and not _ORGANISATION.search(re.sub(r"^the\s+", "", name, flags=re.I)):
        return peer
    if not name or _TITLE_ONLY.match(name) or _ORGANISATION.search(name):
        return ""
    titled = _TITLE.match(name)
    if not titled:
        return name
    title, rest = titled.group(1), titled.group(2).split()
    title = _TITLE_WORDS.get(title.lower().rstrip("."), title.rstrip(".").capitalize() if title.islower() else
                             title.rstrip("."))
    if title.lower() in ("sir", "dame"):
        return f"{title} {rest[0]}"
    surname = [rest[-1]]
    for word in reversed(rest[:-1]):
        if word.lower() not in _PARTICLES:
            break
        surname.insert(0, word)
    return f"{title} {' '.join(surname)}"


class Letter:
    """The blocks of a letter being built, its paragraphs numbered in turn."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.number = 0

    def add(self, kind: str, text: str, role: str = "") -> None:
        if kind == "para":
            self.number += 1
            self.blocks.append(Block("para", text, self.number, role))
        elif text.strip() or kind == "annex":
            self.blocks.append(Block(kind, text, role=role))

    def paras(self, texts: list[str], role: str = "") -> None:
        for text in texts:
            self.add("para", text, role)


def compose(env: ImmutableSandboxedEnvironment, ctx: dict[str, Any]) -> list[Block]:
    """The whole letter as blocks."""
    out = Letter()
    authority, regime = ctx["authority"], ctx["regime"]
    words = env.get_template("paragraphs/_letter.j2").module
    head(out, env, ctx, line(words.reference, ctx["ref"]), line(words.heading, regime))
    parts: list[Part] = ctx["parts"]
    ctx["eisr_dealt"] = _eisr_dealt(ctx, parts)
    out.paras(say(env, "paragraphs/acknowledgement.j2", ctx), "acknowledgement")
    if len(parts) == 1:
        out.add("text", line(words.you_asked))
        out.add("quote", ctx["request_text"].strip())
    extension = ctx.get("extension")
    if isinstance(extension, dict) and extension:
        values = _extension(extension, ctx)
        out.paras(say(env, "paragraphs/extension.j2", {**ctx, "extension": values}), "extension")
        if values["disclosed"] and values["attachments"]:
            out.add("list", "\n".join(f"Attached: {a}" for a in values["attachments"]))
    else:
        _outcomes(out, env, ctx, parts)
        if ctx.get("own_data"):  # a refused request that also asks for the requester's own data: subject access
            out.paras(say(env, "paragraphs/_own-data.j2", ctx), "own-data")
            if ctx.get("own_data_note"):
                ctx["notes"].append(ctx["own_data_note"])
    _rights(out, env, ctx)
    out.add("signature", "\n".join(signature(authority)))
    if ctx["annexed"] and not (isinstance(extension, dict) and extension):
        annex(out, env, ctx)
    for use in ctx["annexed"]:
        if use.statute.omitted:
            ctx["notes"].append(f"Annex A, {use.cite}: {use.statute.omitted}")
    return out.blocks


def head(out: Letter, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any], reference: str, heading: str) -> None:
    """The letter's head: the marking, our address, the reference line(s) and date, the requester's address (or "By
    email"), the salutation and the heading. A review's outcome gives its own reference lines and heading."""
    authority = ctx["authority"]
    words = env.get_template("paragraphs/_letter.j2").module
    if getattr(authority, "protective_marking", ""):
        out.add("marking", authority.protective_marking)
    out.add("meta", "\n".join([authority.name, *authority.address, authority.email]))
    out.add("meta", reference + "\n" + longdate(ctx["letter_date"]))
    address = ctx.get("requester_address")
    lines = [str(x) for x in address] if isinstance(address, list) else str(address or "").split("\n")
    lines = [line.translate(HIDDEN).strip() for line in lines if line.translate(HIDDEN).strip()]
    name = str(ctx.get("requester_name") or "").translate(HIDDEN)
    to = "\n".join([name, *lines]).strip() if lines else line(words.by_email)
    out.add("meta", to)
    out.add("text", line(words.salutation, salutation_name(name)))
    out.add("heading", heading)


def signature(authority: Any) -> list[str]:
    """The sign-off: closing, a blank line, who signs, their role, and the authority unless the role already names it
    ("On behalf of Northshire Police" is not followed by "Northshire Police")."""
    role = str(authority.signature_role or "")
    names = [n for n in (authority.name, getattr(authority, "short_name", "")) if n]
    named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", role, re.I) for n in names)
    lines = [authority.closing, "", authority.signature_name, authority.signature_role]
    return [x for x in (lines if named else [*lines, authority.name]) if x is not None]


def _extension(extension: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any]:
    """What a s17(2) notice needs (or a reg 7 notice under the EIR): the qualified exemptions relied on, why each
    applies, the estimated date, and whatever part of the request is being answered now."""
    uses = [u for u in ctx["exemptions"] if u.qualified]
    cites = join_and([u.cite for u in uses]) or "[to be completed: extension.exemption]"
    parts: list[Part] = ctx["parts"]
    disclosed = [p.disclosed for p in parts if p.held in ("yes", "partly") and p.disclosure == "partial"
                 and p.disclosed]
    return {"until": extension.get("until") or "[to be completed: extension.until]", "cites": cites,
            "uses": uses, "several": len(uses) > 1, "disclosed": disclosed,
            "attachments": [a for p in parts if p.disclosure == "partial" for a in p.attachments]}


def _outcomes(out: Letter, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any], parts: list[Part]) -> None:
    several = len(parts) > 1
    words = env.get_template("paragraphs/_letter.j2").module
    notice_given = False  # the letter names itself a refusal notice once, at the first part refused
    for part in parts:
        if several:
            out.add("subheading", line(words.part, part.number))
            out.add("quote", part.text)
        pctx = {**ctx, "part": part, "notice_given": notice_given}
        procedural = part.procedural
        if part.held == UNANSWERED:  # a draft so far: whether we hold it is still to be answered
            out.paras([str(Gap(name="held"))], f"held:{part.number}")
        elif part.held == "ncnd":
            out.paras(say(env, "paragraphs/ncnd.j2", {**pctx, "ncnd_basis": ncnd_basis(env, pctx, part)}),
                      f"ncnd:{part.number}")
            notice_given = notice_given or ctx["regime"] == "eir"  # the EIR's NCND refusal is under reg 14 too
        elif procedural:
            pass  # s12 / s14: the notice under s17(5) says why we are not complying; nothing is confirmed
        elif environmental(part):  # FOISA s39(2): exempt from the Act, dealt with under the EISR in this part
            for use in environmental(part):
                out.paras(body(env, pctx, use), f"held:{part.number}")
            if str(environmental(part)[0].a.get("eisr_outcome") or "") == "disclosed" and part.attachments:
                out.add("list", "\n".join(f"Attached: {a}" for a in part.attachments))
        elif part.held == "no":
            out.paras(say(env, "paragraphs/not-held.j2", pctx), f"not-held:{part.number}")
            notice_given = notice_given or ctx["regime"] == "eir"  # reg 12(4)(a) is a refusal under reg 14
        else:
            out.paras(say(env, "paragraphs/held.j2", pctx), f"held:{part.number}")
            notice_given = notice_given or part.disclosure != "full"
            if part.disclosure != "none" and part.attachments:
                out.add("list", "\n".join(f"Attached: {a}" for a in part.attachments))
            if part.held == "partly":
                out.paras(say(env, "paragraphs/not-held.j2", {**pctx, "notice_given": notice_given}),
                          f"not-held:{part.number}")
                notice_given = notice_given or ctx["regime"] == "eir"
        for use in procedural:
            out.paras(body(env, pctx, use), f"procedural:{part.number}:{use.section}")
    seen: set[str] = set()
    for use in ctx["exemptions"]:
        if use.procedural or use.ncnd or use.cite in seen or (eisr_route(use) and all(
                environmental(p) for p in parts if any(u.cite == use.cite for u in p.uses))):
            continue  # FOISA s39(2) answered in its part's own paragraph
        if several and not seen:  # under the last part's heading they would read as about that part
            out.add("subheading", line(words.reasons, ctx["regime"]))
        seen.add(use.cite)
        out.paras(body(env, ctx, use), f"exemption:{use.section}")
    if ctx["regime"] == "eir" and any(not u.procedural for u in ctx["exemptions"]):
        # a part answered in full beside a part neither confirmed nor denied withholds nothing
        ncnd_only = all(u.ncnd for u in ctx["exemptions"] if not u.procedural)
        out.paras(say(env, "paragraphs/eir-presumption.j2", {**ctx, "ncnd_only": ncnd_only}), "eir-presumption")
    if ctx["annexed"]:
        out.paras(say(env, "paragraphs/see-annex.j2", ctx))


def eisr_route(use: ExemptionUse) -> bool:
    """FOISA section 39(2): environmental information, exempt from the Act and dealt with under the Environmental
    Information (Scotland) Regulations 2004 instead. Its paragraph is the part's own answer, not a reason for
    withholding."""
    return use.e.section == "foisa-s39" and not use.ncnd and "2" in use.limbs


def environmental(part: Part) -> list[ExemptionUse]:
    """A part answered under the EISR: every exemption it cites is FOISA section 39(2)."""
    uses = [u for u in part.uses if not u.procedural]
    return uses if part.held in ("yes", "partly") and uses and all(eisr_route(u) for u in uses) else []


def dealt_with_under_eisr(part: Part) -> bool:
    """Any of the part is dealt with under the EISR (FOISA section 39(2)), alone or beside another exemption."""
    return part.held in ("yes", "partly") and any(eisr_route(u) for u in part.uses)


def _eisr_dealt(ctx: dict[str, Any], parts: list[Part]) -> str:
    """The acknowledgement's account of which law the request was dealt with under, when some of it is environmental
    information dealt with under the EISR (FOISA section 39(2)); "" when all of it was dealt with under the Act."""
    if ctx["regime"] != "foisa":
        return ""
    regs = "the Environmental Information (Scotland) Regulations 2004"
    eisr = [p.number for p in parts if dealt_with_under_eisr(p)]
    if not eisr:
        return ""
    if len(parts) == 1 and not environmental(parts[0]):
        return (f"We have dealt with it under {ctx['act']}, except the environmental information it asks for: "
                f"section 39(2) of the Act exempts that information from the Act, so we have dealt with it under "
                f"{regs}.")
    if len(eisr) == len(parts):
        return (f"It asks for environmental information, which section 39(2) of {ctx['act']} exempts from that Act, "
                f"so we have dealt with it under {regs}.")
    which = join_and([f"part {n}" for n in eisr])
    return (f"We have dealt with it under {ctx['act']}, except {which}, which "
            f"{'asks' if len(eisr) == 1 else 'ask'} for environmental information: section 39(2) of the Act "
            f"exempts that information from the Act, so we have dealt with it under {regs}.")


def body(env: ImmutableSandboxedEnvironment, ctx: dict[str, Any], use: ExemptionUse) -> list[str]:
    names = [f"exemptions/{use.template}.j2", "exemptions/_default.j2"]
    name = next(n for n in names if n in env.list_templates(extensions=["j2"]))
    return say(env, name, {**ctx, "use": use})


def ncnd_basis(env: ImmutableSandboxedEnvironment, ctx: dict[str, Any], part: Part) -> str:
    """Why the duty to confirm or deny does not arise (``paragraphs/_ncnd-basis.j2``): s23(5) with s24(2) in the
    either/or form; the EIR's regulations 12(6) and 13(5); FOISA's section 18(1) refusal."""
    # s12(2) removes the duty to confirm or deny when the cost of confirming alone exceeds the limit
    uses = [u for u in part.uses if u.ncnd or (u.e.section == "s12" and u.limb == "2")]
    if not uses:  # a draft so far: the exemption is still to be named
        return str(Gap(name="exemptions"))
    cites = [u.ncnd_cite for u in uses]
    either_or = "section 23(5)" in cites and "section 24(2)" in cites
    opinions = [{"who": u.a.get("qualified_person") or "[to be completed: s36.qualified_person]",
                 "when": u.a.get("opinion_date") or "[to be completed: s36.opinion_date]",
                 "likelihood": u.likelihood, "limbs": u.limbs, "use": u} for u in uses if u.e.section == "s36"]
    values = {"uses": uses, "cites": cites, "either_or": either_or, "opinions": opinions,
              "others": [c for c in cites if c not in ("section 23(5)", "section 24(2)")] if either_or else [],
              "reasons": " ".join(str(sentence(" ".join(str(u.a["reason"]).split())))
                                  for u in uses if u.a.get("reason")),
              # each provision with its own reason, in the order cited: the letter says which reason is whose
              "grounds": [{"use": u, "reason": str(sentence(" ".join(str(u.a["reason"]).split())))
                           if u.a.get("reason") else "", "limbs": u.limbs_cite} for u in uses],
              "weighs": any(u.qualified for u in uses)}
    return " ".join(say(env, "paragraphs/_ncnd-basis.j2", {**ctx, **values}))


def _rights(out: Letter, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any]) -> None:
    authority = ctx["authority"]
    out.paras(say(env, "paragraphs/internal-review.j2", ctx), "internal-review")
    out.add("meta", review_contact(authority), "review-contact")
    if ctx["regime"] != "foisa":
        out.paras(say(env, "paragraphs/review-afresh.j2", ctx))
    out.paras(say(env, "paragraphs/ico-complaint.j2", ctx), "commissioner")
    eisr = [p.number for p in ctx["parts"] if dealt_with_under_eisr(p)]
    if ctx["regime"] == "foisa" and eisr:  # the EISR's own review (reg 16) and Commissioner (reg 17) rights
        what = ("the environmental information you asked for" if len(eisr) == len(ctx["parts"])
                else f"{join_and([f'part {n}' for n in eisr])} of your request")
        out.paras(say(env, "exemptions/_eisr-rights.j2", {**ctx, "eisr_what": what}), "eisr-rights")


def annex(out: Letter, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any]) -> None:
    regime = ctx["regime"]
    word = "exception" if regime == "eir" else "exemption"
    words = env.get_template("paragraphs/_annex.j2").module
    out.add("annex", line(words.title, word))
    if ctx["qualified"]:
        ncnd = all(u.ncnd for u in ctx["qualified"])
        for text in say(env, "paragraphs/public-interest-test.j2", {**ctx, "ncnd": ncnd}):
            out.add("text", text)
    full = bool(ctx.get("annex_full_text"))
    for use in ctx["annexed"]:
        out.add("subheading", use.heading)
        unverified = _unverified_limb(use)
        quoted = _statute_extract(use, full) if use.statute.quoted and not use.ncnd and not unverified else ""
        if unverified:
            ctx["notes"].append(f"Annex A, {use.cite}: the text of {unverified} is not verified as current, so the "
                                f"annex cites it by address only; read it at {use.statute.url}.")
        section = use.cite.split("(")[0]
        if quoted:
            out.add("text", line(words.reads, section))
            out.add("statute", quoted)
        out.add("text", line(words.full_text, section, use.statute.url))
        if use.weighs_public_interest:
            _pit(out, words, use, regime)
        elif use.absolute:
            out.add("text", line(words.absolute, use.cite, word, use.ncnd))
        if use.carries is not None:
            _carried(out, words, use.carries)


def _carried(out: Letter, words: TemplateModule, use: ExemptionUse) -> None:
    """The EIR exception a section 39(1)(b) part is refused under, in a letter under the Act: its provision (quoted
    only where verified, else cited by address) and the Regulations' own public interest test."""
    regs = "the Environmental Information Regulations 2004"
    out.add("subheading", f"{capfirst(use.cite)} of {regs}: {use.title}")
    section = use.cite.split("(")[0]
    if use.statute.quoted:
        out.add("text", line(words.reads, section))
        out.add("statute", use.statute.text)
    out.add("text", line(words.full_text, f"{section} of {regs}", use.statute.url))
    if use.qualified:
        _pit(out, words, use, "eir")
    else:
        out.add("text", line(words.absolute, use.cite, "exception", False))


def line(macro: Callable[..., object], *values: object) -> str:
    """One line of set wording from a macro (``paragraphs/_letter.j2``, ``_annex.j2``), its whitespace collapsed.

    A macro edited to take other arguments (a snippets folder from an older foibot) is a TemplateError."""
    try:
        return " ".join(str(macro(*values)).split())
    except TypeError as exc:
        raise TemplateError(f"{exc}; compare your snippets/ with the ones this foibot ships") from exc


def _pit(out: Letter, words: TemplateModule, use: ExemptionUse, regime: str) -> None:
    word = "exception" if regime == "eir" else "exemption"
    role = f"pit:{use.section}"
    out.add("subheading", line(words.pit_heading, use.cite, regime, use.ncnd))
    out.add("text", line(words.pit_for, regime, use.ncnd))
    out.add("list", "\n".join(use.pit_for_text) or "[to be completed: pit_for]", role + ":for")
    out.add("text", line(words.pit_against, regime, use.ncnd, word))
    out.add("list", "\n".join(use.pit_against_text) or "[to be completed: pit_against]", role + ":against")
    typed = str(use.a.get("pit_conclusion") or "").strip()
    conclusion = line(words.pit_conclusion, regime, use.ncnd, word)
    if typed and PIT_DIRECTION.search(typed):
        conclusion = str(sentence(typed))  # the officer's words say which way the balance falls
    elif typed:  # s17(3)(b): the letter states the conclusion; the officer's words are the reason for it
        conclusion = f"{conclusion} {sentence(typed)}"
    out.add("text", line(words.balance, conclusion), role + ":balance")


def _statute_extract(use: ExemptionUse, full: bool) -> str:
    """The opening words and the limbs relied on (``full``: the whole quoted text). Limbs whose text is not
    verified (``statute.unverified``) are never quoted, in either form."""
    wants = _wanted(use)
    banned = [_path(limb) for limb in use.statute.unverified]
    if (full or not wants) and not banned:
        return use.statute.text
    kept: list[str] = []
    path: list[str] = []
    keep = False
    last_letter = ""
    for line in use.statute.text.split("\n"):
        match = _LABEL.match(line.strip())
        if match:
            label = match.group(1)
            if label[0].isdigit():
                level = 0
            elif label.lower() in _ROMAN and not (last_letter and ord(label[0]) == ord(last_letter) + 1
                                                  and len(label) == 1):
                level = 2
            else:
                level, last_letter = 1, label
            path = path[:level] + [label]
            wanted = any(all(i >= len(want) or want[i] == p for i, p in enumerate(path)) for want in wants)
            keep = (full or not wants or wanted) and not any(path[:len(b)] == b for b in banned)
        if keep and line.strip():
            kept.append(line)
    return "\n".join(kept) if any(_LABEL.match(k.strip()) for k in kept) else ""


def _path(limb: str) -> list[str]:
    """``1(i)`` -> ``["1", "i"]``."""
    head, _, rest = limb.partition("(")
    return [head] + re.findall(r"([0-9A-Za-z]+)\)", "(" + rest if rest else "")


def _unverified_limb(use: ExemptionUse) -> str:
    """The limbs relied on, as ``section 31(1)(i)``, whose text must not be quoted (``statute.unverified``)."""
    unverified = [limb for limb in use.limbs or [use.e.default_limb]
                  if any(limb == u or limb.startswith(u + "(") for u in use.statute.unverified)]
    return join_and([use.e.cite(limb) for limb in unverified])


def _wanted(use: ExemptionUse) -> list[list[str]]:
    """The paths of the limbs to quote (``[["1", "a"], ["1", "b"]]``); none for the whole provision."""
    limbs = use.limbs or [use.e.default_limb]
    if use.e.regime == "eir":
        return []
    if use.e.section == "s40" and limbs == ["2"] and str(use.a.get("condition") or "") == "first":
        return [["3A"]]  # section 40(2) by virtue of the first condition: quote the condition relied on
    wanted = [_path(limb) for limb in limbs if limb and limb.partition("(")[0]]
    purpose = str(use.a.get("purpose") or "").replace(" ", "").removeprefix("31")
    if use.e.section == "s31" and re.fullmatch(r"2\([a-j]\)", purpose) and {"1(g)", "1(h)", "1(i)"} & set(limbs):
        wanted.append(_path(purpose))  # section 31(1)(g) to (i) with the purpose in section 31(2) relied on
    return wanted

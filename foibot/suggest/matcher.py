"""Matching a request to topics, intents and exemptions with rapidfuzz.

Topics are shortlisted through an inverted index of their distinctive words, then re-ranked with
``fuzz.token_set_ratio`` on the shortlist only, so the cost grows with the matches rather than with
the number of topics. Intents and exemptions are scored from cue phrases and example phrasings.
Every suggestion carries the reason it was made.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from foibot.knowledge.model import Knowledge, Topic
from foibot.suggest.suggestions import Suggestion, Suggestions
from foibot.text import cue_pattern, mask_names, normalise, tokens

TOPIC_THRESHOLD = 45.0
NAMED_TOPIC = 60.0
"""A topic gives a section 21 / 22 reason ("already published", "not yet published") only when the request names
it (its title or an alias, or a quoted name) this well: a keyword it shares with the report's subject ("body-worn
video") says what the request is about, not that it asks for the report."""
INTENT_THRESHOLD = 30.0
EIR_THRESHOLD = 35.0
DISTINCTIVE_WORDS = 1.43
"""A match is fully distinctive once its shared words weigh as much as this many words found in one topic
only (a word's weight, its IDF, grows with the number of topics, so a short list of publications is not
penalised; 1.43 words is an IDF sum of 5.0 for the 32-topic sample pack)."""
_QUOTED = re.compile(r"[\"'‘“]([^\"'’”\n]{12,200})[\"'’”]")


class Matcher:
    """Suggests topics, intents and exemptions for a request. Build once; ``suggest`` is thread-safe."""

    def __init__(self, kb: Knowledge):
        self.kb = kb
        self._phrases: dict[str, list[tuple[str, str, list[str]]]] = {}
        self._index: dict[str, set[str]] = defaultdict(set)
        for topic in kb.topics.values():
            entries = [("title", topic.title)] + [("alias", a) for a in topic.aliases] + \
                      [("keyword", k) for k in topic.keywords]
            self._phrases[topic.id] = [(kind, text, tokens(text)) for kind, text in entries]
            for _, _, toks in self._phrases[topic.id]:
                for tok in toks:
                    self._index[tok].add(topic.id)
        total = max(len(kb.topics), 1)
        self._idf = {tok: math.log(1 + total / len(ids)) for tok, ids in self._index.items()}
        self._distinctive = DISTINCTIVE_WORDS * math.log(1 + total)
        self._vocab = list(self._index)
        self._cues = {i.id: [(c, cue_pattern(c)) for c in i.cues] for i in kb.intents.values()}
        self._exemption_cues = {e.section: [(c, cue_pattern(c)) for c in e.cues] for e in kb.exemptions.values()}

    # --- topics --------------------------------------------------------------------------------

    def _request_tokens(self, text: str) -> set[str]:
        found = set(tokens(text))
        unknown = sorted((t for t in found if t not in self._index and len(t) >= 6), key=len, reverse=True)[:20]
        for tok in unknown:  # a misspelt distinctive word still finds its topic
            hit = process.extractOne(tok, self._vocab, scorer=fuzz.ratio, score_cutoff=88)
            if hit:
                found.add(hit[0])
        return found

    def match_topics(self, text: str, limit: int = 5) -> list[Suggestion]:
        """Topics the request mentions, best first, each with the words that matched."""
        return [s for s, _ in self._topics(text, limit)]

    def _topics(self, text: str, limit: int) -> list[tuple[Suggestion, str]]:
        """``match_topics`` with how each matched: ``title``, ``alias``, ``keyword`` or ``named`` (quoted)."""
        req = self._request_tokens(text)
        sequence = " " + " ".join(tokens(text)) + " "
        candidates: dict[str, float] = defaultdict(float)
        for tok in req:
            for topic_id in self._index.get(tok, ()):
                candidates[topic_id] += self._idf[tok]
        shortlist = sorted(candidates, key=candidates.get, reverse=True)[:200]
        quoted = [normalise(q) for q in _QUOTED.findall(text)]
        req_text = " ".join(sorted(req))
        results = []
        for topic_id in shortlist:
            score, why, kind = self._score_topic(self.kb.topics[topic_id], req, req_text, quoted, sequence)
            if score >= TOPIC_THRESHOLD:
                results.append((Suggestion(topic_id, self.kb.topics[topic_id].title, score, why), kind))
        results.sort(key=lambda r: (-r[0].score, r[0].label))
        return results[:limit]

    def _score_topic(self, topic: Topic, req: set[str], req_text: str, quoted: list[str],
                     sequence: str) -> tuple[float, str, str]:
        best, why, how = 0.0, "", ""
        for kind, phrase, toks in self._phrases[topic.id]:
            if not toks:
                continue
            shared = [t for t in toks if t in req]
            if not any(_is_word(t) for t in shared):
                continue  # numbers alone (years, "25") never make a match: every request has some
            weight = sum(self._idf.get(t, 1.0) for t in toks)
            evidence = sum(self._idf.get(t, 1.0) for t in shared)
            fuzzy = fuzz.token_set_ratio(" ".join(toks), req_text) / 100
            # Coverage of the phrase, scaled down when the shared words are few or common to many topics.
            distinctive = min(1.0, evidence / self._distinctive)
            score = 100 * (0.6 * evidence / weight + 0.4 * fuzzy) * distinctive * (1.0 if kind != "keyword" else 0.9)
            if len(toks) > 1 and f" {' '.join(toks)} " not in sequence:
                score *= 0.65 if kind == "keyword" else 0.85  # the words are there, but not as the phrase
            if score > best:
                best, how = score, kind
                why = f"{kind} '{phrase}': matched {', '.join(dict.fromkeys(shared))}"
        for q in quoted:
            for kind, phrase, toks in self._phrases[topic.id]:
                if kind != "keyword" and any(map(_is_word, toks)) and fuzz.token_set_ratio(q, normalise(phrase)) >= 90:
                    return 100.0, f"the request names it: '{phrase}'", "named"
        return round(best, 1), why, how

    # --- intents and exemptions ----------------------------------------------------------------

    def match_intents(self, text: str, limit: int = 5) -> list[Suggestion]:
        """Kinds of request this looks like, from cue phrases and example phrasings."""
        norm = " " + normalise(mask_names(text)) + " "
        req_text = " ".join(sorted(set(tokens(text))))
        results = []
        for intent in self.kb.intents.values():
            hits = [cue for cue, pattern in self._cues[intent.id] if pattern.search(norm)]
            example, example_score = "", 0.0
            for ex in intent.examples:
                s = fuzz.token_set_ratio(" ".join(tokens(ex)), req_text)
                if s > example_score:
                    example, example_score = ex, s
            score = 70 * (1 - 0.5 ** len(hits)) + 0.3 * example_score
            if not hits and example_score < 75:
                continue
            if score >= INTENT_THRESHOLD:
                why = f"cues: {', '.join(repr(h) for h in hits[:4])}" if hits else f"like the example '{example}'"
                results.append(Suggestion(intent.id, intent.title, round(score, 1), why))
        results.sort(key=lambda s: (-s.score, s.label))
        return results[:limit]

    def intent_notes(self, suggestions: Suggestions, regime: str) -> list[str]:
        """The notes of the two best intents for a reply under ``regime`` (foia, eir, foisa): each in that law's
        numbering, none from an intent whose note has no counterpart there."""
        notes = [self.kb.intents[i.key].note_for(regime) for i in suggestions.intents[:2] if i.key in self.kb.intents]
        return [n for n in notes if n]

    def suggest(self, text: str, *, limit: int = 5) -> Suggestions:
        """Topics, intents and exemptions for a request, best first, each with why."""
        matched = self._topics(text, limit)
        topics = [s for s, _ in matched]
        intents = self.match_intents(text, limit)
        norm = " " + normalise(mask_names(text)) + " "
        scores: dict[str, tuple[float, str, str]] = {}

        def offer(citation: str, score: float, why: str) -> None:
            exemption, _ = self.kb.resolve(citation)
            key = exemption.section
            if key not in scores or score > scores[key][0]:
                keep = citation if len(citation) >= len(scores.get(key, ("", "", ""))[2]) else scores[key][2]
                scores[key] = (score, why, keep)

        for intent in intents:
            for rank, citation in enumerate(self.kb.intents[intent.key].exemptions):
                share = 1.0 if rank == 0 else SECONDARY * (1 - 0.15 * rank)
                offer(citation, intent.score * share, f"request looks like '{intent.label}' ({intent.why})")
        eir = [i for i in intents if self.kb.intents[i.key].regime == "eir" and i.score >= EIR_THRESHOLD]
        regime = "eir" if eir else "foia"
        for section, cues in self._exemption_cues.items():
            if self.kb.exemptions[section].regime != regime:
                continue
            hits = [cue for cue, pattern in cues if pattern.search(norm)]
            if hits:
                offer(section, 40 + 15 * min(len(hits), 4), f"cues: {', '.join(repr(h) for h in hits[:4])}")
        if matched and topics[0].score >= NAMED_TOPIC:
            top = self.kb.topics[topics[0].key]
            named = matched[0][1] != "keyword"  # a keyword alone says the subject is the same, not the report
            how = "" if named else " (the request shares its subject)"
            if top.status == "forthcoming" and "s22" in self.kb.exemptions:
                offer("s22", topics[0].score * (0.8 if named else KEYWORD_TOPIC),
                      f"'{top.title}' {FORTHCOMING} {top.planned}){how}")
                if is_research(top) and "s22A" in self.kb.exemptions:  # a research report: s22A as well as s22
                    offer("s22A", topics[0].score * (0.8 if named else KEYWORD_TOPIC),
                          f"'{top.title}' is research whose report {FORTHCOMING} {top.planned}){how}")
            elif top.status == "published" and "s21" in self.kb.exemptions and named:
                offer("s21", topics[0].score * 0.8, f"'{top.title}' is already published ({top.url or top.published})")
        if regime == "eir":  # environmental information: each FOIA exemption gives way to its EIR exception
            for key in [k for k in scores if self.kb.exemptions[k].regime == "foia"]:
                score, why, _ = scores.pop(key)
                target = self.kb.exemptions[key].eir_equivalent
                if target and scores.get(target, (0.0,))[0] < score:
                    scores[target] = (score, f"{why} (under the EIR, {target} instead of {key})", target)
        exemptions = [
            Suggestion(citation, self.kb.resolve(citation)[0].title, round(score, 1), why)
            for score, why, citation in sorted(scores.values(), key=lambda v: -v[0])
        ]
        found = Suggestions(topics=topics, intents=intents, exemptions=exemptions[:limit], regime=regime)
        found.notes = self.intent_notes(found, regime)
        return found


FORTHCOMING = "is not yet published (planned"
"""How the reason for s22 from a forthcoming topic reads (the suggester finds it by these words)."""
_RESEARCH = re.compile(r"\b(research\w*|stud(y|ies)|trials?|experiments?|clinical|cohort|phd|theses|thesis|"
                       r"dissertations?)\b")
_NOT_RESEARCH = re.compile(r"\b(feasibility|case|options|traffic|parking|scoping|desk|design|business) stud(y|ies)\b")
"""A study that is an appraisal (a feasibility or options study), not a programme of research."""


def is_research(topic: Topic) -> bool:
    """Whether a topic's own words say it is research (a study, a trial, its findings): a forthcoming one is then
    the report of a continuing programme of research, which section 22A protects as well as section 22."""
    words = _NOT_RESEARCH.sub(" ", " ".join([topic.title, topic.summary, *topic.aliases, *topic.keywords]).lower())
    return bool(_RESEARCH.search(words))


SECONDARY = 0.5
KEYWORD_TOPIC = 0.5
"""A forthcoming report whose subject the request shares (a keyword, not its name) counts this share of the topic's
score for s22: the figures asked for may be the ones about to be published. A published one gives no s21 so:
sharing a subject does not make the information asked for reasonably accessible."""
"""An intent's second and later exemptions count this share of its first (less the 15% a rank)."""


def _is_word(token: str) -> bool:
    """A token that can say what a request is about: not a number ("2023", "25", "5th")."""
    return not token[:1].isdigit()


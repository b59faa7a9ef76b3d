"""The small pattern language of the safety lexicons, compiled to regular expressions.

Clinicians and staff read and extend data/safety/<language>.yml, so a trigger is written as
words, not as a regular expression. Messages are normalised first (``normalise``): lower case,
no accents, no apostrophes ("can't" -> "cant", "j'arrive" -> "jarrive"), letters typed three or
more times once ("helppp" -> "help"), anything else but letters, digits and % a space.

A pattern is words separated by spaces; each word is one of:
  ``breathe``        that word
  ``breath*``        a word starting with it (breath, breathe, breathing, breathless)
  ``cant|cannot``    one of these words (each may end in ``*``)
  ``{chest}``        one of the phrases listed under ``words: chest:`` (each itself a pattern)
  ``a|{now}|#``      alternatives may mix words, groups and numbers (one word each: use a group
                     for alternatives of several words)
  ``word?``          an optional word (also ``{group}?`` and ``a|b?``)
  ``..``             up to four other words
  ``...``            up to ten other words
  ``^`` / ``$``      the start / end of the message
  ``#``              a number (digits, with an optional decimal part)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

NUMBER = r"\d+(?:\.\d+)?"
_GAPS = {"..": r"(?:\s+\S+){0,4}", "...": r"(?:\s+\S+){0,10}"}
# Anchored at a word start: the same matches, tried at far fewer places.
_LEADING_GAPS = {"..": r"(?<!\S)(?:\S+\s+){0,4}", "...": r"(?<!\S)(?:\S+\s+){0,10}"}
_REPEATS = re.compile(r"([a-z])\1{2,}")
_DECIMAL = re.compile(r"(\d)[.,](\d)")
# A temperature with its unit, glued or with a degree sign ("102F", "38.9°C", "39°"): "<number> temp",
# a word both lexicons' temperature readings know.
_TEMPERATURE_UNIT = re.compile(r"\b(\d{2,3}(?:\.\d+)?)(?:\s*°\s*[cf]?|[cf])(?![a-z0-9])")
# A multiple glued to its number ("3x normal", "x3 la normale"): "3 x", "x 3".
_GLUED_TIMES = re.compile(r"\b(\d+)x\b|\bx(\d+)\b")
# A dose glued to its unit ("10mg", "2.5ml"): "10 mg", so patterns can read the number and the unit.
_GLUED_UNIT = re.compile(r"\b(\d+(?:\.\d+)?)(mg|mcg|ml|kg)\b")
_NOT_WORD = re.compile(r"[^a-z0-9%.]+")
_LONE_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_GROUP = re.compile(r"^\{([a-z_]+)\}$")
_WORD = re.compile(r"^[a-z0-9%]+\*?$")


@dataclass(frozen=True)
class MessageWords:
    """A normalised message's words and every beginning of them, looked up by ``FirstWords``."""

    whole: frozenset[str]
    beginnings: frozenset[str]

    @classmethod
    def of(cls, text: str) -> MessageWords:
        words = set(re.findall(r"\w+", text))
        return cls(frozenset(words), frozenset(w[:end] for w in words for end in range(1, len(w) + 1)))


@dataclass(frozen=True)
class FirstWords:
    """The words a pattern's match can start with: whole words and beginnings ("breath*").

    A message holding none of them cannot match, so its regular expression, with its gaps of up to
    ten words, is not tried (bot/safety/lexicon.py, ``Indexed``)."""

    whole: frozenset[str]
    beginnings: frozenset[str]


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message names the pattern and what is wrong."""


def normalise(text: str, apostrophe: str = "") -> str:
    """What the lexicons read: see the module docstring (``apostrophe`` replaces apostrophes)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    for mark in "'’`":
        folded = folded.replace(mark, apostrophe)
    folded = folded.replace("œ", "oe")
    folded = _REPEATS.sub(r"\1", folded)
    folded = _DECIMAL.sub(r"\1.\2", folded)
    folded = _TEMPERATURE_UNIT.sub(r"\1 temp ", folded)
    folded = _GLUED_TIMES.sub(lambda m: f"{m.group(1)} x" if m.group(1) else f"x {m.group(2)}", folded)
    folded = _GLUED_UNIT.sub(r"\1 \2", folded)
    folded = folded.replace("%", " % ")
    folded = _LONE_DOTS.sub(" ", _NOT_WORD.sub(" ", folded))
    return " ".join(folded.split())


def _word(token: str) -> str:
    if not _WORD.match(token):
        raise PatternError(f"{token!r} is not a word (letters, digits or %, optionally ending in *)")
    if token.endswith("*"):
        return rf"\b{re.escape(token[:-1])}\w*"
    return rf"\b{re.escape(token)}\b"


class PatternCompiler:
    """Compiles patterns against one lexicon's word groups (groups may use other groups)."""

    def __init__(self, groups: Mapping[str, list[str]]) -> None:
        self.groups = groups
        self._compiled: dict[str, str] = {}
        self._expanding: set[str] = set()

    def group(self, name: str) -> str:
        if name in self._compiled:
            return self._compiled[name]
        if name not in self.groups:
            raise PatternError(f"unknown word group {{{name}}}; known: {sorted(self.groups)}")
        if name in self._expanding:
            raise PatternError(f"word group {{{name}}} refers to itself")
        self._expanding.add(name)
        alternatives = "|".join(self.body(phrase) for phrase in self.groups[name])
        self._expanding.discard(name)
        self._compiled[name] = f"(?:{alternatives})"
        return self._compiled[name]

    def choice(self, choice: str) -> str:
        if choice == "#":
            return rf"\b{NUMBER}\b"
        group = _GROUP.match(choice)
        return self.group(group.group(1)) if group else _word(choice)

    def token(self, token: str) -> str:
        return "(?:" + "|".join(self.choice(choice) for choice in token.split("|")) + ")"

    def body(self, pattern: str) -> str:
        """The regular expression for a pattern, without anchors or flags."""
        if not isinstance(pattern, str):
            raise PatternError(
                f"{pattern!r} is not a text (quote words YAML reads as other values: 'on', 'no', 'yes')"
            )
        tokens = pattern.split()
        if not tokens:
            raise PatternError("empty pattern")
        parts: list[str] = []
        glued = False  # the last part was an optional word at the start, carrying its own space
        for index, token in enumerate(tokens):
            if token in _GAPS:
                # A leading gap reaches back over words before the first one ("... years ago"); so do
                # several ("... ... fini depuis"), which otherwise never matched.
                leading = all(earlier in _GAPS for earlier in tokens[:index])
                parts.append(_LEADING_GAPS[token] if leading else _GAPS[token])
                continue
            if token == "^":
                parts.append("^")
                continue
            if token == "$":
                parts.append(r"\s*$")
                continue
            optional = token.endswith("?")
            if optional and not parts:
                raise PatternError(f"{pattern!r}: the first word cannot be optional")
            core = self.token(token[:-1] if optional else token)
            at_start = glued or not parts or parts[-1] in ("^", *_LEADING_GAPS.values())
            if optional and at_start:  # "... l? an": the word and its space are optional together
                parts.append(rf"(?:{core}\s+)?")
            elif optional:
                parts.append(rf"(?:\s+{core})?")
            else:
                separator = "" if at_start else r"\s+"
                parts.append(f"{separator}{core}")
            glued = optional and at_start
        return "".join(parts)

    def first_words(self, pattern: str) -> FirstWords | None:
        """What a match of ``pattern`` starts with, or None when it may start with any word (a
        leading gap, a number): such a pattern is always tried. Call after ``compile``."""
        tokens = [token for token in pattern.split() if token != "^"]
        if not tokens or tokens[0] in _GAPS:
            return None
        whole: set[str] = set()
        beginnings: set[str] = set()
        for choice in tokens[0].split("|"):
            group = _GROUP.match(choice)
            if group:
                found = [self.first_words(phrase) for phrase in self.groups[group.group(1)]]
                if any(each is None for each in found):
                    return None
                whole.update(*(each.whole for each in found if each))
                beginnings.update(*(each.beginnings for each in found if each))
            elif not re.fullmatch(r"[a-z0-9]+\*?", choice):
                return None  # a number, or a word that is not all letters and digits ("%")
            elif choice.endswith("*"):
                beginnings.add(choice[:-1])
            else:
                whole.add(choice)
        return FirstWords(frozenset(whole), frozenset(beginnings))

    def compile(self, pattern: str) -> re.Pattern[str]:
        try:
            return re.compile(self.body(pattern))
        except re.error as error:
            raise PatternError(f"{pattern!r}: {error}") from error

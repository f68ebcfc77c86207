"""A child's age told with a pronoun: "he is 6 weeks", "she's 8 months", "He's 4."

People asking someone to take their child name the child once ("my son", "my baby") and
give the age in the next sentence with he/she, too far from the child word to pair by
distance. The pronoun gives the sex, the phrase the age. Only a child's age counts: a bare
number needs the sentence to end right after it ("He's 4."), and pregnancies, durations
and comparisons ("she's 8 months pregnant", "he's 2 years older", "she is 5 minutes away")
are left alone; ages of 18 and more are adults. The post must speak of a child somewhere
("my son", "my baby", "my sister"): "our rescue bunny, Clover. She's 2" is a pet.
"""

from __future__ import annotations

import re

Record = tuple[int, int, str | None, int | None]

#: English number words of ages ("four months"), shared with :mod:`.children`.
EN_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
#: Days in each English age unit, shared with :mod:`.children`.
EN_AGE_UNITS = {
    "day": 1,
    "week": 7,
    "wk": 7,
    "month": 30,
    "mth": 30,
    "mo": 30,
    "year": 365,
    "yr": 365,
}
_PRONOUN_AGE = re.compile(
    r"(?<![a-z])(?P<pronoun>he|she)(?:['’]s| is)\s(?:only |just |now |about |almost )?"
    rf"(?P<n>\d{{1,2}}|{'|'.join(EN_NUMBER_WORDS)})"
    r"(?:\s?(?P<unit>day|week|wk|month|mth|mo|year|yr)s?(?:\s?old)?(?![a-z])"
    r"(?!\s?(?:pregnant|along|ago|later|older|younger|late|early|behind))"
    # a bare number is an age only at the end of its sentence: "He's 4." / "she's 3 now"
    r"|(?=\s?(?:[.,!;)\n]|now\b|$)))"
)
_MAX_DAYS = 18 * 365
_CHILD = re.compile(
    r"(?<![a-z])(?:bab(?:y|ies)|son|daughter|kids?|child|children|boy|girl|sister|brother"
    r"|toddler|infant|newborn|lo)(?![a-z])"
)


def with_pronoun_ages(text: str, found: list[Record]) -> list[Record]:
    """``found`` plus the children aged with a pronoun, which replace what they overlap (the
    bare "6 weeks" of "he is 6 weeks" found without a sex)."""
    if not ("he's" in text or "he is" in text or "he’s" in text):
        return found  # substring tests first ("she" holds "he"): most posts stop here
    if _CHILD.search(text) is None:
        return found
    for match in _PRONOUN_AGE.finditer(text):
        n = match["n"]
        count = int(n) if n.isdigit() else EN_NUMBER_WORDS[n]
        days = count * EN_AGE_UNITS[match["unit"]] if match["unit"] else count * 365
        if days >= _MAX_DAYS or (not match["unit"] and count == 0):
            continue
        start, end = match.span()
        sex = "male" if match["pronoun"] == "he" else "female"
        found = [record for record in found if record[1] <= start or record[0] >= end]
        found.append((start, end, sex, days))
    found.sort()
    return found

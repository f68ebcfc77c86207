"""Checks that tell a contact number from a number that only looks like one.

Phone validity comes from ``phonenumbers`` (Google's libphonenumber metadata), which knows
the allocated Chinese mobile blocks (138/166/192/199 valid; 148/100/128 not). Bank cards
must pass the Luhn check; ID-card numbers (GB 11643: birth date + ISO 7064 MOD 11-2 check
character) and dates are recognised so that they are never reported as contacts.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import phonenumbers

_E164 = phonenumbers.PhoneNumberFormat.E164
_CN_MOBILE = re.compile(r"1[3-9]\d{9}")
_AREA_GROUP = re.compile(r"0\d{2,3}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _parse(number: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None


def _number(country_code: int, national: str) -> phonenumbers.PhoneNumber:
    """Build the number directly: ``parse`` costs ~3x the validity check itself, and for the
    plans we read without a ``+`` we already know the country code and national number."""
    return phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))


def _nanp_grouped(groups: tuple[str, ...]) -> bool:
    """``(555) 201-3344`` / ``555-201-3344`` / ``1 555 201 3344``: the North American layout."""
    lengths = tuple(len(g) for g in groups)
    return lengths == (3, 3, 4) or (lengths == (1, 3, 3, 4) and groups[0] == "1")


def _layout_ok(number: str, groups: tuple[str, ...]) -> bool:
    """Written the way people write their own number: with the national trunk ``0``
    ("07700 900417", "0803 000 0194") or in groups ("9000 0147")."""
    return number.startswith("0") or len(groups) > 1


@lru_cache(maxsize=65536)
def phone_e164(
    digits: str, groups: tuple[str, ...], plus: bool, region: str, cued: bool = False
) -> str | None:
    """The E.164 form of a written phone number, or None when it is not one.

    - ``+`` written before the digits: any country, must be valid.
    - Chinese mobile (optionally 86/0086 before it): must be a valid number, except that in a
      post read under another plan ``1-800-555-0100`` (the North American layout) is not one.
    - ``region == "CN"``: Chinese landline (leading 0 + area code), valid, or possible when
      the area code is written as its own group (``0755-1234567``: older 7-digit subscriber
      numbers, which the metadata no longer lists, are still how people write them) and the
      subscriber number does not start with 0 (no local number does); Chinese
      400/800 service numbers (10 digits).
    - Otherwise the ``region`` numbering plan: valid, or possible when written in the North
      American layout (so fictional 555 numbers written as numbers are still found), or
      possible when the post itself names the region (``cued``: "£", "Lagos", "RM") and the
      number is written with its trunk 0 or in groups — fictional numbers in the ranges set
      aside for drama (UK 07700 900xxx) are possible but not valid.
    """
    if plus:
        parsed = _parse("+" + digits, None)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, _E164)
        return None
    number = digits.removeprefix("00")
    if number.startswith("86") and len(number) == 13:
        number = number[2:]
    nanp_layout = _nanp_grouped(groups)
    if _CN_MOBILE.fullmatch(number) and (region == "CN" or len(groups) != 4 or not nanp_layout):
        valid = phonenumbers.is_valid_number(_number(86, number))
        return f"+86{number}" if valid else None
    if region == "CN":
        return _chinese_fixed(number, groups)
    if len(number) == 11 and number[0] == "1" and not nanp_layout:
        return None  # Chinese-mobile shaped: an unallocated block, not a US "1 + 10 digits"
    if region in ("US", "CA"):
        if len(number) not in (10, 11) or (len(number) == 11 and number[0] != "1"):
            return None
        other: phonenumbers.PhoneNumber | None = _number(1, number[-10:])
    elif 7 <= len(number) <= 13:
        other = _parse(number, region)
    else:
        return None
    if other is None:
        return None
    if phonenumbers.is_valid_number(other) or (
        phonenumbers.is_possible_number(other)
        and (nanp_layout or (cued and _layout_ok(number, groups)))
    ):
        return phonenumbers.format_number(other, _E164)
    return None


@lru_cache(maxsize=4096)
def is_valid_e164(number: str) -> bool:
    """``+…`` is a number allocated in its country's plan (not merely of a possible length)."""
    parsed = _parse(number, None)
    return parsed is not None and phonenumbers.is_valid_number(parsed)


def _chinese_fixed(number: str, groups: tuple[str, ...]) -> str | None:
    """A Chinese landline (0 + area code + subscriber) or 400/800 service number."""
    if number.startswith("0") and 10 <= len(number) <= 12:
        landline = _number(86, number[1:])
        if phonenumbers.is_valid_number(landline):
            return f"+86{number[1:]}"
        area = groups[0] if len(groups) > 1 else ""
        if (
            _AREA_GROUP.fullmatch(area) is not None
            and number[len(area)] != "0"
            and phonenumbers.is_possible_number(landline)
        ):
            return f"+86{number[1:]}"
        return None
    if len(number) == 10 and number[:3] in ("400", "800"):
        service = _number(86, number)  # nationwide 400/800 service lines
        return f"+86{number}" if phonenumbers.is_valid_number(service) else None
    return None


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check every bank card number carries in its last digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_date_digits(digits: str) -> bool:
    """``20140130``-style dates (years 1900–2099) that must not become QQ numbers."""
    if len(digits) != 8 or digits[:2] not in ("19", "20"):
        return False
    try:
        dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return True


def is_id_card(number: str) -> bool:
    """A mainland resident ID number: 6-digit area, birth date, sequence, MOD 11-2 check."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if not is_date_digits(number[6:14]):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def is_qq(digits: str) -> bool:
    """QQ numbers: 5–11 digits, no leading zero, and not a date."""
    return 5 <= len(digits) <= 11 and digits[0] != "0" and not is_date_digits(digits)

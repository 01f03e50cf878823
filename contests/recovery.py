"""Recovery codes: the secret that brings a registration back on another device (issue 11.4).

Knowing a person's phone number and date of birth proves nothing (anyone may
know them), so neither brings a registration back. A code of 10 characters
from an alphabet without look-alikes (no 0/O, 1/I/L) is shown once at
registration and sent to the e-mail address if one was given; the database
keeps only its HMAC (keyed with SECRET_KEY, bound to the contest and phone),
so a copy of the database restores nobody. 31^10 ≈ 8·10^14 codes against
CONTEST_RATE_LIMITS["restore"] guesses per phone and hour: no one guesses one.
"""

import re
import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
SALT = "contests.recovery"


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code):
    """As shown and mailed: two groups of five, easier to copy by hand."""
    return f"{code[:5]}-{code[5:]}"


def normalise(raw):
    """What a person types: spaces, dashes and case do not matter."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def digest(*, contest_id, phone, code):
    return salted_hmac(SALT, f"{contest_id}:{phone}:{code}", algorithm="sha256").hexdigest()


def matches(*, stored, contest_id, phone, code):
    """Constant-time; an empty stored hash (no code yet) matches nothing."""
    expected = digest(contest_id=contest_id, phone=phone, code=normalise(code))
    return bool(stored) & constant_time_compare(stored or "0" * 64, expected)

"""Which participant this browser is, per contest: a signed cookie, no server state.

A citizen has no account. Registration (or coming back on another device with
the phone and the recovery code shown at registration, recovery.py) gives the
browser a cookie signed with SECRET_KEY that
names the participant per contest: "contest_id:participant_id,…". It cannot
be forged or edited, and reading it costs no query: the quiz's start, page,
autosave and submit are the portal's busiest requests, and the database
session they used to read cost a query on each (docs/decisions.md, issue 6).
"""

from django.conf import settings
from django.core import signing

COOKIE = "cuocthi"
SALT = "contests.identity"


def _known(request):
    raw = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=settings.CONTEST_IDENTITY_COOKIE_AGE)
    known = {}
    for pair in raw.split(","):
        contest_id, _, participant_id = pair.partition(":")
        if contest_id.isdigit() and participant_id.isdigit():
            known[int(contest_id)] = int(participant_id)
    return known


def participant_id(request, contest_id):
    """The id of the participant this browser registered as in that contest, or None."""
    return _known(request).get(contest_id)


def cookie_value(known):
    """The signed value for {contest_id: participant_id} (what set_signed_cookie stores)."""
    raw = ",".join(f"{contest_id}:{participant_id}" for contest_id, participant_id in sorted(known.items()))
    return signing.get_cookie_signer(salt=COOKIE + SALT).sign(raw)


def _store(request, response, known):
    if not known:
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    response.set_cookie(
        COOKIE, cookie_value(known), max_age=settings.CONTEST_IDENTITY_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def remember(request, response, participant):
    known = _known(request)
    known[participant.contest_id] = participant.pk
    _store(request, response, known)


def forget(request, response, contest_id):
    known = _known(request)
    known.pop(contest_id, None)
    _store(request, response, known)

"""Signed links: nobody can make or alter one without the secret key.

* The confirmation link carries the subscriber's id and ``confirm_nonce``; it expires
  (``conf.confirm_max_age``) and works once, because confirming clears the nonce.
* The personal link (manage, one-click unsubscribe) carries the id and ``manage_key``; it
  is in every e-mail and does not expire. Erasing the subscriber makes it worthless.
"""

import re
from dataclasses import dataclass

from django.core import signing

from subscriptions import conf
from subscriptions.models import Subscriber

CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"
# What ``new_key()`` makes (``secrets.token_urlsafe``), empty for a used confirmation link.
KEY_RE = re.compile(r"[A-Za-z0-9_-]{0,32}")
MAX_ID = 2**63 - 1  # a primary key the database can hold


class TokenProblem(Exception):
    """Why a link does not work: ``code`` is ``invalid``, ``expired`` or ``used``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class _Payload:
    subscriber_id: int
    key: str


def confirm_token_make(*, subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.confirm_nonce], salt=CONFIRM_SALT)


def manage_token_make(*, subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.manage_key], salt=MANAGE_SALT)


def _load(token: str, *, salt: str, max_age=None) -> _Payload:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenProblem("expired") from None
    except signing.BadSignature:
        raise TokenProblem("invalid") from None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        raise TokenProblem("invalid")
    # Only ever what we sign; checked all the same, so no value can reach the database unfit
    # for it (a NUL in the key, an id past bigint) even if the signing key leaked.
    if isinstance(value[0], bool) or not 0 < value[0] <= MAX_ID or not KEY_RE.fullmatch(value[1]):
        raise TokenProblem("invalid")
    return _Payload(subscriber_id=value[0], key=value[1])


def confirm_token_read(token: str) -> Subscriber:
    """The subscriber a confirmation link is for, or ``TokenProblem``."""
    payload = _load(token, salt=CONFIRM_SALT, max_age=conf.confirm_max_age())
    subscriber = Subscriber.objects.filter(pk=payload.subscriber_id).first()
    if subscriber is None:
        raise TokenProblem("invalid")
    if not payload.key or subscriber.confirm_nonce != payload.key:
        raise TokenProblem("used")
    return subscriber


def manage_token_read(token: str) -> Subscriber:
    """The subscriber a personal link is for, or ``TokenProblem``."""
    payload = _load(token, salt=MANAGE_SALT)
    subscriber = Subscriber.objects.filter(pk=payload.subscriber_id, manage_key=payload.key).first()
    if subscriber is None:
        raise TokenProblem("invalid")
    return subscriber

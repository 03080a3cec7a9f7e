"""The account e-mails (confirmation, "already subscribed", personal link) and their task.

Kept apart from ``tasks.py`` so that ``services.py`` can queue them without importing the
module whose tasks call ``services`` (no import circle).
"""

import logging

from django.utils import timezone
from django_tasks import task

from subscriptions import conf, mail
from subscriptions.models import Subscriber
from subscriptions.privacy import mask_email
from vastkom.core.privacy import mask_addresses

logger = logging.getLogger(__name__)

ACCOUNT_MESSAGES = {
    "confirm": mail.confirm_message,
    "already": mail.already_message,
    "manage": mail.manage_link_message,
}


class AccountEmailNotSent(Exception):
    """A confirmation or personal-link e-mail that failed; its text has addresses masked."""


@task()
def account_email_send(*, subscriber_id: int, kind: str, attempt: int = 1) -> bool:
    """The confirmation, "already subscribed" or personal-link e-mail.

    A failed send (the mail server away, a refusal) is tried again with back-off
    (``conf.account_retry_delay``: 1, 4, 16, 64 minutes) up to ``conf.max_attempts()`` times,
    as a new task; this run is recorded as failed, with the error's addresses masked.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:  # erased or purged meanwhile
        return False
    try:
        ACCOUNT_MESSAGES[kind](subscriber).send()
    except Exception as exc:  # noqa: BLE001 - any failure is tried again later
        error = mask_addresses(f"{type(exc).__name__}: {exc}")[:1000]
        masked = mask_email(subscriber.email)
        if attempt < conf.max_attempts() and account_email_send.get_backend().supports_defer:
            retry_at = timezone.now() + conf.account_retry_delay(attempt)
            account_email_send.using(run_after=retry_at).enqueue(
                subscriber_id=subscriber_id, kind=kind, attempt=attempt + 1
            )
            logger.warning(
                "The %s e-mail to %s failed (try %d), again at %s: %s", kind, masked, attempt, retry_at, error
            )
        else:
            logger.error("The %s e-mail to %s failed for good (try %d): %s", kind, masked, attempt, error)
        raise AccountEmailNotSent(error) from None
    logger.info("Sent %s e-mail to %s", kind, mask_email(subscriber.email))
    return True

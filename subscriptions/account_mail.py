"""The account e-mails (confirmation, "already subscribed", personal link) and their task.

Kept apart from ``tasks.py`` so that ``services.py`` can queue them without importing the
module whose tasks call ``services`` (no import circle).
"""

import logging

from django_tasks import task

from subscriptions import mail
from subscriptions.models import Subscriber
from subscriptions.privacy import mask_email

logger = logging.getLogger(__name__)

ACCOUNT_MESSAGES = {
    "confirm": mail.confirm_message,
    "already": mail.already_message,
    "manage": mail.manage_link_message,
}


@task()
def account_email_send(*, subscriber_id: int, kind: str) -> bool:
    """The confirmation, "already subscribed" or personal-link e-mail."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:  # erased or purged meanwhile
        return False
    ACCOUNT_MESSAGES[kind](subscriber).send()
    logger.info("Sent %s e-mail to %s", kind, mask_email(subscriber.email))
    return True

"""Mail backends for tests: one that refuses chosen addresses, one that counts across threads."""

import smtplib
import threading
from collections import Counter

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """Like locmem, but raises the SMTP error a real server gives for addresses in ``refuse``."""

    def __init__(self, refuse=(), **kwargs):
        super().__init__(**kwargs)
        self.refuse = set(refuse)

    def send_messages(self, messages):
        for message in messages:
            if message.to[0] in self.refuse:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (451, b"4.3.0 try again later")})
            mail.outbox.append(message)
        return len(messages)


class CountingBackend(BaseEmailBackend):
    """Counts deliveries per address, safely from several threads."""

    lock = threading.Lock()
    sent: Counter = Counter()

    def send_messages(self, messages):
        with self.lock:
            for message in messages:
                self.sent[message.to[0]] += 1
        return len(messages)

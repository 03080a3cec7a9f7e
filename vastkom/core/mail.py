"""The site's SMTP backend: Django's, for sending many messages over one connection.

Django cleans the sender and every recipient address with the ``email`` package's header
parser on each message; in a fan-out of thousands of copies that parsing cost more than
the SMTP exchange itself. The same (address, encoding) always gives the same result, so
the results are remembered. Everything else is Django's ``_send`` unchanged.
"""

import functools
import smtplib

from django.conf import settings
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address


@functools.lru_cache(maxsize=4096)
def sanitized(address: str, encoding: str) -> str:
    return sanitize_address(address, encoding)


class SMTPBackend(smtp.EmailBackend):
    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitized(email_message.from_email, encoding)
        recipients = [sanitized(addr, encoding) for addr in email_message.recipients()]
        message = email_message.message()
        try:
            self.connection.sendmail(from_email, recipients, message.as_bytes(linesep="\r\n"))
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True

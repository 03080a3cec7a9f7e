"""Personal data out of logs and stored errors: e-mail addresses are masked.

``mask_email`` masks one address; ``mask_addresses`` masks every address in a text (an
exception message, a traceback, a log line); ``MaskEmailAddresses`` is the logging filter
on every handler (settings.LOGGING), so nothing a library logs prints an address either.
"""

import logging
import re

# Local part, then "@" (or "%40" in a URL), then a domain with at least one dot.
EMAIL_RE = re.compile(r"[\w.!#$*+\-^`|~]+(?:@|%40)(?:[\w-]+\.)+[\w-]{2,}")


def mask_email(email: str) -> str:
    """``anna.berg@example.se`` -> ``an***@example.se``; enough to tell cases apart in a log."""
    local, _, domain = (email or "").replace("%40", "@").partition("@")
    if not domain:
        return "***"
    return f"{local[:2]}***@{domain.lower()}"


def mask_addresses(text: str) -> str:
    """``text`` with every e-mail address in it masked."""
    return EMAIL_RE.sub(lambda match: mask_email(match.group(0)), text) if text else text


class MaskEmailAddresses(logging.Filter):
    """Masks addresses in a record's message, its traceback and its stack before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logged as it is
            message = None
        if message is not None:
            masked = mask_addresses(message)
            if masked != message:
                record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_addresses(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_addresses(record.stack_info)
        return True

"""Personal data out of logs: e-mail addresses are masked before they are logged."""

from django.utils.crypto import salted_hmac


def mask_email(email: str) -> str:
    """``anna.berg@example.se`` -> ``an***@example.se``; enough to tell cases apart in a log."""
    local, _, domain = (email or "").partition("@")
    if not domain:
        return "***"
    return f"{local[:2]}***@{domain.lower()}"


def email_digest(email: str) -> str:
    """A keyed, non-reversible name for an address (rate-limit keys); needs the secret key to make."""
    return salted_hmac("subscriptions.email", email.strip().lower()).hexdigest()[:32]

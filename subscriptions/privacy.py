"""Personal data out of logs: e-mail addresses are masked before they are logged."""

from django.utils.crypto import salted_hmac

from vastkom.core.privacy import mask_email  # noqa: F401 - the masking is the kernel's


def email_digest(email: str) -> str:
    """A keyed, non-reversible name for an address (rate-limit keys); needs the secret key to make."""
    return salted_hmac("subscriptions.email", email.strip().lower()).hexdigest()[:32]

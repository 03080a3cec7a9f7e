"""Personal data out of logs: e-mail addresses are masked before they are logged."""


def mask_email(email: str) -> str:
    """``anna.berg@example.se`` -> ``an***@example.se``; enough to tell cases apart in a log."""
    local, _, domain = (email or "").partition("@")
    if not domain:
        return "***"
    return f"{local[:2]}***@{domain.lower()}"

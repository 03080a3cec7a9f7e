"""The visitor's IP address, trusting forwarding headers only as far as the deployment says.

``settings.TRUSTED_PROXIES`` (env ``DJANGO_TRUSTED_PROXIES``) is how many proxies of our own
stand in front of the app server. With 0 (the default) the visitor is ``REMOTE_ADDR`` and
``X-Forwarded-For`` is ignored: anyone can write that header. With N, each of our proxies
appended the address it saw, so the visitor is the N-th entry from the end of
``X-Forwarded-For`` (or of the header named by ``settings.CLIENT_IP_HEADER``); whatever a
visitor wrote further left is never read, so rotating it changes nothing.

Rate limits (``subscriptions/ratelimit.py``) and the login lock-out (django-axes,
``AXES_CLIENT_IP_CALLABLE``) both count with this one function.
"""

import ipaddress

from django.conf import settings


def _normalised(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The visitor's address as our outermost trusted proxy saw it; ``None`` if there is none."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    chain = []
    if proxies > 0:
        header = getattr(settings, "CLIENT_IP_HEADER", "") or "HTTP_X_FORWARDED_FOR"
        chain = [part for part in request.META.get(header, "").split(",") if part.strip()]
    chain.append(remote)
    # chain[-1] is REMOTE_ADDR (our nearest proxy when there are any); each proxy before it
    # appended one entry, so the visitor is proxies entries further left.
    index = max(len(chain) - 1 - proxies, 0)
    return _normalised(chain[index]) or _normalised(remote)

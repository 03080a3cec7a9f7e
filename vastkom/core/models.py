"""The kernel's models, each defined in the module of its feature."""

from vastkom.core.redirects.models import Redirect

__all__ = ["Redirect"]

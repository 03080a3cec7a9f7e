"""The kernel's models, each defined in the module of its feature."""

from vastkom.core.previews.models import PreviewLink
from vastkom.core.redirects.models import Redirect

__all__ = ["PreviewLink", "Redirect"]

"""Redirects: old addresses of moved pages answer 301 to where the page is now.

``models.Redirect`` is one row per old path. ``services.following_moves`` wraps a save and
records the move of a page that has been public; ``middleware.RedirectFallbackMiddleware``
looks a path up only when the site answered 404, so ordinary pages pay nothing.
"""

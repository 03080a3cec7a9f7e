"""Preview links: a signed, expiring, revocable address that shows an item's current draft to
anyone who has it, without an account (a colleague in a member municipality).

Content types opt in with ``registry.register(Model, DetailView)`` (in their ``AppConfig.ready``):
the link renders the item with its own detail view and template, so the preview is the page.
"""

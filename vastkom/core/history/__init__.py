"""Version history for content: every save through the admin keeps a version; editors see
who changed what and when, compare two versions field by field and restore an old one as a
new save (history only grows).

Stored by django-reversion: one ``Version`` per save holding the item's fields and its
many-to-many relations (topics, contacts, related topics) as one JSON document, grouped in a
``Revision`` with the user, the time and the admin's change message. Content types opt in with
``registry.register(Model)`` (in their ``AppConfig.ready``) and ``admin.HistoryAdminMixin``.
"""

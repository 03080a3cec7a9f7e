"""WCAG fixes for Django's own admin widgets, for the admin screens this project adds or changes.

Django's admin leaves a few things axe-core reports (WCAG 2.1 A/AA): breadcrumb links told
apart by colour alone, and no accessible name on an autocomplete's search field or on the
date and time parts of a date-time field. ``AdminA11yMixin`` adds a small stylesheet and
script (``static/admin/vastkom/``) to an admin's pages; the browser tests run axe on them.
"""


class AdminA11yMixin:
    class Media:
        css = {"all": ["admin/vastkom/a11y.css"]}
        js = ["admin/vastkom/a11y.js"]

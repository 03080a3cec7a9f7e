from vastkom.core.siteurl import site_url


def site(request):
    """Site facts for every template (the menu is the ``site_menu`` tag's, ``site_tags``)."""
    return {"SITE_URL": site_url()}

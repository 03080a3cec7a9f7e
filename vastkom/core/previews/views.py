"""The page behind a preview link: the item's own detail page, marked as a preview.

Every answer here is personal to whoever holds the link: never stored by any cache
(``private, no-store``), never indexed (``X-Robots-Tag`` and the page's robots meta), and the
address is not passed on to other sites (``Referrer-Policy: no-referrer``).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from vastkom.core.drafts import has_pending_changes
from vastkom.core.previews import registry
from vastkom.core.previews.models import PreviewLink


def private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def preview_link(request, token):
    link_id = PreviewLink.id_from_token(token)
    if link_id is None:
        raise Http404("Okänd förhandsvisningslänk")
    link = PreviewLink.objects.filter(pk=link_id).first()
    if link is None:
        raise Http404("Okänd förhandsvisningslänk")
    model = ContentType.objects.get_for_id(link.content_type_id).model_class()
    view_class = registry.view_for(model)
    obj = model._default_manager.filter(pk=link.object_id).first() if view_class else None
    context = {"link": link, "preview_link": link}
    if obj is None or not link.is_active:
        return private(render(request, "core/previews/gone.html", context, status=410))
    if obj.is_published and not has_pending_changes(obj):
        # Named as the public page is now: the link may have been made before its title changed.
        context.update(public_url=obj.get_absolute_url(), public_title=str(obj))
        return private(render(request, "core/previews/not_needed.html", context))
    response = view_class.as_view(preview_link=link)(request, pk=obj.pk)
    return private(response)

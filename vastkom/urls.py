from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from vastkom import search, views
from vastkom.editor.uploads import upload_urlpatterns

admin.site.site_header = "VästKom webb"
admin.site.site_title = "VästKom webb"
admin.site.index_title = "Redigera webbplatsen"

urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", search.search, name="search"),
    path("nyheter/", include("articles.urls")),
    path("amnen/", include("topics.urls")),
    path("prenumeration/", include("subscriptions.urls")),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(upload_urlpatterns)),
]

if settings.DEBUG:
    # Uploaded media on the local demo; production serves /media/ from the web server or S3.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "vastkom.views.page_not_found"
handler500 = "vastkom.views.server_error"

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from vastkom.core.editor.uploads import upload_urlpatterns
from vastkom.core.views import DocumentFileView
from vastkom.site import search, views
from vastkom.site.feeds import LatestNewsFeed, TopicNewsFeed
from vastkom.site.sitemaps import robots_txt, sitemap_index, sitemap_section

urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", search.search, name="search"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility-statement"),
    # Before the article and topic URLs: "rss" is not an article's slug.
    path("nyheter/rss/", LatestNewsFeed(), name="news-feed"),
    path("amnen/<slug:slug>/rss/", TopicNewsFeed(), name="topic-feed"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>-<int:page>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots"),
    path("nyheter/", include("articles.urls")),
    path("amnen/", include("topics.urls")),
    path("prenumeration/", include("subscriptions.urls")),
    path("forhandsvisning/", include("vastkom.core.previews.urls")),
    path("dokument/<int:pk>/", DocumentFileView.as_view(), name="document"),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(upload_urlpatterns)),
]

if settings.DEBUG:
    # Uploaded media on the local demo; production serves /media/ from the web server or S3.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "vastkom.site.views.page_not_found"
handler500 = "vastkom.site.views.server_error"

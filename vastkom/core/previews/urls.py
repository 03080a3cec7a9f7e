from django.urls import path

from vastkom.core.previews import views

urlpatterns = [path("<str:token>/", views.preview_link, name="preview-link")]

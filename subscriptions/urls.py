from django.urls import path

from subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("skickat/", views.subscribe_done, name="subscribe-done"),
    path("bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("hantera/<str:token>/", views.manage, name="manage"),
    path("radera/<str:token>/", views.erase, name="erase"),
    path("avsluta/", views.unsubscribe_request, name="unsubscribe"),
    path("avsluta/skickat/", views.unsubscribe_done, name="unsubscribe-done"),
    path("avsluta/<str:token>/", views.one_click, name="one-click"),
]

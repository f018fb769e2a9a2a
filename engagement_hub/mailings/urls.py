"""Public URLs (mounted inside i18n_patterns, so every page has its language)."""

from django.urls import path

from . import views

app_name = "engagement_hub_mailings"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("thanks/", views.subscribe_done, name="subscribe_done"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

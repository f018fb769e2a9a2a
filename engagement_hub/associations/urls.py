"""Public URLs (mounted inside i18n_patterns, e.g. at ``club-entry/``)."""

from django.urls import path

from . import views

app_name = "engagement_hub_associations"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm_entry, name="confirm_entry"),
]

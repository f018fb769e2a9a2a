"""Public URLs of the clubs' self-service (mounted inside i18n_patterns with
``path("", include("engagement_hub.associations.urls"))``): the representative's
invitation and the freshness confirmation."""

from django.urls import path

from . import views

app_name = "engagement_hub_associations"

urlpatterns = [
    path("club-invitation/<str:token>/", views.accept, name="accept"),
    path("club-entry/confirm/<str:token>/", views.confirm_entry, name="confirm_entry"),
]

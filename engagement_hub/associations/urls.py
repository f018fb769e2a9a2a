from django.urls import path

from . import views

app_name = "engagement_hub_associations"

urlpatterns = [
    path("<str:token>/", views.accept, name="accept"),
]

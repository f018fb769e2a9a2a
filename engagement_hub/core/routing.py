"""Routing to a child page in one query.

Wagtail's ``Page.route`` finds the child by slug as a plain ``Page`` and then loads
its ``specific`` version: two queries for every index page a URL passes. An index
whose children are all of one type (``subpage_types``) can load the child as that
type at once (``ChildRouteMixin``); a child of another type (created before the
restriction) takes Wagtail's way.
"""

from __future__ import annotations

from django.apps import apps


class ChildRouteMixin:
    """For a page model whose children are ``child_route_model`` pages ("app.Model").
    Put it after ``RoutablePageMixin`` in the bases, so that the page's own routes
    keep their precedence over its children."""

    child_route_model: str = ""

    def route(self, request, path_components):
        if path_components and self.child_route_model:
            model = apps.get_model(self.child_route_model)
            child = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                # As Wagtail does: the parent needs no query of its own.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

"""Routing to a child page in one query.

Wagtail's ``Page.route`` finds the child by slug as a plain ``Page`` and then loads
its ``specific`` version: two queries for every index page a URL passes. An index
whose children are all of one type (``subpage_types``) can load the child as that
type at once (``ChildRouteMixin``); a child of another type (created before the
restriction) takes Wagtail's way. An index with children of several types (a home
page) reads the child's type from a cached hint (``HintedChildRouteMixin``).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType


def route_to_child(parent, child, request, path_components):
    """Route the rest of the path through ``child``, found below ``parent`` with
    its specific type. As Wagtail does, the child knows its parent without a
    query of its own."""
    child._cached_parent_obj = parent
    return child.route(request, path_components)


class ChildRouteMixin:
    """For a page model whose children are ``child_route_model`` pages ("app.Model").
    Put it after ``RoutablePageMixin`` in the bases, so that the page's own routes
    keep their precedence over its children."""

    child_route_model: str = ""

    def route(self, request, path_components):
        if path_components and self.child_route_model:
            model = apps.get_model(self.child_route_model)
            # What the child's page shows of its foreign keys comes along
            # (``route_select_related`` on the child model).
            child = (
                model.objects.child_of(self)
                .select_related(*getattr(model, "route_select_related", ()))
                .filter(slug=path_components[0])
                .first()
            )
            if child is not None:
                return route_to_child(self, child, request, path_components[1:])
        return super().route(request, path_components)


class HintedChildRouteMixin:
    """For a page whose children are of several types (a home page, with the
    directories, the calendar and the standard pages below it): the type of the
    child a URL names is read from a cached map of the children's slugs (renewed
    with the page frame, ``chrome_cache``), so the child is loaded as its specific
    type in one query instead of two.

    The map is only a hint: the child is loaded by its pk *and* its slug, parent
    path and depth, so a stale entry (a page renamed, moved or deleted since) finds
    nothing and the route falls back to Wagtail's. A new child that the map does not
    know yet takes Wagtail's way too."""

    def route(self, request, path_components):
        if path_components:
            slug = path_components[0]
            hint = self._child_route_hints().get(slug)
            if hint is not None:
                model = ContentType.objects.get_for_id(hint[1]).model_class()
                child = (
                    model.objects.filter(
                        pk=hint[0],
                        slug=slug,
                        depth=self.depth + 1,
                        path__startswith=self.path,
                    ).first()
                    if model is not None
                    else None
                )
                if child is not None:
                    return route_to_child(self, child, request, path_components[1:])
        return super().route(request, path_components)

    def _child_route_hints(self) -> dict[str, tuple[int, int]]:
        from .chrome_cache import cached

        def compute():
            return {
                slug: (pk, content_type_id)
                for slug, pk, content_type_id in self.get_children().values_list(
                    "slug", "pk", "content_type_id"
                )
            }

        return cached("child-routes", (self.pk,), compute)

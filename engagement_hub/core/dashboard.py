"""Panels of the editors' dashboard (Wagtail's home page).

Each domain app adds its own panel from its own ``wagtail_hooks.py`` through
Wagtail's ``construct_homepage_panels`` hook, only for users who may see its data::

    @hooks.register("construct_homepage_panels")
    def add_panel(request, panels):
        if request.user.has_perm("app.view_thing"):
            panels.append(DashboardPanel(name="things", heading=_("..."), order=150,
                                         items=[DashboardItem(label, url, detail)],
                                         more_url=..., empty=_("...")))

Keep each panel to one or two queries (a count and the first few rows)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from wagtail.admin.ui.components import Component

# Rows a panel lists before its "show all" link.
PANEL_ROWS = 5


@dataclass
class DashboardItem:
    label: str
    url: str = ""
    detail: str | Promise = ""


class DashboardPanel(Component):
    template_name = "engagement_hub/core/admin/dashboard_panel.html"

    def __init__(
        self,
        *,
        name: str,
        heading,
        items,
        order: int = 150,
        total: int | None = None,
        more_url: str = "",
        more_label="",
        empty="",
    ):
        self.name = name
        self.heading = heading
        self.items = list(items)
        self.order = order
        self.total = len(self.items) if total is None else total
        self.more_url = more_url
        self.more_label = more_label
        self.empty = empty

    def get_context_data(self, parent_context=None):
        return {"panel": self}

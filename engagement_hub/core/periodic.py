"""The Celery beat schedule, contributed by the installed apps.

Each app declares its jobs on its ``AppConfig`` as ``periodic_tasks``: a mapping of a
unique entry name to a beat entry (``{"task": "<task name>", "schedule": <seconds
or crontab>}``). Settings cannot ask Django's app registry (it is not ready yet), so
this reads the config classes in the ``apps`` module of each installed hub app
(the ``engagement_hub`` package's; other apps' modules are not imported while
settings load). A new domain adds its jobs in its own ``apps.py``; no settings file
needs editing. A site adds jobs of its own to ``CELERY_BEAT_SCHEDULE`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from inspect import isclass

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


def _config_classes(entry: str) -> list[type[AppConfig]]:
    """The config classes of an INSTALLED_APPS entry (a module or a config path)."""
    try:
        module = import_module(f"{entry}.apps")
    except ModuleNotFoundError as error:
        if error.name not in {entry, f"{entry}.apps"}:
            raise
    else:
        return [
            value
            for value in vars(module).values()
            if isclass(value)
            and issubclass(value, AppConfig)
            and getattr(value, "name", None) == entry
        ]
    module_name, _, class_name = entry.rpartition(".")
    if not module_name:
        return []
    try:
        candidate = getattr(import_module(module_name), class_name, None)
    except ModuleNotFoundError:
        return []
    if isclass(candidate) and issubclass(candidate, AppConfig):
        return [candidate]
    return []


def beat_schedule(
    installed_apps: Iterable[str], packages: tuple[str, ...] = ("engagement_hub",)
) -> dict[str, dict]:
    """Every periodic job of the installed apps of ``packages``, in app order."""
    schedule: dict[str, dict] = {}
    for entry in installed_apps:
        if entry.split(".")[0] not in packages:
            continue
        for config in _config_classes(entry):
            for name, job in getattr(config, "periodic_tasks", {}).items():
                if name in schedule:
                    raise ImproperlyConfigured(
                        f"Periodic task {name!r} of {config.name} is already "
                        "contributed by another app."
                    )
                schedule[name] = dict(job)
    return schedule

"""Engagement Hub: a Wagtail plugin for a town's clubs, offers, rooms, funding and
meetups."""

__version__ = "0.1.0"

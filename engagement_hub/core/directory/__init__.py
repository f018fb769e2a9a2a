"""The directory engine every domain builds on (associations, offers, and next rooms,
funding guides and meetings).

- ``models``: the vocabulary (weekdays, times of day, languages, accessibility), the
  abstract field mixins of the shared facts, ``DirectoryEntry`` (an abstract page with
  all of them) and ``DirectoryIndexPage`` (an abstract index page on which a domain
  declares ``entry_model``, ``facets``, ``sort_orders`` and ``text_fields``).
- ``facets``: the facet kinds a domain declares (``TermFacet``, ``LanguageFacet``,
  ``AccessibilityFacet``, ``WeekdayFacet``, ``TimeOfDayFacet``, ``ChoiceFacet``,
  ``FlagFacet``) and ``SortOrder``.
- ``listing``: the engine that filters, counts, sorts and paginates a listing.
- ``cache``: generation counters per index page, bumped when an entry is
  published, unpublished, moved or deleted; the facet index and the cards are cached
  under them.

Templates: ``engagement_hub/directory/index.html`` (the listing layout with blocks
``results_heading``, ``result_count``, ``no_results``), ``engagement_hub/directory/
includes/*.html`` (filter form, active filters, slot, age range, accessibility, meta);
the stylesheet is ``engagement_hub/css/directory.css``. See docs/adding-a-domain.md.
"""

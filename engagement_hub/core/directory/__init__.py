"""The directory engine every domain builds on (associations, offers, and next rooms,
funding guides and meetings).

Its modules, each importing only those listed before it:

- ``vocabulary``: the fixed values (weekdays, times of day, languages,
  accessibility features, the age limit); no models.
- ``cache``: the generation tokens the listings and cards are cached under (the
  receivers that renew them are in ``core.cache_signals``).
- ``terms``: taxonomy terms named in a locale, cached under the ``terms`` token.
- ``facets``: the facet kinds a domain declares (``TermFacet``, ``LanguageFacet``,
  ``AccessibilityFacet``, ``WeekdayFacet``, ``TimeOfDayFacet``, ``ChoiceFacet``,
  ``FlagFacet``) and ``SortOrder``; ``forms``: the filter form.
- ``listing``: the engine that filters, counts, sorts and paginates a listing;
  ``structured_data``: Open Graph and schema.org data of entries and index pages.
- ``models``: the abstract field mixins of the shared facts, ``DirectoryEntry`` (an
  abstract page with all of them) and ``DirectoryIndexPage`` (an abstract index page
  on which a domain declares ``entry_model``, ``facets``, ``sort_orders`` and
  ``text_fields``); their ``serve`` uses the engine.

Templates: ``engagement_hub/directory/index.html`` (the listing layout with blocks
``results_heading``, ``result_count``, ``no_results``), ``engagement_hub/directory/
includes/*.html`` (filter form, active filters, slot, age range, accessibility, meta);
the stylesheet is ``engagement_hub/css/directory.css``. See docs/adding-a-domain.md.
"""

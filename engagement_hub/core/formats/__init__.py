"""Date and number formats of the hub's languages (``FORMAT_MODULE_PATH``).

The site's English is British English (its pages declare ``en-GB``), but its
language code is ``en``, for which Django formats dates the American way
("Nov. 30, 2026", "11/30/2026"). ``en`` here takes Django's ``en_GB`` formats
with a 24-hour clock, as in Germany.
"""

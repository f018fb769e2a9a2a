"""Build engagement_hub/core/static/engagement_hub/icons/sprite.svg from the SVG
files of the npm package lucide-static (ISC licence):

    cd /tmp && npm pack lucide-static@1.62.0 && tar xzf lucide-static-1.62.0.tgz
    python scripts/build_icon_sprite.py /tmp/package/icons

Only the icons the hub uses (ICONS) go into the sprite."""

import re
import sys
from pathlib import Path

ICONS = [
    "users",
    "hand-heart",
    "door-open",
    "piggy-bank",
    "calendar-days",
    "baby",
    "armchair",
    "house",
    "heart-handshake",
    "dumbbell",
    "music",
    "leaf",
    "book-open",
    "heart-pulse",
    "landmark",
    "flame",
    "search",
    "map-pin",
    "mail",
    "phone",
    "circle-alert",
    "arrow-right",
    "info",
]
# On every symbol: a sprite used from another document inherits from <use>, not
# from the sprite's root.
STROKE = (
    'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'stroke-linejoin="round"'
)
TARGET = Path(__file__).resolve().parent.parent / (
    "engagement_hub/core/static/engagement_hub/icons/sprite.svg"
)


def main(source: str) -> None:
    symbols = []
    for name in ICONS:
        svg = (Path(source) / f"{name}.svg").read_text()
        inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
        inner = re.sub(r"\s+", " ", inner).strip()
        symbols.append(
            f'<symbol id="{name}" viewBox="0 0 24 24" {STROKE}>{inner}</symbol>'
        )
    TARGET.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">'
        "<!-- Lucide icons (lucide-static 1.62.0), ISC licence: LICENSE.txt -->"
        + "".join(symbols)
        + "</svg>\n"
    )
    print(f"{len(symbols)} icons -> {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1])

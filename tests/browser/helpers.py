"""Helpers for real-browser tests: axe-core checks."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

# The legal standard for a German public body's site (BITV 2.0 = WCAG 2.1 AA).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()


def axe_violations(page) -> list[dict]:
    """Run axe-core (bundled with axe-playwright-python, no download) on the page."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return results.response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(
                f"    {node['target']}: {node.get('failureSummary', '')[:300]}"
            )
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with a readable list if axe-core finds any WCAG 2.1 A/AA violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core violations on {page.url}:\n" + format_violations(
        violations
    )

"""The figures the suite reports when it ends: how much its reliability and security
tests covered (permission checks by URL and role, fuzz cases run, faults survived).

A test adds to a figure only after its assertions have passed, so a figure counts
what was proven, not what was tried. `pytest_terminal_summary` in conftest.py prints
them and writes them to test-artifacts/figures.json; under pytest-xdist each worker
hands its figures to the controller when it finishes (`figures_merge`).
"""

import json
from collections import Counter, defaultdict
from pathlib import Path

_totals: Counter = Counter()
_items: defaultdict[str, Counter] = defaultdict(Counter)


def figure_add(name: str, amount: int = 1, *, item: str = "") -> None:
    """Add `amount` to the figure `name`; `item` names what was counted, when useful."""
    _totals[name] += amount
    if item:
        _items[name][item] += amount


def figures() -> dict[str, dict]:
    return {
        name: {"total": total, "items": dict(sorted(_items[name].items()))}
        for name, total in sorted(_totals.items())
    }


def figures_merge(collected: dict[str, dict]) -> None:
    """Add figures another process collected (as `figures()` gives them) to this one's."""
    for name, figure in collected.items():
        _totals[name] += figure["total"]
        for item, amount in figure["items"].items():
            _items[name][item] += amount


def figures_report(terminal, artifacts: Path) -> None:
    """Print the figures at the end of the run and keep them as JSON beside the run."""
    collected = figures()
    if not collected:
        return
    terminal.section("suite figures")
    for name, figure in collected.items():
        terminal.line(f"{name}: {figure['total']}")
        for item, amount in figure["items"].items():
            terminal.line(f"    {item}: {amount}")
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "figures.json").write_text(json.dumps(collected, indent=2) + "\n")

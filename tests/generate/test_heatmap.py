"""The activity heatmap: valid XML in every case, stable bytes, and what a real browser draws."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import git
import pytest

from learnlog.generate.heatmap import DARK, LIGHT, cell_origin, first_day, render_heatmap, size
from learnlog.generate.stats import DayActivity
from tests.generate.png import read_png
from tests.helpers import CliRunner, root_of, write

SVG = "{http://www.w3.org/2000/svg}"
BUSY = '# Sep 9, 2024: Q&A 1 < 2 "quotes"\n\n## [One](https://a.example/1)\n\n- [two](https://b.example)\n\n## Two\n\n## Three\n'


def _log(root: Path) -> None:
    write(root, "log/2024/2024-09-09.md", BUSY)
    write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024\n\n## Just one\n")
    write(root, "log/2024/2024-01-02.md", "# Jan 2, 2024: Early\n\n- notes\n")
    write(root, "log/2023/2023-09-01.md", "# Sep 1, 2023: Too old to show\n\n- notes\n")


def _cells(text: str) -> dict[str, ET.Element]:
    tree = ET.fromstring(text)
    return {r.get("data-date", ""): r for r in tree.iter(f"{SVG}rect") if r.get("data-date")}


def test_svg_written_ends_on_newest_entry_and_is_byte_identical(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    _log(root)
    assert cli("stats", "--svg", cwd=root).code == 0
    svg = root / "docs/activity.svg"
    first, mtime = svg.read_bytes(), svg.stat().st_mtime_ns
    cells = _cells(first.decode())
    assert max(cells) == "2024-09-10"  # the newest entry, not today (2026-11-26)
    assert cells["2024-09-09"].get("data-level") == "4" and cells["2024-09-10"].get("data-level") in ("1", "2")
    assert "2023-09-01" not in cells
    title = cells["2024-09-09"].find(f"{SVG}title")
    assert title is not None and title.text == 'Sep 9, 2024: Q&A 1 < 2 "quotes" (3 topics, 2 links)'
    result = cli("stats", "--svg", cwd=root)
    assert result.code == 0 and "wrote" not in result.out
    assert svg.read_bytes() == first and svg.stat().st_mtime_ns == mtime
    assert cli("stats", "--svg", "--check", cwd=root).code == 0
    assert cli("stats", "--svg", "--check", cwd=root / "log").code == 0  # the configured path is the repo's
    write(root, "log/2024/2024-09-11.md", "# Sep 11, 2024\n\n- notes\n")
    assert cli("stats", "--svg", "--check", cwd=root).code == 1
    assert cli("stats", "--svg", "other/heat.svg", "--as-of", "2024-12-31", cwd=root).code == 0
    assert max(_cells((root / "other/heat.svg").read_text())) == "2024-12-31"


@pytest.mark.parametrize(
    ("days", "as_of"),
    [
        ([], date(2024, 9, 9)),
        ([date(2024, 9, 9)], date(2024, 9, 9)),
        ([date(2024, 12, 31), date(2025, 1, 1)], date(2025, 1, 1)),
        ([date(2023, 1, 1)], date(2023, 12, 31)),
        ([date(2024, 2, 29)], date(2025, 2, 28)),
    ],
    ids=["empty", "one", "new-year", "whole-year", "leap-day"],
)
def test_valid_xml_one_cell_per_day(days: list[date], as_of: date) -> None:
    activity = {d: DayActivity(2, f"{d} <&> title") for d in days}
    text = render_heatmap(activity, as_of, "mdy")
    assert text == render_heatmap(activity, as_of, "mdy")
    tree = ET.fromstring(text)
    assert (tree.get("width"), tree.get("height")) == tuple(str(n) for n in size())
    assert "prefers-color-scheme: dark" in (tree.find(f"{SVG}style").text or "")  # type: ignore[union-attr]
    cells = _cells(text)
    start = first_day(as_of)
    assert start.weekday() == 0 and (as_of - start).days < 53 * 7
    assert sorted(cells) == [(start + timedelta(days=n)).isoformat() for n in range((as_of - start).days + 1)]
    shaded = {d for d, cell in cells.items() if cell.get("data-level") != "0"}
    assert shaded == {d.isoformat() for d in days if d >= start}
    for cell in cells.values():
        assert cell.find(f"{SVG}title") is not None
    labels = [t.text or "" for t in tree.iter(f"{SVG}text")]
    assert {"Mon", "Wed", "Fri", "Less", "More"} <= set(labels)
    assert any(label.startswith("Jan") for label in labels) or as_of.month == 1


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (.ci/run installs it)")
    pytest.skip("chromium not installed (apt-get install chromium)")


def _screenshot(svg: Path, tmp_path: Path, *extra: str) -> bytes:
    width, height = size()
    png = tmp_path / f"shot{len(extra)}.png"
    subprocess.run(
        [
            _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--force-device-scale-factor=1",
            *extra, f"--screenshot={png}", f"--window-size={width},{height}", svg.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return png.read_bytes()


def _near(actual: tuple[int, int, int], hex_color: str, slack: int = 12) -> bool:
    want = tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= slack for a, b in zip(actual, want, strict=True))


@pytest.mark.slow
def test_chromium_draws_the_shaded_cells(repo: git.Repo, cli: CliRunner, tmp_path: Path) -> None:
    root = root_of(repo)
    _log(root)
    assert cli("stats", "--svg", cwd=root).code == 0
    svg = root / "docs/activity.svg"
    as_of = date(2024, 9, 10)
    image = read_png(_screenshot(svg, tmp_path))
    assert (image.width, image.height) == size()
    assert len({image.pixel(x, y) for x in range(0, image.width, 3) for y in range(0, image.height, 3)}) > 8

    def center(day: date) -> tuple[int, int, int]:
        origin = cell_origin(day, as_of)
        assert origin is not None
        return image.pixel(origin[0] + 5, origin[1] + 5)

    assert _near(center(date(2024, 9, 9)), LIGHT[4])  # the busiest day: darkest green
    assert center(date(2024, 9, 10)) != center(date(2024, 9, 8))
    assert any(_near(center(date(2024, 9, 10)), c) for c in LIGHT[1:4])
    assert any(_near(center(date(2024, 1, 2)), c) for c in LIGHT[1:4])
    assert _near(center(date(2024, 9, 8)), LIGHT[0]) and _near(center(date(2024, 5, 5)), LIGHT[0])
    assert _near(image.pixel(3, image.height // 2), "#ffffff")

    dark = read_png(_screenshot(svg, tmp_path, "--force-dark-mode", "--blink-settings=preferredColorScheme=0"))
    origin = cell_origin(date(2024, 9, 9), as_of)
    assert origin is not None
    assert _near(dark.pixel(origin[0] + 5, origin[1] + 5), DARK[4])
    assert _near(dark.pixel(3, dark.height // 2), "#0d1117")

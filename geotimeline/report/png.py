"""``map.png``: a static picture of the map for slides, taken by headless Chromium.

No Python package is needed: Chromium's own ``--screenshot`` renders the embeddable page with
``#png`` (which hides the timeline and the map's buttons). Without Chromium the user is told
what to install before any work is done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import GeotimelineError

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
WINDOW = (1600, 900)


def find_chromium() -> str | None:
    """``$GEOTIMELINE_CHROMIUM`` if set, else the first Chromium or Chrome on ``PATH``."""
    env = os.environ.get("GEOTIMELINE_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    return next((p for p in map(shutil.which, NAMES) if p), None)


def require_chromium() -> str:
    path = find_chromium()
    if not path:
        raise GeotimelineError(
            "--png needs Chromium or Chrome to draw the map, and none was found. Install it "
            "(Debian/Ubuntu: apt install chromium) or set GEOTIMELINE_CHROMIUM to its path, "
            "or build without --png.")
    return path


def render_png(page_html: str, chromium: str, size: tuple[int, int] = WINDOW, timeout: float = 60) -> bytes:
    """Screenshot ``page_html`` (a self-contained page) in headless Chromium; return the PNG bytes."""
    with tempfile.TemporaryDirectory(prefix="geotimeline-png-") as tmp:
        page, shot = Path(tmp) / "map.html", Path(tmp) / "map.png"
        page.write_text(page_html, encoding="utf-8")
        cmd = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
               "--disable-background-networking", "--no-first-run", f"--user-data-dir={tmp}/profile",
               f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=4000",
               f"--screenshot={shot}", page.as_uri() + "#png"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GeotimelineError(f"--png: Chromium ({chromium}) failed to run: {exc}") from None
        if not shot.is_file() or shot.stat().st_size == 0:
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            raise GeotimelineError(f"--png: Chromium ({chromium}) wrote no image (exit {proc.returncode}): "
                                   + " | ".join(tail))
        return shot.read_bytes()

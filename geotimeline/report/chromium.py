"""Headless Chromium: the pictures (``map.png``, ``timeline.png``) and the print (``briefing.pdf``).

No Python package is needed: Chromium's own ``--screenshot`` and ``--print-to-pdf`` render a
self-contained page written to a temporary folder. Pictures are taken at twice the pixel
density and say so in their ``pHYs`` chunk (192 dpi), so a slide program places a 3200×1800
picture at 1600×900 and it stays sharp when scaled. Without Chromium the user is told what to
install before any work is done.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

from ..errors import GeotimelineError

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: pictures are drawn at this many device pixels per CSS pixel
SCALE = 2


def find_chromium() -> str | None:
    """``$GEOTIMELINE_CHROMIUM`` if set, else the first Chromium or Chrome on ``PATH``."""
    env = os.environ.get("GEOTIMELINE_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    return next((p for p in map(shutil.which, NAMES) if p), None)


def require_chromium(flags: str = "--png") -> str:
    """The Chromium to use, or a :class:`GeotimelineError` saying what to install."""
    path = find_chromium()
    if not path:
        raise GeotimelineError(
            f"{flags} needs Chromium or Chrome to draw the pictures and print the PDF, and none was "
            "found. Install it (Debian/Ubuntu: apt install chromium) or set GEOTIMELINE_CHROMIUM "
            f"to its path, or build without {flags}.")
    return path


def screenshot(page_html: str, chromium: str, size: tuple[int, int], *, scale: int = SCALE,
               timeout: float = 60) -> bytes:
    """A PNG of ``page_html`` in a ``size`` (CSS pixels) window, ``scale`` device pixels each."""
    png = _run(chromium, page_html, "shot.png", timeout,
               [f"--window-size={size[0]},{size[1]}", f"--force-device-scale-factor={scale}",
                # without it a large picture can be taken before every part of it is drawn
                "--run-all-compositor-stages-before-draw", "--screenshot={out}"])
    return with_density(png, 96 * scale)


def print_pdf(page_html: str, chromium: str, window: tuple[int, int], *, timeout: float = 60) -> bytes:
    """``page_html`` printed to PDF; the page's CSS ``@page`` rule sets the paper."""
    return _run(chromium, page_html, "print.pdf", timeout,
                [f"--window-size={window[0]},{window[1]}", "--no-pdf-header-footer", "--print-to-pdf={out}"])


def _run(chromium: str, page_html: str, name: str, timeout: float, args: list[str]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="geotimeline-chromium-") as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / name
        page.write_text(page_html, encoding="utf-8")
        cmd = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
               "--disable-background-networking", "--no-first-run", f"--user-data-dir={tmp}/profile",
               "--virtual-time-budget=5000", *(a.format(out=out) for a in args), page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GeotimelineError(f"Chromium ({chromium}) failed to run: {exc}") from None
        if not out.is_file() or out.stat().st_size == 0:
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            raise GeotimelineError(f"Chromium ({chromium}) wrote no {name.split('.')[-1].upper()} "
                                   f"(exit {proc.returncode}): " + " | ".join(tail))
        return out.read_bytes()


def with_density(png: bytes, dpi: int) -> bytes:
    """``png`` with a ``pHYs`` chunk saying ``dpi`` (replacing any), right after ``IHDR``."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return png
    chunks, pos = [], 8
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        end = pos + 12 + length
        if kind != b"pHYs":
            chunks.append(png[pos:end])
        pos = end
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    phys = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    return png[:8] + chunks[0] + phys + b"".join(chunks[1:])

"""Time `geotimeline build` on the seeds, cold (new process, gazetteer already built), and the
gazetteer's open time. Prints its figures; rerun after changes and update BENCHMARKS.md.

    python3 benchmarks/build_seeds.py
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from geotimeline.gazetteer import Gazetteer
    from geotimeline.settings import Settings

    path = Settings().gazetteer_path
    Gazetteer.open(path, progress=False).close()  # make sure it exists before timing
    opens = []
    for _ in range(20):
        t = time.perf_counter()
        g = Gazetteer.open(path)
        g.candidates("Mosul")
        opens.append(time.perf_counter() - t)
        g.close()
    print(f"gazetteer open + first lookup: median {statistics.median(opens) * 1000:.1f} ms")
    print(f"gazetteer size: {Path(path).stat().st_size / 1e6:.1f} MB")

    runs = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "geotimeline", "build", str(ROOT / "seeds"), "-o", out, "--quiet"],
                           check=True, capture_output=True)
            runs.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"cold build of the 5 seeds (new process each): median {statistics.median(runs):.2f} s "
          f"(runs: {', '.join(f'{r:.2f}' for r in runs)})")
    print(f"peak resident memory of a build: {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""Accessibility audit: axe-core (WCAG 2.2 A and AA) in headless Chromium over fresh outputs.

Generates, in a temporary folder, an individual HTML report, a group HTML report, the HTML
form and a compare report of two groups; then loads each in headless
Chromium at a desktop width (1280 px) and a phone width (375 px) with axe-core injected, and
prints every violation: rule, impact, how many elements, and the first few of them.

Prerequisites (the script stops and says which is missing):

    apt-get install chromium                                      # or set CHROMIUM=/path/to/chrome
    npm install --prefix ~/.cache/spinout-a11y axe-core           # or set AXE_CORE=/path/axe.min.js

    python benchmarks/a11y_audit.py [--keep DIR] [--width 1280 375] [--best-practice] [FILE ...]

Given files, only those are audited. Exit status: 0 no violations, 1 violations, 2 a
prerequisite is missing or an output could not be made.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_CACHE = Path.home() / ".cache" / "spinout-a11y"
AXE_INSTALL = f"npm install --prefix {AXE_CACHE} axe-core"
CHROMIUM_INSTALL = "apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--hide-scrollbars", "--mute-audio")
GROUP_SIZE = 25
RUNNER = """<script>{axe}</script><script>
axe.run(document, {{runOnly: {{type: 'tag', values: {tags}}}, resultTypes: ['violations']}})
 .then(r => report(r.violations)).catch(e => report({{error: String(e)}}));
function report(x) {{ const p = document.createElement('pre'); p.id = 'axe-result';
  p.textContent = JSON.stringify(x); document.body.appendChild(p); }}
</script>"""


class Missing(Exception):
    """A prerequisite is not installed; the message says how to install it."""


def find_chromium() -> str:
    """The Chromium binary: $CHROMIUM, else the first of the usual names on PATH."""
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        if shutil.which(chosen) is None:
            raise Missing(f"CHROMIUM={chosen} is not an executable")
        return chosen
    for name in CHROMIUM_NAMES:
        if shutil.which(name):
            return name
    raise Missing(f"Chromium is not installed; install it with:\n    {CHROMIUM_INSTALL}")


def find_axe() -> Path:
    """axe.min.js: $AXE_CORE, else the npm cache folder this script uses."""
    chosen = os.environ.get("AXE_CORE")
    path = Path(chosen) if chosen else AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise Missing(f"axe-core is not at {path}; install it with:\n    {AXE_INSTALL}")
    return path


def chromium(binary: str, profile: Path, *args: str, timeout: float = 120) -> str:
    """Run headless Chromium with a fresh profile; its stdout."""
    cmd = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"chromium exited {done.returncode}: {' | '.join(tail)}")
    return done.stdout


def spinout(*args: str) -> None:
    cmd = [sys.executable, "-m", "spinout", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{done.stderr.strip()[:400]} (from `spinout {' '.join(args)}`)")


def answers_files(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` answers files of random valid answers to the bundled rule set."""
    from bench_group import generate

    from spinout.ruleset.loader import load_ruleset

    folder.mkdir(parents=True, exist_ok=True)
    generate(load_ruleset(None), count, folder, seed=seed)
    return sorted(folder.glob("*.yaml"))


def sample_outputs(folder: Path, seed: int = 3, compare: bool = True) -> dict[str, Path]:
    """Fresh HTML outputs to audit, by name."""
    one = answers_files(folder / "individual", 1, seed)[0]
    group = folder / "group"
    answers_files(group, GROUP_SIZE, seed)
    out = {name: folder / f"{name}.html" for name in ("individual", "group", "form")}
    spinout("report", str(one), "-o", str(out["individual"]))
    spinout("report", str(group), "-o", str(out["group"]))
    spinout("form", "-o", str(out["form"]))
    if compare:
        out["compare"] = compare_output(folder, group, seed)
    return out


def compare_output(folder: Path, group: Path, seed: int) -> Path:
    """A compare report (HTML) of two groups of random answers."""
    later = folder / "group-later"
    answers_files(later, GROUP_SIZE, seed + random.Random(seed).randint(1, 99))
    old, new, out = folder / "old.json", folder / "new.json", folder / "compare.html"
    spinout("report", str(group), "-o", str(old))
    spinout("report", str(later), "-o", str(new))
    spinout("compare", str(old), str(new), "-o", str(out))
    return out


def instrumented(page: Path, axe: Path, work: Path, tags: tuple[str, ...]) -> Path:
    """A copy of ``page`` that runs axe-core when loaded. The report's Content-Security-Policy
    forbids scripts, so the copy drops that one meta element and changes nothing else."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", text, count=1)
    runner = RUNNER.format(axe=axe.read_text(encoding="utf-8").replace("</script", "<\\/script"),
                           tags=json.dumps(list(tags)))
    copy = work / f"{page.stem}.axe.html"
    copy.write_text(text.replace("</body>", runner + "</body>", 1), encoding="utf-8")
    return copy


def audit(page: Path, width: int, binary: str, axe: Path, work: Path,
          tags: tuple[str, ...] = TAGS) -> list[dict[str, Any]]:
    """axe-core's violations for ``page`` at a window ``width`` px wide."""
    copy = instrumented(page, axe, work, tags)
    dom = chromium(binary, work / f"profile-{page.stem}-{width}", f"--window-size={width},1000",
                   "--virtual-time-budget=30000", "--dump-dom", copy.resolve().as_uri())
    found = re.search(r"<pre id=\"axe-result\">(.*?)</pre>", dom, re.S)
    if found is None:
        raise RuntimeError(f"axe-core did not finish on {page.name}")
    result = json.loads(html.unescape(found.group(1)))
    if isinstance(result, dict):
        raise RuntimeError(f"axe-core failed on {page.name}: {result.get('error')}")
    return result


def describe(violations: list[dict[str, Any]], shown: int = 3) -> list[str]:
    lines = []
    for v in violations:
        nodes = v["nodes"]
        lines.append(f"  {v['id']} ({v['impact']}, {len(nodes)} element"
                     f"{'s' if len(nodes) != 1 else ''}): {v['help']}")
        for node in nodes[:shown]:
            lines.append(f"      {' '.join(node['target'])}  {node['html'][:100]}")
        if len(nodes) > shown:
            lines.append(f"      ... and {len(nodes) - shown} more")
    return lines


def run(pages: dict[str, Path], widths: list[int], work: Path,
        tags: tuple[str, ...] = TAGS) -> int:
    binary, axe = find_chromium(), find_axe()
    total = 0
    for name, page in pages.items():
        for width in widths:
            violations = audit(page, width, binary, axe, work, tags)
            count = sum(len(v["nodes"]) for v in violations)
            total += count
            print(f"{name} at {width} px: {len(violations)} rules violated, {count} elements")
            print("\n".join(describe(violations)) if violations else "  none")
    print(f"total: {total} violating elements (axe-core tags: {', '.join(tags)})")
    return 1 if total else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="audit these HTML files instead")
    parser.add_argument("--keep", type=Path, help="write the outputs here and keep them")
    parser.add_argument("--width", type=int, nargs="+", default=[1280, 375])
    parser.add_argument("--best-practice", action="store_true",
                        help="also run axe-core's best-practice rules (beyond WCAG)")
    args = parser.parse_args(argv)
    try:
        find_chromium(), find_axe()
        with tempfile.TemporaryDirectory(prefix="spinout-a11y-") as tmp:
            folder = args.keep or Path(tmp)
            pages = ({p.stem: p for p in args.files} if args.files else sample_outputs(folder))
            tags = TAGS + (("best-practice",) if args.best_practice else ())
            return run(pages, args.width, Path(tmp), tags)
    except Missing as e:
        print(f"cannot audit: {e}", file=sys.stderr)
        return 2
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        print(f"audit failed: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

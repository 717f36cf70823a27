"""Printed length: A4 pages of each HTML report printed to PDF by headless Chromium.

Generates the same fresh outputs as ``a11y_audit.py`` (an individual report of one respondent,
a group report, the form), prints each to PDF with Chromium's ``--print-to-pdf`` (A4, from the
report's own ``@page`` rule) and prints the page count, and for reports the count without the
appendix (the report with its ``<section id="appendix">`` left out) against the target of
about 12 pages for one respondent.

Prerequisite: ``apt-get install chromium`` (or set CHROMIUM=/path/to/chromium).

    python benchmarks/page_count.py [--keep DIR] [FILE.html ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from a11y_audit import Missing, chromium, find_chromium, sample_outputs

TARGET = 12
APPENDIX = re.compile(r"<section id=\"appendix\">.*?</section>\s*", re.S)


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF written by Chromium (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def print_pages(page: Path, binary: str, work: Path) -> int:
    pdf = work / f"{page.stem}.pdf"
    chromium(binary, work / f"profile-{page.stem}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", page.resolve().as_uri())
    return pdf_pages(pdf.read_bytes())


def without_appendix(page: Path, work: Path) -> Path | None:
    """A copy of a report without its appendix; None when it has none."""
    text = page.read_text(encoding="utf-8")
    if not APPENDIX.search(text):
        return None
    copy = work / f"{page.stem}-no-appendix.html"
    copy.write_text(APPENDIX.sub("", text, count=1), encoding="utf-8")
    return copy


def run(pages: dict[str, Path], work: Path) -> None:
    binary = find_chromium()
    for name, page in pages.items():
        line = f"{name}: {print_pages(page, binary, work)} A4 pages"
        short = without_appendix(page, work)
        if short is not None:
            count = print_pages(short, binary, work)
            line += f"; without the appendix {count}"
            if name == "individual":
                line += f" (target: at most {TARGET}, {'met' if count <= TARGET else 'NOT met'})"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="count these HTML files instead")
    parser.add_argument("--keep", type=Path, help="write the outputs here and keep them")
    args = parser.parse_args(argv)
    try:
        find_chromium()
        with tempfile.TemporaryDirectory(prefix="spinout-pages-") as tmp:
            folder = args.keep or Path(tmp)
            pages = ({p.stem: p for p in args.files} if args.files
                     else sample_outputs(folder, compare=False))
            run(pages, Path(tmp))
    except Missing as e:
        print(f"cannot count pages: {e}", file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"page count failed: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

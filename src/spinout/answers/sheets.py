"""Reading a survey export into rows of text cells: CSV (UTF-8 with or without a byte order
mark, UTF-16 with one, or Windows-1252, found by detection or named) or an Excel workbook
(.xlsx, its first sheet, read with openpyxl in read-only mode).

Every record keeps the line (CSV) or row (Excel) it starts on, so problems are located as
``file:ROW:COL``. Both kinds are bounded: the file's size, and for a workbook the size of what
it unpacks to, are checked before anything is parsed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from spinout import record
from spinout.bounded import read_bounded
from spinout.errors import CsvImportError, Problem, UsageError

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
Record = tuple[int, tuple[str, ...]]


class Sheet(record.Record):
    """An export's records (line or row where each starts, cells as text) and how it was
    read: ``encoding`` is the text encoding, or ``xlsx`` for a workbook."""

    name: str
    records: tuple[Record, ...]
    encoding: str
    delimiter: str = ","


def read_sheet(path: Path, encoding: str | None = None) -> Sheet:
    """Read a CSV export or an Excel workbook; raises CsvImportError with a located problem."""
    name = str(path)
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(Problem("--encoding", None, None, f"unknown encoding `{encoding}`",
                                     "use utf-8, windows-1252 or another Python codec "
                                     "name")) from None
    raw = _bounded_bytes(path, name)
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() in XLSX_SUFFIXES:
        return _read_xlsx(path, raw, name)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise CsvImportError(Problem(name, None, None, "this is an old-style Excel (.xls) "
                                     "file", "save it as .xlsx or CSV and import that"))
    text, used = decode(raw, name, encoding)
    if "\0" in text:
        line = text[:text.index("\0")].count("\n") + 1
        raise CsvImportError(Problem(name, line, None, "the file holds a NUL byte, so it is "
                                     "not a CSV text file", "export the survey as CSV"))
    delimiter = sniff_delimiter(text)
    return Sheet(name, tuple(_records(text, delimiter, name)), used, delimiter)


def _bounded_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, never more than the limit (a device or pipe is read only so far)."""
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise CsvImportError(_too_big(name, size))
        with open(path, "rb") as handle:
            raw = read_bounded(handle, MAX_CSV_BYTES)
    except OSError as exc:
        raise CsvImportError(Problem(name, None, None, f"cannot read the file "
                                     f"({exc.strerror or exc})", "check the path")) from None
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError(_too_big(name, None))
    return raw


def _too_big(name: str, size: int | None) -> Problem:
    said = f"file is {size:,} bytes, over" if size is not None else "file goes on past"
    return Problem(name, None, None, f"{said} the limit of {MAX_CSV_BYTES:,}",
                   "split it into smaller files and import each")


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). A byte order mark decides; else ``encoding`` when given; else
    UTF-8, falling back to Windows-1252 (Excel's plain "CSV") when the bytes are not UTF-8."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return _decoded(raw, name, codec), codec
    if encoding is not None:
        return _decoded(raw, name, encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decoded(raw, name, "cp1252"), "cp1252"


def _decoded(raw: bytes, name: str, codec: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        which = "UTF-8 nor Windows-1252" if codec == "cp1252" else codecs.lookup(codec).name
        raise CsvImportError(Problem(name, line, col, f"byte 0x{raw[exc.start]:02x} is not "
                                     f"valid {which}", "export the CSV as UTF-8, or name its "
                                     "encoding with --encoding")) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter the header row uses most (a comma when it uses none)."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str, name: str) -> Iterator[Record]:
    """(line where the record starts, cells) for each CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, tuple(cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvImportError(Problem(name, reader.line_num or start, None,
                                     f"the CSV cannot be read: {exc}",
                                     "check the quotes on this line")) from None


# --- Excel -------------------------------------------------------------------------------------


def _read_xlsx(path: Path, raw: bytes, name: str) -> Sheet:
    """The first worksheet's rows as text, after checking what the workbook unpacks to."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_workbook(name) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise CsvImportError(Problem(name, None, None, f"the workbook unpacks to {unpacked:,} "
                                     f"bytes, over the limit of {MAX_XLSX_UNPACKED:,}",
                                     "export fewer rows at a time, or as CSV"))
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise _not_a_workbook(name) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise CsvImportError(Problem(name, None, None, "the workbook has no sheet",
                                         "export the responses again"))
        records = tuple(_xlsx_records(sheet, name))
    finally:
        book.close()
    return Sheet(name, records, "xlsx")


def _xlsx_records(sheet: object, name: str) -> Iterator[Record]:
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):  # type: ignore[attr-defined]
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            yield number, tuple(cells)
    except CsvImportError:
        raise
    except Exception:  # a damaged sheet part
        raise _not_a_workbook(name) from None


def _not_a_workbook(name: str) -> CsvImportError:
    return CsvImportError(Problem(name, None, None, "this is not a readable Excel workbook",
                                  "export the responses again as .xlsx or CSV"))


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)

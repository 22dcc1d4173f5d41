"""A PDF of the clinician page, printed by a headless Chromium or Chrome
when one is installed (hipcheck has no PDF engine of its own); without one,
`-o visit.pdf` is refused with the alternative named, never written as
HTML under a .pdf name."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from hipcheck.errors import AnswerError, OutputError, show_path
from hipcheck.store.atomic import atomic_writer

#: Browser commands that can print a page to PDF, looked up on PATH.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def is_pdf(output: Path | None) -> bool:
    return output is not None and output.suffix.lower() == ".pdf"


def pdf_only_html(output: Path | None, requested: str | None) -> bool:
    """Whether `output` is to be a PDF of the clinician page: a .pdf name,
    and no other format asked for (refused: it would not be a PDF)."""
    if output is None or not is_pdf(output):
        return False
    if requested not in (None, "html", "pdf"):
        raise AnswerError(
            f"--output {show_path(output)}: a .pdf file holds the clinician page; "
            f"leave out --format {requested}, or give the file a .{requested} name"
        )
    return True


def pdf_maker() -> str | None:
    """The first browser on PATH that can print to PDF, if any."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def check_pdf(output: Path) -> str:
    """The browser to print `output` with, or one line saying what to do instead."""
    browser = pdf_maker()
    if browser is None:
        html = output.with_suffix(".html")
        raise AnswerError(
            f"--output {show_path(output)}: cannot make a PDF here (it needs a Chromium or "
            f"Chrome browser, and none is installed); write {show_path(html)} instead and "
            "print it to PDF from any browser"
        )
    return browser


def write_pdf(html: str, output: Path, force: bool) -> Path:
    """Print `html` to the PDF file `output` (atomically, owner-only)."""
    browser = check_pdf(output)
    with tempfile.TemporaryDirectory(prefix="hipcheck-pdf-") as tmp:  # private: 0700
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(tmp) / "page.pdf"
        cmd = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise OutputError(f"could not print the PDF with {browser}: {e}") from None
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF-"):
            raise OutputError(
                f"{browser} made no PDF; write {show_path(output.with_suffix('.html'))} "
                "and print it to PDF from a browser"
            )
        with atomic_writer(output, force, binary=True) as f:
            f.write(data)
    return output

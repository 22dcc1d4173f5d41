"""The page for a doctor or physiotherapist (issue 13): `hipcheck report`
from the history, `check --output visit.html` for one assessment; a dated,
self-contained page, checked in a real browser (headless Chromium)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import rtoml

from .activity_files import weekly_history
from .test_return_to_run import MET, MILD, WALKING, days_pass, hipcheck

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
#: A4 and Letter at 96 dpi, in CSS pixels.
A4_PX, LETTER_PX = 794, 816


def three_checkins(home: Path) -> None:
    """Three days apart: the ladder moves up at most once every three days."""
    hipcheck("check", *WALKING, "--severity", "5", "--save", home=home)
    days_pass(home)
    hipcheck("check", *MILD, "--severity", "4", *MET, "--save", home=home)
    days_pass(home)
    hipcheck("check", *MILD, "--severity", "3", *MET, "--save", home=home)


@pytest.fixture(scope="module")
def visit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three saved check-ins and activity data, and the page made from them."""
    root = tmp_path_factory.mktemp("report")
    three_checkins(root / "home")
    (root / "runs").mkdir()
    last_monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    weekly_history(root / "runs", [20, 22, 18, 10, 8, 12, 14, 16], last_monday)
    hipcheck("report", "--activities", str(root / "runs"), "--output", "visit.html",
             home=root / "home")  # fmt: skip
    return root / "visit.html"


def section(page: str, heading: str) -> str:
    start = page.index(f"<h2>{heading}")
    return page[start : page.index("</section>", start)]


def test_the_page_is_dated_self_contained_and_private(visit: Path) -> None:
    page = visit.read_text(encoding="utf-8")
    assert stat.S_IMODE(visit.stat().st_mode) == 0o600
    today = dt.date.today()
    assert f'Made on <time datetime="{today.isoformat()}">{today.day} {today:%B %Y}</time>' in page
    # nothing fetched: no script, no link, no image, no font, no URL at all
    for banned in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "url(",
        "src=",
        "href=",
    ):
        assert banned not in page, banned
    # a web address appears only as the text of a source, never as something fetched
    assert "://" not in page.replace(section(page, "Sources"), "")
    assert "@page" in page and "counter(page)" in page  # print-ready, dated on every page


def test_the_page_has_the_severity_chart_answers_causes_and_disclaimer(visit: Path) -> None:
    page = visit.read_text(encoding="utf-8")
    trend = section(page, "Worst pain over time")
    assert "<svg" in trend and "Worst pain (0 to 10) at each check-in" in trend
    assert trend.count("<circle") == 3  # one marker per check-in
    assert ">5<" in trend and ">4<" in trend and ">3<" in trend
    answers = section(page, "Answers in the runner")
    assert "Where is the pain?" in answers and "Outer hip (the bony point on the side)" in answers
    assert "3 out of 10" in answers
    assert "outer_hip" not in answers and "True" not in answers and "False" not in answers
    causes = section(page, "Possible causes to discuss with a clinician")
    assert "Gluteal tendinopathy" in causes and "Why:" in causes
    assert not re.search(r"\d\s*%", causes)  # words, never percentages
    assert "you have" not in causes.lower()
    tried = section(page, "What has been tried")
    assert "3 check-ins" in tried and "Walking and strength" in tried
    running = section(page, "Getting back to running")
    assert "Stage 3 of 7" in running and "Move up a stage" in running
    weekly = section(page, "Running in the last weeks")
    assert "<svg" in weekly and weekly.count("<rect") == 10
    assert "Questions you may want to ask" in page and "<dt>tendinopathy</dt>" in page
    assert "Frandsen et al., 2025" in section(page, "Sources")
    assert "hipcheck is not a diagnosis" in page


def test_never_overwrites_without_force(visit: Path) -> None:
    home = visit.parent / "home"
    before = visit.read_bytes()
    res = hipcheck("report", "--output", "visit.html", home=home, check=False)
    assert res.exit != 0 and "--force" in res.err and "Traceback" not in res.err
    assert visit.read_bytes() == before
    hipcheck("report", "--output", "visit.html", "--force", home=home)
    assert b"Running in the last weeks" not in visit.read_bytes()  # no activities this time
    assert not [p for p in visit.parent.iterdir() if p.name.startswith(".visit.html")]


def test_markdown_too(visit: Path) -> None:
    md = hipcheck("report", "--format", "markdown", home=visit.parent / "home").out
    assert md.startswith("# Hip pain: a summary to take to a doctor or physiotherapist")
    assert "| Check-in | Worst pain |" in md
    assert "Outer hip (the bony point on the side)" in md
    assert "> hipcheck is not a diagnosis" in md


def test_no_history_is_one_clear_line(tmp_path: Path) -> None:
    res = hipcheck("report", home=tmp_path / "empty", check=False)
    assert res.exit == 2
    assert res.err.startswith("hipcheck: no check-ins yet") and res.err.count("\n") == 1
    bad = hipcheck("report", "--format", "pdf", home=tmp_path, check=False)
    assert bad.exit == 2 and "allowed: html, markdown" in bad.err


def test_check_writes_the_same_page_for_one_assessment(tmp_path: Path) -> None:
    hipcheck("check", *MILD, "--output", "one.html", home=tmp_path / "home")
    page = (tmp_path / "one.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert (
        "Possible causes to discuss with a clinician" in page and "Worst pain over time" not in page
    )
    assert "Getting back to running" in page
    assert "://" not in page.replace(section(page, "Sources"), "")  # only a source's text


def test_untrusted_text_is_escaped(tmp_path: Path, raw: dict[str, Any]) -> None:
    """A knowledge file given with --kb is text, never markup."""
    raw["conditions"][0]["name"] = 'Gluteal <script>alert("x")</script> & co'
    kb = tmp_path / "kb.toml"
    kb.write_text(rtoml.dumps(raw), encoding="utf-8")
    hipcheck("--kb", str(kb), "check", *MILD, "--output", "x.html", home=tmp_path / "home")
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "Gluteal &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", f"--user-data-dir={profile}",
    ]  # fmt: skip
    return subprocess.run(
        [CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
@pytest.mark.needs_process  # a real browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_renders_in_chromium_without_overflow_at_a4_and_letter(visit: Path, tmp_path: Path) -> None:
    page = visit.read_text(encoding="utf-8")
    probe = tmp_path / "probe.html"  # the page plus a script that measures it
    probe.write_text(
        page.replace(
            "</body>",
            "<script>document.body.dataset.width = document.documentElement.scrollWidth + ' '"
            " + window.innerWidth;</script></body>",
        ),
        encoding="utf-8",
    )
    for width in (A4_PX, LETTER_PX):
        res = chromium(
            f"--window-size={width},1123",
            "--dump-dom",
            probe.as_uri(),
            profile=tmp_path / f"p{width}",
        )
        found = re.search(r'data-width="(\d+) (\d+)"', res.stdout)
        assert found, res.stderr[-2000:]
        scroll, inner = int(found.group(1)), int(found.group(2))
        assert inner == width and scroll <= inner, (width, scroll)  # no horizontal overflow
    for paper, size in (("A4", (595, 842)), ("letter", (612, 792))):
        sized = tmp_path / f"{paper}.html"  # as a printer set to that paper would
        sized.write_text(page.replace("</style>", f"@page {{ size: {paper}; }}</style>"), "utf-8")
        pdf = tmp_path / f"{paper}.pdf"
        chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", sized.as_uri(),
                 profile=tmp_path / f"pdf-{paper}")  # fmt: skip
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
        assert boxes and all(round(float(w)) == size[0] and round(float(h)) == size[1]
                             for w, h in boxes), (paper, boxes[:1])  # fmt: skip
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
        assert 2 <= pages <= 6, (paper, pages)
    png = tmp_path / "visit.png"
    chromium(
        f"--window-size={A4_PX},1123",
        f"--screenshot={png}",
        visit.as_uri(),
        profile=tmp_path / "png",
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("HIPCHECK_KEEP_RENDER"):  # to look at it: HIPCHECK_KEEP_RENDER=/some/dir
        for f in (tmp_path / "A4.pdf", png, visit):
            shutil.copy(f, Path(os.environ["HIPCHECK_KEEP_RENDER"]) / f.name)


def test_text_from_the_history_file_is_escaped_too(tmp_path: Path) -> None:
    """The history is a file on disk: what it says is shown, never run."""
    import json
    import sqlite3

    home = tmp_path / "home"
    hipcheck("check", *MILD, "--save", home=home)
    hipcheck("check", *MILD, "--save", home=home)
    with sqlite3.connect(home / "history.sqlite3") as db:
        result = json.loads(db.execute("SELECT result FROM checkins WHERE id = 1").fetchone()[0])
        result["conditions"][0]["name"] = "<img src=x onerror=alert(1)>"
        result["advice"]["return_to_running"]["stage"] = "<b>walk</b>"
        db.execute("UPDATE checkins SET result = ? WHERE id = 1", (json.dumps(result),))
    hipcheck("report", "--output", "x.html", home=home)
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>walk" not in page  # an unknown stage is left out, not shown raw


def test_charts_space_same_day_check_ins_and_say_when_empty() -> None:
    from hipcheck.render.svg_charts import severity_chart, weekly_chart

    t = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    same_day = [
        (t + dt.timedelta(seconds=s), sev, "self_care") for s, sev in ((0, 5), (1, 4), (1, 3))
    ]
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', severity_chart(same_day))]
    assert len(set(xs)) == 3 and xs == sorted(xs)  # apart and in order, not on top of each other
    # one "1 Nov" under three points told nothing apart (a new user's
    # review, stop 41): same-day check-ins are labelled and titled by time
    hours = dt.timedelta(hours=2)
    day = [(t + i * hours, sev, "routine") for i, sev in enumerate((6, 5, 4))]
    local = [(t + i * hours).astimezone() for i in range(3)]
    svg = severity_chart(day)
    for when in local:
        assert f"{when:%H:%M}</text>" in svg and f"{when:%H:%M}: " in svg, svg
    gap: list[tuple[dt.datetime, float | None, str]] = [(t, 6, "routine")]
    gap.append((t + dt.timedelta(days=7), None, "urgent"))
    assert severity_chart(gap).count("<circle") == 1  # no severity recorded: no marker
    assert "No severities recorded" in severity_chart([])
    assert "No runs" in weekly_chart([])
    assert "viewBox" in weekly_chart([(t.date(), 12.5)]) and "://" not in weekly_chart(
        [(t.date(), 1)]
    )


def test_an_emergency_page_asks_no_ordinary_visit_questions(kb: Any) -> None:
    """UX review N8: an emergency (cannot bear weight, here with a running
    groin picture that names a stress fracture) listed "Could this be a
    stress fracture?": an emergency page lists only the questions meant for
    every level or for emergencies."""
    from hipcheck.core.assessment import assess
    from hipcheck.render.report_content import build

    assert kb.report is not None
    allowed = {q.text for q in kb.report.questions
               if not q.conditions and (not q.levels or "emergency" in q.levels)}  # fmt: skip
    groin = {"location": ["groin"], "sex": "female", "age": 19, "triggers": ["running"]}
    for answers in ({"cannot_bear_weight": True}, {**groin, "cannot_bear_weight": True},
                    {"fever": True}, {**groin, "deformity": True}):  # fmt: skip
        a = assess(kb, answers)
        assert a.triage.level == "emergency"
        questions = build(kb, a).questions
        assert set(questions) <= allowed, (answers, questions)
        assert not any("stress fracture" in q for q in questions)


def test_markdown_has_what_to_do_now_and_both_formats_one_cause_heading(
    run: Any, tmp_path: Path
) -> None:
    """UX review N20: the Markdown report had no "What to do now" though the
    HTML page has it, and the trend's "Most likely cause then" clashed with
    the "possible" of every other page."""
    import html as html_lib

    home = str(tmp_path / "home")
    for severity in ("5", "4"):
        run("--data-dir", home, "check", "--location", "outer-hip", "--severity", severity,
            "--no-cannot-bear-weight", "--save")  # fmt: skip
    md = run("--data-dir", home, "report", "--format", "markdown").out
    page = run("--data-dir", home, "report", "--format", "html").out
    box = page[page.index('<section class="now">') :]
    box = box[: box.index("</section>")]
    lines = [html_lib.unescape(li) for li in re.findall(r"<li>(.*?)</li>", box)]
    assert lines and any(line.startswith("SELF-CARE") for line in lines)
    now = md[md.index("## What to do now") :].split("\n## ", 1)[0]
    for line in lines:
        assert f"- {line}" in now.replace("\\", ""), line
    assert md.index("## What to do now") < md.index("## Worst pain over time")
    for out in (md, page):
        assert "Most likely cause then" not in out and "| Possible cause |" in out.replace(
            "<th>", "| ").replace("</th>", " |")  # fmt: skip


#: Words of the trend table split across lines, and how far the widest
#: element outside a scrolling box reaches, set on <body> for --dump-dom.
_WORD_PROBE = """<script>
const broken = [];
for (const cell of document.querySelectorAll('table.trend th, table.trend td')) {
  const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (const m of node.data.matchAll(/[^\\s-]+/g)) {
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
}
let right = 0;
for (const el of document.body.querySelectorAll('*')) {
  if (!el.closest('.scroll') || el.classList.contains('scroll'))
    right = Math.max(right, el.getBoundingClientRect().right);
}
document.body.dataset.broken = JSON.stringify(broken);
document.body.dataset.right = Math.ceil(right);
</script></body>"""


@pytest.mark.slow
@pytest.mark.needs_process  # a real browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_a_phone_screen_wraps_the_trend_at_spaces(visit: Path, tmp_path: Path) -> None:
    """UX review N19: at 390 px the trend table split words ("Che/ck-in",
    "routin/e appoi/ntme/nt"). Words wrap at spaces; the table scrolls
    sideways in its own box and nothing else is wider than the screen.
    Headless Chromium's window is at least 500 px wide, so the page is
    laid out in a phone-wide <html>."""
    page = visit.read_text(encoding="utf-8").replace("</body>", _WORD_PROBE)
    for width in (390, 320):
        probe = tmp_path / f"probe{width}.html"
        probe.write_text(page.replace("</style>", f"html {{ width: {width}px; }}</style>", 1),
                         "utf-8")  # fmt: skip
        res = chromium("--window-size=500,900", "--dump-dom", probe.as_uri(),
                       profile=tmp_path / f"p{width}")  # fmt: skip
        found = re.search(r'data-broken="([^"]*)" data-right="(\d+)"', res.stdout)
        assert found, res.stderr[-2000:]
        assert found.group(1).replace("&quot;", '"') == "[]", (width, found.group(1))
        assert int(found.group(2)) <= width, width


def test_on_a_terminal_the_page_is_saved_not_printed(visit: Path, tmp_path: Path) -> None:
    """A runner's review (stop 38): `hipcheck report` in a terminal poured
    20 KB of HTML onto the screen. There it saves the page beside you, never
    over another (as the questionnaire saves), and says where; `-o -` and a
    pipe still get the page itself."""
    from .helpers import run

    env = {"HIPCHECK_HOME": str(visit.parent / "home")}
    res = run("report", env=env, cwd=tmp_path, stdout_tty=True)
    assert res.exit == 0 and "<html" not in res.out, res.out[:200]
    day = dt.date.today().isoformat()
    saved = tmp_path / f"hipcheck-report-{day}.html"
    assert saved.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert f"hipcheck-report-{day}.html" in res.err
    again = run("report", env=env, cwd=tmp_path, stdout_tty=True)
    assert again.exit == 0 and (tmp_path / f"hipcheck-report-{day}-2.html").exists()
    assert "<html" in run("report", "-o", "-", env=env, cwd=tmp_path, stdout_tty=True).out
    assert "<html" in run("report", env=env, cwd=tmp_path).out  # a pipe


@pytest.mark.parametrize(
    "answers",
    [
        {"location": ["outer_hip"], "duration": "1_to_6_weeks", "timing": ["during_run"],
         "severity": 3, "age": 45, "sex": "female"},  # self-care: stop if walking starts to hurt
        {"location": ["groin"], "duration": "over_6_weeks", "timing": ["during_run"],
         "severity": 4, "age": 30, "sex": "male"},  # routine
        {"location": ["groin"], "training": ["mileage_jump"], "timing": ["during_run", "walking"],
         "age": 24, "sex": "male"},  # urgent, a bone stop
    ],
)  # fmt: skip
def test_every_page_says_when_to_see_a_doctor(kb: Any, answers: dict[str, Any]) -> None:
    """A runner's review (stop 39): the page for a clinician, which is also
    what `check -o page.html` and the save menu give a runner, and the
    Markdown report had no "When to see a doctor": the plan's watch-for
    lines ("Stop running and see a doctor within a day or two if it starts
    to hurt when walking ...") were in the terminal, text and JSON only.
    The plan is worded by every format."""
    import html as html_lib

    from hipcheck.core.assessment import assess
    from hipcheck.render import report_html, report_markdown
    from hipcheck.render.report_content import build
    from hipcheck.render.summary import summarise

    a = assess(kb, answers)
    s = summarise(a, kb)
    lines = (f"{s.title}.", *s.see_doctor)  # as the text and Markdown summaries say it
    report = build(kb, a)
    page = html_lib.unescape(report_html.render(report))
    md = report_markdown.render(report).replace("\\", "")
    for out in (page, md):
        assert "When to see a doctor" in out
        for line in lines:
            assert line in out, line


def test_an_emergency_page_has_no_separate_when_to_see_a_doctor(kb: Any) -> None:
    """A runner's re-check (stop 39): the emergency page's "go now" is the
    triage box; the text summary has no such section there, and the HTML
    page repeated the triage line in one."""
    from hipcheck.core.assessment import assess
    from hipcheck.render import report_html, report_markdown
    from hipcheck.render.report_content import build

    report = build(kb, assess(kb, {"cannot_bear_weight": True, "location": ("groin",)}))
    assert report.level == "emergency"
    for out in (report_html.render(report), report_markdown.render(report)):
        assert "When to see a doctor" not in out

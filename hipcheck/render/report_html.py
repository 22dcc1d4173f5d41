"""The clinician page as one self-contained HTML file.

Inline CSS and inline SVG only: no script, no font, no image, no link and no
URL of any kind, so opening or printing it fetches nothing. Print-ready on A4
and Letter (`@page` margins, no fixed paper size, content that fits the
narrower A4 width). Every text from the answers or the knowledge file is
HTML-escaped here, once.

f-strings and `html.escape` rather than a template engine: the page is one
fixed layout, and Jinja2 would add a dependency and its import time to build
a dozen sections.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from hipcheck.core.assessment import Assessment
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.level_words import LEVEL_WORDS
from hipcheck.render.report_content import TITLE, Report, answers_heading, build
from hipcheck.render.summary import (
    CAUSE_COLUMN,
    CAUSES_HEADING,
    NO_CAUSE_CELL,
    NOW_HEADING,
    SEE_DOCTOR_HEADING,
    against,
    why,
)
from hipcheck.render.svg_charts import LEVEL_COLOUR, severity_chart, weekly_chart

CSS = """
@page { margin: 14mm 13mm 16mm; }
* { box-sizing: border-box; }
html { color: #1a1a1a; background: #fff;
  font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
body { margin: 0 auto; padding: 10mm 8mm; max-width: 184mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #bbb; }
p, ul, ol, dl { margin: 0 0 2mm; }
ul, ol { padding-left: 6mm; }
li { margin-bottom: 1mm; }
.meta { color: #444; font-size: 9.5pt; }
.triage { border-left: 5px solid #888; padding: 2mm 4mm; background: #f6f6f6; }
.triage h2 { border: 0; margin-top: 0; }
.level-self_care { border-color: #2e7d32; } .level-routine { border-color: #b26a00; }
.level-urgent { border-color: #c62828; } .level-emergency { border-color: #7b1fa2; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 2mm; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm; border-bottom: 1px solid #ddd;
  overflow-wrap: break-word; hyphens: auto; }
th { font-weight: 600; background: #f2f2f2; }
table.answers th { width: 52%; font-weight: normal; background: none; }
table.trend th:nth-child(1) { width: 15%; } table.trend th:nth-child(2) { width: 12%; }
table.trend th:nth-child(3) { width: 17%; } table.trend th:nth-child(4) { width: 22%; }
/* the trend wraps at spaces only; on a phone it scrolls sideways in its own
   box rather than splitting words (UX review N19) */
.scroll { overflow-x: auto; }
table.trend { table-layout: auto; }
table.trend th, table.trend td { overflow-wrap: normal; word-break: normal; hyphens: manual; }
svg { display: block; width: 100%; height: auto; max-height: 70mm; }
.key { font-size: 9pt; color: #444; }
.key span { display: inline-block; width: 3mm; height: 3mm; border-radius: 50%;
  margin: 0 1mm 0 3mm; vertical-align: middle; }
.why { color: #333; }
.ladder li.current { font-weight: 600; }
.ladder li.current::after { content: " \\2190 now"; color: #1f4e79; }
dt { font-weight: 600; } dd { margin: 0 0 1.5mm 4mm; }
.now { border: 2px solid #1f4e79; padding: 2mm 4mm; }
.now h2 { border: 0; margin-top: 0; }
.sources { font-size: 9pt; color: #333; }
.disclaimer { margin-top: 6mm; padding: 2mm 4mm; border: 1px solid #bbb; font-size: 9.5pt; }
@media print {
  body { padding: 0; max-width: none; }
  .scroll { overflow: visible; }
  .triage, .now, figure, tr, li, .entry { break-inside: avoid; }
  /* a heading, or a glossary term, never ends a page away from its text */
  h2, h3, dt { break-after: avoid; page-break-after: avoid; }
}
"""


def _list(items: Iterable[str], tag: str = "ul", cls: str = "") -> str:
    rows = "".join(f"<li>{escape(i)}</li>" for i in items)
    if not rows:
        return ""
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>{rows}</{tag}>"


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>" if body else ""


def _trend(r: Report) -> str:
    if not r.trend:
        return ""
    chart = severity_chart([(p.when, p.severity, p.level) for p in r.trend])
    levels = sorted({p.level for p in r.trend}, key=list(LEVEL_COLOUR).index)
    key = "".join(
        f'<span style="background:{LEVEL_COLOUR[lv]}"></span>{escape(LEVEL_WORDS[lv])}'
        for lv in levels
        if lv in LEVEL_COLOUR
    )
    rows = "".join(
        "<tr>"
        f"<td>{escape(f'{p.when.astimezone():%d %b %Y}')}</td>"
        f"<td>{'-' if p.severity is None else f'{p.severity:g} of 10'}</td>"
        f"<td>{escape(LEVEL_WORDS.get(p.level, p.level))}</td>"
        f"<td>{escape(p.cause or NO_CAUSE_CELL)}</td>"
        f"<td>{escape(p.stage + (f' ({p.decision})' if p.decision else '') or '-')}</td>"
        "</tr>"
        for p in r.trend
    )
    table = (
        '<div class="scroll"><table class="trend"><thead><tr>'
        "<th>Check-in</th><th>Worst pain</th><th>Triage</th>"
        f"<th>{escape(CAUSE_COLUMN)}</th><th>Running stage</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )
    return (
        f'<figure style="margin:0">{chart}<figcaption class="key">Marker colour: triage '
        f"level.{key}</figcaption></figure>{table}"
    )


def _causes(r: Report) -> str:
    if not r.causes:
        return ""
    items = []
    for c in r.causes:
        said_against = f"<br>Against: {escape(against(c))}" if c.against else ""
        items.append(
            f"<li><strong>{escape(c.name)}</strong>: {escape(c.likelihood)}"
            f'<br><span class="why">Why: {escape(why(c))}{said_against}</span></li>'
        )
    note = (
        '<p class="meta">From the runner\'s answers only, in words rather than numbers: '
        "possible causes for the clinician to consider, not a diagnosis.</p>"
    )
    no_fit = f'<p class="nofit"><strong>{escape(r.no_fit)}</strong></p>' if r.no_fit else ""
    return f"{no_fit}<ol>{''.join(items)}</ol>{note}"


def _now(r: Report) -> str:
    """What the runner was told to do, in one box near the top (as the
    terminal summary ends with it)."""
    return f'<section class="now"><h2>{escape(NOW_HEADING)}</h2>{_list(r.now())}</section>'


def _answers(r: Report) -> str:
    rows = "".join(f"<tr><th>{escape(q)}</th><td>{escape(a)}</td></tr>" for q, a in r.answers)
    body = f'<table class="answers"><tbody>{rows}</tbody></table>' if rows else ""
    if r.unanswered:
        body += f"<p>Safety questions not answered: {escape('; '.join(r.unanswered))}.</p>"
    return body


def _running(r: Report) -> str:
    if not r.run_now:
        return ""
    body = "".join(f"<p>{escape(line)}</p>" for line in r.run_now[:2])
    body += _list(r.run_now[2:])
    if r.ladder:
        items = "".join(
            f"<li{' class=current' if now else ''}>{escape(text)}</li>" for text, now in r.ladder
        )
        body += f'<p><strong>All stages</strong></p><ol class="ladder">{items}</ol>'
    if r.pain_rule and r.ladder:
        body += f"<p>{escape(r.pain_rule)}</p>"
    if r.volume:
        body += "<p><strong>After the last stage</strong></p>" + _list(r.volume)
    return body


def _plan(r: Report) -> str:
    body = f"<p><strong>Running:</strong> {escape(r.running)}</p>"
    body += _list(r.self_care)
    if r.exercises:
        body += "<p><strong>Exercises suggested</strong></p>" + _list(r.exercises)
    return body


def _load(r: Report) -> str:
    if not r.weeks:
        return ""
    chart = weekly_chart([(w.start, w.km) for w in r.weeks])
    return f'<figure style="margin:0">{chart}</figure>{_list(r.load)}'


def _footer(r: Report) -> str:
    """The date and page number at the foot of every printed page."""
    made = re.sub(r'["\\<>\n]', "", f"Hip pain summary made on {r.made}")
    box = "font-size: 8pt; color: #555;"
    return (
        f'@page {{ @bottom-left {{ content: "{made}"; {box} }} '
        f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} }} }}'
    )


def page(
    kb: KnowledgeBase,
    a: Assessment,
    checkins: Sequence[Any] = (),
    made: dt.datetime | None = None,
    notes: tuple[str, ...] = (),
) -> str:
    """The page for an assessment (and the check-ins of its episode)."""
    return render(build(kb, a, checkins, made, notes=notes))


def render(r: Report) -> str:
    """The whole page as one HTML document."""
    reasons = _list(r.reasons) + f"<p>{escape(r.advice)}</p>"
    reasons += "".join(f"<p><strong>{escape(a)}</strong></p>" for a in r.emergency_advice)
    glossary = "".join(
        f'<div class="entry"><dt>{escape(term)}</dt><dd>{escape(meaning)}</dd></div>'
        for term, meaning in r.glossary
    )
    assessed = f" Latest assessment: {escape(r.assessed)}." if r.assessed else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="date" content="{escape(r.made_iso)}">',
        f"<title>{escape(TITLE)} ({escape(r.made)})</title>",
        f"<style>{CSS}{_footer(r)}</style></head><body>",
        f"<header><h1>{escape(TITLE)}</h1>",
        f'<p class="meta">Made on <time datetime="{escape(r.made_iso)}">{escape(r.made)}</time>'
        f" from the runner's own answers with hipcheck {escape(r.version)} (knowledge "
        f"file {escape(r.kb_version)}).{assessed} Not a diagnosis.</p></header>",
        f'<section class="triage level-{escape(r.level)}"><h2>Triage: '
        f"{escape(r.level_label)}: {escape(r.title)}</h2>{reasons}</section>",
        _now(r),
        _section("Worst pain over time", _trend(r)),
        _section(answers_heading(r), _answers(r)),
        _section(CAUSES_HEADING, _causes(r)),
        _section("What has been tried, and for how long", _list(r.tried)),
        _section("Getting back to running", _running(r)),
        _section("Running in the last weeks (from activity data)", _load(r)),
        _section("Current plan", _plan(r)),
        _section(SEE_DOCTOR_HEADING, _list(r.see_doctor)),
        _section("Questions you may want to ask", _list(r.questions)),
        _section("Glossary", f"<dl>{glossary}</dl>" if glossary else ""),
        _section("Sources", _list(r.sources, "ol", "sources")),
        f'<footer class="disclaimer">{escape(r.disclaimer)}</footer>',
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"

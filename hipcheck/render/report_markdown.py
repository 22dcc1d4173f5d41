"""The clinician page as Markdown: the same content as the HTML page, with
the charts as tables."""

from __future__ import annotations

from collections.abc import Iterable

from hipcheck.render.level_words import LEVEL_WORDS
from hipcheck.render.report_content import TITLE, Report, answers_heading
from hipcheck.render.summary import (
    CAUSE_COLUMN,
    CAUSES_HEADING,
    NO_CAUSE_CELL,
    NOW_HEADING,
    SEE_DOCTOR_HEADING,
    against,
    why,
)


def _md(text: str) -> str:
    for ch in ("\\", "*", "_", "`", "[", "]", "|", "<", ">", "#"):
        text = text.replace(ch, "\\" + ch)
    return text


def _section(title: str, lines: Iterable[str]) -> list[str]:
    body = list(lines)
    return [f"## {title}", "", *body, ""] if body else []


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"- {_md(i)}" for i in items]


def render(r: Report) -> str:
    out = [f"# {TITLE}", ""]
    assessed = f" Latest assessment: {_md(r.assessed)}." if r.assessed else ""
    out += [
        f"_Made on {_md(r.made)} from the runner's own answers with hipcheck "
        f"{_md(r.version)} (knowledge file {_md(r.kb_version)}).{assessed} Not a diagnosis._",
        "",
    ]
    triage = [*_bullets(r.reasons), "", _md(r.advice)]
    triage += [f"\n**{_md(a)}**" for a in r.emergency_advice]
    out += _section(f"Triage: {_md(r.level_label)}: {_md(r.title)}", triage)
    out += _section(NOW_HEADING, _bullets(r.now()))
    out += _trend(r)
    # "Where is the pain? **Groin**", "Answered no: **Fever; ...**"
    answers = [f"- {_md(q)}{'' if q.endswith('?') else ':'} **{_md(a)}**" for q, a in r.answers]
    if r.unanswered:
        answers.append(f"\nSafety questions not answered: {_md('; '.join(r.unanswered))}.")
    out += _section(answers_heading(r), answers)
    causes = [f"**{_md(r.no_fit)}**\n"] if r.no_fit and r.causes else []
    for i, c in enumerate(r.causes, 1):
        causes.append(f"{i}. **{_md(c.name)}**: {_md(c.likelihood)}. Why: {_md(why(c))}.")
        if c.against:
            causes.append(f"   Against: {_md(against(c))}.")
    if causes:
        causes.append(
            "\n_From the runner's answers only, in words rather than numbers: possible "
            "causes for the clinician to consider, not a diagnosis._"
        )
    out += _section(CAUSES_HEADING, causes)
    out += _section("What has been tried, and for how long", _bullets(r.tried))
    out += _getting_back(r)
    if r.weeks:
        weeks = ["| Week of | Distance | Time |", "|---|---|---|"]
        weeks += [f"| {w.start:%d %b} | {w.km:.1f} km | {w.minutes:.0f} min |" for w in r.weeks]
        out += _section(
            "Running in the last weeks (from activity data)", [*weeks, "", *_bullets(r.load)]
        )
    plan = [f"**Running:** {_md(r.running)}", "", *_bullets(r.self_care)]
    if r.exercises:
        plan += ["", "**Exercises suggested**", "", *_bullets(r.exercises)]
    out += _section("Current plan", plan)
    out += _section(SEE_DOCTOR_HEADING, _bullets(r.see_doctor))
    out += _section("Questions you may want to ask", _bullets(r.questions))
    out += _section("Glossary", [f"- **{_md(t)}**: {_md(m)}" for t, m in r.glossary])
    out += _section("Sources", [f"{i}. {_md(s)}" for i, s in enumerate(r.sources, 1)])
    out += [f"> {_md(r.disclaimer)}", ""]
    return "\n".join(out)


def _trend(r: Report) -> list[str]:
    if not r.trend:
        return []
    rows = [f"| Check-in | Worst pain | Triage | {CAUSE_COLUMN} | Running stage |"]
    rows.append("|---|---|---|---|---|")
    for p in r.trend:
        sev = "-" if p.severity is None else f"{p.severity:g} of 10"
        stage = p.stage + (f" ({p.decision})" if p.decision else "") or "-"
        rows.append(
            f"| {p.when.astimezone():%d %b %Y} | {sev} | {_md(LEVEL_WORDS.get(p.level, p.level))} "
            f"| {_md(p.cause or NO_CAUSE_CELL)} | {_md(stage)} |"
        )
    return _section("Worst pain over time", rows)


def _getting_back(r: Report) -> list[str]:
    running = [_md(line) + "\n" for line in r.run_now[:2]] + _bullets(r.run_now[2:])
    if r.ladder:
        running += ["", "**All stages**", ""]
        running += [
            f"{i}. {'**' if now else ''}{_md(text)}{' (now)**' if now else ''}"
            for i, (text, now) in enumerate(r.ladder, 1)
        ]
        if r.pain_rule:
            running += ["", _md(r.pain_rule)]
    if r.volume:
        running += ["", "**After the last stage**", "", *_bullets(r.volume)]
    return _section("Getting back to running", running if r.run_now else [])

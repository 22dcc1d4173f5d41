"""Start-up and throughput benchmark for hipcheck (not part of the test run).

Whole-process runs, pinned to one core, interleaved round-robin; reports
medians and ratios against `python -c "import typer"` on the same machine in
the same run, and checks them against the targets:

    --version                 <= 1.3x import typer
    check ... --format json   <= 1.5x import typer
    batch (JSONL and CSV out) >= 10,000 assessments per second (20,000
                              records: the case files and random answer sets)
    first question on screen  <  0.25 s (in a pseudo-terminal, with pexpect)

Usage: .venv/bin/python bench/bench.py [--runs 21] [--lines 20000]
Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def hipcheck_exe() -> str:
    local = Path(sys.executable).parent / "hipcheck"
    found = str(local) if local.exists() else shutil.which("hipcheck")
    if not found:
        sys.exit("bench: hipcheck is not installed in this environment")
    return found


def pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=pin, check=False
    )
    return time.perf_counter() - start


CASES = Path(__file__).resolve().parents[1] / "tests" / "cases"


def generate(path: Path, n: int) -> None:
    """`n` records as a batch meets them: half the published and written cases
    of tests/cases (their answers as given), half random answer sets over
    every question of the knowledge file (each question answered or not,
    any allowed value), so every triage level and most rules occur."""
    from hipcheck.knowledge import load

    kb = load()
    rnd = random.Random(1)
    cases: list[dict[str, object]] = []
    for f in sorted(CASES.glob("*.json")):
        cases += [c["answers"] for c in json.loads(f.read_text(encoding="utf-8"))]
    rows: list[dict[str, object]] = []
    for i in range(n):
        rec: dict[str, object] = {"id": f"runner-{i}"}
        if cases and rnd.random() < 0.5:
            rec.update(rnd.choice(cases))
        else:
            for q in kb.questions:
                if rnd.random() < 0.5:
                    continue
                if q.kind == "yes_no":
                    rec[q.id] = rnd.random() < 0.05
                elif q.kind == "one":
                    rec[q.id] = rnd.choice(q.values)
                elif q.kind == "several":
                    rec[q.id] = rnd.sample(q.values, rnd.randint(0, min(3, len(q.values))))
                else:
                    rec[q.id] = rnd.randint(int(q.min or 0), int(q.max or 0))
        rows.append(rec)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)


def batch_rate(exe: str, data: Path, fmt: str, lines: int, runs: int) -> tuple[float, float]:
    """Records per second of `hipcheck batch` (whole process, pinned to one
    core): (by the wall clock, by the CPU time the process used). On a busy
    machine the wall clock also counts time waiting for the core; the CPU
    time does not."""
    cmd = [exe, "batch", str(data), "--format", fmt]
    check = subprocess.run(cmd, capture_output=True, check=False)
    if check.returncode != 0 or len(check.stdout.splitlines()) != lines + (fmt == "csv"):
        sys.exit(f"bench: batch {fmt} failed (exit {check.returncode}): {check.stderr[-300:]!r}")
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(timed(cmd))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return lines / statistics.median(walls), lines / statistics.median(cpus)


def first_question(exe: str, runs: int) -> float | None:
    """Median seconds from start to the first prompt on a pseudo-terminal."""
    try:
        import pexpect
    except ImportError:
        return None
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "HIPCHECK_HOME": home}
        for _ in range(runs):
            start = time.perf_counter()
            child = pexpect.spawn(exe, env=env, encoding="utf-8", timeout=20, preexec_fn=pin)
            child.expect_exact("Safety first")
            times.append(time.perf_counter() - start)
            child.sendcontrol("c")
            child.expect(pexpect.EOF)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--lines", type=int, default=20_000)
    args = ap.parse_args()
    exe = hipcheck_exe()
    # An installed wheel has its bytecode compiled at install time; an editable
    # checkout does not (and PYTHONDONTWRITEBYTECODE may forbid writing it on
    # the fly), so compile once to measure what users run.
    import hipcheck

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(hipcheck.__file__).parent)], check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "runners.jsonl"
        generate(data, args.lines)
        commands = {
            "import typer": [sys.executable, "-c", "import typer"],
            "hipcheck --version": [exe, "--version"],
            "check --format json": [
                exe,
                "check",
                "--location",
                "outer-hip",
                "--triggers",
                "single-leg",
                "--duration",
                "1-to-6-weeks",
                "--severity",
                "5",
                "--format",
                "json",
            ],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for name, cmd in commands.items():  # warm the caches once, and check it works
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"bench: {name} failed (exit {done.returncode}): {done.stderr[-300:]}")
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd))
        batch_runs = max(3, args.runs // 5)
        rates = {
            fmt: batch_rate(exe, data, fmt, args.lines, batch_runs) for fmt in ("jsonl", "csv")
        }
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["import typer"]
    rows = [
        ("import typer", med["import typer"], 1.0, None),
        ("hipcheck --version", med["hipcheck --version"], med["hipcheck --version"] / base, 1.3),
        ("check --format json", med["check --format json"], med["check --format json"] / base, 1.5),
    ]
    ok = True
    print(
        f"median of {args.runs} whole-process runs, pinned to one core ({sys.version.split()[0]})"
    )
    for name, secs, ratio, target in rows:
        verdict = ""
        if target is not None:
            good = ratio <= target
            ok &= good
            verdict = f"target <= {target}x  {'PASS' if good else 'FAIL'}"
        print(f"  {name:<22} {secs * 1000:7.1f} ms  {ratio:5.2f}x  {verdict}")
    for fmt, (rate, rate_cpu) in rates.items():
        good = rate >= 10_000
        ok &= good
        print(
            f"  batch {args.lines} lines, {fmt:<5} {rate:7,.0f}/s whole process"
            f" ({rate_cpu:,.0f}/s by CPU time)  target >= 10,000/s  {'PASS' if good else 'FAIL'}"
        )
    prompt = first_question(exe, max(5, args.runs // 2))
    if prompt is not None:
        good = prompt < 0.25
        ok &= good
        verdict = "PASS" if good else "FAIL"
        print(f"  first question          {prompt * 1000:7.1f} ms  target < 250 ms  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

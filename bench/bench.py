"""Start-up and throughput benchmark for hipcheck (not part of the test run).

Whole-process runs, pinned to one core, interleaved round-robin; reports
medians and ratios against `python -c "import typer"` on the same machine in
the same run, and checks them against the targets:

    --version                 <= 1.3x import typer
    check ... --format json   <= 1.5x import typer
    batch (JSONL and CSV out) >= 10,000 assessments per second (20,000
                              records: the case files and random answer sets)
    first question on screen  <  0.25 s (in a pseudo-terminal, with pexpect:
                              until its last choice is drawn)

A start takes the knowledge file from the cache of verified files
(store/verified.py) once a first run has checked it; `check, cache off`
shows a start that checks it in full (the first after an install, an
upgrade or an edit), for information. `--baseline DIR` times another
checkout's code (e.g. `git worktree add /tmp/base main`) in the same rounds,
for a paired before/after comparison on a busy machine (batch runs
alternate with the baseline's).

Usage: .venv/bin/python bench/bench.py [--runs 21] [--lines 20000] [--baseline DIR]
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


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=pin,
        check=False,
        env=env,
        cwd=tempfile.gettempdir(),  # not the checkout: `python -c` would import it from there
    )
    return time.perf_counter() - start


CASES = Path(__file__).resolve().parents[1] / "tests" / "cases"


def generate(path: Path, n: int) -> None:
    """`n` records as a batch meets them: half the published and written cases
    of tests/cases (their answers as given), half random answer sets over
    every question of the knowledge file (each question answered or not,
    any allowed value), so every triage level and most rules occur."""
    from hipcheck.knowledge import load

    sys.path.insert(0, str(CASES.parents[1]))  # the tests' answer drawing, shared
    from tests.answer_sets import random_answers

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
            rec.update(random_answers(kb, rnd, yes_rate=0.05, max_ticks=3))
        rows.append(rec)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)


def batch_rates(
    exe: str, data: Path, fmt: str, lines: int, runs: int, envs: dict[str, dict[str, str]]
) -> dict[str, tuple[float, float]]:
    """Records per second of `hipcheck batch` (whole process, pinned to one
    core) for each environment of `envs`, their runs alternating: (by the
    wall clock, by the CPU time the process used). On a busy machine the
    wall clock also counts time waiting for the core; the CPU time does not."""
    cmd = [exe, "batch", str(data), "--format", fmt]
    for name, env in envs.items():
        check = subprocess.run(
            cmd, capture_output=True, check=False, env=env, cwd=tempfile.gettempdir()
        )
        if check.returncode != 0 or len(check.stdout.splitlines()) != lines + (fmt == "csv"):
            why = f"exit {check.returncode}: {check.stderr[-300:]!r}"
            sys.exit(f"bench: {name} {fmt} failed ({why})")
    walls: dict[str, list[float]] = {name: [] for name in envs}
    cpus: dict[str, list[float]] = {name: [] for name in envs}
    for _ in range(runs):
        for name, env in envs.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            walls[name].append(timed(cmd, env))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            cpus[name].append(cpu)
    return {
        name: (lines / statistics.median(walls[name]), lines / statistics.median(cpus[name]))
        for name in envs
    }


#: The first question's last line, and what prompt_toolkit writes when a
#: prompt starts (bracketed paste on): the prompt itself is drawn after it.
LAST_CHOICE = "\u25cb None of these"
PROMPT_STARTS = "\x1b[?2004h"


def first_question(
    exe: str, runs: int, extras: dict[str, dict[str, str]]
) -> dict[str, tuple[float, float]]:
    """Median seconds from start to the whole first question on a
    pseudo-terminal (its last choice drawn: painted, ui/painted.py, or by the
    prompt), and to the prompt itself drawn over it, for each environment of
    `extras` (interleaved); {} without pexpect."""
    try:
        import pexpect
    except ImportError:
        return {}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in extras}
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "HIPCHECK_HOME": home}
        for _ in range(runs):
            for name, extra in extras.items():
                start = time.perf_counter()
                child = pexpect.spawn(
                    exe,
                    env={**env, **extra},
                    encoding="utf-8",
                    timeout=20,
                    preexec_fn=pin,
                    cwd=home,
                )
                child.expect_exact("Safety first")
                child.expect_exact(LAST_CHOICE)
                shown = time.perf_counter() - start
                if PROMPT_STARTS not in child.before:  # painted: the prompt comes later
                    child.expect_exact(PROMPT_STARTS)
                    child.expect_exact(LAST_CHOICE)
                times[name].append((shown, time.perf_counter() - start))
                child.sendcontrol("c")
                child.expect(pexpect.EOF)
    return {
        name: (statistics.median(s for s, _ in t), statistics.median(p for _, p in t))
        for name, t in times.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--lines", type=int, default=20_000)
    ap.add_argument("--baseline", type=Path, help="another checkout to time alongside")
    args = ap.parse_args()
    exe = hipcheck_exe()
    # An installed wheel has its bytecode compiled at install time; an editable
    # checkout does not (and PYTHONDONTWRITEBYTECODE may forbid writing it on
    # the fly), so compile once to measure what users run.
    import hipcheck

    packages = [Path(hipcheck.__file__).parent]
    if args.baseline is not None:
        packages.append(args.baseline / "hipcheck")
    for package in packages:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "runners.jsonl"
        generate(data, args.lines)
        check = [exe, "check", "--location", "outer-hip", "--triggers", "single-leg"]
        check += ["--duration", "1-to-6-weeks", "--severity", "5", "--format", "json"]
        here = dict(os.environ)
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "import typer": ([sys.executable, "-c", "import typer"], here),
            "hipcheck --version": ([exe, "--version"], here),
            "check --format json": (check, here),
            "check, cache off": (check, {**here, "HIPCHECK_CACHE": ""}),
        }
        if args.baseline is not None:
            base_env = {**here, "PYTHONPATH": str(args.baseline.resolve())}
            commands["baseline --version"] = ([exe, "--version"], base_env)
            commands["baseline check"] = (check, base_env)
        times: dict[str, list[float]] = {k: [] for k in commands}
        for name, (cmd, env) in commands.items():  # warm the caches once, and check it works
            done = subprocess.run(
                cmd, capture_output=True, text=True, check=False, env=env, cwd=tempfile.gettempdir()
            )
            if done.returncode != 0:
                sys.exit(f"bench: {name} failed (exit {done.returncode}): {done.stderr[-300:]}")
        for _ in range(args.runs):
            for name, (cmd, env) in commands.items():
                times[name].append(timed(cmd, env))
        batch_runs = max(3, args.runs // 5)
        envs = {"batch": here}
        if args.baseline is not None:
            envs["baseline batch"] = commands["baseline check"][1]
        rates = {
            fmt: batch_rates(exe, data, fmt, args.lines, batch_runs, envs)
            for fmt in ("jsonl", "csv")
        }
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["import typer"]
    targets = {"hipcheck --version": 1.3, "check --format json": 1.5}
    rows = [(name, secs, secs / base, targets.get(name)) for name, secs in med.items()]
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
    for fmt, by_env in rates.items():
        for name, (rate, rate_cpu) in by_env.items():
            verdict = ""
            if name == "batch":
                good = rate >= 10_000
                ok &= good
                verdict = f"  target >= 10,000/s  {'PASS' if good else 'FAIL'}"
            print(
                f"  {name} {args.lines} lines, {fmt:<5} {rate:7,.0f}/s whole process"
                f" ({rate_cpu:,.0f}/s by CPU time){verdict}"
            )
    extras: dict[str, dict[str, str]] = {"first question": {}}
    if args.baseline is not None:
        extras["baseline first question"] = {"PYTHONPATH": str(args.baseline.resolve())}
    prompts = first_question(exe, max(5, args.runs // 2), extras)
    for name, (secs, live) in prompts.items():
        verdict = ""
        if name == "first question":
            good = secs < 0.25
            ok &= good
            verdict = f"target < 250 ms  {'PASS' if good else 'FAIL'}"
        print(f"  {name:<23} {secs * 1000:7.1f} ms  {verdict}")
        print(
            f"    {'its prompt drawn':<21} {live * 1000:7.1f} ms  (keys typed before wait for it)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

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

What is timed is what `pip install .` gives a user: the wheel built from
this checkout, with its modules compiled (hatch_build.py), unpacked into a
temporary folder and put first on the path (`--as-installed`: the installed
hipcheck as it is; an editable install is pure Python, about 1.3 times
slower at batch).

A start takes the knowledge file from the cache of verified files
(store/verified.py) once a first run has checked it; `check, cache off`
shows a start that checks it in full (the first after an install, an
upgrade or an edit), for information. `--baseline DIR` times another
checkout's wheel (e.g. `git worktree add /tmp/base main`) in the same
rounds, for a paired before/after comparison on a busy machine (batch runs
alternate with the baseline's).

Usage: .venv/bin/python bench/bench.py [--runs 21] [--lines 20000] [--baseline DIR]
       [--as-installed]
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


def environments(
    args: argparse.Namespace, tmp: Path
) -> tuple[dict[str, str], dict[str, str] | None]:
    """The environments to time hipcheck (and the baseline, if any) in.

    By default what `pip install .` gives users: the checkout's wheel, built
    here with its compiled modules (hatch_build.py) and put first on the
    path. With --as-installed, the installed hipcheck as it is. Either way
    the bytecode is compiled first, as an install does: an editable checkout
    has none (and PYTHONDONTWRITEBYTECODE may forbid writing it on the fly).
    """
    import hipcheck

    here = dict(os.environ)
    if args.as_installed:
        checkouts = [Path(hipcheck.__file__).parent]
        if args.baseline is not None:
            checkouts.append(args.baseline / "hipcheck")
        for package in checkouts:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
        base = None
        if args.baseline is not None:
            base = {**here, "PYTHONPATH": str(args.baseline.resolve())}
        return here, base
    site, compiled = wheel_site(ROOT, tmp / "wheel")
    print(f"timing the wheel of {ROOT} ({'compiled' if compiled else 'pure Python'})")
    mine = {**here, "PYTHONPATH": str(site)}
    if args.baseline is None:
        return mine, None
    base_site, base_compiled = wheel_site(args.baseline.resolve(), tmp / "baseline")
    print(f"  and of {args.baseline} ({'compiled' if base_compiled else 'pure Python'})")
    return mine, {**here, "PYTHONPATH": str(base_site)}


def wheel_site(checkout: Path, into: Path) -> tuple[Path, bool]:
    """Build `checkout`'s wheel as `pip install .` would (its modules
    compiled where its build compiles them; HIPCHECK_COMPILE=1: a failure to
    compile is an error, not a pure wheel) and unpack it into a folder of
    its own: (that folder, whether it holds compiled modules)."""
    dist, site = into / "dist", into / "site"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    env = {**os.environ, "HIPCHECK_COMPILE": "1"}
    wheel = [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(checkout)]
    subprocess.run(wheel, check=True, env=env, stdout=subprocess.DEVNULL)
    built = next(dist.glob("hipcheck-*.whl"))
    install = [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(built)]
    subprocess.run(install, check=True, stdout=subprocess.DEVNULL)
    return site, any((site / "hipcheck" / "core").glob("plan.*.so"))


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


ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"


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
        env = {"PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "HIPCHECK_HOME": home}
        for _ in range(runs):
            for name, extra in extras.items():
                start = time.perf_counter()
                child = pexpect.spawn(
                    exe,
                    env={**extra, **env},
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
    ap.add_argument(
        "--as-installed",
        action="store_true",
        help="time the installed hipcheck as it is (an editable install: pure Python), "
        "not the wheel built from the checkout",
    )
    args = ap.parse_args()
    exe = hipcheck_exe()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "runners.jsonl"
        generate(data, args.lines)
        here, base_env = environments(args, Path(tmp))
        times = start_times(exe, args.runs, here, base_env)
        envs = {"batch": here} if base_env is None else {"batch": here, "baseline batch": base_env}
        batch_runs = max(3, args.runs // 5)
        rates = {
            fmt: batch_rates(exe, data, fmt, args.lines, batch_runs, envs)
            for fmt in ("jsonl", "csv")
        }
        extras = {"first question": here}
        if base_env is not None:
            extras["baseline first question"] = base_env
        prompts = first_question(exe, max(5, args.runs // 2), extras)
    print(
        f"median of {args.runs} whole-process runs, pinned to one core ({sys.version.split()[0]})"
    )
    return 0 if report(times, rates, prompts, args.lines) else 1


def start_times(
    exe: str, runs: int, here: dict[str, str], base_env: dict[str, str] | None
) -> dict[str, float]:
    """Median seconds of each start-up command, interleaved round-robin."""
    check = [exe, "check", "--location", "outer-hip", "--triggers", "single-leg"]
    check += ["--duration", "1-to-6-weeks", "--severity", "5", "--format", "json"]
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "import typer": ([sys.executable, "-c", "import typer"], here),
        "hipcheck --version": ([exe, "--version"], here),
        "check --format json": (check, here),
        "check, cache off": (check, {**here, "HIPCHECK_CACHE": ""}),
    }
    if base_env is not None:
        commands["baseline --version"] = ([exe, "--version"], base_env)
        commands["baseline check"] = (check, base_env)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for name, (cmd, env) in commands.items():  # warm the caches once, and check it works
        done = subprocess.run(
            cmd, capture_output=True, text=True, check=False, env=env, cwd=tempfile.gettempdir()
        )
        if done.returncode != 0:
            sys.exit(f"bench: {name} failed (exit {done.returncode}): {done.stderr[-300:]}")
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            times[name].append(timed(cmd, env))
    return {k: statistics.median(v) for k, v in times.items()}


def report(
    med: dict[str, float],
    rates: dict[str, dict[str, tuple[float, float]]],
    prompts: dict[str, tuple[float, float]],
    lines: int,
) -> bool:
    """Print every figure against its target; whether all are met."""
    base = med["import typer"]
    targets = {"hipcheck --version": 1.3, "check --format json": 1.5}
    ok = True
    for name, secs in med.items():
        ratio, target = secs / base, targets.get(name)
        verdict = ""
        if target is not None:
            ok &= ratio <= target
            verdict = f"target <= {target}x  {'PASS' if ratio <= target else 'FAIL'}"
        print(f"  {name:<22} {secs * 1000:7.1f} ms  {ratio:5.2f}x  {verdict}")
    for fmt, by_env in rates.items():
        for name, (rate, rate_cpu) in by_env.items():
            verdict = ""
            if name == "batch":
                ok &= rate >= 10_000
                verdict = f"  target >= 10,000/s  {'PASS' if rate >= 10_000 else 'FAIL'}"
            print(
                f"  {name} {lines} lines, {fmt:<5} {rate:7,.0f}/s whole process"
                f" ({rate_cpu:,.0f}/s by CPU time){verdict}"
            )
    for name, (secs, live) in prompts.items():
        verdict = ""
        if name == "first question":
            ok &= secs < 0.25
            verdict = f"target < 250 ms  {'PASS' if secs < 0.25 else 'FAIL'}"
        print(f"  {name:<23} {secs * 1000:7.1f} ms  {verdict}")
        print(
            f"    {'its prompt drawn':<21} {live * 1000:7.1f} ms  (keys typed before wait for it)"
        )
    return ok


if __name__ == "__main__":
    sys.exit(main())

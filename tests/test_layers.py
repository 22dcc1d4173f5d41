"""The layers of hipcheck, checked from the source (issue 10).

Every import counts, also one inside a function (a lazy import that dodges a
cycle is still a cycle); only imports under `if TYPE_CHECKING:` are left out,
since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "hipcheck"

#: Layer of each module (by its dotted name below `hipcheck`), lowest first.
LAYERS: dict[str, tuple[str, ...]] = {
    "base": ("errors", "safe_read", "kept"),
    "knowledge": ("knowledge",),
    "training": ("training",),
    "core": ("core",),
    "store": ("store",),
    "render": ("render", "terminal", "streams"),
    "ui": ("ui",),
    "commands": ("commands",),
    "cli": ("cli", "__main__"),
}
#: What each layer may not import.
FORBIDDEN = {
    "base": {"knowledge", "training", "core", "store", "render", "ui", "commands", "cli"},
    "knowledge": {"training", "core", "store", "render", "ui", "commands", "cli"},
    "training": {"core", "store", "render", "ui", "commands", "cli"},
    "core": {"store", "render", "ui", "commands", "cli"},
    "store": {"render", "ui", "commands", "cli"},
    "render": {"ui", "commands", "cli"},
    "ui": {"cli"},
    "commands": {"cli"},
    "cli": set(),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> str:
    """The layer of the longest listed name that is the module or contains it."""
    best = ("", "")
    for layer, prefixes in LAYERS.items():
        for p in prefixes:
            if (name == p or name.startswith(p + ".")) and len(p) > len(best[1]):
                best = (layer, p)
    return best[0]


def runtime_imports(path: Path, type_only: bool = False) -> set[str]:
    """The hipcheck modules a file imports when it runs, as names below
    `hipcheck` (with `type_only`, also those imported only for type hints)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree) if not type_only else ():
        test = getattr(node, "test", None)
        if isinstance(node, ast.If) and isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "").startswith("hipcheck"):
                target = (node.module or "").removeprefix("hipcheck").lstrip(".")
            else:
                continue
            subs = [f"{target}.{a.name}".lstrip(".") for a in node.names]
            known = [s for s in subs if (PACKAGE / s.replace(".", "/")).exists()
                     or (PACKAGE / (s.replace(".", "/") + ".py")).exists()]  # fmt: skip
            found |= set(known) if known else {target}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("hipcheck."):
                    found.add(alias.name.removeprefix("hipcheck."))
    return {f for f in found if f}


def graph(type_only: bool = False) -> dict[str, set[str]]:
    return {module_name(p): runtime_imports(p, type_only) for p in PACKAGE.rglob("*.py")}


def test_every_module_has_a_layer() -> None:
    assert [m for m in graph() if m and not layer_of(m)] == []


def test_no_layer_imports_one_above_it() -> None:
    """Not even for a type hint: a type that every layer names lives low."""
    wrong = []
    for mod, imports in graph(type_only=True).items():
        if not mod:
            continue
        for target in imports:
            if layer_of(target) in FORBIDDEN[layer_of(mod)]:
                wrong.append(f"{mod} ({layer_of(mod)}) imports {target} ({layer_of(target)})")
    assert wrong == []


def test_no_import_cycle() -> None:
    edges = graph()
    modules = set(edges)

    def resolve(target: str) -> str:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target

    deps = {m: {resolve(t) for t in ts} - {m, ""} for m, ts in edges.items()}
    # a package's __init__ importing its own submodules is not a cycle
    for m in deps:
        deps[m] = {d for d in deps[m] if not d.startswith(m + ".") or m == ""}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(deps.get(m, ())):
            if state.get(d) == 1:
                cycles.append([*path[path.index(d) :], d] if d in path else [m, d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(deps):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_no_module_over_400_lines() -> None:
    long = {
        module_name(p): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}

"""Fill the knowledge file's text templates: plain `{name}` fields only.

A few texts of the knowledge file name values to put in (`{severity}` in the
[history] reasons, `{questions}` in `default_reason_unanswered`). They are
filled here and nowhere else, never with `str.format`, which would let the
file walk attributes (`{severity.__class__}`), index (`{x[0]}`) or pad a field
to hundreds of megabytes (`{severity:>300000000}`) (reliability review F14).
Every template is checked on load with `problem`, so `fill` only ever meets
templates that are known to be plain.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable
from functools import lru_cache

_PARSER = string.Formatter()


class TemplateError(ValueError):
    """A template that is not plain text with `{name}` fields."""


@lru_cache(maxsize=64)
def parse(template: str) -> tuple[tuple[str, str | None], ...]:
    """The template as (literal text, field name or None) pairs.

    `{{` and `}}` stand for a brace. Raises TemplateError for anything but
    plain `{name}` fields: attribute or index access, conversions (`!r`),
    format specs (`:>9`), positional fields (`{}`, `{0}`), unmatched braces.
    """
    parts: list[tuple[str, str | None]] = []
    try:
        for literal, name, spec, conversion in _PARSER.parse(template):
            if name is None:
                parts.append((literal, None))
                continue
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            if not name.isidentifier():
                raise TemplateError(f"'{shown[:40]}' is not a plain field: write {{name}}")
            if spec or conversion:
                raise TemplateError(f"'{shown[:40]}' has a format: write a plain {{{name}}}")
            parts.append((literal, name))
    except TemplateError:
        raise
    except ValueError as e:
        raise TemplateError(f"braces do not match ({e}); write {{{{ for a brace") from None
    return tuple(parts)


def fields(template: str) -> tuple[str, ...]:
    """The field names the template uses, in order."""
    return tuple(name for _, name in parse(template) if name is not None)


def problem(template: str, allowed: Iterable[str]) -> str | None:
    """Why the template cannot be filled with these fields, or None if it can."""
    names = tuple(allowed)
    try:
        used = fields(template)
    except TemplateError as e:
        return str(e)
    unknown = [n for n in used if n not in names]
    if unknown:
        return f"unknown field {{{unknown[0]}}}; use {', '.join('{' + n + '}' for n in names)}"
    return None


def fill(template: str, **values: object) -> str:
    """The template with each `{name}` replaced by `str(values[name])`.

    Raises TemplateError for a template that is not plain or names a field
    not given (the loader refuses such templates, so this is a bug if seen).
    """
    out: list[str] = []
    for literal, name in parse(template):
        out.append(literal)
        if name is not None:
            if name not in values:
                raise TemplateError(f"unknown field {{{name}}}")
            out.append(str(values[name]))
    return "".join(out)


def or_list(items: list[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    return f"{', '.join(items[:-1])} or {items[-1]}" if len(items) > 1 else "".join(items)


def day(when: dt.datetime) -> str:
    """A date as a template value: "9 Nov" (local time)."""
    local = when.astimezone()
    return f"{local.day} {local:%b}"


def number(value: float | None, missing: str = "-") -> str:
    """A number as a template value: "6", "6.5"; `missing` for none."""
    return missing if value is None else f"{value:g}"

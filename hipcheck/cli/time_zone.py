"""A local time zone Python can use, checked once at the edge.

The C library accepts zones Python's datetime cannot represent: an offset of
24 hours or more (`TZ="XXX-25:00"`) makes every `astimezone()` raise. Rather
than guard each date shown, main() checks the zone once and, if it cannot be
used, runs with UTC and says so in one line.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable


def usable_time_zone() -> tuple[str | None, Callable[[], None]]:
    """(a notice or None, a function that restores the zone as it was)."""
    time.tzset()  # the zone of the environment now (a program may call main() again)
    try:
        dt.datetime.now(dt.UTC).astimezone()
        return None, lambda: None
    except (ValueError, OverflowError, OSError):
        pass
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()

    def restore() -> None:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()

    shown = f" ({old})" if old else ""
    notice = f"the time zone{shown} cannot be used (an offset of a day or more); times are in UTC"
    return notice, restore

"""Defence against Qt bindings that lose references to None, True and False.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` (and sometimes to
``True``/``False``) on every Python slot call. From Python 3.12 these objects are
immortal and such a bug is harmless; before it, the interpreter aborts with
``Fatal Python error: none_dealloc`` once the count reaches zero, taking unsaved
work with it. pyproject.toml keeps the leaking versions out, but a user may still
end up with one (a distribution package, a manual upgrade). On those Pythons we
add a large number of references to the three singletons at start-up, so they
behave as immortal objects do on 3.12: they are never freed anyway, so this
costs nothing and changes nothing else.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

# 2**40 lost references is ~35 years of 1,000 slot calls a second.
_RESERVE = 1 << 40


def make_singletons_immortal() -> bool:
    """Give None, True and False a reserve of references on CPython < 3.12.

    Returns True when the reserve was added (False where it is not needed).
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every object on CPython < 3.12.
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        if refcnt.value < _RESERVE // 2:
            refcnt.value += _RESERVE
    log.debug("Reference reserve added to None, True and False")
    return True

"""PyInstaller runtime hook: make pyenchant use the Enchant bundled with the app.

pyenchant loads the library named by ``PYENCHANT_LIBRARY_PATH``. Enchant 2 on Linux
looks for its provider modules in one directory compiled into libenchant (no
environment variable changes it), so the build (``khabar.spec``) rewrites that string
in the bundled copy to ``/proc/self/fd/<ENCHANT_FD>``, and this hook opens the
bundle's ``enchant-2`` folder on exactly that descriptor. Each process sees its own
bundle; nothing is written outside it and no shared path can be planted.
"""

import os
import sys

ENCHANT_FD = 1021  # must match khabar.spec


def _use_bundled_enchant() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return
    if sys.platform.startswith("linux"):
        lib = os.path.join(base, "libenchant-2.so.2")
        modules = os.path.join(base, "enchant-2")
        if not (os.path.isfile(lib) and os.path.isdir(modules)):
            return
        try:
            fd = os.open(modules, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            try:
                os.dup2(fd, ENCHANT_FD, inheritable=False)
            finally:
                os.close(fd)
        except OSError:
            return  # the app falls back to its built-in word list
        os.environ["PYENCHANT_LIBRARY_PATH"] = lib
    elif sys.platform == "win32":
        # pyenchant's Windows wheel carries its own Enchant under enchant/data/mingw64;
        # PyInstaller's pyenchant hook collects it and pyenchant finds it by itself.
        pass


_use_bundled_enchant()

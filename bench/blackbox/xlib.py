"""A small ctypes binding to libX11/libXtst: find windows, grab pixels, fake keys.

In-process calls keep the measuring loop at about a millisecond per probe, where
spawning ``xdotool`` or ``import`` for every probe would add 10-50 ms of noise on
a busy machine. X errors (a window that vanished between two calls) are ignored
instead of killing the process, as Xlib's default handler would.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass

from PIL import Image

Window = ctypes.c_ulong
Atom = ctypes.c_ulong

_X11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
_XTST = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")

IS_VIEWABLE = 2
Z_PIXMAP = 2
ALL_PLANES = ctypes.c_ulong(0xFFFFFFFF)
CURRENT_TIME = 0
REVERT_TO_PARENT = 2


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int),
                ("depth", ctypes.c_int), ("visual", ctypes.c_void_p), ("root", Window),
                ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
                ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
                ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int),
                ("all_event_masks", ctypes.c_long), ("your_event_mask", ctypes.c_long),
                ("do_not_propagate_mask", ctypes.c_long), ("override_redirect", ctypes.c_int),
                ("screen", ctypes.c_void_p)]


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _ignore_error(_display, _event) -> int:
    return 0


_KEEP_HANDLER = _ERROR_HANDLER(_ignore_error)

_X11.XOpenDisplay.restype = ctypes.c_void_p
_X11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_X11.XCloseDisplay.argtypes = [ctypes.c_void_p]
_X11.XDefaultRootWindow.restype = Window
_X11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_X11.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
_X11.XSetErrorHandler.restype = ctypes.c_void_p
_X11.XQueryTree.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
                            ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint)]
_X11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(XWindowAttributes)]
_X11.XInternAtom.restype = Atom
_X11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
_X11.XGetWindowProperty.argtypes = [
    ctypes.c_void_p, Window, Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int, Atom,
    ctypes.POINTER(Atom), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
_X11.XFree.argtypes = [ctypes.c_void_p]
_X11.XGetImage.restype = ctypes.POINTER(XImage)
_X11.XGetImage.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                           ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
_X11.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
_X11.XStringToKeysym.restype = ctypes.c_ulong
_X11.XStringToKeysym.argtypes = [ctypes.c_char_p]
_X11.XKeysymToKeycode.restype = ctypes.c_ubyte
_X11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
_X11.XFlush.argtypes = [ctypes.c_void_p]
_X11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
_X11.XMoveResizeWindow.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_int,
                                   ctypes.c_uint, ctypes.c_uint]
_X11.XSetInputFocus.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_ulong]
_X11.XRaiseWindow.argtypes = [ctypes.c_void_p, Window]
_X11.XTranslateCoordinates.argtypes = [ctypes.c_void_p, Window, Window, ctypes.c_int,
                                       ctypes.c_int, ctypes.POINTER(ctypes.c_int),
                                       ctypes.POINTER(ctypes.c_int), ctypes.POINTER(Window)]
_XTST.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
_XTST.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                       ctypes.c_ulong]


@dataclass(frozen=True)
class Geometry:
    """A window's place on the screen (root coordinates)."""
    window: int
    x: int
    y: int
    width: int
    height: int


class Display:
    """One connection to an X server (``:N``)."""

    def __init__(self, name: str) -> None:
        _X11.XSetErrorHandler(_KEEP_HANDLER)
        self._dpy = _X11.XOpenDisplay(name.encode())
        if not self._dpy:
            raise RuntimeError(f"cannot open X display {name}")
        self.root = _X11.XDefaultRootWindow(self._dpy)
        self._pid_atom = _X11.XInternAtom(self._dpy, b"_NET_WM_PID", 0)
        attrs = XWindowAttributes()
        _X11.XGetWindowAttributes(self._dpy, self.root, ctypes.byref(attrs))
        self.width, self.height = attrs.width, attrs.height

    def close(self) -> None:
        if self._dpy:
            _X11.XCloseDisplay(self._dpy)
            self._dpy = None

    # -- windows ---------------------------------------------------------------------
    def _children(self, window: int) -> list[int]:
        root, parent = Window(), Window()
        children = ctypes.POINTER(Window)()
        count = ctypes.c_uint()
        if not _X11.XQueryTree(self._dpy, window, ctypes.byref(root), ctypes.byref(parent),
                               ctypes.byref(children), ctypes.byref(count)):
            return []
        out = [children[i] for i in range(count.value)]
        if children:
            _X11.XFree(children)
        return out

    def _pid_of(self, window: int) -> int | None:
        actual_type, actual_format = Atom(), ctypes.c_int()
        nitems, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = _X11.XGetWindowProperty(self._dpy, window, self._pid_atom, 0, 1, 0, 0,
                                         ctypes.byref(actual_type), ctypes.byref(actual_format),
                                         ctypes.byref(nitems), ctypes.byref(after),
                                         ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if nitems.value else None
        _X11.XFree(data)
        return pid

    def viewable_windows(self, pids: set[int]) -> list[Geometry]:
        """Mapped top-level windows whose _NET_WM_PID is in ``pids``, largest first."""
        found = []
        for window in self._children(self.root):
            attrs = XWindowAttributes()
            if not _X11.XGetWindowAttributes(self._dpy, window, ctypes.byref(attrs)):
                continue
            if attrs.map_state != IS_VIEWABLE or attrs.width < 50 or attrs.height < 50:
                continue
            if self._pid_of(window) in pids:
                found.append(Geometry(window, attrs.x, attrs.y, attrs.width, attrs.height))
        found.sort(key=lambda g: g.width * g.height, reverse=True)
        return found

    def geometry(self, window: int) -> Geometry | None:
        attrs = XWindowAttributes()
        if not _X11.XGetWindowAttributes(self._dpy, window, ctypes.byref(attrs)):
            return None
        x, y, child = ctypes.c_int(), ctypes.c_int(), Window()
        _X11.XTranslateCoordinates(self._dpy, window, self.root, 0, 0, ctypes.byref(x),
                                   ctypes.byref(y), ctypes.byref(child))
        return Geometry(window, x.value, y.value, attrs.width, attrs.height)

    def move_resize(self, window: int, x: int, y: int, width: int, height: int) -> None:
        _X11.XMoveResizeWindow(self._dpy, window, x, y, width, height)
        _X11.XSync(self._dpy, 0)

    def focus(self, window: int, x: int, y: int) -> None:
        """Raise ``window``, put the pointer at (x, y) on it and give it the keyboard."""
        _X11.XRaiseWindow(self._dpy, window)
        _XTST.XTestFakeMotionEvent(self._dpy, -1, x, y, CURRENT_TIME)
        _X11.XSetInputFocus(self._dpy, window, REVERT_TO_PARENT, CURRENT_TIME)
        _X11.XSync(self._dpy, 0)

    # -- pixels ----------------------------------------------------------------------
    def grab(self, x: int, y: int, width: int, height: int) -> Image.Image | None:
        """The screen pixels of a rectangle (clipped to the screen) as an RGB image."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + width), min(self.height, y + height)
        if x1 <= x0 or y1 <= y0:
            return None
        image = _X11.XGetImage(self._dpy, self.root, x0, y0, x1 - x0, y1 - y0, ALL_PLANES,
                               Z_PIXMAP)
        if not image:
            return None
        try:
            img = image.contents
            raw = ctypes.string_at(img.data, img.bytes_per_line * img.height)
            return Image.frombuffer("RGB", (img.width, img.height), raw, "raw", "BGRX",
                                    img.bytes_per_line, 1)
        finally:
            _X11.XDestroyImage(image)

    # -- keyboard --------------------------------------------------------------------
    def _keycode(self, name: str) -> int:
        keysym = _X11.XStringToKeysym(name.encode())
        code = _X11.XKeysymToKeycode(self._dpy, keysym) if keysym else 0
        if not code:
            raise ValueError(f"no keycode for key {name!r}")
        return code

    def key(self, combo: str) -> None:
        """Press and release a key combination such as ``a``, ``End`` or ``ctrl+Home``;
        returns once the server has the events (XSync)."""
        names = [{"ctrl": "Control_L", "shift": "Shift_L", "alt": "Alt_L"}.get(part, part)
                 for part in combo.split("+")]
        codes = [self._keycode(name) for name in names]
        for code in codes:
            _XTST.XTestFakeKeyEvent(self._dpy, code, 1, CURRENT_TIME)
        for code in reversed(codes):
            _XTST.XTestFakeKeyEvent(self._dpy, code, 0, CURRENT_TIME)
        _X11.XSync(self._dpy, 0)

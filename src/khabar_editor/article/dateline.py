"""Datelines in house style: place first, then the date (``पटना, 28 नवंबर 2026``)."""

from __future__ import annotations

from datetime import date

from khabar_editor.article.model import Dateline
from khabar_editor.textkit.digits import DigitStyle, apply_digit_style

MONTHS = {
    "hi": ("जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
           "अक्टूबर", "नवंबर", "दिसंबर"),
    "mr": ("जानेवारी", "फेब्रुवारी", "मार्च", "एप्रिल", "मे", "जून", "जुलै", "ऑगस्ट",
           "सप्टेंबर", "ऑक्टोबर", "नोव्हेंबर", "डिसेंबर"),
    "ne": ("जनवरी", "फेब्रुअरी", "मार्च", "अप्रिल", "मे", "जुन", "जुलाई", "अगस्ट",
           "सेप्टेम्बर", "अक्टोबर", "नोभेम्बर", "डिसेम्बर"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def format_date(value: date, lang: str = "hi", digits: DigitStyle | str = DigitStyle.LATIN) -> str:
    """``28 नवंबर 2026`` (or ``November 28, 2026`` in English)."""
    months = MONTHS.get(lang, MONTHS["hi"])
    if lang == "en":
        return f"{months[value.month - 1]} {value.day}, {value.year}"
    return apply_digit_style(f"{value.day} {months[value.month - 1]} {value.year}", digits)


def format_dateline(
    dateline: Dateline, lang: str = "hi", digits: DigitStyle | str = DigitStyle.LATIN
) -> str:
    """The dateline as printed: place, then the date; either part may be missing."""
    parts = [dateline.place.strip()] if dateline.place.strip() else []
    if dateline.date is not None:
        parts.append(format_date(dateline.date, lang, digits))
    return ", ".join(parts)

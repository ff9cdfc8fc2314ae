"""Datelines in house style: place first, then the date (``पटना, 28 नवंबर 2026``).

A dateline may print its date in Bikram Sambat (``काठमाडौं, १३ मंसिर २०८३``); the
article keeps the Gregorian date either way, the BS date is derived when printed.
Nepali datelines use Devanagari digits whatever the digit setting.
"""

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


# The month names Nepali newspapers print (colloquial forms, as in the dailies).
BS_MONTHS = ("वैशाख", "जेठ", "असार", "साउन", "भदौ", "असोज", "कात्तिक", "मंसिर", "पुस",
             "माघ", "फागुन", "चैत")


def digits_for(lang: str, style: DigitStyle | str) -> DigitStyle | str:
    """The digit style for an article in ``lang``: Nepali is printed in Devanagari digits."""
    return DigitStyle.DEVANAGARI if lang == "ne" else style


def to_bs(value: date) -> tuple[int, int, int] | None:
    """``value`` as a Bikram Sambat (year, month, day), or None outside the calendar's table."""
    import nepali_datetime  # the BS month lengths are a published table, not a formula

    try:
        bs = nepali_datetime.date.from_datetime_date(value)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    return bs.year, bs.month, bs.day


def from_bs(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Bikram Sambat date, or None if there is no such BS date."""
    import nepali_datetime

    try:
        return nepali_datetime.date(year, month, day).to_datetime_date()
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        return None


def format_bs_date(value: date, digits: DigitStyle | str = DigitStyle.DEVANAGARI) -> str | None:
    """``13 मंसिर 2083`` (digits in ``digits``), or None when the date is outside the BS table."""
    bs = to_bs(value)
    if bs is None:
        return None
    year, month, day = bs
    return apply_digit_style(f"{day} {BS_MONTHS[month - 1]} {year}", digits)


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
    digits = digits_for(lang, digits)
    if dateline.date is not None:
        bs = format_bs_date(dateline.date, digits) if dateline.calendar == "bs" else None
        # A date outside the BS table (before 1918 or after 2043) prints in Gregorian.
        parts.append(bs or format_date(dateline.date, lang, digits))
    return ", ".join(parts)

"""The date rules, one class per file."""

from factlint_dates.rules.FL201_metadata_date_mismatch import MetadataDateMismatch
from factlint_dates.rules.FL202_weekday_mismatch import WeekdayMismatch
from factlint_dates.rules.FL203_date_after_publication import DateAfterPublication
from factlint_dates.rules.FL204_timeline_order import TimelineOrder
from factlint_dates.rules.FL205_copyright_year import CopyrightYear
from factlint_dates.rules.FL206_filename_date_mismatch import FilenameDateMismatch
from factlint_dates.rules.FL207_impossible_date import ImpossibleDate

ALL_RULES = (
    MetadataDateMismatch,
    WeekdayMismatch,
    DateAfterPublication,
    TimelineOrder,
    CopyrightYear,
    FilenameDateMismatch,
    ImpossibleDate,
)

__all__ = ["ALL_RULES"]

"""factlint_dates: dates read against the article's own publication date (rules FL201–FL207).

Extraction (:mod:`factlint_dates.extract`) finds every date and date range in the prose; the
claims hook hands them on as ``Claim(kind="date")``; the metadata hook adds a publication date
read from a scraped page header the core does not know (``星期二, 3 2 月, 2026``).
"""

from factlint_dates.hooks import (
    factlint_document_metadata,
    factlint_extract_claims,
    factlint_register_rules,
)

__all__ = ["factlint_document_metadata", "factlint_extract_claims", "factlint_register_rules"]

"""Every SQLAlchemy table, one module per domain, imported here so the metadata is complete.

Domains may add their own module (e.g. ``campaigns``, ``orders``); add its import below.
"""

from giftwise.models import (
    accounts,
    campaigns,
    catalog,
    contacts,
    disputes,
    followups,
    gifts,
    money,
    orders,
    outcomes,
    readings,
    shipments,
    understanding,
)
from giftwise.models.base import Base

__all__ = [
    "Base", "accounts", "campaigns", "catalog", "contacts", "disputes", "followups", "gifts", "money", "orders",
    "outcomes", "readings", "shipments", "understanding",
]

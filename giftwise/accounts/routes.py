"""REST routes for users, access and the audit trail."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["accounts"])

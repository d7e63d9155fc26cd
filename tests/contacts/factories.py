"""Typed factory functions for contacts tests (no sprawling factory module)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from giftwise.contacts.schemas import OrganizationCreate
from giftwise.contacts.service import create_organization
from giftwise.core.actor import Actor
from giftwise.models.contacts import Organization

HEADER = ["name", "name_latin", "organization", "role", "phone", "email", "birthday", "relationship"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚"


def make_organization(session: Session, actor: Actor, name: str = "华为技术有限公司", **fields: Any) -> Organization:
    """A stored organization."""
    return create_organization(session, actor, data=OrganizationCreate(name=name, **fields))




def contact_rows(count: int, *, start: int = 0) -> list[dict[str, str]]:
    """``count`` distinct, valid contact rows (Chinese names, unique emails and phones)."""
    rows = []
    for i in range(start, start + count):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + GIVEN[i % len(GIVEN)]
        rows.append(
            {
                "name": name,
                "name_latin": f"Person {i}",
                "organization": f"公司{i % 50}",
                "role": "采购经理" if i % 3 else "总经理",
                "phone": f"+86 139 {i // 10000:04d} {i % 10000:04d}",
                "email": f"person{i}@example.com",
                "birthday": f"--{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 2 else f"lunar:{1 + i % 12:02d}-15",
                "relationship": ("client", "prospect", "partner", "customer")[i % 4],
            }
        )
    return rows


def write_csv(
    path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8", header: list[str] | None = None
) -> Path:
    """Write ``rows`` as a CSV file in ``encoding`` (e.g. "gbk", as Excel saves it in China)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header or HEADER, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path

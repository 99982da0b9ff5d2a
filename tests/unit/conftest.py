"""Unit tests that render a PDF need Qt's GUI classes: give them the QApplication the UI
tests use, so that whichever runs first, one QApplication (never a bare QGuiApplication)
serves the whole session (`pytest tests/unit tests/ui` in any order)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _one_qt_application(request: pytest.FixtureRequest) -> None:
    if request.node.path.name in {
        "test_report_facts.py",
        "test_reports.py",
        "test_export_safety_writes.py",
    }:
        request.getfixturevalue("qapp")

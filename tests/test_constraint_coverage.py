"""Every database constraint in the project has a test that breaks it on purpose."""

import re
from pathlib import Path

from django.apps import apps
from django.db.models import CheckConstraint, UniqueConstraint

PROJECT_APPS = ["accounts", "innovations", "adoptadapt_sites", "governance"]
TESTS = Path(__file__).parent


def _project_constraints() -> set[str]:
    names = set()
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint | UniqueConstraint):
                    names.add(constraint.name)
    return names


def _tested_constraints() -> set[str]:
    tested = set()
    for path in TESTS.glob("*/test_models.py"):
        tested |= set(re.findall(r'violates\("([a-z0-9_]+)"\)', path.read_text()))
    return tested


def test_every_constraint_has_a_violation_test():
    untested = sorted(_project_constraints() - _tested_constraints())
    assert not untested, (
        f"Add a test using tests.constraints.violates(...) to tests/<app>/test_models.py "
        f"for: {untested}"
    )


def test_violation_tests_name_real_constraints():
    unknown = sorted(_tested_constraints() - _project_constraints())
    assert not unknown, f"These tests name constraints the models no longer have: {unknown}"
    assert len(_project_constraints()) > 30

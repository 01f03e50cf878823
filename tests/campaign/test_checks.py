"""The two registries by name (issue 12.9): a wrong name stops `manage.py check` (and so
migrate and runserver) with a Vietnamese message naming it, before any request."""

import subprocess
import sys
import types
from importlib import import_module

import pytest
from django.core.checks import Error, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from campaign.checks import demo_modules
from config.registries import check_registries
from tests.conftest import ROOT


def test_the_real_settings_pass():
    assert check_registries() == []
    assert demo_modules() == []
    assert [e for e in run_checks() if e.id and e.id.startswith("campaign.")] == []


@override_settings(CAMPAIGN_UNIT_FIGURE_SOURCES=["contests.selectors.plan_unit_quiz_figure"])
def test_a_figure_source_that_does_not_exist_is_named():
    [error] = check_registries()
    assert isinstance(error, Error) and error.id == "campaign.E001"
    assert error.msg.startswith("CAMPAIGN_UNIT_FIGURE_SOURCES: không tìm thấy «contests.selectors.plan_unit_quiz_figure»")


@override_settings(CAMPAIGN_UNIT_FIGURE_SOURCES=["contests.selectrs.plan_unit_quiz_figures"])
def test_a_figure_source_in_a_module_that_does_not_exist_is_named():
    [error] = check_registries()
    assert "không tìm thấy «contests.selectrs.plan_unit_quiz_figures»" in error.msg


@override_settings(CAMPAIGN_UNIT_FIGURE_SOURCES=["contests.selectors.LETTERS"])
def test_a_figure_source_that_is_not_a_function_is_named():
    [error] = check_registries()
    assert error.msg == "CAMPAIGN_UNIT_FIGURE_SOURCES: «contests.selectors.LETTERS» không phải là một hàm."


@override_settings(CAMPAIGN_FILING_FORMS=["reports.rounds.no_such_form"])
def test_a_filing_form_that_does_not_exist_is_named():
    [error] = check_registries()
    assert error.msg.startswith("CAMPAIGN_FILING_FORMS: không tìm thấy «reports.rounds.no_such_form»")


@override_settings(CAMPAIGN_UNIT_FIGURE_SOURCES=["contests.selectors.nothing_here"])
def test_manage_py_check_stops_on_a_wrong_name():
    with pytest.raises(SystemCheckError, match="«contests.selectors.nothing_here»"):
        call_command("check")


def test_a_demo_module_that_does_not_import_is_named(monkeypatch):
    def fail(name):
        if name == "contests.demo":
            raise ImportError("cannot import name 'Prize'")
        return import_module(name)

    monkeypatch.setattr("campaign.checks.import_module", fail)
    [error] = demo_modules()
    assert error.id == "campaign.E002"
    assert error.msg == "LOCAL_APPS: không nạp được «contests.demo» cho seed_demo (ImportError: cannot import name 'Prize')."


def test_a_demo_module_without_seed_is_named(monkeypatch):
    empty = types.ModuleType("contests.demo")
    monkeypatch.setattr("campaign.checks.import_module", lambda name: empty if name == "contests.demo" else import_module(name))
    [error] = demo_modules()
    assert error.msg == "LOCAL_APPS: «contests.demo» không có hàm seed(stdout) mà seed_demo gọi."


def test_the_checks_run_in_a_real_manage_py_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout

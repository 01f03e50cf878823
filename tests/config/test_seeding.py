"""config.seeding: the demo loaders' shared helpers, and what a wrong data file says."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml

from campaign.models import Unit
from config.seeding import SeedDataError, Tally, at, data_folder, ensure, load_data
from tests.conftest import ROOT

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def write(tmp_path, text, name="plan.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yaml_syntax_error_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, "plan:\n  title: Kế hoạch\n  notes: [không đóng\n")
    with pytest.raises(SeedDataError) as caught:
        load_data(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: dòng 4, cột 1: YAML sai cú pháp (")
    assert isinstance(caught.value.__cause__, yaml.YAMLError)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SeedDataError, match=r"thieu\.yaml: không đọc được tệp dữ liệu \(No such file or directory\)\."):
        load_data(tmp_path / "thieu.yaml")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = write(tmp_path, "- một\n- hai\n")
    with pytest.raises(SeedDataError) as caught:
        load_data(path)
    assert str(caught.value) == f"{path}: tệp dữ liệu phải là một bảng khóa: giá trị."


def test_a_missing_key_is_named_with_its_place_in_the_file(tmp_path):
    path = write(tmp_path, "tasks:\n  - code: IV.1\n    title: Một\n  - code: IV.2\n")
    tasks = load_data(path)["tasks"]
    assert tasks[0].text("title") == "Một"
    with pytest.raises(SeedDataError) as caught:
        [task.text("title") for task in tasks]
    assert str(caught.value) == f"{path}: «tasks[1].title» bị thiếu."
    with pytest.raises(SeedDataError, match=r"«measures» bị thiếu\.$"):
        load_data(path)["measures"]


def test_a_value_of_the_wrong_kind_is_named(tmp_path):
    path = write(tmp_path, (
        "plan:\n  starts_on: 30/6/2022\n  grace_days: hai\n  is_demo: có\n  kind: dang\n"
        "  recipients: [Sở Ngoại vụ, 3]\n  ends_on: null\n  issued_on: 2022-06-09\n"
    ))
    plan = load_data(path)["plan"]
    assert plan.day("ends_on") is None
    assert plan.day("issued_on") == date(2022, 6, 9)
    cases = [
        (lambda: plan.day("starts_on"), "«plan.starts_on» phải là ngày dạng 2022-06-30 (đang là «30/6/2022»)."),
        (lambda: plan.number("grace_days"), "«plan.grace_days» phải là số (đang là «hai»)."),
        (lambda: plan.flag("is_demo"), "«plan.is_demo» phải là true hoặc false (đang là «có»)."),
        (lambda: plan.texts("recipients"), "«plan.recipients» mục 2 phải là chữ (đang là «3»)."),
        (lambda: plan.choice("kind", Unit.Kind), "«plan.kind» phải là một trong: party_committee, party_board, "
                                                 "party_org, front, mass_org, government, department, armed_forces, "
                                                 "center, school, association, partner, group (đang là «dang»)."),
    ]
    for read, problem in cases:
        with pytest.raises(SeedDataError) as caught:
            read()
        assert str(caught.value) == f"{path}: {problem}"


def test_a_default_stands_for_an_absent_key_only(tmp_path):
    plan = load_data(write(tmp_path, "plan:\n  number: ''\n"))["plan"]
    assert plan.text("number", "x") == ""
    assert plan.text("symbol", "KH") == "KH"
    assert plan.get("symbol") is None


def test_the_demo_data_files_all_load_and_are_named_from_the_project_root():
    files = sorted(ROOT.glob("*/demo/data/*.yaml"))
    assert {path.parent.parent.parent.name for path in files} == {"campaign", "contests"}
    for path in files:
        section = load_data(path)
        assert section.file == str(path.relative_to(ROOT))


@pytest.mark.django_db
def test_ensure_creates_once_and_then_keeps_the_row_as_people_left_it():
    unit, outcome = ensure(Unit, {"code": "thu"}, {"name": "Đơn vị thử", "kind": Unit.Kind.GROUP})
    assert outcome == "created"
    Unit.objects.filter(pk=unit.pk).update(name="Đã đổi tên")
    again, outcome = ensure(Unit, {"code": "thu"}, {"name": "Đơn vị thử", "kind": Unit.Kind.GROUP})
    assert (again.pk, again.name, outcome) == (unit.pk, "Đã đổi tên", "kept")


@pytest.mark.django_db
def test_tally_counts_what_it_created_and_kept():
    tally = Tally()
    tally.put(Unit, {"code": "thu"}, {"name": "Đơn vị thử", "kind": Unit.Kind.GROUP})
    tally.put(Unit, {"code": "thu"}, {"name": "Đơn vị thử", "kind": Unit.Kind.GROUP})
    assert tally.created == 1
    assert tally.line("Đơn vị") == "Đơn vị: 1 tạo mới, 1 đã có (giữ nguyên)."


def test_at_is_vietnam_time():
    assert at(date(2022, 6, 30), 9) == datetime(2022, 6, 30, 9, tzinfo=VN)
    assert at(date(2022, 6, 30), 15, 2) == datetime(2022, 7, 2, 15, tzinfo=VN)
    assert at(date(2022, 6, 30), 9, -1).utcoffset().total_seconds() == 7 * 3600


def test_data_folder_reads_each_file_once(tmp_path):
    write(tmp_path, "title: Một\n", "plan.yaml")
    data = data_folder(tmp_path)
    first = data("plan")
    write(tmp_path, "title: Hai\n", "plan.yaml")
    assert data("plan") is first
    assert first.text("title") == "Một"

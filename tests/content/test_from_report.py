"""A draft article from an accepted progress report: one click, its text and photos, one draft."""

from io import BytesIO

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaign import services as campaign_services
from content.models import Article
from tests.campaign.conftest import world  # noqa: F401 (a fixture: the campaign's plan, units, people)
from tests.factories import UnitFactory, make_officer

from .factories import make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""


def jpeg(colour="red"):
    out = BytesIO()
    Image.new("RGB", (80, 60), colour).save(out, format="JPEG")
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def news(world):
    """The campaign's world (tests/campaign/conftest.py), with unit A's report with two photos."""
    report = campaign_services.progress_report_submit(
        assignment=world["assignment_a"], period=world["july"], by=world["alice"],
        text="<p>Tối 05/9, phường chiếu phim <strong>tư liệu</strong> cho 300 người xem.</p>",
        photos=[(jpeg(), "Người dân xem phim <tối 05/9>"), (jpeg("blue"), "")],
    )
    return {**world, "report": report, "staff": world["carol"], "officer": world["alice"], "unit": world["unit_a"],
            "other_section": make_section("Tin tổng hợp", order=0),
            "section": make_section("Lịch sử quan hệ", theme=world["theme"], order=1)}


def accept(news):
    campaign_services.progress_report_accept(report=news["report"], by=news["staff"])


def test_the_accepted_report_page_has_the_button_and_one_click_makes_the_draft(client, news):
    client.force_login(news["staff"])
    report_url = f"/lam-viec/bao-cao/{news['report'].pk}/"
    assert "Viết tin bài từ báo cáo này" not in client.get(report_url).content.decode()  # not accepted yet
    accept(news)
    assert "Viết tin bài từ báo cáo này" in client.get(report_url).content.decode()

    response = client.post(f"/lam-viec/tin-bai/tu-bao-cao/{news['report'].pk}/")
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lam-viec/tin-bai/{article.pk}/sua/"
    assert article.status == Article.Status.DRAFT and article.unit == news["unit"]
    assert article.section == news["section"] and list(article.themes.all()) == [news["theme"]]
    assert article.source_report == news["report"] and article.created_by == news["staff"]
    assert "Đăng tin bài hằng tháng" in article.title and "300 người xem" in article.summary
    assert "<strong>tư liệu</strong>" in article.body
    # Both photos, as figures of public media files, with the caption escaped.
    assert article.body.count("<figure") == 2 and "Người dân xem phim &lt;tối 05/9&gt;" in article.body
    for src in re.findall(r'src="([^"]+)"', article.body):
        assert default_storage.exists(src.removeprefix("/media/"))
    assert article.cover and article.cover_sizes and article.cover_alt == "Người dân xem phim <tối 05/9>"
    assert Article.history.filter(id=article.pk).count() == 1

    # A second click opens the same draft; the page says so.
    assert "Mở bản nháp tin bài" in client.get(report_url).content.decode()
    again = client.post(f"/lam-viec/tin-bai/tu-bao-cao/{news['report'].pk}/")
    assert again["Location"] == f"/lam-viec/tin-bai/{article.pk}/sua/" and Article.objects.count() == 1


def test_a_report_not_yet_accepted_makes_no_draft(client, news):
    client.force_login(news["staff"])
    response = client.post(f"/lam-viec/tin-bai/tu-bao-cao/{news['report'].pk}/")
    assert response.status_code == 302 and response["Location"] == f"/lam-viec/bao-cao/{news['report'].pk}/"
    assert not Article.objects.exists()


def test_officers_visitors_and_gets_make_no_draft(client, news):
    accept(news)
    url = f"/lam-viec/tin-bai/tu-bao-cao/{news['report'].pk}/"
    assert client.post(url).status_code == 302  # to the login
    client.force_login(news["officer"])  # even the report's own unit: writing from reports is the approvers'
    assert client.post(url).status_code == 403
    client.force_login(make_officer(UnitFactory(name="Phòng Văn hóa"), username="eve"))
    assert client.post(url).status_code == 403
    client.force_login(news["staff"])
    assert client.get(url).status_code == 405
    assert client.post("/lam-viec/tin-bai/tu-bao-cao/999999/").status_code == 404
    assert not Article.objects.exists()


def test_an_approver_outside_ban_tuyen_giao_makes_no_draft_from_a_units_report(client, news):
    """content.approve_article alone approves articles; it does not open a unit's report and its
    private photos (issue 15, permission sweep): no button, 403, no article, no file copied."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    accept(news)
    approver = UserFactory(username="tongbientap")
    approver.user_permissions.add(Permission.objects.get(codename="approve_article"))
    client.force_login(approver)
    response = client.post(f"/lam-viec/tin-bai/tu-bao-cao/{news['report'].pk}/")
    assert response.status_code == 403
    assert not Article.objects.exists()
    assert not default_storage.exists("tin-bai") or not any(default_storage.listdir("tin-bai")[1])
    from content.from_report import accepted_report_actions

    assert accepted_report_actions(news["report"], approver) == []


def test_a_task_without_a_sectioned_theme_goes_to_the_first_section(client, news):
    news["section"].delete()
    accept(news)
    client.force_login(news["staff"])
    client.post(f"/lam-viec/tin-bai/tu-bao-cao/{news['report'].pk}/")
    assert Article.objects.get().section == news["other_section"]


def test_the_registry_is_checked_at_start_up(settings):
    from config.registries import check_registries

    assert check_registries() == []
    settings.CAMPAIGN_ACCEPTED_REPORT_ACTIONS = ["content.from_report.nothing_here"]
    assert [error.id for error in check_registries()] == ["campaign.E003"]
    settings.CAMPAIGN_ACCEPTED_REPORT_ACTIONS = ["content.from_report.__doc__"]
    assert [error.id for error in check_registries()] == ["campaign.E003"]


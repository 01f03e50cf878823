"""The public portal in real Chromium at 360 × 740: home, an article, the key dates."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from campaign.models import KeyDate, Plan
from tests.content.factories import make_article, make_section
from tests.e2e.conftest import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.fixture
def portal():
    plan = Plan.objects.create(code="kh", title="Kế hoạch", issuing_body="THÀNH ỦY", starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))
    KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.EVENT, date=date(1962, 9, 5), title="Việt Nam – Lào thiết lập quan hệ ngoại giao")
    section = make_section()
    article = make_article(section, "Kỷ niệm 60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam – Lào (05/9/1962 – 05/9/2022)",
                           featured=True, is_demo=True, summary="Tóm tắt " * 20)
    for number in range(4):
        make_article(section, f"Tin số {number} về hợp tác Gia Lai – Nam Lào", ago=timedelta(days=number + 1))
    return article


def test_home_article_and_key_dates_fit_a_phone_with_no_console_error(live_server, page_at, portal):
    page = page_at(PHONE)
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="Tin nổi bật").is_visible()
    countdown = page.locator("[data-countdown-seconds]").first
    first = countdown.inner_text()
    page.wait_for_timeout(1200)
    assert countdown.inner_text() != first and "ngày" in countdown.inner_text()  # it ticks, under the CSP
    assert no_horizontal_scroll(page)
    screenshot(page, "content-home-360")

    page.get_by_role("link", name=portal.title).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == portal.title
    assert page.get_by_role("link", name="Facebook").is_visible() and page.get_by_role("link", name="Zalo").is_visible()
    assert page.get_by_role("button", name="In bài").is_visible()
    assert page.get_by_text("Dữ liệu minh họa").first.is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "content-article-360")

    page.goto(live_server.url + "/ngay-ky-niem/")
    assert no_horizontal_scroll(page)
    assert page.console_errors == []


def test_an_officer_writes_in_the_editor_and_staff_publish(live_server, page_at, tmp_path, settings):
    from playwright.sync_api import expect

    from content.models import Article
    from tests.e2e.conftest import log_in
    from tests.factories import UnitFactory, make_officer, make_staff

    unit = UnitFactory(name="Trung tâm Văn hóa Thông tin Thể thao thành phố Đà Lạt")
    make_officer(unit)
    make_staff(is_staff=True)
    section = make_section()
    page = page_at(PHONE)
    log_in(page, live_server.url, "bob")
    page.goto(live_server.url + "/lam-viec/tin-bai/moi/")
    page.get_by_role("textbox", name="Tiêu đề").fill("Đà Lạt chiếu phim tư liệu về quan hệ Việt Nam – Lào")
    editor = page.locator(".ck-editor__editable").first
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type("Tối 05/9, trung tâm chiếu phim tư liệu.")
    # A photo from a phone, with its GPS position in the EXIF, uploaded through the editor's button.
    photo = tmp_path / "IMG_0001.jpg"
    exif = Image.Exif()
    exif[0x8825] = {2: (11.0, 56.0, 26.0)}  # GPSInfo: latitude
    Image.new("RGB", (2400, 1600), (180, 40, 40)).save(photo, "JPEG", exif=exif)
    page.locator(".ck-toolbar").first.get_by_role("button", name="Xem thêm").click()  # a phone groups the toolbar
    page.locator(".ck-toolbar input[type=file]").first.set_input_files(str(photo))
    uploaded = editor.locator("img")
    expect(uploaded).to_have_attribute("src", re.compile(r"^/media/tin-bai/anh/"))
    page.get_by_label("Chuyên mục").select_option(str(section.pk))
    page.get_by_label("Đơn vị đưa tin").select_option(str(unit.pk))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.get_by_text("Đã gửi tin bài chờ duyệt.")).to_be_visible()
    assert page.console_errors == []
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING and "Tối 05/9" in article.body
    src = re.search(r'<img[^>]+src="([^"]+)"', article.body).group(1)
    stored = Image.open(Path(settings.MEDIA_ROOT) / src.removeprefix(settings.MEDIA_URL))
    assert max(stored.size) <= 2000 and not stored.getexif()  # resized, no GPS position left

    staff = page_at(PHONE)
    log_in(staff, live_server.url, "alice")
    staff.goto(f"{live_server.url}/lam-viec/tin-bai/{article.pk}/")
    staff.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(staff.get_by_text("Đã xuất bản tin bài.")).to_be_visible()
    staff.goto(live_server.url + "/")
    expect(staff.get_by_role("link", name="Đà Lạt chiếu phim tư liệu về quan hệ Việt Nam – Lào")).to_be_visible()
    assert no_horizontal_scroll(staff)
    staff.get_by_role("link", name="Đà Lạt chiếu phim tư liệu về quan hệ Việt Nam – Lào").first.click()
    expect(staff.locator("main article img").first).to_have_attribute("src", src)
    assert staff.console_errors == []


@pytest.mark.parametrize("path", [
    "/tin-bai/300-suat-hoc-bong-toan-phan-cho-sinh-vien-4-tinh-nam-lao/",
    "/chuyen-muc/hop-tac-gia-lai-nam-lao/",
    "/ngay-ky-niem/",
    "/tai-lieu/phu-luc-quan-he-viet-nam-lao-2017-2022/",
    "/gioi-thieu/",
])
def test_the_content_pages_have_no_serious_accessibility_violation(live_server, page_at, path):
    from io import StringIO

    from django.core.management import call_command

    from tests.e2e.conftest import axe_violations

    call_command("seed_demo", stdout=StringIO())
    page = page_at(PHONE)
    assert page.goto(live_server.url + path).status == 200
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert no_horizontal_scroll(page) and page.console_errors == []


def test_a_citizen_searches_without_diacritics_and_opens_the_article(live_server, page_at):
    # On the demo data, at a phone's width: the menu's search box, a query typed without
    # diacritics, the highlighted hit, the article with its share links; axe on the results.
    from io import StringIO

    from django.core.management import call_command

    from tests.e2e.conftest import axe_violations

    call_command("seed_demo", stdout=StringIO())
    page = page_at(PHONE)
    page.goto(live_server.url + "/")
    box = page.get_by_label("Tìm kiếm trên cổng")
    box.fill("hoc bong sinh vien nam lao")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Tìm kiếm", level=1)).to_be_visible()
    hit = page.locator("main a").filter(has_text="300 suất học bổng toàn phần").first
    expect(hit).to_be_visible()
    assert page.locator("main mark").count() > 0
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert no_horizontal_scroll(page)
    screenshot(page, "content-search-360")
    hit.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("300 suất học bổng")
    for name in ("Facebook", "Zalo"):
        expect(page.locator("main .share").get_by_role("link", name=name)).to_be_visible()
    assert no_horizontal_scroll(page) and page.console_errors == []


def test_staff_turn_an_accepted_report_into_a_draft_then_compare_and_restore_revisions(live_server, page_at):
    # On the demo data: an accepted progress report becomes a draft article in one click (a second
    # click opens the same draft); an edit makes a revision; the difference shows; restoring the
    # old one brings the old title back as a new revision.
    from io import StringIO

    from django.core.management import call_command

    from campaign.models import ProgressReport
    from content.models import Article
    from tests.e2e.conftest import DESKTOP, log_in
    from tests.factories import make_staff

    call_command("seed_demo", stdout=StringIO())
    make_staff(is_staff=True)
    report = ProgressReport.objects.filter(status="accepted").order_by("pk").first()
    page = page_at(DESKTOP)
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/lam-viec/bao-cao/{report.pk}/")
    page.get_by_role("button", name="Viết tin bài từ báo cáo này").click()
    expect(page.get_by_text("Đã tạo bản nháp tin bài từ báo cáo.")).to_be_visible()
    article = Article.objects.get(source_report=report)
    old_title = article.title
    page.goto(f"{live_server.url}/lam-viec/bao-cao/{report.pk}/")
    page.get_by_role("button", name="Mở bản nháp tin bài viết từ báo cáo này").click()
    assert Article.objects.filter(source_report=report).count() == 1
    expect(page.get_by_role("textbox", name="Tiêu đề")).to_have_value(old_title)

    page.get_by_role("textbox", name="Tiêu đề").fill("Đoàn viên Gia Lai giao lưu hữu nghị với thanh niên Lào")
    page.get_by_role("button", name="Lưu").click()
    page.goto(f"{live_server.url}/lam-viec/tin-bai/{article.pk}/phien-ban/")
    expect(page.get_by_role("heading", name="Các phiên bản của tin bài")).to_be_visible()
    page.get_by_role("button", name="Xem khác nhau").click()
    expect(page.get_by_role("heading", name="Khác nhau giữa hai phiên bản")).to_be_visible()
    expect(page.locator("main del").first).to_contain_text(old_title[:20])
    expect(page.locator("main ins").first).to_contain_text("Đoàn viên Gia Lai giao lưu")
    screenshot(page, "content-revision-diff")
    page.get_by_role("button", name="Khôi phục bản cũ").click()
    article.refresh_from_db()
    assert article.title == old_title and article.status == Article.Status.DRAFT
    assert article.history.count() >= 3
    assert page.console_errors == []

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

MENU = ["Trang chủ", "Tin bài", "Tài liệu", "Cuộc thi", "Báo cáo hợp tác"]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport, name", [(PHONE, "home-360"), (DESKTOP, "home-1280")])
def test_home_page_menu_and_no_horizontal_scroll(live_server, page_at, viewport, name):
    page = page_at(viewport)
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    menu = page.get_by_role("navigation", name="Menu chính")
    for label in MENU:
        link = menu.get_by_role("link", name=label, exact=True)
        assert link.is_visible(), label
    assert no_horizontal_scroll(page)
    # The self-hosted font is loaded from /static/, not from a CDN.
    assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"')")
    assert page.console_errors == []
    path = screenshot(page, name)
    assert path.stat().st_size > 10_000


def test_menu_leads_to_each_section_on_a_phone(live_server, page_at):
    page = page_at(PHONE)
    page.goto(live_server.url + "/")
    menu = page.get_by_role("navigation", name="Menu chính")
    for label, heading in [("Tin bài", "Tin bài"), ("Tài liệu", "Tài liệu tuyên truyền"), ("Cuộc thi", "Cuộc thi trực tuyến"), ("Báo cáo hợp tác", "Báo cáo hợp tác Gia Lai – Nam Lào")]:
        menu.get_by_role("link", name=label, exact=True).click()
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert no_horizontal_scroll(page)


def test_login_page_fits_a_phone(live_server, page_at):
    page = page_at(PHONE)
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    assert page.get_by_label("Tên đăng nhập").is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "login-360")

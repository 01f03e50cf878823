"""The staff pages for officer accounts (issue 10.4): who may use them, creating an account and
its set-password link, editing, deactivating, and that nothing here grants staff rights."""

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from campaign.models import OfficerProfile
from campaign.roles import OFFICER_GROUP, STAFF_GROUP
from tests.campaign.accounts_world import LINK, User, snapshot

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hoa-ban-trang-2026"


def create_data(accounts, **changes):
    data = {
        "full_name": "  Trần Văn Bình  ", "email": "Binh.TV@Example.VN", "phone": "+84 983.456.789",
        "units": [accounts["unit_a"].pk, accounts["unit_b"].pk], "send_link": "on",
    }
    data.update(changes)
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Who may use the pages ------------------------------------------------------------------


PAGES = ["campaign:accounts", "campaign:account_create", "campaign:accounts_import", "campaign:accounts_import_template", "campaign:accounts_xlsx"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_goes_to_login_officer_gets_403_staff_gets_the_page(client, accounts, name):
    address = reverse(name)
    assert client.get(address)["Location"].startswith("/tai-khoan/dang-nhap/?next=")
    client.force_login(accounts["alice"])
    assert client.get(address).status_code == 403
    client.force_login(accounts["carol"])
    assert client.get(address).status_code == 200


@pytest.mark.parametrize("who", ["sam", "root", "eve", "dave", "carol"])
@pytest.mark.parametrize("name", ["campaign:account", "campaign:account_send_link", "campaign:account_deactivate", "campaign:account_activate"])
def test_staff_cannot_open_or_change_accounts_that_are_not_officers(client, accounts, who, name):
    client.force_login(accounts["carol"])
    before = snapshot()
    address = reverse(name, args=[accounts[who].pk])
    assert client.get(address).status_code in (404, 405)
    response = client.post(address, {"full_name": "Đổi tên", "email": "x@example.vn", "units": [accounts["unit_a"].pk]})
    assert response.status_code == 404
    assert snapshot() == before
    assert len(mail.outbox) == 0


def test_the_list_shows_officers_only(client, accounts):
    client.force_login(accounts["carol"])
    page = client.get(reverse("campaign:accounts")).content.decode()
    assert "Nguyễn Thị An" in page and "0912345678" in page
    for other in ("sam", "root", "eve", "dave", "carol"):
        assert f">{other}<" not in page


def test_the_list_filters_by_unit_code(client, accounts):
    client.force_login(accounts["carol"])
    page = client.get(reverse("campaign:accounts"), {"don_vi": "mttq-thanh-pho"}).content.decode()
    assert "Mặt trận Tổ quốc thành phố" in page and "Nguyễn Thị An" not in page
    page = client.get(reverse("campaign:accounts"), {"don_vi": "phuong-1"}).content.decode()
    assert "Nguyễn Thị An" in page


def test_workspace_links_to_the_account_pages_not_the_admin(client, accounts):
    client.force_login(accounts["carol"])
    page = client.get(reverse("workspace")).content.decode()
    assert f'href="{reverse("campaign:accounts")}">Quản lý tài khoản' in page
    assert reverse("admin:auth_user_changelist") not in page


def test_unit_list_counts_active_officers_and_links_to_their_accounts(client, accounts):
    client.force_login(accounts["carol"])
    page = client.get(reverse("campaign:units")).content.decode()
    # alice and eve are members of Phường 1.
    assert f'href="{reverse("campaign:accounts")}?don_vi=phuong-1">2 cán bộ</a>' in page
    User.objects.filter(pk=accounts["eve"].pk).update(is_active=False)
    page = client.get(reverse("campaign:units")).content.decode()
    assert ">1 cán bộ</a>" in page


# Creating an account and setting its password -------------------------------------------------


def test_staff_create_an_officer_who_sets_a_password_from_the_email_and_signs_in(client, accounts):
    client.force_login(accounts["carol"])
    response = client.post(reverse("campaign:account_create"), create_data(accounts), follow=True)
    officer = User.objects.get(email="Binh.TV@example.vn")
    assert response.redirect_chain[-1][0] == reverse("campaign:account", args=[officer.pk])
    assert "Đã gửi thư đặt mật khẩu tới Binh.TV@example.vn." in messages_of(response)
    assert officer.username == "binh.tv"
    assert officer.first_name == "Trần Văn Bình"
    assert officer.officer_profile.phone == "0983456789"
    assert not officer.is_staff and not officer.is_superuser and officer.is_active
    assert list(officer.groups.values_list("name", flat=True)) == [OFFICER_GROUP]
    assert set(officer.units.all()) == {accounts["unit_a"], accounts["unit_b"]}
    assert not officer.has_usable_password()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Binh.TV@example.vn"]
    assert "đặt mật khẩu" in message.subject
    assert "Tên đăng nhập: binh.tv" in message.body and "Đảng bộ Phường 1" in message.body
    path = LINK.search(message.body).group(1)

    visitor = Client()
    form_page = visitor.get(path, follow=True)
    assert "Đặt mật khẩu" in form_page.content.decode() and "binh.tv" in form_page.content.decode()
    done = visitor.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert "Đã đặt mật khẩu" in done.content.decode()
    officer.refresh_from_db()
    assert officer.has_usable_password() and officer.check_password(NEW_PASSWORD)

    # The link is spent once used.
    again = Client().get(path, follow=True).content.decode()
    assert "không còn dùng được" in again

    signed_in = visitor.post(reverse("login"), {"username": "binh.tv", "password": NEW_PASSWORD}, follow=True)
    assert signed_in.redirect_chain[-1][0] == reverse("workspace")
    page = signed_in.content.decode()
    assert "Đảng bộ Phường 1" in page and "Mặt trận Tổ quốc thành phố" in page
    assert visitor.get(reverse("campaign:my_work")).status_code == 200


def test_without_the_checkbox_no_mail_goes_out_until_staff_send_the_link(client, accounts):
    client.force_login(accounts["carol"])
    data = create_data(accounts)
    del data["send_link"]
    client.post(reverse("campaign:account_create"), data)
    officer = User.objects.get(username="binh.tv")
    assert len(mail.outbox) == 0
    response = client.post(reverse("campaign:account_send_link", args=[officer.pk]), follow=True)
    assert "Đã gửi thư đặt mật khẩu tới Binh.TV@example.vn." in messages_of(response)
    assert len(mail.outbox) == 1 and LINK.search(mail.outbox[0].body)


def test_the_unit_from_the_unit_list_is_preselected(client, accounts):
    client.force_login(accounts["carol"])
    page = client.get(reverse("campaign:account_create"), {"don_vi": "mttq-thanh-pho"}).content.decode()
    checked = re.findall(r'<input type="checkbox" name="units" value="(\d+)"[^>]* checked>', page)
    assert checked == [str(accounts["unit_b"].pk)]


def test_a_second_account_with_the_same_mailbox_name_gets_a_numbered_username(client, accounts):
    client.force_login(accounts["carol"])
    User.objects.create(username="binh.tv", email="other@example.vn", is_active=False)
    client.post(reverse("campaign:account_create"), create_data(accounts))
    assert User.objects.filter(username="binh.tv2", email="Binh.TV@example.vn").exists()


BAD_CREATE = {
    "empty name": ({"full_name": "   "}, "Hãy nhập họ và tên."),
    "invisible name": ({"full_name": "\u200b \u200d\u2060 \u00a0"}, "Hãy nhập họ và tên."),
    "long name": ({"full_name": "A" * 151}, "Họ và tên dài quá 150 ký tự."),
    "no email": ({"email": " "}, "Hãy nhập e-mail."),
    "bad email": ({"email": "binh@"}, "E-mail “binh@” không hợp lệ."),
    "email of an active account": ({"email": "ALICE@example.vn"}, "E-mail “ALICE@example.vn” đã thuộc một tài khoản đang hoạt động khác."),
    "email of a staff account": ({"email": "sam@EXAMPLE.vn"}, "đã thuộc một tài khoản đang hoạt động khác"),
    "short phone": ({"phone": "09123"}, "Số điện thoại “09123” không hợp lệ (ví dụ 0912 345 678)."),
    "letters in phone": ({"phone": "0912 abc 678"}, "Số điện thoại “0912 abc 678” không hợp lệ"),
    "no unit": ({"units": []}, "Hãy chọn ít nhất một đơn vị."),
    "closed unit": ({"units": ["CLOSED"]}, "Đơn vị đã chọn không có hoặc đã ngừng hoạt động."),
    "missing unit": ({"units": [999999]}, "Đơn vị đã chọn không có hoặc đã ngừng hoạt động."),
    "not a unit id": ({"units": ["abc"]}, "Đơn vị đã chọn không hợp lệ."),
}


@pytest.mark.parametrize("case", list(BAD_CREATE))
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(client, accounts, case):
    changes, expected = BAD_CREATE[case]
    if changes.get("units") == ["CLOSED"]:
        changes = {"units": [accounts["closed"].pk]}
    client.force_login(accounts["carol"])
    before = snapshot()
    response = client.post(reverse("campaign:account_create"), create_data(accounts, **changes))
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert snapshot() == before
    assert len(mail.outbox) == 0


def test_the_email_of_a_deactivated_account_may_be_given_again(client, accounts):
    User.objects.filter(pk=accounts["alice"].pk).update(is_active=False)
    client.force_login(accounts["carol"])
    client.post(reverse("campaign:account_create"), create_data(accounts, email="alice@example.vn"))
    assert User.objects.filter(email="alice@example.vn", is_active=True).count() == 1


def test_post_without_csrf_token_is_refused(accounts):
    client = Client(enforce_csrf_checks=True)
    client.force_login(accounts["carol"])
    before = snapshot()
    for address in (
        reverse("campaign:account_create"), reverse("campaign:account", args=[accounts["alice"].pk]),
        reverse("campaign:account_send_link", args=[accounts["alice"].pk]),
        reverse("campaign:account_deactivate", args=[accounts["alice"].pk]), reverse("campaign:accounts_import"),
    ):
        response = client.post(address, create_data(accounts))
        assert response.status_code == 403
        assert "Không gửi được biểu mẫu" in response.content.decode()
    assert snapshot() == before
    assert len(mail.outbox) == 0


# Privilege escalation ---------------------------------------------------------------------


def escalation(accounts):
    return {
        "is_staff": "on", "is_superuser": "on", "groups": [Group.objects.get(name=STAFF_GROUP).pk],
        "user_permissions": [1, 2, 3], "username": "admin", "password": "pbkdf2_sha256$1$x$y", "is_active": "on",
    }


def test_posting_staff_fields_when_creating_changes_nothing_about_rights(client, accounts):
    client.force_login(accounts["carol"])
    client.post(reverse("campaign:account_create"), {**create_data(accounts), **escalation(accounts)})
    officer = User.objects.get(email="Binh.TV@example.vn")
    assert officer.username == "binh.tv"
    assert not officer.is_staff and not officer.is_superuser and not officer.has_usable_password()
    assert list(officer.groups.values_list("name", flat=True)) == [OFFICER_GROUP]
    assert officer.user_permissions.count() == 0


def test_posting_staff_fields_when_editing_changes_nothing_about_rights(client, accounts):
    alice = accounts["alice"]
    client.force_login(accounts["carol"])
    data = {"full_name": "Nguyễn Thị An", "email": alice.email, "phone": "0912345678", "units": [accounts["unit_b"].pk]}
    response = client.post(reverse("campaign:account", args=[alice.pk]), {**data, **escalation(accounts)})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.username == "alice" and alice.check_password("mat-khau-thu-nghiem-1")
    assert not alice.is_staff and not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == [OFFICER_GROUP]
    assert list(alice.units.all()) == [accounts["unit_b"]]
    staff_group = Group.objects.get(name=STAFF_GROUP)
    assert list(staff_group.user_set.order_by("username").values_list("username", flat=True)) == ["carol", "eve", "sam"]


# Editing, deactivating -------------------------------------------------------------------------


def test_staff_move_an_officer_between_units_and_correct_her_details(client, accounts):
    alice = accounts["alice"]
    client.force_login(accounts["carol"])
    response = client.post(reverse("campaign:account", args=[alice.pk]), {
        "full_name": " Nguyễn  Thị An ", "email": "an.nt@example.vn", "phone": "0263 3822 111",
        "units": [accounts["unit_b"].pk],
    }, follow=True)
    assert "Đã lưu tài khoản alice." in messages_of(response)
    alice.refresh_from_db()
    assert (alice.first_name, alice.email, alice.officer_profile.phone) == ("Nguyễn Thị An", "an.nt@example.vn", "02633822111")
    assert list(alice.units.all()) == [accounts["unit_b"]]


def test_an_edit_with_bad_input_changes_nothing(client, accounts):
    alice = accounts["alice"]
    client.force_login(accounts["carol"])
    before = snapshot()
    response = client.post(reverse("campaign:account", args=[alice.pk]), {
        "full_name": "Nguyễn Thị An", "email": "sam@example.vn", "phone": "0912345678", "units": [],
    })
    page = response.content.decode()
    assert "Hãy chọn ít nhất một đơn vị." in page and "đã thuộc một tài khoản đang hoạt động khác" in page
    assert snapshot() == before


def test_a_deactivated_officer_cannot_sign_in_and_may_be_reactivated(client, accounts):
    alice = accounts["alice"]
    client.force_login(accounts["carol"])
    response = client.post(reverse("campaign:account_deactivate", args=[alice.pk]), follow=True)
    assert "Đã khóa tài khoản alice: người này không đăng nhập được nữa." in messages_of(response)
    alice.refresh_from_db()
    assert not alice.is_active
    assert list(alice.units.all()) == [accounts["unit_a"]]
    visitor = Client()
    response = visitor.post(reverse("login"), {"username": "alice", "password": "mat-khau-thu-nghiem-1"})
    assert response.status_code == 200
    assert visitor.get(reverse("workspace")).status_code == 302

    response = client.post(reverse("campaign:account_send_link", args=[alice.pk]), follow=True)
    assert "Tài khoản đã bị khóa; hãy mở lại trước khi gửi thư đặt mật khẩu." in messages_of(response)
    assert len(mail.outbox) == 0

    client.post(reverse("campaign:account_activate", args=[alice.pk]))
    alice.refresh_from_db()
    assert alice.is_active


def test_reactivating_is_refused_when_the_email_went_to_another_active_account(client, accounts):
    alice = accounts["alice"]
    User.objects.filter(pk=alice.pk).update(is_active=False)
    client.force_login(accounts["carol"])
    client.post(reverse("campaign:account_create"), create_data(accounts, email="alice@example.vn"))
    response = client.post(reverse("campaign:account_activate", args=[alice.pk]), follow=True)
    assert "E-mail “alice@example.vn” đã thuộc một tài khoản đang hoạt động khác." in messages_of(response)
    alice.refresh_from_db()
    assert not alice.is_active


def test_a_failing_mail_server_is_reported_and_the_account_is_kept(client, accounts, settings):
    settings.EMAIL_BACKEND = "tests.campaign.accounts_world.BrokenEmailBackend"
    client.force_login(accounts["carol"])
    response = client.post(reverse("campaign:account_create"), create_data(accounts), follow=True)
    assert "Chưa gửi được thư tới Binh.TV@example.vn: máy chủ thư không trả lời. Hãy thử lại sau." in messages_of(response)
    assert OfficerProfile.objects.filter(user__username="binh.tv").exists()


def test_an_empty_post_is_answered_with_the_forms_errors(client, accounts):
    client.force_login(accounts["carol"])
    before = snapshot()
    page = client.post(reverse("campaign:account_create"), {}).content.decode()
    assert "Hãy nhập họ và tên." in page and "Hãy nhập e-mail." in page and "Hãy chọn ít nhất một đơn vị." in page
    assert snapshot() == before


def test_locking_ends_the_officers_open_session(client, accounts):
    officer = Client()
    officer.force_login(accounts["alice"])
    assert officer.get(reverse("campaign:my_work")).status_code == 200
    client.force_login(accounts["carol"])
    client.post(reverse("campaign:account_deactivate", args=[accounts["alice"].pk]))
    assert officer.get(reverse("campaign:my_work"))["Location"].startswith("/tai-khoan/dang-nhap/")


def test_a_locked_account_keeps_a_valid_email_and_may_share_it_until_reopened(client, accounts):
    alice = accounts["alice"]
    User.objects.filter(pk=alice.pk).update(is_active=False)
    client.force_login(accounts["carol"])
    data = {"full_name": "Nguyễn Thị An", "phone": "", "units": [accounts["unit_a"].pk]}
    page = client.post(reverse("campaign:account", args=[alice.pk]), {**data, "email": "an@"}).content.decode()
    assert "E-mail “an@” không hợp lệ." in page
    assert client.post(reverse("campaign:account", args=[alice.pk]), {**data, "email": "sam@example.vn"}).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "sam@example.vn"
    response = client.post(reverse("campaign:account_activate", args=[alice.pk]), follow=True)
    assert "E-mail “sam@example.vn” đã thuộc một tài khoản đang hoạt động khác." in messages_of(response)


def test_an_unknown_unit_code_lists_and_exports_nobody(client, accounts):
    client.force_login(accounts["carol"])
    page = client.get(reverse("campaign:accounts"), {"don_vi": "khong-co"}).content.decode()
    assert "Không có đơn vị này." in page and "Nguyễn Thị An" not in page
    export = client.get(reverse("campaign:accounts_xlsx"), {"don_vi": "khong-co"})
    assert "alice" not in str(list(load_workbook(BytesIO(export.content)).worksheets[0].values))


def test_an_officer_who_forgot_her_password_gets_a_reset_link_and_the_old_one_works_until_used(client, accounts):
    alice = accounts["alice"]
    client.force_login(accounts["carol"])
    page = client.get(reverse("campaign:account", args=[alice.pk])).content.decode()
    assert "Gửi thư đặt lại mật khẩu" in page
    client.post(reverse("campaign:account_send_link", args=[alice.pk]))
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "đường dẫn đặt lại mật khẩu" in body and "mật khẩu cũ vẫn dùng được" in body
    alice.refresh_from_db()
    assert alice.check_password("mat-khau-thu-nghiem-1")
    visitor = Client()
    form_page = visitor.get(LINK.search(body).group(1), follow=True)
    visitor.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_a_weak_password_is_refused_in_vietnamese(accounts):
    from campaign.accounts.services import password_link

    visitor = Client()
    form_page = visitor.get(password_link(accounts["alice"]).removeprefix("http://portal.example.vn"), follow=True)
    response = visitor.post(form_page.redirect_chain[-1][0], {"new_password1": "12345", "new_password2": "12345"})
    page = response.content.decode()
    assert "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 10 ký tự." in page
    accounts["alice"].refresh_from_db()
    assert accounts["alice"].check_password("mat-khau-thu-nghiem-1")


def test_a_name_typed_with_combining_marks_and_a_full_width_phone_are_stored_as_the_typed_name_and_digits(client, accounts):
    # Found by the bad-input corpus (tests/corpus.py): the account pages had their own name and
    # phone rules, which kept NFD and full-width digits; they now use campaign.text like every form.
    client.force_login(accounts["carol"])
    client.post(reverse("campaign:account_create"),
                create_data(accounts, full_name="Nguye\u0302\u0303n\u200b Thi\u0323 A\u0300nh\u202e", phone="０９１２ ３４５ ６７９"))
    officer = User.objects.get(email="Binh.TV@example.vn")
    assert officer.first_name == "Nguyễn Thị Ành"
    assert officer.officer_profile.phone == "0912345679"

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from campaign.models import Unit
from tests.factories import UnitFactory, UserFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db


def test_reminder_emails_are_split_on_lines_commas_and_semicolons():
    unit = UnitFactory(emails="vanphong@donvi.gov.vn\n truongdonvi@donvi.gov.vn, a@b.vn; c@d.vn ")
    assert unit.reminder_emails == ["vanphong@donvi.gov.vn", "truongdonvi@donvi.gov.vn", "a@b.vn", "c@d.vn"]


def test_bad_email_is_named_in_vietnamese():
    unit = UnitFactory.build(emails="vanphong@donvi.gov.vn\nkhong-phai-email")
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "Địa chỉ e-mail không hợp lệ: khong-phai-email" in str(error.value)


def test_a_unit_cannot_be_its_own_ancestor():
    root = UnitFactory()
    child = UnitFactory(parent=root)
    root.parent = child
    with pytest.raises(ValidationError) as error:
        root.full_clean()
    assert "Đơn vị cấp trên không được là chính đơn vị này" in str(error.value)


def test_for_user_gives_staff_all_units_and_officers_their_own():
    mine, other = UnitFactory(), UnitFactory()
    officer = make_officer(mine)
    staff = make_staff()
    assert set(Unit.objects.for_user(staff)) == {mine, other}
    assert list(Unit.objects.for_user(officer)) == [mine]
    assert list(Unit.objects.for_user(AnonymousUser())) == []
    assert list(Unit.objects.for_user(UserFactory(username="citizen"))) == []


def test_superuser_counts_as_staff():
    UnitFactory()
    admin = UserFactory(username="root", is_superuser=True)
    assert Unit.objects.for_user(admin).count() == 1


def test_inactive_staff_sees_nothing():
    UnitFactory()
    staff = make_staff(is_active=False)
    assert Unit.objects.for_user(staff).count() == 0

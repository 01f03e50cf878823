import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaign.models import Unit
from campaign.roles import OFFICER_GROUP, STAFF_GROUP

PASSWORD = "mat-khau-thu-nghiem-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    password = factory.django.Password(PASSWORD)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    kind = Unit.Kind.DEPARTMENT


def make_staff(username="alice", **kwargs):
    user = UserFactory(username=username, **kwargs)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


def make_officer(*units, username="bob", **kwargs):
    user = UserFactory(username=username, **kwargs)
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    for unit in units:
        unit.members.add(user)
    return user


def totp_device(user, *, confirmed=True, key=None):
    """An authenticator device of `user` (campaign/twofactor), confirmed unless told."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    options = {"key": key} if key else {}
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=confirmed, **options)


def totp_code(device, *, fresh=True):
    """The 6 digits `device`'s app shows now. fresh: forget the last code used, which the device
    refuses to take twice (two sign-ins within one 30-second step)."""
    from django_otp.oath import totp

    if fresh and device.pk:
        type(device).objects.filter(pk=device.pk).update(last_t=-1)
        device.last_t = -1
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"

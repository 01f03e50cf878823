"""Writes on officer accounts. Staff reach only officer accounts (`officers()`): never a staff
member's or a superuser's, and nothing here sets is_staff, is_superuser or any group but the
officer group."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from ..models import OfficerProfile
from ..roles import OFFICER_GROUP, STAFF_GROUP
from ..services import ServiceError
from ..text import digits_only, normalize_text

User = get_user_model()

NAME_MAX = 150
EMAIL_MAX = 254


def officers():
    """The accounts staff may manage here: officers who are neither staff nor superusers."""
    return (
        User.objects.filter(groups__name=OFFICER_GROUP, is_staff=False, is_superuser=False)
        .exclude(groups__name=STAFF_GROUP)
        .distinct()
    )


# Checking what a person typed ---------------------------------------------------------


def clean_full_name(value):
    """The name as campaign.text normalises every name (NFC, no invisible or bidi characters,
    whitespace tidied); refused if nothing visible is left."""
    name = normalize_text(value)
    if not name:
        raise ServiceError("Hãy nhập họ và tên.")
    if len(name) > NAME_MAX:
        raise ServiceError(f"Họ và tên dài quá {NAME_MAX} ký tự.")
    return name


def clean_email(value, *, exclude=None, check_taken=True):
    """A valid address, domain in lower case; refused if an active account other than `exclude`
    has it (`check_taken=False` for a locked account: the check runs again when it is reopened)."""
    email = (value or "").strip()
    if not email:
        raise ServiceError("Hãy nhập e-mail.")
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(f"E-mail “{email}” không hợp lệ.") from None
    if len(email) > EMAIL_MAX:
        raise ServiceError(f"E-mail dài quá {EMAIL_MAX} ký tự.")
    email = User.objects.normalize_email(email)
    if not check_taken:
        return email
    taken = User.objects.filter(is_active=True, email__iexact=email)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ServiceError(f"E-mail “{email}” đã thuộc một tài khoản đang hoạt động khác.")
    return email


def normalise_phone(value):
    """'+84 912.345.678' → '0912345678'; empty stays empty. Vietnamese numbers: 0 then 9 or 10 digits."""
    raw = normalize_text(value)
    if not raw:
        return ""
    # Digits of any script read as 0–9 (campaign.text), so a full-width ０９… is stored as 09….
    digits = digits_only(raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[0-9]{9,10}", digits):
        raise ServiceError(f"Số điện thoại “{raw}” không hợp lệ (ví dụ 0912 345 678).")
    return digits


def unique_username(email):
    """The part of the e-mail before @, in plain letters, numbered if already taken."""
    local = email.split("@")[0].replace("đ", "d").replace("Đ", "D").replace(".", "-")
    base = slugify(local).replace("-", ".")[:30].strip(".") or "canbo"
    username, n = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, n = f"{base}{n}", n + 1
    return username


# Writes -----------------------------------------------------------------------------------


def _check_units(units):
    units = list(units)
    if any(not unit.is_active for unit in units):
        raise ServiceError("Không thể thêm cán bộ vào đơn vị đã ngừng hoạt động.")
    return units


@transaction.atomic
def officer_create(*, full_name, email, phone="", units, by):
    full_name = clean_full_name(full_name)
    email = clean_email(email)
    phone = normalise_phone(phone)
    units = _check_units(units)
    user = User(username=unique_username(email), first_name=full_name, email=email, is_staff=False, is_superuser=False)
    # Nobody knows a password: the officer sets one through the e-mailed link.
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    user.units.set(units)
    OfficerProfile.objects.create(user=user, phone=phone)
    return user


def _check_managed(officer):
    if not officers().filter(pk=officer.pk).exists():
        raise ServiceError("Tài khoản này không phải tài khoản cán bộ đơn vị.")


@transaction.atomic
def officer_set_units(*, officer, units, by):
    _check_managed(officer)
    officer.units.set(_check_units(units))
    return officer


@transaction.atomic
def officer_update(*, officer, full_name, email, phone, units, by):
    _check_managed(officer)
    officer.first_name = clean_full_name(full_name)
    officer.email = clean_email(email, exclude=officer, check_taken=officer.is_active)
    officer.save(update_fields=["first_name", "email"])
    OfficerProfile.objects.update_or_create(user=officer, defaults={"phone": normalise_phone(phone)})
    return officer_set_units(officer=officer, units=units, by=by)


@transaction.atomic
def officer_deactivate(*, officer, by):
    """The account can no longer sign in; its units and its past reports stay as they were."""
    _check_managed(officer)
    if officer.pk == by.pk:
        raise ServiceError("Không thể tự khóa tài khoản của mình.")
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    return officer


@transaction.atomic
def officer_activate(*, officer, by):
    _check_managed(officer)
    if officer.email:
        clean_email(officer.email, exclude=officer)
    officer.is_active = True
    officer.save(update_fields=["is_active"])
    return officer


def password_link(officer):
    """An absolute link to Django's password-reset confirm view. The token is spent once a
    password is set (it hashes the password) and expires after PASSWORD_RESET_TIMEOUT."""
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(officer.pk)), "token": default_token_generator.make_token(officer),
    })
    return settings.SITE_URL + path


def _password_message(officer, connection):
    context = {
        "officer": officer, "link": password_link(officer), "site_url": settings.SITE_URL,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600, "has_password": officer.has_usable_password(),
        "units": list(officer.units.filter(is_active=True).order_by("order", "name")),
    }
    subject = " ".join(render_to_string("registration/set_password_subject.txt", context).split())
    body = render_to_string("registration/set_password_email.txt", context)
    return EmailMessage(subject, body, to=[officer.email], connection=connection)


def officer_send_password_link(*, officer, by, connection=None):
    """One e-mail with a set-password link. Nothing is written: the link carries its own token."""
    _check_managed(officer)
    if not officer.is_active:
        raise ServiceError("Tài khoản đã bị khóa; hãy mở lại trước khi gửi thư đặt mật khẩu.")
    if not officer.email:
        raise ServiceError("Tài khoản chưa có e-mail.")
    try:
        _password_message(officer, connection).send()
    except OSError:
        raise ServiceError(f"Chưa gửi được thư tới {officer.email}: máy chủ thư không trả lời. Hãy thử lại sau.") from None


def officer_send_password_links(*, officers, by):
    """One SMTP connection for many links; returns (sent, failed e-mails)."""
    sent, failed = 0, []
    connection = get_connection()
    try:
        connection.open()
    except OSError:
        return 0, [officer.email for officer in officers]
    try:
        for officer in officers:
            try:
                officer_send_password_link(officer=officer, by=by, connection=connection)
                sent += 1
            except ServiceError:
                failed.append(officer.email)
    finally:
        connection.close()
    return sent, failed


@transaction.atomic
def officers_import(*, rows, by):
    """All rows or none: rows come checked from read_workbook(); checked again here, inside
    the transaction, so an e-mail taken meanwhile refuses the whole file."""
    created, errors = [], []
    for row in rows:
        try:
            created.append(officer_create(
                full_name=row["full_name"], email=row["email"], phone=row["phone"], units=row["units"], by=by,
            ))
        except ServiceError as error:
            errors.append(f"Dòng {row['line']}: {error.messages[0]}")
    if errors:
        raise ServiceError(errors)
    return created

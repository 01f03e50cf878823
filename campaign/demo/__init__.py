"""Demo data of the campaign app: the units named in the two source documents,
the role groups' demo accounts, then the two plans (plans.py) and the reminders
(reminders.py).

Run through `python manage.py seed_demo`; every step is idempotent. The text
is in data/*.yaml (units.yaml, accounts.yaml, one file per plan, reminders.yaml);
this package only loads it. Units that the sources do not name are flagged
`is_demo` and shown as "Dữ liệu minh họa".
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from config.seeding import data_folder, ensure

from ..models import Unit
from ..roles import OFFICER_GROUP, STAFF_GROUP

data = data_folder(Path(__file__).parent / "data")  # data("units") is data/units.yaml, read once

# The two demo accounts that sign in; their names, units and e-mail are in data/accounts.yaml.
DEMO_STAFF = "canbo.btg"
DEMO_OFFICER = "canbo.donvi"
ROLES = {"staff": (STAFF_GROUP, True), "officer": (OFFICER_GROUP, False)}

# Every other unit that files reports gets one officer of its own, so that the
# demo reports name their submitters as real ones do. These accounts are in
# DEMO_GROUP and have unusable passwords: nobody can sign in with them.
DEMO_GROUP = "Tài khoản minh họa (không đăng nhập được)"
NO_OFFICER_KINDS = (Unit.Kind.GROUP, Unit.Kind.PARTNER)


def demo_officer_username(unit_code):
    return f"minhhoa.{unit_code}"


def seed_units():
    counts = {"created": 0, "kept": 0}
    by_code = {}
    for order, row in enumerate(data("units")["units"], start=1):
        code = row.text("code")
        parent = row.get("parent")
        if parent is not None and parent not in by_code:
            raise row.fail("parent", f"phải là mã của một đơn vị ghi phía trên (đang là «{parent}»).")
        unit, outcome = ensure(
            Unit,
            {"code": code},
            {
                "name": row.text("name"),
                "short_name": row.text("short_name"),
                "kind": row.choice("kind", Unit.Kind),
                "parent": by_code.get(parent),
                "source": row.text("source"),
                "is_demo": row.flag("is_demo"),
                "order": order,
            },
        )
        counts[outcome] += 1
        by_code[code] = unit
    return counts


def ensure_account(username, *, full_name, group, units=(), is_staff=False):
    """Create the demo account once, with a fresh random password that is printed once.

    Returns the password if the account was created, else None: a second run
    leaves the account, and its password, as they are.
    """
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    # Vietnamese names read family name first; keep the whole name in one field
    # so that get_full_name() prints it in that order.
    user = User.objects.create_user(username=username, password=password, first_name=full_name, is_staff=is_staff)
    user.groups.add(Group.objects.get(name=group))
    for code in units:
        Unit.objects.get(code=code).members.add(user)
    return password


# The demo staff account's authenticator secret: fixed and public (RFC 6238's test key), so that
# whoever runs `make run` can add it to an authenticator app and sign in. Demo only.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


def ensure_demo_totp(username=DEMO_STAFF):
    """Give the demo staff account the demo authenticator device if it has none; a device someone
    enrolled (their own phone) is kept. Returns the device if it carries the demo key, else None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None
    if not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực (minh họa)", key=DEMO_TOTP_KEY, confirmed=True)
    return TOTPDevice.objects.filter(user=user, key=DEMO_TOTP_KEY, confirmed=True).first()


def demo_accounts():
    """(username, full name, group, unit codes, is_staff) of DEMO_STAFF and DEMO_OFFICER."""
    accounts = data("accounts")["accounts"]
    rows = []
    for username in (DEMO_STAFF, DEMO_OFFICER):
        account = accounts[username]
        role = account.text("role")
        if role not in ROLES:
            raise account.fail("role", f"phải là staff hoặc officer (đang là «{role}»).")
        group, is_staff = ROLES[role]
        rows.append((username, account.text("full_name"), group, account.texts("units"), is_staff))
    return rows


def seed_demo_officers():
    """One demo officer per unit that files reports, but the units of DEMO_OFFICER; created once."""
    User = get_user_model()
    demo_group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    officers = Group.objects.get(name=OFFICER_GROUP)
    names = data("accounts")["demo_officers"]
    family_names, given_names = names.texts("family_names"), names.texts("given_names")
    officer_units = data("accounts")["accounts"][DEMO_OFFICER].texts("units")
    counts = {"created": 0, "kept": 0}
    codes = [
        row.text("code")
        for row in data("units")["units"]
        if row.choice("kind", Unit.Kind) not in NO_OFFICER_KINDS and row.text("code") not in officer_units
    ]
    for index, code in enumerate(codes):
        username = demo_officer_username(code)
        if User.objects.filter(username=username).exists():
            counts["kept"] += 1
            continue
        full_name = f"{family_names[index % len(family_names)]} {given_names[index % len(given_names)]}"
        user = User.objects.create_user(username=username, password=None, first_name=full_name)
        user.groups.add(officers, demo_group)
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            unit.members.add(user)
        counts["created"] += 1
    return counts


def demo_submitter(unit):
    """Who files the demo reports of `unit`: the demo officer if the unit is theirs, else its own demo officer."""
    User = get_user_model()
    for username in (DEMO_OFFICER, demo_officer_username(unit.code)):
        user = User.objects.filter(username=username, units=unit).first()
        if user is not None:
            return user
    return None


def seed(stdout):
    counts = seed_units()
    stdout.write(f"Đơn vị: {counts['created']} tạo mới, {counts['kept']} đã có (giữ nguyên).")
    for username, full_name, group, units, is_staff in demo_accounts():
        password = ensure_account(username, full_name=full_name, group=group, units=units, is_staff=is_staff)
        if password:
            stdout.write(f"Tài khoản minh họa ({group}): {username} / {password}  ← chỉ in một lần, hãy ghi lại.")
        else:
            stdout.write(f"Tài khoản minh họa {username} đã có; mật khẩu giữ nguyên (đặt lại: python manage.py changepassword {username}).")

    device = ensure_demo_totp()
    if device is not None:
        from ..twofactor.services import secret_groups

        stdout.write(
            f"Xác thực hai bước của {DEMO_STAFF} – KHÓA MINH HỌA, công khai, chỉ để chạy thử: "
            f"thêm vào ứng dụng xác thực (nhập khóa thủ công, theo thời gian) khóa {' '.join(secret_groups(device))}."
        )

    counts = seed_demo_officers()
    stdout.write(
        f"Cán bộ đơn vị minh họa (không đăng nhập được): {counts['created']} tạo mới, {counts['kept']} đã có (giữ nguyên)."
    )

    # Imported here: plans and reminders use this module's demo accounts.
    from . import plans, reminders

    plans.seed(stdout)
    reminders.seed(stdout)

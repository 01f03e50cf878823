"""Demo data of the campaign app: the units named in the two source documents,
the role groups' demo accounts.

Run through `python manage.py seed_demo`; every step is idempotent.
Units that the sources do not name are flagged `is_demo` and shown as
"Dữ liệu minh họa".
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Unit
from .roles import OFFICER_GROUP, STAFF_GROUP

PLAN = "Kế hoạch tuyên truyền Năm Hữu nghị Việt Nam – Campuchia, Năm Đoàn kết hữu nghị Việt Nam – Lào 2022"
REPORT = "Báo cáo 04/BC-UBND tỉnh Gia Lai"

K = Unit.Kind

# (code, name, short_name, kind, parent code, source, is_demo)
UNITS = [
    # The plan of Thành ủy Đà Lạt, section IV (Tổ chức thực hiện).
    ("tu-da-lat", "Thành ủy Đà Lạt", "Thành ủy", K.PARTY_COMMITTEE, None, f"{PLAN}, phần mở đầu", False),
    ("btg-tu-da-lat", "Ban Tuyên giáo Thành ủy Đà Lạt", "BTG Thành ủy", K.PARTY_BOARD, "tu-da-lat", f"{PLAN}, mục IV.3", False),
    ("tccs-dang-da-lat", "Các tổ chức cơ sở Đảng trực thuộc Thành ủy", "TCCS Đảng", K.GROUP, "tu-da-lat", f"{PLAN}, mục IV.1", False),
    ("db-phuong-1", "Đảng bộ Phường 1", "ĐB Phường 1", K.PARTY_ORG, "tccs-dang-da-lat", "Tên minh họa cho mục IV.1", True),
    ("db-phuong-3", "Đảng bộ Phường 3", "ĐB Phường 3", K.PARTY_ORG, "tccs-dang-da-lat", "Tên minh họa cho mục IV.1", True),
    ("db-xa-ta-nung", "Đảng bộ xã Tà Nung", "ĐB xã Tà Nung", K.PARTY_ORG, "tccs-dang-da-lat", "Tên minh họa cho mục IV.1", True),
    ("mttq-da-lat", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Lạt", "MTTQ thành phố", K.FRONT, "tu-da-lat", f"{PLAN}, mục IV.2", False),
    ("doan-the-da-lat", "Các đoàn thể chính trị - xã hội thành phố", "Đoàn thể CT-XH", K.GROUP, "tu-da-lat", f"{PLAN}, mục IV.2", False),
    ("thanh-doan-da-lat", "Thành Đoàn Đà Lạt", "Thành Đoàn", K.MASS_ORG, "doan-the-da-lat", "Tên minh họa cho mục IV.2", True),
    ("hlhpn-da-lat", "Hội Liên hiệp Phụ nữ thành phố Đà Lạt", "Hội LHPN", K.MASS_ORG, "doan-the-da-lat", "Tên minh họa cho mục IV.2", True),
    ("hnd-da-lat", "Hội Nông dân thành phố Đà Lạt", "Hội Nông dân", K.MASS_ORG, "doan-the-da-lat", "Tên minh họa cho mục IV.2", True),
    ("hccb-da-lat", "Hội Cựu chiến binh thành phố Đà Lạt", "Hội CCB", K.MASS_ORG, "doan-the-da-lat", "Tên minh họa cho mục IV.2", True),
    ("ldld-da-lat", "Liên đoàn Lao động thành phố Đà Lạt", "LĐLĐ", K.MASS_ORG, "doan-the-da-lat", "Tên minh họa cho mục IV.2", True),
    ("ttvhtttt-da-lat", "Trung tâm Văn hóa Thông tin Thể thao thành phố Đà Lạt", "TT VH-TT-TT", K.CENTER, "tu-da-lat", f"{PLAN}, mục IV.4", False),
    # The Gia Lai report: the sở, ngành and bodies it names (section I).
    ("ubnd-gia-lai", "Ủy ban nhân dân tỉnh Gia Lai", "UBND tỉnh", K.GOVERNMENT, None, f"{REPORT}, cơ quan ban hành", False),
    ("so-ngoai-vu-gl", "Sở Ngoại vụ tỉnh Gia Lai", "Sở Ngoại vụ", K.DEPARTMENT, "ubnd-gia-lai", f"{REPORT}, mục I.10 (cơ quan đầu mối)", False),
    ("so-cong-thuong-gl", "Sở Công Thương tỉnh Gia Lai", "Sở Công Thương", K.DEPARTMENT, "ubnd-gia-lai", f"{REPORT}, mục I.6", False),
    ("so-nnmt-gl", "Sở Nông nghiệp và Môi trường tỉnh Gia Lai", "Sở NN&MT", K.DEPARTMENT, "ubnd-gia-lai", f"{REPORT}, mục I.7", False),
    ("so-khcn-gl", "Sở Khoa học và Công nghệ tỉnh Gia Lai", "Sở KH&CN", K.DEPARTMENT, "ubnd-gia-lai", f"{REPORT}, mục I.8", False),
    ("so-vhttdl-gl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai", "Sở VHTTDL", K.DEPARTMENT, "ubnd-gia-lai",
     f"{REPORT}, mục I.9 (nay đảm nhận phần việc của Sở Văn hóa và Thể thao, Sở Du lịch trước đây)", False),
    ("so-tu-phap-gl", "Sở Tư pháp tỉnh Gia Lai", "Sở Tư pháp", K.DEPARTMENT, "ubnd-gia-lai", f"{REPORT}, mục I.12", False),
    ("so-gddt-gl", "Sở Giáo dục và Đào tạo tỉnh Gia Lai", "Sở GD&ĐT", K.DEPARTMENT, "ubnd-gia-lai", "Đơn vị phụ trách lĩnh vực mục I.3 (báo cáo không nêu tên sở)", True),
    ("so-y-te-gl", "Sở Y tế tỉnh Gia Lai", "Sở Y tế", K.DEPARTMENT, "ubnd-gia-lai", "Đơn vị phụ trách lĩnh vực mục I.4 (báo cáo không nêu tên sở)", True),
    ("bchqs-gl", "Bộ Chỉ huy Quân sự tỉnh Gia Lai", "Bộ CHQS tỉnh", K.ARMED_FORCES, "ubnd-gia-lai", f"{REPORT}, mục I.13", False),
    ("cong-an-gl", "Công an tỉnh Gia Lai", "Công an tỉnh", K.ARMED_FORCES, "ubnd-gia-lai", f"{REPORT}, mục I.13", False),
    ("tinh-doan-gl", "Tỉnh đoàn Gia Lai", "Tỉnh đoàn", K.MASS_ORG, "ubnd-gia-lai", f"{REPORT}, mục I.14", False),
    ("lhhn-gl", "Liên hiệp các tổ chức hữu nghị tỉnh Gia Lai", "Liên hiệp các TCHN", K.ASSOCIATION, "ubnd-gia-lai", f"{REPORT}, mục I.10", False),
    ("hhn-vn-lao-gl", "Hội Hữu nghị Việt Nam - Lào tỉnh Gia Lai", "Hội HN Việt - Lào", K.ASSOCIATION, "ubnd-gia-lai", f"{REPORT}, mục I.10", False),
    ("dh-quy-nhon", "Trường Đại học Quy Nhơn", "ĐH Quy Nhơn", K.SCHOOL, "ubnd-gia-lai", f"{REPORT}, mục I.3", False),
    ("cd-ktcn-quy-nhon", "Trường Cao đẳng Kỹ thuật Công nghệ Quy Nhơn", "CĐ KTCN Quy Nhơn", K.SCHOOL, "ubnd-gia-lai", f"{REPORT}, mục I.3", False),
    ("cd-y-te-gl", "Trường Cao đẳng Y tế tỉnh Gia Lai", "CĐ Y tế Gia Lai", K.SCHOOL, "ubnd-gia-lai", f"{REPORT}, mục I.3", False),
    ("cd-su-pham-gl", "Trường Cao đẳng Sư phạm Gia Lai", "CĐ Sư phạm Gia Lai", K.SCHOOL, "ubnd-gia-lai", f"{REPORT}, mục I.3", False),
    # The four partner provinces of southern Laos.
    ("nam-lao", "4 tỉnh Nam Lào (tỉnh bạn)", "Nam Lào", K.GROUP, None, f"{REPORT}, tiêu đề", False),
    ("attapeu", "Tỉnh Attapeu (Lào)", "Attapeu", K.PARTNER, "nam-lao", f"{REPORT}, tiêu đề", False),
    ("champasak", "Tỉnh Champasak (Lào)", "Champasak", K.PARTNER, "nam-lao", f"{REPORT}, tiêu đề", False),
    ("salavan", "Tỉnh Salavan (Lào)", "Salavan", K.PARTNER, "nam-lao", f"{REPORT}, tiêu đề", False),
    ("sekong", "Tỉnh Sekong (Lào)", "Sekong", K.PARTNER, "nam-lao", f"{REPORT}, tiêu đề", False),
]

DEMO_STAFF = "canbo.btg"
DEMO_OFFICER = "canbo.donvi"
# The demo officer belongs to two units, one of each document, to show that an
# officer may serve several units.
DEMO_OFFICER_UNITS = ("ttvhtttt-da-lat", "so-ngoai-vu-gl")

# Every other unit that files reports gets one officer of its own, so that the
# demo reports name their submitters as real ones do. These accounts are in
# DEMO_GROUP and have unusable passwords: nobody can sign in with them.
DEMO_GROUP = "Tài khoản minh họa (không đăng nhập được)"
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
GIVEN_NAMES = [
    "Văn An", "Thị Bích", "Minh Châu", "Quốc Dũng", "Thị Hà", "Văn Hải", "Thu Hằng", "Đức Hiếu", "Thị Hồng",
    "Văn Hùng", "Ngọc Lan", "Văn Long", "Thị Mai", "Hữu Nghĩa", "Thị Ngọc", "Văn Phúc", "Thanh Phương",
    "Văn Quang", "Thị Quyên", "Minh Sơn", "Văn Tâm", "Thị Thảo", "Đình Thắng", "Thị Thu", "Văn Toàn",
    "Thị Trang", "Quang Trung", "Văn Tú", "Thị Vân", "Văn Vinh",
]
NO_OFFICER_KINDS = (Unit.Kind.GROUP, Unit.Kind.PARTNER)


def demo_officer_username(unit_code):
    return f"minhhoa.{unit_code}"


def ensure(model, lookup, values):
    """Create the row if none matches `lookup`; return (row, 'created' or 'kept').

    A row that exists is left exactly as it is: people may have changed it since
    (a unit renamed in the admin, a due date moved, a report returned and
    filed again), and a demo loader that runs on every `make run` must never
    undo their work. Only what is missing is added.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj, "kept"
    return model.objects.create(**lookup, **values), "created"


def seed_units():
    counts = {"created": 0, "kept": 0}
    by_code = {}
    for order, (code, name, short_name, kind, parent_code, source, is_demo) in enumerate(UNITS, start=1):
        unit, outcome = ensure(
            Unit,
            {"code": code},
            {
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "parent": by_code.get(parent_code),
                "source": source,
                "is_demo": is_demo,
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


def seed_demo_officers():
    """One demo officer per unit that files reports, but the units of DEMO_OFFICER; created once."""
    User = get_user_model()
    demo_group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    officers = Group.objects.get(name=OFFICER_GROUP)
    counts = {"created": 0, "kept": 0}
    codes = [code for code, _, _, kind, _, _, _ in UNITS if kind not in NO_OFFICER_KINDS and code not in DEMO_OFFICER_UNITS]
    for index, code in enumerate(codes):
        username = demo_officer_username(code)
        if User.objects.filter(username=username).exists():
            counts["kept"] += 1
            continue
        full_name = f"{FAMILY_NAMES[index % len(FAMILY_NAMES)]} {GIVEN_NAMES[index % len(GIVEN_NAMES)]}"
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
    accounts = [
        (DEMO_STAFF, "Nguyễn Văn Minh", STAFF_GROUP, (), True),
        (DEMO_OFFICER, "Trần Thị Lan", OFFICER_GROUP, DEMO_OFFICER_UNITS, False),
    ]
    for username, full_name, group, units, is_staff in accounts:
        password = ensure_account(username, full_name=full_name, group=group, units=units, is_staff=is_staff)
        if password:
            stdout.write(f"Tài khoản minh họa ({group}): {username} / {password}  ← chỉ in một lần, hãy ghi lại.")
        else:
            stdout.write(f"Tài khoản minh họa {username} đã có; mật khẩu giữ nguyên (đặt lại: python manage.py changepassword {username}).")

    counts = seed_demo_officers()
    stdout.write(
        f"Cán bộ đơn vị minh họa (không đăng nhập được): {counts['created']} tạo mới, {counts['kept']} đã có (giữ nguyên)."
    )

    # Imported here: demo_plans and demo_reminders use this module's ensure() and demo accounts.
    from . import demo_plans, demo_reminders

    demo_plans.seed(stdout)
    demo_reminders.seed(stdout)

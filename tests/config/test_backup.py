"""`manage.py backup` and `manage.py restore` (config/backup.py).

Round trips: the demo data and uploaded files (public and private media) are backed up, restored
into a fresh empty database and empty media folders by another process, and every table's row
count and every file's name and SHA-256 are compared with the source: on SQLite always, on
PostgreSQL when DATABASE_URL points at it (mandatory under REQUIRE_SERVICES=1).
Refusals: each bad archive or non-empty target is refused with its Vietnamese message, and
nothing changes (rows, media folders, nothing written outside).
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from config.backup import current_tables
from tests.conftest import ROOT

UPLOADS = {
    "media": {
        "tin-bai/anh-bia.jpg": b"\xff\xd8\xff\xe0 bia" * 300,
        "tai-lieu/Tài liệu hội nghị.pdf": b"%PDF-1.4 " + os.urandom(50_000),
        "tai-lieu/xem-truoc/trang-1.png": b"\x89PNG\r\n" + os.urandom(2_000),
    },
    "private_media": {
        "reports/2026/12/anh-hoat-dong.jpg": b"\xff\xd8\xff\xe0 anh" + os.urandom(30_000),
        "plans/ke-hoach-goc.docx": b"PK\x03\x04" + os.urandom(5_000),
        "reports/exports/bao-cao.xlsx": b"",
    },
}


def put_uploads(roots):
    for folder, files in UPLOADS.items():
        for name, data in files.items():
            path = Path(roots[folder]) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def files_of(root):
    """{relative name: sha256} of every file under root."""
    root = Path(root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def sqlite_counts(path):
    with sqlite3.connect(path) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def manage(*args, env, check=True):
    environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    environment.update({"DEBUG": "1", **env})
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def folders(base):
    return {"MEDIA_ROOT": str(base / "media"), "PRIVATE_MEDIA_ROOT": str(base / "private_media")}


def assert_restore_summary(output, *, tables, public, private):
    assert "Đã khôi phục bản sao lưu tạo lúc" in output
    assert f"{tables} bảng" in output and "số dòng từng bảng khớp bản kê" in output
    assert f"{public} tệp media công khai, {private} tệp media riêng tư" in output
    assert "tên và mã SHA-256 từng tệp khớp bản kê" in output


# Round trips ----------------------------------------------------------------------------


@pytest.mark.slow
def test_sqlite_round_trip_through_the_nightly_script_gives_back_every_row_and_file(tmp_path):
    """deploy/backup.sh as the timer runs it: backup, read back, gpg, retention, copy elsewhere."""
    source, target, kept = tmp_path / "source", tmp_path / "target", tmp_path / "backups"
    source_env = {"DATABASE_URL": f"sqlite:///{source}/db.sqlite3", **folders(source)}
    source.mkdir()
    manage("migrate", "--noinput", "-v0", env=source_env)
    manage("seed_demo", env=source_env)
    put_uploads({"media": source / "media", "private_media": source / "private_media"})
    # A link in media is left out and named, never followed.
    (source / "media" / "lien-ket").symlink_to("/etc/passwd")
    kept.mkdir()
    old, recent = kept / "portal-20261101-023000.tar.gz.gpg", kept / "portal-20261130-023000.tar.gz.gpg"
    for path, days in ((old, 20), (recent, 3)):
        path.write_bytes(b"cu")
        os.utime(path, (time.time() - days * 86400,) * 2)
    gnupg = tmp_path / "gnupg"
    gnupg.mkdir(mode=0o700)
    gpg = {"GNUPGHOME": str(gnupg)}
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Sao lưu <saoluu@example.vn>", "default", "default", "never"],
        env={**os.environ, **gpg}, check=True, capture_output=True,
    )
    try:
        environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
        environment.update(
            DEBUG="1", PORTAL_VENV=str(Path(sys.executable).parent.parent), BACKUP_DIR=str(kept), BACKUP_KEEP_DAYS="14",
            BACKUP_GPG_RECIPIENT="saoluu@example.vn", BACKUP_COPY_TO=f"{tmp_path}/noi-khac/", **gpg, **source_env,
        )
        (tmp_path / "noi-khac").mkdir()
        done = subprocess.run(
            ["bash", str(ROOT / "deploy" / "backup.sh")], env=environment, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        encrypted = sorted(set(kept.glob("portal-*.tar.gz.gpg")) - {recent})
        assert len(encrypted) == 1 and not old.exists() and recent.exists()
        assert list(kept.glob("*.tar.gz")) == [] and list(kept.glob("*.partial")) == []
        assert oct(encrypted[0].stat().st_mode & 0o777) == "0o600"
        copy = tmp_path / "noi-khac" / encrypted[0].name
        assert copy.read_bytes() == encrypted[0].read_bytes() and oct(copy.stat().st_mode & 0o777) == "0o600"
        public, private = files_of(source / "media"), files_of(source / "private_media")
        assert f"{len(public)} tệp media công khai, {len(private)} tệp media riêng tư" in done.stdout
        assert "đọc được trọn vẹn, khớp bản kê" in done.stdout
        assert "Bỏ qua «media/lien-ket»" in done.stderr

        archive = tmp_path / "giai-ma.tar.gz"
        subprocess.run(
            ["gpg", "--batch", "--decrypt", "--output", str(archive), str(encrypted[0])],
            env={**os.environ, **gpg}, check=True, capture_output=True,
        )
    finally:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env={**os.environ, **gpg}, capture_output=True)

    target.mkdir()
    done = manage("restore", str(archive), env={"DATABASE_URL": f"sqlite:///{target}/db.sqlite3", **folders(target)})

    expected = sqlite_counts(source / "db.sqlite3")
    assert sqlite_counts(target / "db.sqlite3") == expected
    assert sum(expected.values()) > 500 and expected["contests_participant"] > 0
    assert_restore_summary(done.stdout, tables=len(expected), public=len(public), private=len(private))
    assert files_of(target / "media") == public and files_of(target / "private_media") == private
    for folder, root in (("media", public), ("private_media", private)):
        assert {name: hashlib.sha256(data).hexdigest() for name, data in UPLOADS[folder].items()}.items() <= root.items()
    assert not (target / "media" / "lien-ket").exists()


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_postgres_round_trip_into_a_new_database_gives_back_every_row_and_file(tmp_path, settings):
    import psycopg2

    call_command("seed_demo", stdout=io.StringIO())
    put_uploads({"media": settings.MEDIA_ROOT, "private_media": settings.PRIVATE_MEDIA_ROOT})
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "sao-luu.tar.gz"), stdout=out)
    expected = current_tables()
    assert "Cơ sở dữ liệu PostgreSQL" in out.getvalue()

    params = connection.settings_dict
    name = f"{params['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    base = f"postgres://{params['USER']}" + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    base += f"@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    admin = psycopg2.connect(dbname="postgres", user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"])
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        target = tmp_path / "target"
        done = manage("restore", str(tmp_path / "sao-luu.tar.gz"), env={"DATABASE_URL": f"{base}/{name}", **folders(target)})
        restored = psycopg2.connect(dbname=name, user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"])
        try:
            cursor = restored.cursor()
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
            counts = {}
            for (table,) in cursor.fetchall():
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
        finally:
            restored.close()
        assert counts == expected
        assert sum(expected.values()) > 500 and expected["contests_participant"] > 0
        public, private = files_of(settings.MEDIA_ROOT), files_of(settings.PRIVATE_MEDIA_ROOT)
        assert_restore_summary(done.stdout, tables=len(expected), public=len(public), private=len(private))
        assert files_of(target / "media") == public and files_of(target / "private_media") == private
        assert len(private) >= len(UPLOADS["private_media"]) and len(public) >= len(UPLOADS["media"])
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# Refusals -------------------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path, settings, transactional_db):
    """A good archive of the test database and a few uploads; the media folders are then emptied."""
    put_uploads({"media": settings.MEDIA_ROOT, "private_media": settings.PRIVATE_MEDIA_ROOT})
    path = tmp_path / "archives" / "good.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for file in sorted(Path(root).rglob("*"), reverse=True):
            file.unlink() if file.is_file() else file.rmdir()
    return path


@pytest.fixture
def untouched(tmp_path, settings, monkeypatch):
    """After the test: same rows, empty media folders, no file left in the temporary folder."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    before = current_tables()
    yield
    assert current_tables() == before
    assert files_of(settings.MEDIA_ROOT) == {} and files_of(settings.PRIVATE_MEDIA_ROOT) == {}
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "evil").exists() and not Path("/tmp/portal-evil-test").exists()


def members(path):
    """[(TarInfo, bytes or None)] of an archive."""
    with tarfile.open(path, "r:gz") as tar:
        return [(member, tar.extractfile(member).read() if member.isfile() else None) for member in tar]


def rewrite(path, out, entries):
    with tarfile.open(out, "w:gz") as tar:
        for member, data in entries:
            member.size = len(data) if data is not None else 0
            tar.addfile(member, io.BytesIO(data) if data is not None else None)
    return out


def restore_refused(path):
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), stdout=io.StringIO())
    return str(refused.value)


def test_check_reads_a_good_archive_and_changes_nothing(archive, untouched):
    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "đọc được trọn vẹn, khớp bản kê" in out.getvalue()
    assert "3 tệp media công khai, 3 tệp media riêng tư" in out.getvalue()
    assert "Chưa thay đổi gì" in out.getvalue()


def test_manifest_lists_tables_files_version_migrations_and_vietnam_time(archive):
    manifest = json.loads(dict((m.name, data) for m, data in members(archive))["manifest.json"])
    assert manifest["created_at"].endswith("+07:00")
    assert manifest["tables"]["django_migrations"] == sum(len(names) for names in manifest["migrations"].values()) > 50
    assert "0001_initial" in manifest["migrations"]["campaign"]
    assert len(manifest["portal"]["git_commit"] or "") in (0, 40)
    paths = {entry["path"]: entry for entry in manifest["files"]}
    name = "private_media/reports/2026/12/anh-hoat-dong.jpg"
    assert paths[name]["sha256"] == hashlib.sha256(UPLOADS["private_media"]["reports/2026/12/anh-hoat-dong.jpg"]).hexdigest()
    assert paths["media/tai-lieu/Tài liệu hội nghị.pdf"]["size"] == len(UPLOADS["media"]["tai-lieu/Tài liệu hội nghị.pdf"])


def test_a_database_with_tables_is_refused(archive, untouched):
    message = restore_refused(archive)
    assert "Cơ sở dữ liệu đích" in message and "không trống: đã có" in message
    assert "Không có gì bị thay đổi" in message


@pytest.mark.parametrize("setting", ["MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"])
def test_a_media_folder_with_files_is_refused(archive, settings, setting):
    left = Path(getattr(settings, setting)) / "cu.txt"
    left.parent.mkdir(parents=True, exist_ok=True)
    left.write_bytes(b"cu")
    before = current_tables()
    message = restore_refused(archive)
    assert f"Thư mục {setting} «{getattr(settings, setting)}» không trống" in message
    assert current_tables() == before and left.read_bytes() == b"cu"
    assert len(files_of(settings.MEDIA_ROOT)) + len(files_of(settings.PRIVATE_MEDIA_ROOT)) == 1


def test_a_truncated_archive_is_refused(archive, tmp_path, untouched):
    data = archive.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    assert "bị hỏng hoặc không đầy đủ" in restore_refused(cut)
    cut.write_bytes(data[:-8])  # only the gzip trailer (CRC and length) missing
    assert "bị hỏng hoặc không đầy đủ" in restore_refused(cut)


def test_a_corrupt_archive_is_refused(archive, tmp_path, untouched):
    data = bytearray(archive.read_bytes())
    for offset in range(len(data) // 3, len(data) // 3 + 64):
        data[offset] ^= 0x5A
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(bytes(data))
    message = restore_refused(broken)
    assert "bị hỏng hoặc không đầy đủ" in message or "không khớp kích thước hoặc mã SHA-256" in message
    (tmp_path / "plain.tar.gz").write_text("không phải tệp nén")
    assert "bị hỏng hoặc không đầy đủ" in restore_refused(tmp_path / "plain.tar.gz")
    assert "Không tìm thấy tệp sao lưu" in restore_refused(tmp_path / "khong-co.tar.gz")


def test_a_file_that_does_not_match_its_checksum_is_refused(archive, tmp_path, untouched):
    entries = [
        (m, data.replace(b"anh", b"ANH", 1) if m.name.endswith("anh-hoat-dong.jpg") else data) for m, data in members(archive)
    ]
    message = restore_refused(rewrite(archive, tmp_path / "sua.tar.gz", entries))
    assert message.startswith("Tệp «private_media/reports/2026/12/anh-hoat-dong.jpg» trong bản sao lưu không khớp")


def test_a_file_missing_from_the_manifest_or_the_archive_is_refused(archive, tmp_path, untouched):
    entries = members(archive)
    extra = tarfile.TarInfo("media/them.txt")
    message = restore_refused(rewrite(archive, tmp_path / "them.tar.gz", [(extra, b"them"), *entries]))
    assert "có 1 tệp không có trong bản kê (ví dụ «media/them.txt»)" in message
    dropped = [(m, data) for m, data in entries if not m.name.endswith("bia.jpg")]
    message = restore_refused(rewrite(archive, tmp_path / "thieu.tar.gz", dropped))
    assert "thiếu 1 tệp có trong bản kê (ví dụ «media/tin-bai/anh-bia.jpg»)" in message
    no_manifest = [(m, data) for m, data in entries if m.name != "manifest.json"]
    assert "không có bản kê manifest.json" in restore_refused(rewrite(archive, tmp_path / "kb.tar.gz", no_manifest))


@pytest.mark.parametrize(
    "name, kind, expected",
    [
        ("media/../../evil", tarfile.REGTYPE, "đường dẫn không an toàn «media/../../evil»"),
        ("../evil", tarfile.REGTYPE, "đường dẫn không an toàn «../evil»"),
        ("/tmp/portal-evil-test", tarfile.REGTYPE, "đường dẫn không an toàn «/tmp/portal-evil-test»"),
        ("media/lien-ket", tarfile.SYMTYPE, "«media/lien-ket» là liên kết hoặc tệp đặc biệt"),
        ("media/cung", tarfile.LNKTYPE, "«media/cung» là liên kết hoặc tệp đặc biệt"),
        ("media/thiet-bi", tarfile.CHRTYPE, "«media/thiet-bi» là liên kết hoặc tệp đặc biệt"),
        ("config/settings.py", tarfile.REGTYPE, "«config/settings.py», không thuộc bản sao lưu của cổng"),
    ],
)
def test_unsafe_members_are_refused(archive, tmp_path, untouched, name, kind, expected):
    bad = tarfile.TarInfo(name)
    bad.type = kind
    if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        bad.linkname = "/etc/passwd"
    # The unsafe member comes last, after every good file was read: still nothing is written.
    entries = [*members(archive), (bad, b"evil" if kind == tarfile.REGTYPE else None)]
    message = restore_refused(rewrite(archive, tmp_path / "bad.tar.gz", entries))
    assert expected in message and "từ chối khôi phục" in message


def test_a_file_and_a_folder_of_the_same_name_are_refused(archive, tmp_path, untouched):
    inside = tarfile.TarInfo("media/tin-bai/anh-bia.jpg/ben-trong.txt")
    message = restore_refused(rewrite(archive, tmp_path / "trung.tar.gz", [*members(archive), (inside, b"x")]))
    assert "«media/tin-bai/anh-bia.jpg/ben-trong.txt» trùng tên với một thư mục hoặc tệp khác" in message


def test_an_archive_of_the_other_engine_is_refused(archive, tmp_path, untouched):
    entries = members(archive)
    own = connection.vendor
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[own]
    changed = []
    for member, data in entries:
        if member.name == "manifest.json":
            manifest = json.loads(data)
            manifest["database"]["engine"] = other
            manifest["database"]["path"] = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
            data = json.dumps(manifest).encode()
        elif member.name.startswith("database."):
            member.name = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
        changed.append((member, data))
    message = restore_refused(rewrite(archive, tmp_path / "khac.tar.gz", changed))
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    assert f"Bản sao lưu chứa cơ sở dữ liệu {names[other]}, còn DATABASE_URL trỏ tới {names[own]}" in message


def test_an_archive_from_a_newer_portal_is_refused(archive, tmp_path, untouched):
    changed = []
    for member, data in members(archive):
        if member.name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"]["contests"].append("0999_tuong_lai")
            data = json.dumps(manifest).encode()
        changed.append((member, data))
    message = restore_refused(rewrite(archive, tmp_path / "moi.tar.gz", changed))
    assert "migration mà mã nguồn đang chạy không có (ví dụ contests.0999_tuong_lai)" in message


def test_a_folder_that_cannot_be_written_is_said_in_vietnamese(tmp_path):
    (tmp_path / "tep").write_text("không phải thư mục")
    with pytest.raises(CommandError) as refused:
        call_command("backup", "--output", str(tmp_path / "tep" / "sao-luu.tar.gz"), stdout=io.StringIO())
    assert str(refused.value) == (
        f"Không ghi được bản sao lưu «{tmp_path / 'tep' / 'sao-luu.tar.gz'}»: «{tmp_path / 'tep'}» là một tệp, không phải thư mục."
    )

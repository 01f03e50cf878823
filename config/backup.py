"""Backups: the database and both media folders in one archive, and the way back.

An archive is a gzip'd tar holding, in this order:

- `database.pgdump` (pg_dump's custom format) or `database.sqlite3` (a copy made with
  SQLite's online backup API), taken while the portal keeps running;
- `media/…` (MEDIA_ROOT, public uploads) and `private_media/…` (PRIVATE_MEDIA_ROOT, report
  photos, plan originals, exports);
- `manifest.json`, last: row counts per table from the same snapshot as the dump, every
  file's size and SHA-256, the portal's git commit, the applied migrations, the time in
  Asia/Ho_Chi_Minh. Written last, it also marks the archive as complete.

`restore` unpacks the whole archive into a temporary folder and checks it (member types and
names, manifest, every checksum) before it looks at the target; then it refuses a target that
is not empty. Only then does it write: pg_restore in one transaction or SQLite's backup API,
then the media files, then it counts and hashes again against the manifest. Every refusal is a
BackupError with a Vietnamese message, raised before anything in the target changed.
"""

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FORMAT = "portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Folder in the archive -> the setting that names it on disk.
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private_media": "PRIVATE_MEDIA_ROOT"}
CHUNK = 1024 * 1024
MANIFEST_MAX_BYTES = 256 * 1024 * 1024


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why, in Vietnamese."""


@dataclass
class Outcome:
    """What a backup wrote, or what a restore read and put back."""

    path: Path
    manifest: dict
    skipped: list = field(default_factory=list)
    pending_migrations: list = field(default_factory=list)

    @property
    def rows(self):
        return sum(self.manifest["tables"].values())

    def files_in(self, folder):
        return [entry for entry in self.manifest["files"] if entry["path"].startswith(folder + "/")]

    @property
    def file_bytes(self):
        return sum(entry["size"] for entry in self.manifest["files"])


# Backup ---------------------------------------------------------------------------------


def backup_create(*, output):
    """Write an archive of the database and both media folders.

    `output` ending in .tar.gz or .tgz names the archive; anything else is a folder, where the
    archive is named portal-<date>-<time>.tar.gz (Việt Nam time).
    """
    vendor = _vendor()
    target = _archive_path(str(output))
    partial = target.with_name(target.name + ".partial")
    blocking = next((folder for folder in [target.parent, *target.parent.parents] if folder.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise BackupError(f"Không ghi được bản sao lưu «{target}»: «{blocking}» là một tệp, không phải thư mục.")
    work = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        work = Path(tempfile.mkdtemp(prefix=".portal-backup-", dir=target.parent))
        started = datetime.now(VIETNAM)  # the time of the snapshot, not of the last file written
        dump = work / DUMP_NAMES[vendor]
        database = _pg_dump(dump) if vendor == "postgresql" else _sqlite_dump(dump)
        manifest, skipped = _write_archive(partial, dump, vendor=vendor, database=database, started=started)
        os.replace(partial, target)
    except OSError as error:
        raise BackupError(f"Không ghi được bản sao lưu «{target}» ({error.strerror or error}).") from error
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
            partial.unlink(missing_ok=True)
    return Outcome(path=target, manifest=manifest, skipped=skipped)


def _write_archive(partial, dump, *, vendor, database, started):
    # 0600: the archive holds personal data (docs/security.md).
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
            database_entry = _add_file(tar, dump, DUMP_NAMES[vendor])
            files, skipped = [], []
            for folder, root in media_roots().items():
                found, left_out = _media_files(root, exclude=_nested_roots(folder))
                skipped += [f"{folder}/{name}" for name in left_out]
                files += [_add_file(tar, path, f"{folder}/{name}") for name, path in found]
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": started.isoformat(timespec="seconds"),
                "portal": _portal_version(),
                "database": {"engine": vendor, **database_entry, **database["about"]},
                "tables": database["tables"],
                "migrations": database["migrations"],
                "files": files,
                "skipped": skipped,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        raw.flush()
        os.fsync(raw.fileno())
    return manifest, skipped


def media_roots():
    return {folder: Path(getattr(settings, name)) for folder, name in MEDIA_FOLDERS.items()}


def _archive_path(output):
    if output.endswith((".tar.gz", ".tgz")):
        return Path(output)
    return Path(output) / f"portal-{datetime.now(VIETNAM):%Y%m%d-%H%M%S}.tar.gz"


def _nested_roots(folder):
    """The other media roots that lie inside this one (so no file goes in twice)."""
    roots = media_roots()
    own = roots[folder].resolve()
    return [root.resolve() for name, root in roots.items() if name != folder and own in root.resolve().parents]


def _media_files(root, *, exclude):
    """(name in the archive, path) of every regular file under `root`, and the names left out.

    Symbolic links are left out and named: followed, one could pull any file of the
    server into the archive, and restore refuses links anyway.
    """
    root = Path(root)
    if not root.is_dir():
        return [], []
    found, skipped = [], []
    for directory, subfolders, names in os.walk(root):
        here = Path(directory)
        for name in sorted(subfolders):
            path = here / name
            if path.is_symlink():
                skipped.append(path.relative_to(root).as_posix())
            if path.is_symlink() or path.resolve() in exclude:
                subfolders.remove(name)
        subfolders.sort()
        for name in sorted(names):
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
            else:
                found.append((relative, path))
    return found, skipped


class _Hashing:
    """A file read through this also yields its SHA-256."""

    def __init__(self, source):
        self.source, self.sha256 = source, hashlib.sha256()

    def read(self, size=-1):
        data = self.source.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar, path, name):
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as source:
        hashing = _Hashing(source)
        tar.addfile(info, hashing)
    return {"path": name, "size": info.size, "sha256": hashing.sha256.hexdigest()}


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(datetime.now().timestamp()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _portal_version():
    def git(*args):
        try:
            done = subprocess.run(["git", "-C", str(settings.BASE_DIR), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    changes = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"git_commit": commit, "git_dirty": bool(changes) if commit else None, "django": django.get_version()}


# PostgreSQL -----------------------------------------------------------------------------


def _pg_dump(dump):
    """pg_dump in custom format, and the row counts and migrations of the very same snapshot."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        cursor = raw.cursor()
        # One snapshot for the dump and the counts: pg_dump imports the one this
        # transaction exports, and the transaction stays open until pg_dump is done.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version_num')::int, current_setting('server_version')")
        snapshot, server_number, server_version = cursor.fetchone()
        tool = _pg_tool("pg_dump", server_number // 10000)
        command = [tool, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}", *_pg_arguments()]
        process = subprocess.Popen(command, env=_pg_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        tables = {name: _count(cursor, name) for name in _pg_tables(cursor)}
        migrations = _applied_migrations(cursor, tables)
        _, errors = process.communicate()
        cursor.execute("COMMIT")
    finally:
        raw.close()
    if process.returncode != 0:
        raise BackupError(f"pg_dump không sao lưu được cơ sở dữ liệu (mã lỗi {process.returncode}): {_tail(errors)}")
    return {
        "tables": tables,
        "migrations": migrations,
        "about": {"tool": _tool_version(tool), "server_version": server_version},
    }


def _pg_restore(dump):
    tool = _pg_tool("pg_restore", _pg_server_major())
    # One transaction: a failure half-way leaves the target as empty as it was. No owners
    # and no grants: the roles of the old server need not exist on the new one.
    command = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *_pg_arguments(), str(dump)]
    done = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            f"pg_restore không khôi phục được cơ sở dữ liệu (mã lỗi {done.returncode}); cơ sở dữ liệu đích "
            f"không bị thay đổi vì việc khôi phục chạy trong một giao dịch: {_tail(done.stderr)}"
        )


def _pg_tool(name, server_major):
    """Debian's binary of the server's major version if installed, else the one on the PATH."""
    debian = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    tool = str(debian) if debian.exists() else shutil.which(name)
    if tool is None:
        raise BackupError(
            f"Không tìm thấy {name}: hãy cài gói postgresql-client-{server_major} (Debian) để sao lưu và khôi phục PostgreSQL."
        )
    major = _major(_tool_version(tool))
    if major is not None and major < server_major:
        raise BackupError(
            f"{name} phiên bản {major} cũ hơn máy chủ PostgreSQL {server_major}: hãy cài postgresql-client-{server_major} "
            f"hoặc đặt thư mục bin của phiên bản đó lên đầu PATH."
        )
    return tool


def _tool_version(tool):
    done = subprocess.run([tool, "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def _major(version_text):
    found = re.search(r"(\d+)(?:\.\d+)?", version_text or "")
    return int(found.group(1)) if found else None


def _pg_server_major():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        return cursor.fetchone()[0] // 10000


def _pg_arguments():
    params = connection.settings_dict
    arguments = ["--no-password", f"--dbname={params['NAME']}"]
    if params.get("HOST"):
        arguments.append(f"--host={params['HOST']}")
    if params.get("PORT"):
        arguments.append(f"--port={params['PORT']}")
    if params.get("USER"):
        arguments.append(f"--username={params['USER']}")
    return arguments


def _pg_environment():
    # The password goes through the environment, never on a command line others can read in ps.
    environment = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return environment


def _pg_tables(cursor):
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid) "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY c.relname"
    )
    return [row[0] for row in cursor.fetchall()]


# SQLite ---------------------------------------------------------------------------------


def _sqlite_dump(dump):
    if connection.in_atomic_block:
        # The backup API would wait forever for the lock this very transaction holds.
        raise BackupError("Không sao lưu được SQLite từ bên trong một giao dịch đang mở.")
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        # The online backup API: a consistent copy while the portal keeps writing.
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        cursor = copy.cursor()
        tables = {name: _count(cursor, name) for name in _sqlite_tables(cursor)}
        migrations = _applied_migrations(cursor, tables)
    finally:
        copy.close()
    return {"tables": tables, "migrations": migrations, "about": {"tool": f"sqlite3 {sqlite3.sqlite_version}"}}


def _sqlite_restore(dump):
    connection.close()
    source, target = sqlite3.connect(dump), sqlite3.connect(connection.settings_dict["NAME"])
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _sqlite_tables(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


# Both engines ---------------------------------------------------------------------------


def _vendor():
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Sao lưu chỉ hỗ trợ PostgreSQL và SQLite, không hỗ trợ {connection.vendor}.")
    return connection.vendor


def _count(cursor, table):
    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
    return cursor.fetchone()[0]


def _applied_migrations(cursor, tables):
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def current_tables():
    """{table: rows} of the configured database, now."""
    with connection.cursor() as cursor:
        names = _pg_tables(cursor) if connection.vendor == "postgresql" else _sqlite_tables(cursor)
        return {name: _count(cursor, name) for name in names}


def _tail(text, lines=5):
    return " ".join((text or "").strip().splitlines()[-lines:]) or "không có thông báo lỗi"


# Restore --------------------------------------------------------------------------------


def backup_check(*, archive):
    """Read and check an archive completely, change nothing; the manifest as an Outcome."""
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as staging:
        manifest = _unpack(Path(archive), Path(staging))
    return Outcome(path=Path(archive), manifest=manifest)


def backup_restore(*, archive, progress=lambda line: None):
    """Put an archive back into an empty database and empty media folders, then verify it."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as staging:
        staging = Path(staging)
        progress("Đang đọc và kiểm tra tệp sao lưu…")
        manifest = _unpack(archive, staging)
        vendor = _vendor()
        # What is wrong with the archive first, then what is in the way in the target.
        _refuse_other_engine(manifest, vendor)
        _refuse_newer_migrations(manifest)
        _refuse_non_empty_media()
        _refuse_non_empty_database()
        if vendor == "postgresql":
            _refuse_old_pg_restore(manifest)
        progress(f"Đang khôi phục cơ sở dữ liệu {ENGINE_NAMES[vendor]}…")
        dump = staging / DUMP_NAMES[vendor]
        if vendor == "postgresql":
            _pg_restore(dump)
        else:
            _sqlite_restore(dump)
        connection.close()
        progress("Đang chép các tệp media…")
        for folder, root in media_roots().items():
            root.mkdir(parents=True, exist_ok=True)
            unpacked = staging / folder
            if unpacked.is_dir():
                for child in sorted(unpacked.iterdir()):
                    shutil.move(str(child), str(root / child.name))
    progress("Đang đối chiếu số dòng và mã SHA-256 với bản kê…")
    _verify(manifest)
    return Outcome(path=archive, manifest=manifest, pending_migrations=_pending_migrations())


def _unpack(archive, staging):
    """Every member of `archive` into `staging`, checked; the manifest, or BackupError."""
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu «{archive}».")
    written, manifest_bytes = {}, None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = _checked_name(member)
                if name in written or (name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"Tệp sao lưu chứa «{name}» hai lần: từ chối khôi phục.")
                if member.isdir():
                    continue
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest_bytes = source.read(MANIFEST_MAX_BYTES)
                else:
                    written[name] = _write_member(source, staging, name, member.mtime)
            # Read to the end of the gzip stream, so that its length and CRC are checked too.
            while tar.fileobj.read(CHUNK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(
            f"Tệp sao lưu «{archive.name}» bị hỏng hoặc không đầy đủ (bị cắt cụt khi chép?): không đọc được "
            f"({error}). Không có gì bị thay đổi."
        ) from error
    return _checked_manifest(manifest_bytes, written)


def _checked_name(member):
    name = member.name
    if not (member.isfile() or member.isdir()):
        raise BackupError(
            f"Tệp sao lưu chứa «{name}» là liên kết hoặc tệp đặc biệt, không phải tệp thường: từ chối khôi phục, "
            "không có gì bị thay đổi."
        )
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or "\\" in name or ".." in parts:
        raise BackupError(
            f"Tệp sao lưu chứa đường dẫn không an toàn «{name}» (đường dẫn tuyệt đối hoặc có «..», có thể ghi ra "
            "ngoài thư mục khôi phục): từ chối khôi phục, không có gì bị thay đổi."
        )
    name = "/".join(parts)
    expected = (
        (member.isfile() and name in (MANIFEST, *DUMP_NAMES.values()))
        or (parts[0] in MEDIA_FOLDERS and (len(parts) > 1 or member.isdir()))
    )
    if not expected:
        raise BackupError(
            f"Tệp sao lưu chứa «{name}», không thuộc bản sao lưu của cổng (chỉ có manifest.json, tệp cơ sở dữ liệu, "
            "media/ và private_media/): từ chối khôi phục."
        )
    return name


def _write_member(source, staging, name, mtime):
    path = staging / name
    sha256, size = hashlib.sha256(), 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as target:
            while chunk := source.read(CHUNK):
                sha256.update(chunk)
                size += len(chunk)
                target.write(chunk)
    except (FileExistsError, IsADirectoryError, NotADirectoryError) as error:
        raise BackupError(f"Tệp sao lưu chứa «{name}» trùng tên với một thư mục hoặc tệp khác: từ chối khôi phục.") from error
    os.utime(path, (mtime, mtime))
    return size, sha256.hexdigest()


def _checked_manifest(raw, written):
    if raw is None:
        raise BackupError(
            "Tệp sao lưu không có bản kê manifest.json (bản kê nằm cuối tệp: thiếu nó là tệp bị cắt cụt hoặc "
            "không phải bản sao lưu của cổng): từ chối khôi phục."
        )
    try:
        manifest = json.loads(raw)
    except ValueError as error:
        raise BackupError(f"Bản kê manifest.json không đọc được ({error}): từ chối khôi phục.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Tệp này không phải bản sao lưu của cổng (manifest.json không đúng định dạng): từ chối khôi phục.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Bản sao lưu có định dạng phiên bản {manifest.get('format_version')}, lệnh này chỉ đọc được phiên bản "
            f"{FORMAT_VERSION}: hãy khôi phục bằng phiên bản cổng đã tạo ra nó."
        )
    try:
        database = manifest["database"]
        listed = {entry["path"]: (int(entry["size"]), str(entry["sha256"])) for entry in [database, *manifest["files"]]}
        engine = database["engine"]
        tables = {str(name): int(rows) for name, rows in manifest["tables"].items()}
        migrations = {str(app): [str(name) for name in names] for app, names in manifest["migrations"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BackupError(f"Bản kê manifest.json thiếu hoặc sai mục ({error}): từ chối khôi phục.") from error
    if engine not in DUMP_NAMES or database["path"] != DUMP_NAMES[engine]:
        raise BackupError("Bản kê manifest.json ghi một tệp cơ sở dữ liệu không hợp lệ: từ chối khôi phục.")
    missing = sorted(set(listed) - set(written))
    if missing:
        raise BackupError(
            f"Tệp sao lưu thiếu {len(missing)} tệp có trong bản kê (ví dụ «{missing[0]}»): bản sao lưu không đầy đủ, "
            "từ chối khôi phục."
        )
    extra = sorted(set(written) - set(listed))
    if extra:
        raise BackupError(
            f"Tệp sao lưu có {len(extra)} tệp không có trong bản kê (ví dụ «{extra[0]}»): bản sao lưu đã bị sửa, "
            "từ chối khôi phục."
        )
    for path, expected in sorted(listed.items()):
        if written[path] != expected:
            raise BackupError(
                f"Tệp «{path}» trong bản sao lưu không khớp kích thước hoặc mã SHA-256 ghi trong bản kê: bản sao lưu "
                "đã bị sửa hoặc hỏng, từ chối khôi phục. Không có gì bị thay đổi."
            )
    manifest["tables"], manifest["migrations"] = tables, migrations
    return manifest


def _refuse_other_engine(manifest, vendor):
    engine = manifest["database"]["engine"]
    if engine != vendor:
        raise BackupError(
            f"Bản sao lưu chứa cơ sở dữ liệu {ENGINE_NAMES[engine]}, còn DATABASE_URL trỏ tới {ENGINE_NAMES[vendor]}: "
            f"hãy khôi phục vào một cơ sở dữ liệu {ENGINE_NAMES[engine]} trống."
        )


def _refuse_non_empty_media():
    for folder, root in media_roots().items():
        setting = MEDIA_FOLDERS[folder]
        if root.exists() and not root.is_dir():
            raise BackupError(f"{setting} «{root}» không phải một thư mục: từ chối khôi phục.")
        if root.is_dir() and any(root.iterdir()):
            raise BackupError(
                f"Thư mục {setting} «{root}» không trống: lệnh restore chỉ khôi phục vào thư mục trống để không ghi đè "
                f"tệp đang dùng. Hãy đổi tên thư mục cũ (ví dụ mv {root} {root}.cu) hoặc trỏ {setting} tới một thư mục mới, "
                "rồi chạy lại. Không có gì bị thay đổi."
            )


def _refuse_non_empty_database():
    tables = connection.introspection.table_names(include_views=True)
    if tables:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"Cơ sở dữ liệu đích «{name}» không trống: đã có {len(tables)} bảng (ví dụ «{tables[0]}»). Lệnh restore chỉ "
            "khôi phục vào một cơ sở dữ liệu trống để không ghi đè dữ liệu đang dùng: hãy tạo một cơ sở dữ liệu mới "
            "(createdb, hoặc một tệp SQLite chưa có) và trỏ DATABASE_URL tới đó, rồi chạy lại. Không có gì bị thay đổi."
        )


def _refuse_newer_migrations(manifest):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in known and not any((app, name) in m.replaces for m in loader.disk_migrations.values())
    )
    if unknown:
        commit = manifest["portal"].get("git_commit") or "không rõ"
        raise BackupError(
            f"Bản sao lưu có {len(unknown)} migration mà mã nguồn đang chạy không có (ví dụ {unknown[0]}): nó được tạo "
            f"bởi một phiên bản mới hơn của cổng (commit {commit}). Hãy cài đúng phiên bản đó rồi khôi phục."
        )


def _refuse_old_pg_restore(manifest):
    made_with = _major(manifest["database"].get("tool"))
    tool = _pg_tool("pg_restore", _pg_server_major())
    have = _major(_tool_version(tool))
    if made_with and have and have < made_with:
        raise BackupError(
            f"Bản sao lưu được tạo bằng pg_dump {made_with}, còn pg_restore ở đây là phiên bản {have}: hãy cài "
            f"postgresql-client-{made_with} rồi khôi phục."
        )


def _verify(manifest):
    found = current_tables()
    expected = manifest["tables"]
    wrong = [
        f"«{name}»: {found.get(name, 'không có bảng')} dòng, bản kê ghi {expected.get(name, 'không có bảng')}"
        for name in sorted(set(found) | set(expected))
        if found.get(name) != expected.get(name)
    ]
    if wrong:
        raise BackupError("Sau khi khôi phục, cơ sở dữ liệu không khớp bản kê: " + "; ".join(wrong[:5]) + ".")
    listed = {entry["path"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    on_disk = {}
    for folder, root in media_roots().items():
        for name, path in _media_files(root, exclude=_nested_roots(folder))[0]:
            on_disk[f"{folder}/{name}"] = _digest(path)
    if on_disk != listed:
        differ = sorted(name for name in set(on_disk) | set(listed) if on_disk.get(name) != listed.get(name))
        raise BackupError(f"Sau khi khôi phục, {len(differ)} tệp media không khớp bản kê (ví dụ «{differ[0]}»).")


def _digest(path):
    sha256, size = hashlib.sha256(), 0
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            size += len(chunk)
    return size, sha256.hexdigest()


def _pending_migrations():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]

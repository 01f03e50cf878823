"""What the apps' demo loaders (`<app>/demo/`) share: create-if-missing, counts, times, data files.

Each app's demo keeps its source text in `<app>/demo/data/*.yaml` and a small
loader in Python. `load_data` reads one of those files with yaml.safe_load and
hands back a `Section`: reading a key that is missing, or of the wrong kind,
raises `SeedDataError` naming the file and the key (`tasks[2].title`), so a
slip in a data file is told in one line rather than as a KeyError deep in a loader.
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

from campaign.deadlines import VIETNAM

_MISSING = object()


class SeedDataError(Exception):
    """A demo data file cannot be read, or a key in it is missing or wrong."""


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


class Tally:
    """created / kept counts of the rows one loader went through."""

    def __init__(self):
        self.counts = {"created": 0, "kept": 0}

    def put(self, model, lookup, values=None, *, m2m=None):
        """Create one row (with its many-to-many fields `m2m`) if it is missing; return the row."""
        return self.ensure(model, lookup, values, m2m=m2m)[0]

    def ensure(self, model, lookup, values=None, *, m2m=None):
        """As put(), and say whether the row was 'created' or 'kept'."""
        obj, outcome = ensure(model, lookup, values or {})
        if outcome == "created":
            for name, related in (m2m or {}).items():
                getattr(obj, name).set(related)
        self.counts[outcome] += 1
        return obj, outcome

    @property
    def created(self):
        return self.counts["created"]

    def line(self, name):
        return f"{name}: {self.counts['created']} tạo mới, {self.counts['kept']} đã có (giữ nguyên)."


def at(day, hour, days=0):
    """`hour` o'clock, Việt Nam time, `days` after `day`."""
    return datetime.combine(day + timedelta(days=days), time(hour), tzinfo=VIETNAM)


def _shown(path):
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def load_data(path):
    """The YAML file at `path` as a Section; SeedDataError (naming the file) if it cannot be read."""
    name = _shown(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise SeedDataError(f"{name}: không đọc được tệp dữ liệu ({error.strerror}).") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SeedDataError(f"{name}:{where}: YAML sai cú pháp ({problem}).") from error
    if not isinstance(data, dict):
        raise SeedDataError(f"{name}: tệp dữ liệu phải là một bảng khóa: giá trị.")
    return Section(data, name, "")


def data_folder(folder):
    """A function name -> load_data(folder / f"{name}.yaml"), each file read once (at the first seed)."""

    @cache
    def data(name):
        return load_data(Path(folder) / f"{name}.yaml")

    return data


def _wrap(value, file, key):
    if isinstance(value, dict):
        return Section(value, file, key)
    if isinstance(value, list):
        return Items(value, file, key)
    return value


class _Node:
    def __init__(self, data, file, key):
        self.data, self.file, self.key = data, file, key

    def fail(self, key, problem):
        """SeedDataError for `key` of this part: `file: «tasks[2].title»: problem`."""
        return SeedDataError(f"{self.file}: «{self._path(key)}» {problem}")

    def _path(self, key):
        if isinstance(key, int):
            return f"{self.key}[{key}]"
        return f"{self.key}.{key}" if self.key else str(key)


class Section(_Node):
    """One mapping of a data file. `section[key]` raises SeedDataError if the key is missing."""

    def __getitem__(self, key):
        if key not in self.data:
            raise self.fail(key, "bị thiếu.")
        return _wrap(self.data[key], self.file, self._path(key))

    def __contains__(self, key):
        return key in self.data

    def get(self, key, default=None):
        return self[key] if key in self.data else default

    def keys(self):
        return self.data.keys()

    def items(self):
        return [(key, self[key]) for key in self.data]

    def plain(self):
        """The mapping as plain Python values (dicts, lists, scalars)."""
        return self.data

    def text(self, key, default=_MISSING):
        """A string ('' allowed); `default` where the key is absent, else SeedDataError."""
        return self._typed(key, str, "phải là chữ", default)

    def number(self, key, default=_MISSING):
        return self._typed(key, (int, float), "phải là số", default, refuse=bool)

    def flag(self, key, default=_MISSING):
        return self._typed(key, bool, "phải là true hoặc false", default)

    def day(self, key, default=_MISSING):
        """A date written 2022-06-30; null is allowed (a date left empty)."""
        if key in self.data and self.data[key] is None:
            return None
        return self._typed(key, date, "phải là ngày dạng 2022-06-30", default, refuse=datetime)

    def texts(self, key, default=_MISSING):
        """A list of strings."""
        value = self._typed(key, list, "phải là một danh sách", default)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(key, f"mục {index + 1} phải là chữ (đang là «{item}»).")
        return list(value)

    def choice(self, key, choices):
        """One of the values of a Django TextChoices (e.g. Unit.Kind)."""
        value = self.text(key)
        try:
            return choices(value)
        except ValueError:
            allowed = ", ".join(choices.values)
            raise self.fail(key, f"phải là một trong: {allowed} (đang là «{value}»).") from None

    def _typed(self, key, kind, problem, default, refuse=()):
        if key not in self.data:
            if default is _MISSING:
                raise self.fail(key, "bị thiếu.")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (refuse and isinstance(value, refuse)):
            raise self.fail(key, f"{problem} (đang là «{value}»).")
        return value


class Items(_Node):
    """One list of a data file; its mappings are Sections, named `key[index]` in errors."""

    def __iter__(self):
        return (self[index] for index in range(len(self.data)))

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return _wrap(self.data[index], self.file, self._path(index))

    def plain(self):
        return self.data

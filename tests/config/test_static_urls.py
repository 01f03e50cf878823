"""config.storage.StaticStorage keeps each file's hashed URL once read from the manifest (every
page names about ten files), and forgets them when collectstatic hashes the files anew."""

import json
from unittest import mock

from django.contrib.staticfiles.storage import ManifestFilesMixin

from config.storage import StaticStorage


def storage(tmp_path, hashed):
    (tmp_path / "staticfiles.json").write_text(json.dumps({"version": "1.1", "paths": {"css/portal.css": hashed}}))
    return StaticStorage(location=str(tmp_path), base_url="/static/")


def test_a_url_is_read_from_the_manifest_once(tmp_path):
    files = storage(tmp_path, "css/portal.abc123.css")
    with mock.patch.object(ManifestFilesMixin, "stored_name", autospec=True, side_effect=ManifestFilesMixin.stored_name) as read:
        assert files.url("css/portal.css") == "/static/css/portal.abc123.css"
        assert files.url("css/portal.css") == "/static/css/portal.abc123.css"
    assert read.call_count == 1


def test_collectstatic_forgets_the_urls_kept(tmp_path):
    files = storage(tmp_path, "css/portal.abc123.css")
    files.url("css/portal.css")
    list(files.post_process({}, dry_run=True))
    files.hashed_files = {"css/portal.css": "css/portal.def456.css"}  # what hashing the files anew gave
    assert files.url("css/portal.css") == "/static/css/portal.def456.css"

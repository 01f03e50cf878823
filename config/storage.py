"""Static files: WhiteNoise's compressed manifest storage, with hashed URLs under DEBUG too."""

import os

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Pages only ever name the hashed files (below), so the unhashed copies are not kept.
    keep_only_hashed_files = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        # Django's manifest storage hands out unhashed names when DEBUG is on, which would
        # oblige every browser to revalidate every file; the embedded default runs with DEBUG.
        # Kept per name: the manifest is read once per process, and every page names about ten
        # files (base.html), each a manifest lookup, a join and a quote (issue 15: the quiz's
        # answer page, which follows every start).
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name, force=True)
        return url

    def post_process(self, *args, **kwargs):
        # collectstatic hashes the files anew: the names kept above may be stale.
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()

    def compress_files(self, paths):
        # A hashed name fixes the content, so a compressed copy already beside it is current:
        # `make run` compresses the 1,300 files (CKEditor's translations, mostly) once, not on
        # every start.
        def done(path):
            full = self.path(path)
            return os.path.exists(full + ".gz") and os.path.exists(full + ".br")

        yield from super().compress_files([path for path in paths if not done(path)])

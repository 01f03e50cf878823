"""Measure what checking and re-encoding one photo costs, in a fresh process.

    python -m tests.campaign.photo_cost make <kind> <path>   # write a worst accepted photo
    python -m tests.campaign.photo_cost measure <path>       # {"seconds", "cpu_seconds", "peak_mb", "stored"}

`measure` imports Django and Pillow first, resets the process's peak resident
size, then reads it after campaign.images.prepare_photo: the rise above the
resident size before is what the photo cost, C buffers of the decoders
included (tracemalloc would see only Python's allocations). CPU seconds do not grow when other processes
load the machine; wall seconds do.
"""

import json
import os
import resource
import sys
import time


def photo_like(size, mode="RGB"):
    """Smooth colour fields with fine noise: compresses and decodes like a photo."""
    from PIL import Image

    cells = (max(1, size[0] // 64), max(1, size[1] // 64))
    small = Image.frombytes("RGB", cells, os.urandom(cells[0] * cells[1] * 3))
    big = small.resize(size, Image.BICUBIC)
    noise = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(big, noise, 0.08).convert(mode)


def blocks(size, mode):
    """Flat blocks: a PNG within the upload limit that still decodes to `size`."""
    from PIL import Image

    cells = (max(1, size[0] // 64), max(1, size[1] // 64))
    bands = len(mode)
    small = Image.frombytes(mode, cells, os.urandom(cells[0] * cells[1] * bands))
    return small.resize(size, Image.NEAREST)


def make(kind, path):
    from django.conf import settings

    jpeg_side = (8000, settings.PHOTO_MAX_PIXELS // 8000)  # just under the JPEG limit
    full_side = (4000, settings.PHOTO_MAX_PIXELS_FULL_DECODE // 4000)  # just under the PNG/WEBP/GIF limit
    if kind == "jpeg":
        photo_like(jpeg_side).save(path, format="JPEG", quality=80)
    elif kind == "jpeg-444":
        photo_like(jpeg_side).save(path, format="JPEG", quality=80, subsampling=0)
    elif kind == "jpeg-progressive-444":
        # The costliest JPEG to decode: progressive (the decoder keeps every
        # coefficient) and without chroma subsampling; it has the lower limit.
        photo_like(full_side).save(path, format="JPEG", quality=80, progressive=True, subsampling=0)
    elif kind == "png-rgba":
        blocks(full_side, "RGBA").save(path, format="PNG", compress_level=1)
    else:
        raise SystemExit(f"unknown kind {kind}")
    assert os.path.getsize(path) <= settings.PHOTO_MAX_BYTES, os.path.getsize(path)


def status_kb(field):
    """A size from /proc/self/status, in kB. VmHWM (peak resident size) belongs to
    this process's memory map, unlike ru_maxrss, which Linux carries over from
    the parent across fork and exec (a large pytest parent would hide the peak)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def reset_peak():
    # "5" resets VmHWM to the current resident size (Linux 4.0 and later).
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass  # then the peak counts from the process's start, which only overstates it


def measure(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaign.images import prepare_photo

    with open(path, "rb") as handle:
        upload = SimpleUploadedFile(os.path.basename(path), handle.read())
    reset_peak()
    rss_before = status_kb("VmRSS")
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    prepared = prepare_photo(upload)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak_mb = (status_kb("VmHWM") - rss_before) / 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb, "stored": len(prepared.full)}))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    else:
        measure(sys.argv[2])

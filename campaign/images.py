"""Uploaded photos: bounded before decoding, decoded once, written afresh.

The work an upload may cost is bounded before a pixel is decoded: the file's
size, then the pixel count read from the header. A baseline JPEG is decoded
reduced (`draft`: the decoder scales by 1/2, 1/4 or 1/8 on the fly), so a
large one costs little memory (`PHOTO_MAX_PIXELS`); PNG, WEBP, GIF and
progressive JPEG are decoded whole, so their limit is lower
(`PHOTO_MAX_PIXELS_FULL_DECODE`). The figures: tests/campaign/test_photos.py.

The stored JPEG is written from a new image that holds only the pixels: no
EXIF (GPS, camera), no comment segment, no ICC or other application segment,
nothing the uploader appended after the image data. Its name is made by the
portal (`new_photo_name`), never taken from the upload.
"""

import re
import uuid
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_SIDE = 2000
THUMB_SIDE = 320
PHOTO_NAME = re.compile(r"[0-9a-f]{32}(-nho)?\.jpg")


def max_upload_bytes():
    return getattr(settings, "PHOTO_MAX_BYTES", 8 * 1024 * 1024)


def decodes_reduced(image):
    """Whether the decoder can scale down while decoding (`draft`): a baseline
    JPEG. A progressive JPEG keeps every coefficient in memory however it is
    scaled (2 bytes per sample), so it counts as decoded whole."""
    return image.format == "JPEG" and not image.info.get("progressive")


def max_pixels(image):
    return settings.PHOTO_MAX_PIXELS if decodes_reduced(image) else settings.PHOTO_MAX_PIXELS_FULL_DECODE


def max_per_report():
    return settings.PHOTO_MAX_PER_REPORT


def mb(size):
    """Megabytes written the Vietnamese way: 8 MB, 1,5 MB."""
    return f"{size / 1024 / 1024:.1f}".replace(".0", "").replace(".", ",")


def millions(count):
    """40 triệu, 16,5 triệu."""
    return f"{count / 1_000_000:.1f}".replace(".0", "").replace(".", ",") + " triệu"


def thousands(number):
    return f"{number:,}".replace(",", ".")


def new_photo_name(suffix=""):
    return f"{uuid.uuid4().hex}{suffix}.jpg"


def photo_count_refusal(*, existing, adding):
    """The Vietnamese refusal when `adding` more photos would pass the per-report limit, else None."""
    limit = max_per_report()
    if existing + adding <= limit:
        return None
    if existing == 0:
        return f"Mỗi báo cáo có tối đa {limit} ảnh; bạn đã chọn {adding} ảnh."
    if existing >= limit:
        return f"Báo cáo đã có đủ {limit} ảnh (tối đa {limit} ảnh mỗi báo cáo), không thể thêm ảnh."
    return (
        f"Báo cáo đã có {existing} ảnh; mỗi báo cáo có tối đa {limit} ảnh nên chỉ thêm được "
        f"{limit - existing} ảnh nữa (bạn đã chọn {adding} ảnh)."
    )


@dataclass(frozen=True)
class PreparedPhoto:
    """A checked upload, already re-encoded: what the service stores."""

    original_name: str  # for messages only; never used to name a file
    full: bytes
    thumb: bytes

    def files(self):
        """(full, thumbnail) ContentFiles under names the portal makes."""
        stem = uuid.uuid4().hex
        return ContentFile(self.full, name=f"{stem}.jpg"), ContentFile(self.thumb, name=f"{stem}-nho.jpg")


def _invalid(name):
    return ValidationError(
        "Tệp “%(name)s” không phải là ảnh hợp lệ hoặc đã bị hỏng.", params={"name": name}, code="invalid_image",
    )


def _check_header(image, name):
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Tệp “%(name)s” không phải ảnh JPEG, PNG, WEBP hoặc GIF.", params={"name": name}, code="format",
        )
    limit = max_pixels(image)
    if image.width * image.height > limit:
        kind = "" if decodes_reduced(image) else (
            " đối với ảnh PNG, WEBP, GIF và JPEG lũy tiến (progressive); hãy lưu ảnh dưới dạng JPEG thường hoặc thu nhỏ ảnh"
        )
        raise ValidationError(
            "Ảnh “%(name)s” có %(width)s × %(height)s điểm ảnh, vượt giới hạn %(limit)s điểm ảnh%(kind)s.",
            params={
                "name": name, "width": thousands(image.width), "height": thousands(image.height),
                "limit": millions(limit), "kind": kind,
            },
            code="pixels",
        )


def _flatten(image):
    """The pixels as RGB on white, in a new image that carries no metadata."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        clean = Image.new("RGB", rgba.size, "white")
        clean.paste(rgba, mask=rgba.getchannel("A"))
        return clean
    if image.mode.startswith("I;16"):
        # 16-bit grey: scaled to 8 bits (a plain conversion would clip it to white).
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)
    return clean


def _jpeg(image):
    out = BytesIO()
    # Nothing but the pixels: no exif, icc_profile or comment argument, and no
    # info for Pillow to copy a comment from (it does since 9.4). The image is
    # new already; clearing says so where the file is written.
    image.info.clear()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def prepare_photo(upload):
    """Check `upload` and re-encode it; a PreparedPhoto, or ValidationError in Vietnamese."""
    name = getattr(upload, "name", None) or "ảnh"
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            "Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn %(limit)s MB.",
            params={"name": name, "size": mb(upload.size), "limit": mb(limit)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            _check_header(image, name)  # before any pixel is decoded
            if decodes_reduced(image):
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            # Decoding here (not only verify()) refuses a truncated file too.
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            upright = ImageOps.exif_transpose(image)
            full = _flatten(upright)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses to open a header claiming more than twice its own limit (a decompression
        # bomb): the image is real, only too large, so say so rather than "broken".
        raise ValidationError(
            "Ảnh “%(name)s” có quá nhiều điểm ảnh, vượt giới hạn %(limit)s điểm ảnh; hãy thu nhỏ ảnh.",
            params={"name": name, "limit": millions(settings.PHOTO_MAX_PIXELS)}, code="pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _invalid(name) from None
    finally:
        upload.seek(0)
    thumb = full.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return PreparedPhoto(original_name=name, full=_jpeg(full), thumb=_jpeg(thumb))


def normalise_image(photo):
    """(full, thumbnail) as ContentFiles of clean JPEG bytes under new names.

    `photo` is a PreparedPhoto (from the form) or an uploaded file, which is
    then checked and re-encoded here."""
    if not isinstance(photo, PreparedPhoto):
        photo = prepare_photo(photo)
    return photo.files()

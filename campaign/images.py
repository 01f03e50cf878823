"""Uploaded photos: verified by Pillow, re-encoded (which drops EXIF and any
payload after the image data), bounded in size, with a thumbnail."""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
MAX_SIDE = 2000
THUMB_SIDE = 320


def max_upload_bytes():
    return getattr(settings, "PHOTO_MAX_BYTES", 8 * 1024 * 1024)


def mb(size):
    """Megabytes written the Vietnamese way: 8 MB, 1,5 MB."""
    return f"{size / 1024 / 1024:.1f}".replace(".0", "").replace(".", ",")


def check_image(upload):
    """Raise ValidationError (Vietnamese) unless `upload` is a real image within the limits."""
    name = getattr(upload, "name", "ảnh")
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
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    "Tệp “%(name)s” không phải ảnh JPEG, PNG, WEBP hoặc GIF.", params={"name": name}, code="format",
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("Ảnh “%(name)s” quá lớn (quá 40 triệu điểm ảnh).", params={"name": name}, code="pixels")
            image.verify()
        # verify() does not decode the pixels: a truncated JPEG passes it.
        # Decoding once here keeps such a file out of the service.
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "Tệp “%(name)s” không phải là ảnh hợp lệ hoặc đã bị hỏng.", params={"name": name}, code="invalid_image",
        ) from None
    finally:
        upload.seek(0)


def _encode(image, side):
    copy = image.copy()
    copy.thumbnail((side, side))
    out = BytesIO()
    copy.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def normalise_image(upload):
    """(full, thumbnail) as ContentFiles of clean JPEG bytes; call check_image first."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        elif image.mode == "L":
            image = image.convert("RGB")
        full = _encode(image, MAX_SIDE)
        thumb = _encode(image, THUMB_SIDE)
    stem = (getattr(upload, "name", "anh") or "anh").rsplit("/", 1)[-1].rsplit(".", 1)[0][:60] or "anh"
    return ContentFile(full, name=f"{stem}.jpg"), ContentFile(thumb, name=f"{stem}-nho.jpg")

"""A material's file: checked by its content, measured (size, PDF pages), named on screen.

An upload is judged by its first bytes, not by its name or declared type: a
PDF must start as a PDF, an image must decode (campaign.images' limits). The
demo's Markdown transcriptions are UTF-8 text.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from campaign.forms import ORIGINAL_SIGNATURES
from campaign.images import max_pixels, mb
from campaign.originals import extension, format_name

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
IMAGE_EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
TEXT_EXTENSIONS = {".md", ".txt"}
ACCEPTED = set(ORIGINAL_SIGNATURES) | set(IMAGE_EXTENSIONS) | TEXT_EXTENSIONS


def is_image(name):
    return extension(name) in IMAGE_EXTENSIONS


def _refuse(message, **params):
    raise ValidationError(message, params=params)


def validate_material_file(value):
    """Only a new upload is checked: a stored file (the demo's sources) stays as it is."""
    upload = getattr(value, "file", None)
    if not isinstance(upload, UploadedFile):
        return
    name, ext = upload.name, extension(upload.name)
    if upload.size > MAX_BYTES:
        _refuse("Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn %(limit)s MB.", name=name, size=mb(upload.size), limit=mb(MAX_BYTES))
    if ext not in ACCEPTED:
        _refuse("Tệp “%(name)s” không thuộc loại được nhận (PDF, Word, ODT, Markdown, JPEG, PNG, WEBP).", name=name)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if ext in ORIGINAL_SIGNATURES and not head.startswith(ORIGINAL_SIGNATURES[ext]):
        _refuse("Tệp “%(name)s” không phải tệp %(kind)s thật (nội dung không khớp với phần mở rộng).", name=name, kind=format_name(name))
    if ext == ".pdf":
        from .previews import check_pdf

        check_pdf(upload)
    if ext in TEXT_EXTENSIONS:
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError:
            _refuse("Tệp “%(name)s” không phải văn bản UTF-8.", name=name)
        finally:
            upload.seek(0)
    if ext in IMAGE_EXTENSIONS:
        try:
            with Image.open(upload) as image:
                if image.format != IMAGE_EXTENSIONS[ext] or image.width * image.height > max_pixels(image):
                    raise ValueError
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            _refuse("Tệp “%(name)s” không phải ảnh %(kind)s hợp lệ, hoặc quá lớn.", name=name, kind=IMAGE_EXTENSIONS[ext])
        finally:
            upload.seek(0)


def pdf_page_count(field_file):
    """Pages of a PDF, or None (not a PDF, or one pypdf cannot read)."""
    if extension(field_file.name) != ".pdf":
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        field_file.open("rb")
        field_file.seek(0)
        return len(PdfReader(field_file).pages)
    except (PyPdfError, OSError, ValueError, KeyError) as error:
        logger.info("Không đọc được số trang của %s: %s", field_file.name, error)
        return None
    finally:
        field_file.seek(0)


def size_label(size):
    """"2,4 MB", "860 KB": a size as a reader expects it."""
    if size >= 1024 * 1024:
        return f"{mb(size)} MB"
    return f"{max(1, round(size / 1024))} KB"

"""A PDF material's first page as its preview image (pypdfium2: PDFium in the wheel, no system package).

The upload is opened at the form (`check_pdf`, called by files.validate_material_file): a PDF PDFium
cannot open, with a password or without a page, is refused in Vietnamese and nothing is stored.
On save, a material with a PDF file and no preview gets its first page as a JPEG, 800 px wide at
most (and at most 4 times the page's size in points), a fresh image without metadata.
"""

import logging
import threading
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from campaign.images import new_photo_name

logger = logging.getLogger(__name__)

PREVIEW_WIDTH = 800
MAX_HEIGHT = 2400  # a very tall page (a banner) is cut to this height in pixels
MAX_SCALE = 4
# PDFium is not thread-safe, not even across documents (pypdfium2's documentation), and gunicorn
# runs threaded workers (deploy/gunicorn.conf.py, gthread): one thread of a process at a time.
PDFIUM = threading.Lock()


def _read(file):
    file.open("rb")  # a stored FieldFile may be closed; an upload is reopened at its start
    file.seek(0)
    try:
        return file.read()
    finally:
        file.seek(0)


def _refuse(name):
    raise ValidationError(
        "Tệp PDF “%(name)s” bị hỏng, có mật khẩu hoặc không có trang nào: không đọc được trang đầu để làm ảnh xem trước.",
        params={"name": name}, code="broken_pdf",
    )


def _first_page(data, name):
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        _refuse(name)
    try:
        if len(document) < 1:
            _refuse(name)
        try:
            return document, document[0]
        except pdfium.PdfiumError:
            _refuse(name)
    except ValidationError:
        document.close()
        raise


def check_pdf(upload):
    data = _read(upload)
    with PDFIUM:
        document, page = _first_page(data, upload.name)
        page.close()
        document.close()


def render_first_page(file):
    """The first page of a PDF file as JPEG bytes; ValidationError when PDFium cannot read it."""
    import pypdfium2 as pdfium

    data = _read(file)
    with PDFIUM:
        document, page = _first_page(data, file.name)
        try:
            width, height = page.get_size()
            scale = min(PREVIEW_WIDTH / max(width, 1), MAX_SCALE)
            crop_bottom = max(0, height - MAX_HEIGHT / scale)  # in points, from the bottom
            image = page.render(scale=scale, crop=(0, crop_bottom, 0, 0)).to_pil().convert("RGB")
        except pdfium.PdfiumError:
            _refuse(file.name)
        finally:
            page.close()
            document.close()
    image.thumbnail((PREVIEW_WIDTH, MAX_HEIGHT))  # PDFium rounds up: 801 px for 800
    out = BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def add_pdf_preview(material):
    """Give a material with a PDF file and no preview its first page (before its save). A PDF that
    cannot be read (only a stored one: an upload was refused at the form) is logged and left without."""
    from .files import extension

    if material.preview or not material.file or extension(material.file.name) != ".pdf":
        return False
    try:
        data = render_first_page(material.file)
    except ValidationError:
        logger.warning("Không tạo được ảnh xem trước cho tài liệu %s (%s).", material.slug, material.file.name)
        return False
    material.preview.save(new_photo_name(), ContentFile(data), save=False)
    return True

"""Rows of the content app for tests: a section and articles in it, public unless told."""

from datetime import timedelta

from django.utils import timezone

from content.models import Article, Section


def make_section(name="Năm Đoàn kết hữu nghị Việt Nam – Lào", **kwargs):
    return Section.objects.create(name=name, **kwargs)


def make_article(section=None, title="Kỷ niệm 60 năm quan hệ ngoại giao Việt Nam – Lào", *, ago=timedelta(hours=1), **kwargs):
    values = {
        "summary": "Tóm tắt bài.", "body": "<p>Nội dung bài viết về quan hệ hữu nghị.</p>",
        "status": Article.Status.PUBLISHED, "published_at": timezone.now() - ago,
    }
    values.update(kwargs)
    return Article.objects.create(section=section or make_section(), title=title, **values)


def jpeg_bytes(width, height, *, exif=False, colour="red"):
    """A JPEG of that size; with `exif`, carrying a camera name that must not survive an upload."""
    from io import BytesIO

    from PIL import Image

    image = Image.new("RGB", (width, height), colour)
    options = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Máy ảnh"
        options["exif"] = tags.tobytes()
    out = BytesIO()
    image.save(out, format="JPEG", **options)
    return out.getvalue()


def pdf_bytes(pages=1, size=(595, 842)):
    """A real PDF of blank pages (A4 in points unless told), made by PDFium."""
    from io import BytesIO

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(*size)
    out = BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()

"""An article's cover in the sizes a phone, a tablet and a wide screen need.

The upload is checked and re-encoded by campaign.images (Pillow, bounded before
decoding, metadata stripped, at most 2000 px). From that JPEG this module makes
480, 960 and 1600 px wide copies, each as WebP and as JPEG (the fallback of
<picture>), beside the cover: `tin-bai/<name>-480.webp`, `…-480.jpg`. A cover
narrower than a size gets no copy of that size, and one of its own width when
it is narrower than all of them.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image

WIDTHS = (480, 960, 1600)
FORMATS = (("webp", "WEBP"), ("jpg", "JPEG"))
SIZES = "(min-width: 992px) 760px, 100vw"


def derivative_name(name, width, ext):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}.{ext}"))


def _encode(image, fmt):
    out = BytesIO()
    image.save(out, format=fmt, quality=80, **({"method": 4} if fmt == "WEBP" else {"optimize": True}))
    return out.getvalue()


def make_cover_sizes(field_file):
    """Write the derivatives of a stored cover; the widths made."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as stored, Image.open(stored) as image:
        image = image.convert("RGB")
        widths = [width for width in WIDTHS if width <= image.width] or [image.width]
        for width in widths:
            height = round(image.height * width / image.width)
            resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
            for ext, fmt in FORMATS:
                name = derivative_name(field_file.name, width, ext)
                if storage.exists(name):
                    storage.delete(name)
                storage.save(name, ContentFile(_encode(resized, fmt)))
    return widths


def cover_sources(field_file, widths):
    """What <picture> needs: the WebP and JPEG srcsets, the fallback src, the sizes attribute."""
    if not widths:
        return {"webp": "", "jpeg": "", "src": field_file.url, "sizes": SIZES}
    storage = field_file.storage

    def srcset(ext):
        return ", ".join(f"{storage.url(derivative_name(field_file.name, w, ext))} {w}w" for w in widths)

    middle = widths[min(1, len(widths) - 1)]
    return {
        "webp": srcset("webp"), "jpeg": srcset("jpg"),
        "src": storage.url(derivative_name(field_file.name, middle, "jpg")), "sizes": SIZES,
    }

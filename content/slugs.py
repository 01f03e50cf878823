"""Vietnamese slugs: "Năm Đoàn kết hữu nghị" → "nam-doan-ket-huu-nghi".

Django's slugify drops what NFKD cannot decompose to ASCII, and đ/Đ are
letters of their own (not d + a mark), so they are mapped first.
"""

from django.utils.text import slugify

D_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_slug(text, max_length=200):
    return slugify((text or "").translate(D_LETTERS))[:max_length].strip("-")


def unique_slug(text, taken, max_length=200):
    """A slug of `text` not in `taken` (a callable: slug → bool), with -2, -3... when needed."""
    base = vietnamese_slug(text, max_length) or "bai-viet"
    slug, number = base, 1
    while taken(slug):
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].strip("-") + suffix
    return slug

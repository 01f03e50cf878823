import pytest

from campaign.models import ReferenceDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def appendix():
    document = ReferenceDocument.objects.create(
        code="phu-luc-viet-lao", title="Phụ lục: Tình hình và quan hệ hợp tác Việt Nam-Lào giai đoạn 2017-2022",
        subtitle="Phụ lục kèm theo Kế hoạch", description="<p>Trong giai đoạn 2017-2022…</p>", order=1,
    )
    document.sections.create(code="1", heading="Quan hệ chính trị", body="<p>Hai bên thường xuyên trao đổi đoàn.</p>", order=1)
    document.sections.create(code="2", heading="Hợp tác quốc phòng - an ninh", body="<p>Trụ cột trong quan hệ.</p>", order=2)
    return document


def test_materials_list_the_reference_documents(client, appendix):
    html = client.get("/tai-lieu/").content.decode()
    assert "Phụ lục: Tình hình và quan hệ hợp tác Việt Nam-Lào giai đoạn 2017-2022" in html
    assert "2 mục" in html and f'href="/tai-lieu/{appendix.code}/"' in html


def test_a_material_reads_whole_with_anchors_for_citing(client, appendix, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(f"/tai-lieu/{appendix.code}/")
    html = response.content.decode()
    assert 'id="muc-2"' in html and "Trụ cột trong quan hệ." in html and 'href="#muc-1"' in html


def test_unknown_material_is_a_vietnamese_404(client):
    response = client.get("/tai-lieu/khong-co/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_no_material_yet_says_so(client):
    assert "Chưa có tài liệu nào được đăng." in client.get("/tai-lieu/").content.decode()

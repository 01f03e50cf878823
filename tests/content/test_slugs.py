from content.slugs import unique_slug, vietnamese_slug


def test_vietnamese_slug_drops_marks_and_maps_d():
    assert vietnamese_slug("Năm Đoàn kết hữu nghị Việt Nam – Lào 2022") == "nam-doan-ket-huu-nghi-viet-nam-lao-2022"
    assert vietnamese_slug("Đắk Lắk, Đà Lạt: đường đến") == "dak-lak-da-lat-duong-den"


def test_combining_and_precomposed_letters_give_one_slug():
    assert vietnamese_slug("Vie\u0302\u0323t Nam") == vietnamese_slug("Việt Nam") == "viet-nam"


def test_unique_slug_numbers_the_next_ones():
    taken = {"hop-tac", "hop-tac-2"}
    assert unique_slug("Hợp tác", taken.__contains__) == "hop-tac-3"
    assert unique_slug("!!!", taken.__contains__) == "bai-viet"


def test_a_long_title_is_cut_on_the_limit():
    slug = unique_slug("Quan hệ " * 60, {vietnamese_slug("Quan hệ " * 60, 50)}.__contains__, 50)
    assert len(slug) <= 50 and slug.endswith("-2")

from content.checks import home_sources


def test_the_home_registries_name_functions(settings):
    assert home_sources() == []
    settings.HOME_BANNER_SOURCES = ["contests.home.khong_co", "contests.home.timezone"]
    errors = home_sources()
    assert [error.id for error in errors] == ["content.E001", "content.E001"]
    assert "HOME_BANNER_SOURCES: không tìm thấy «contests.home.khong_co»" in errors[0].msg
    assert "không phải là một hàm" in errors[1].msg

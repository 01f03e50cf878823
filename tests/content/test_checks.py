from config.registries import check_registries


def test_the_home_registries_name_functions(settings):
    assert check_registries() == []
    settings.HOME_BANNER_SOURCES = ["contests.home.khong_co", "contests.home.timezone"]
    errors = check_registries()
    assert [error.id for error in errors] == ["content.E001", "content.E001"]
    assert "HOME_BANNER_SOURCES: không tìm thấy «contests.home.khong_co»" in errors[0].msg
    assert "không phải là một hàm" in errors[1].msg

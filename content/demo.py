"""Demo data of the content app: sections, materials, articles and the fixed pages.

Every figure in an article is one the two source documents print (docs/sources/):
the appendices of the Đà Lạt plan (2022) and report 04/BC-UBND of Gia Lai (2026),
with the plan's key dates; each article says which in its `source`. The articles
are flagged `is_demo` and their pages say "Dữ liệu minh họa": the portal's editors
did not write them. The sections follow the plans' top-level themes, read from the
campaign's models (campaign.demo is not imported beyond `ensure`).

Idempotent as the other demos (campaign.demo.ensure): what exists is kept as
people left it; an article whose slug staff changed is found by its old slug.
"""

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from campaign.demo import ensure
from campaign.models import Plan, ReferenceDocument, Theme

from .models import Article, ArticleSlugRedirect, Material, Page, Section
from .slugs import vietnamese_slug

SOURCES = Path(settings.BASE_DIR) / "docs" / "sources"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_NOTE = "Dữ liệu minh họa"
DA_LAT = "ke-hoach-viet-lao-campuchia-2022"
GIA_LAI = "phuong-huong-gia-lai-nam-lao-2026-2030"
PLAN_SOURCE = "Kế hoạch của Thành ủy Đà Lạt về tuyên truyền năm 2022"
APPENDIX_LAO = "Phụ lục: Tình hình và quan hệ hợp tác Việt Nam – Lào giai đoạn 2017 – 2022"
APPENDIX_CAM = "Phụ lục: Tình hình và kết quả quan hệ Việt Nam – Campuchia (giai đoạn 2017 – 2022)"
REPORT_SOURCE = "Báo cáo số 04/BC-UBND ngày 12/01/2026 của UBND tỉnh Gia Lai"

# Short names for the sections of the plans' top-level themes (the theme's title is the fallback).
SECTION_NAMES = {
    (DA_LAT, "1"): "Năm Hữu nghị Việt Nam – Campuchia 2022",
    (DA_LAT, "2"): "Năm Đoàn kết hữu nghị Việt Nam – Lào 2022",
    (GIA_LAI, "1"): "Nâng cao nhận thức về quan hệ Việt Nam – Lào",
    (GIA_LAI, "2"): "Trao đổi đoàn, thăm hỏi",
    (GIA_LAI, "3"): "Hợp tác toàn diện theo các Bản ghi nhớ",
    (GIA_LAI, "4"): "Giao lưu hữu nghị, đối ngoại nhân dân",
    (GIA_LAI, "5"): "Rà soát, đánh giá các Bản ghi nhớ",
    (GIA_LAI, "6"): "Tổng kết giai đoạn 2026 – 2030",
}
QUIZ_SECTION = ("cuoc-thi-tim-hieu", "Cuộc thi tìm hiểu",
                "Cuộc thi trực tuyến “Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào – Việt Nam” và tài liệu tham khảo của cuộc thi.")
GIA_LAI_SECTION = ("hop-tac-gia-lai-nam-lao", "Hợp tác Gia Lai – Nam Lào",
                   "Kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào (Attapeu, Champasak, Salavan, Sekong).")

# (slug, title, kind, reference code or None, file in docs/sources or None, source, section key)
MATERIALS = [
    ("ke-hoach-tuyen-truyen-viet-lao-campuchia-2022",
     "Kế hoạch triển khai tuyên truyền về “Năm Hữu nghị Việt Nam – Campuchia 2022” và “Năm Đoàn kết hữu nghị Việt Nam – Lào 2022”",
     Material.Kind.DOCUMENT, None, "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md", "Thành ủy Đà Lạt, 2022", None),
    ("phu-luc-quan-he-viet-nam-campuchia-2017-2022", APPENDIX_CAM, Material.Kind.APPENDIX,
     "phu-luc-quan-he-viet-nam-campuchia-2017-2022", None, "Phụ lục kèm theo Kế hoạch của Thành ủy Đà Lạt", (DA_LAT, "1")),
    ("phu-luc-quan-he-viet-nam-lao-2017-2022", APPENDIX_LAO, Material.Kind.APPENDIX,
     "phu-luc-quan-he-viet-nam-lao-2017-2022", None, "Phụ lục kèm theo Kế hoạch của Thành ủy Đà Lạt", (DA_LAT, "2")),
    ("bao-cao-gia-lai-nam-lao-2021-2025",
     "Báo cáo kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào giai đoạn 2021 – 2025 và phương hướng hợp tác giai đoạn 2026 – 2030",
     Material.Kind.REPORT, None, "bao-cao-gia-lai-nam-lao-2021-2025.md", REPORT_SOURCE, "gialai"),
    ("sach-quan-he-dac-biet-viet-nam-lao-1930-2017", "Quan hệ đặc biệt Việt Nam – Lào (1930 – 2017)", Material.Kind.BOOK,
     "sach-quan-he-dac-biet-viet-nam-lao-1930-2017", None, "Chú thích 2 của Kế hoạch của Thành ủy Đà Lạt", "quiz"),
    ("sach-quan-he-huu-nghi-viet-nam-campuchia-1930-2017", "Quan hệ hữu nghị Việt Nam – Campuchia (1930 – 2017)",
     Material.Kind.BOOK, "sach-quan-he-huu-nghi-viet-nam-campuchia-1930-2017", None,
     "Chú thích 1 của Kế hoạch của Thành ủy Đà Lạt", (DA_LAT, "1")),
]


def _at(day, hour=8):
    return datetime(*day, hour, 0, tzinfo=VN)


# (section key, title, summary, paragraphs, theme codes (plan, code), source, published (y, m, d), featured)
ARTICLES = [
    ((DA_LAT, "2"), "Kỷ niệm 60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam – Lào (05/9/1962 – 05/9/2022)",
     "Ngày 05/9/2022, hai nước kỷ niệm 60 năm Ngày thiết lập quan hệ ngoại giao, sự kiện trọng tâm của “Năm Đoàn kết hữu nghị Việt Nam – Lào 2022”.",
     ["Ngày 05/9/1962, Việt Nam và Lào chính thức thiết lập quan hệ ngoại giao. Sáu mươi năm sau, kỷ niệm ngày này là sự kiện trọng tâm của “Năm Đoàn kết hữu nghị Việt Nam – Lào 2022”, được Thủ tướng Chính phủ Lào Phăn-khăm Vi-phả-vẳn khai mạc trong chuyến thăm chính thức Việt Nam tháng 01/2022.",
      "Theo danh mục hoạt động của Năm Đoàn kết hữu nghị, lãnh đạo cấp cao hai nước trả lời phỏng vấn báo chí nhân ngày thiết lập quan hệ ngoại giao; lãnh đạo cấp cao Đảng, Nhà nước hai nước trao đổi điện mừng, lẵng hoa; các báo, đài có chương trình đặc biệt chào mừng trong tuần lễ từ 29/8 đến 04/9/2022.",
      "Hai bên luôn khẳng định quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện Việt Nam – Lào là mẫu mực, thủy chung, trong sáng hiếm có, là tài sản chung vô giá của hai Đảng, hai dân tộc, cần được giữ gìn, vun đắp và truyền tiếp cho các thế hệ mai sau."],
     [(DA_LAT, "2.2")], f"{PLAN_SOURCE}, mục II.2.2; {APPENDIX_LAO}", (2022, 9, 5), True),
    ((DA_LAT, "2"), "45 năm Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam – Lào (18/7/1977 – 18/7/2022)",
     "Hiệp ước Hữu nghị và Hợp tác ký ngày 18/7/1977 đặt nền tảng pháp lý cho quan hệ đặc biệt giữa hai nước.",
     ["Ngày 18/7/1977, Việt Nam và Lào ký Hiệp ước Hữu nghị và Hợp tác. Nhân kỷ niệm 45 năm, các báo, đài phối hợp với Bạn phát chương trình đặc biệt từ ngày 11/7 đến 17/7/2022 và đưa tin lãnh đạo cấp cao hai nước trao đổi điện mừng, lẵng hoa.",
      "Năm 2017, hai bên đã tổ chức thành công các hoạt động kỷ niệm 55 năm Ngày thiết lập quan hệ ngoại giao và 40 năm Ngày ký Hiệp ước. Nhân các ngày lễ quan trọng, lãnh đạo cấp cao của hai Đảng, hai Nhà nước đều gửi thư, điện chúc mừng, thăm hỏi lẫn nhau.",
      "Trong năm 2022, hai bộ phim “Chủ tịch Cay-xỏn Phôm-vi-hản” và “Chủ tịch Xu-pha-nu-vông với Việt Nam” cùng những bộ phim tài liệu về quan hệ đặc biệt Việt Nam – Lào được công chiếu rải đều trong năm."],
     [(DA_LAT, "2.2")], f"{PLAN_SOURCE}, chú thích 4; {APPENDIX_LAO}", (2022, 7, 18), False),
    ((DA_LAT, "1"), "55 năm Ngày thiết lập quan hệ ngoại giao Việt Nam – Campuchia (24/6/1967 – 24/6/2022)",
     "Năm Hữu nghị Việt Nam – Campuchia 2022 đánh dấu 55 năm hai nước thiết lập quan hệ ngoại giao.",
     ["Ngày 24/6/1967, Việt Nam và Campuchia thiết lập quan hệ ngoại giao. Hai bên đã tích cực chuẩn bị các hoạt động thiết thực nhân kỷ niệm 55 năm, góp phần tuyên truyền tới nhân dân, nhất là thế hệ trẻ hai nước cùng trân trọng và giữ gìn quan hệ tốt đẹp giữa hai dân tộc.",
      "Nhân dịp kỷ niệm 50 năm Ngày thiết lập quan hệ ngoại giao (1967 – 2017), Thủ tướng Hun Sen đã sang thăm Việt Nam và bày tỏ mong muốn “mối quan hệ đoàn kết, hữu nghị Việt Nam – Campuchia mãi mãi xanh tươi, đời đời bền vững”.",
      "Từ năm 2020, trong bối cảnh dịch COVID-19, hai bên vẫn duy trì quan hệ chính trị qua các cuộc điện đàm, hội đàm trực tuyến, tổ chức thành công Hội nghị hợp tác và phát triển các tỉnh biên giới lần thứ 11 và Kỳ họp lần thứ 19 Ủy ban hỗn hợp Việt Nam – Campuchia."],
     [(DA_LAT, "1.2")], f"{PLAN_SOURCE}; {APPENDIX_CAM}, mục 1", (2022, 6, 24), True),
    ((DA_LAT, "1"), "Thương mại hai chiều Việt Nam – Campuchia năm 2021 đạt 9,3 tỷ USD",
     "Kim ngạch tăng 84% so với năm 2020; Campuchia giữ vị trí thị trường xuất khẩu lớn thứ 2 của Việt Nam trong ASEAN.",
     ["Tổng kim ngạch thương mại hai chiều Việt Nam – Campuchia năm 2021 đạt 9,3 tỷ USD, tăng 84% so với năm 2020; trong đó Việt Nam xuất sang Campuchia 4,7 tỷ USD và nhập khẩu từ Campuchia 4,6 tỷ USD. Campuchia vẫn là thị trường xuất khẩu lớn thứ 2 của Việt Nam trong khu vực ASEAN, sau Thái Lan.",
      "Về đầu tư, Việt Nam có 188 dự án đầu tư sang Campuchia còn hiệu lực với tổng vốn đăng ký khoảng 2,846 tỷ USD, đứng thứ 2 trong 78 quốc gia, vùng lãnh thổ mà Việt Nam đầu tư ra nước ngoài, có mặt ở 18/25 tỉnh, thành của Campuchia. Campuchia có 21 dự án đầu tư vào Việt Nam với tổng vốn đăng ký 64 triệu USD.",
      "Việt Nam được hưởng thuế suất nhập khẩu 0% với 26 mặt hàng khi vào thị trường Campuchia; ngược lại, Việt Nam dành thuế suất 0% cho 32 mặt hàng của Campuchia, phần lớn là nông sản."],
     [(DA_LAT, "1.1")], f"{APPENDIX_CAM}, mục 3", (2022, 6, 20), False),
    ((DA_LAT, "1"), "Phân giới cắm mốc khoảng 84% đường biên giới trên đất liền Việt Nam – Campuchia",
     "Hai nước đã cắm 2.048 cột mốc tại 1.554 vị trí trên chiều dài 1.045 km biên giới.",
     ["Việt Nam và Campuchia đã hoàn thành phân giới cắm mốc khoảng 84% đường biên giới trên đất liền (1.045 km), với 2.048 cột mốc được cắm tại 1.554 vị trí. Ngày 05/10/2018, hai nước ký 02 văn kiện pháp lý ghi nhận thành quả này; trên toàn tuyến còn khoảng 213 km chưa phân giới.",
      "Ngày 22/12/2020, hai nước tổ chức Lễ trao đổi văn kiện phê chuẩn theo hình thức trực tuyến để hai văn kiện pháp lý về biên giới chính thức có hiệu lực, đặt nền tảng để hai bên duy trì ổn định, thúc đẩy phát triển kinh tế khu vực biên giới.",
      "Hai bên khẳng định nguyên tắc không cho phép bất cứ lực lượng nào dùng lãnh thổ của nước này để chống phá nước kia; duy trì tuần tra chung trên biển, trên bộ và hợp tác chặt chẽ trong tìm kiếm, cất bốc, hồi hương hài cốt liệt sĩ quân tình nguyện, chuyên gia Việt Nam hy sinh tại Campuchia."],
     [(DA_LAT, "1.1")], f"{APPENDIX_CAM}, mục 2", (2022, 6, 15), False),
    ((DA_LAT, "2"), "Việt Nam có 214 dự án đầu tư sang Lào, tổng vốn đăng ký khoảng 5,33 tỷ USD",
     "Việt Nam tiếp tục đứng thứ 3 trong các nước đầu tư tại Lào; công trình Nhà Quốc hội mới là món quà tặng Đảng, Nhà nước và nhân dân Lào.",
     ["Tính đến năm 2022, Việt Nam có 214 dự án đầu tư sang Lào còn hiệu lực với tổng vốn đăng ký khoảng 5,33 tỷ USD, tiếp tục duy trì vị trí thứ 3 trong số các nước có hoạt động đầu tư tại Lào, sau Trung Quốc và Thái Lan. Phía Lào ghi nhận 4,4 tỷ USD vốn đăng ký, chưa tính phần vốn tăng thêm.",
      "Từ năm 2017 đến năm 2021, hai bên đưa vào sử dụng nhiều công trình từ vốn viện trợ, trong đó có Bệnh viện Hữu nghị tại tỉnh Hủa-phăn và tỉnh Xiêng-khoảng. Công trình Nhà Quốc hội mới của Lào là món quà của Đảng, Nhà nước, nhân dân Việt Nam, biểu tượng của mối quan hệ đặc biệt Việt Nam – Lào."],
     [(DA_LAT, "2.1")], f"{APPENDIX_LAO}, mục 3", (2022, 8, 10), False),
    ((DA_LAT, "2"), "Kim ngạch thương mại Việt Nam – Lào năm 2021 đạt trên 1,37 tỷ USD",
     "Kim ngạch tăng khoảng 33,3% so với năm 2020; giai đoạn 2021 – 2025 hai nước phấn đấu tăng 10% mỗi năm.",
     ["Kim ngạch thương mại Việt Nam – Lào năm 2021 đạt trên 1,37 tỷ USD, tăng khoảng 33,3% so với năm 2020. Giai đoạn 2016 – 2020, kim ngạch tăng bình quân 4%/năm; giai đoạn 2021 – 2025, hai nước phấn đấu tăng kim ngạch 10% mỗi năm.",
      "Trong 4 tháng đầu năm 2022, kim ngạch thương mại hai nước đạt 558,2 triệu USD, tăng 20,2% so với cùng kỳ năm 2021; xuất khẩu của Việt Nam sang Lào đạt 192,2 triệu USD (tăng 11,8%), nhập khẩu từ Lào đạt 366 triệu USD (tăng 48,5%).",
      "Hai bên áp dụng cơ chế “một cửa, một lần dừng” tại cặp cửa khẩu quốc tế Lao Bảo – Đen-xa-vẳn và tiếp tục hoàn thiện khuôn khổ pháp lý về thương mại."],
     [(DA_LAT, "2.1")], f"{APPENDIX_LAO}, mục 3", (2022, 8, 20), False),
    ((DA_LAT, "2"), "Nghĩa tình Việt Nam – Lào trong phòng, chống dịch COVID-19",
     "Năm 2021, Việt Nam hai lần hỗ trợ Lào 2.650.000 USD tiền mặt, trang thiết bị y tế hơn 2 triệu USD và 1 triệu liều vắc-xin.",
     ["Trong năm 2021, Đảng, Nhà nước Việt Nam đã hai lần hỗ trợ Đảng, Nhà nước Lào ứng phó với dịch COVID-19 số tiền mặt 2.650.000 USD cùng trang thiết bị y tế trị giá hơn 2 triệu USD, tặng Lào 1 triệu liều vắc-xin và cử các đoàn chuyên gia y tế, quân y sang hỗ trợ.",
      "Đảng, Nhà nước Lào và các doanh nghiệp Lào đã hỗ trợ Việt Nam 1,7 triệu USD, trong đó doanh nghiệp là 1,4 triệu USD. Hai bên tạo điều kiện cho người dân, lưu học sinh hai nước xuất nhập cảnh, cách ly, sinh sống và học tập bình thường."],
     [(DA_LAT, "2.1")], f"{APPENDIX_LAO}, mục 1", (2022, 7, 25), False),
    ((DA_LAT, "2"), "Tăng dày, tôn tạo hệ thống mốc quốc giới Việt Nam – Lào dài 2.337,45 km",
     "Hai bên đã tôn tạo, cắm mới 905 vị trí, tương đương 1.002 cột mốc và cọc dấu.",
     ["Hai bên đã hoàn thành Dự án tăng dày và tôn tạo hệ thống mốc quốc giới Việt Nam – Lào: tôn tạo, cắm mới 905 vị trí, tương đương 1.002 cột mốc và cọc dấu, trong đó cắm bổ sung 168 cọc dấu; tổng chiều dài đường biên giới được xác định là 2.337,45 km.",
      "Năm 2016, hai nước ký “Nghị định thư về đường biên giới và mốc giới Việt Nam – Lào” và “Hiệp định về quy chế quản lý biên giới và cửa khẩu biên giới trên đất liền Việt Nam – Lào”. Từ năm 2016 đến năm 2020, hai bên đã cất bốc được 1.500 bộ và hồi hương 1.517 bộ hài cốt liệt sĩ."],
     [(DA_LAT, "2.1")], f"{APPENDIX_LAO}, mục 2 và chú thích 1, 4", (2022, 8, 1), False),
    ("gialai", "300 suất học bổng toàn phần cho sinh viên 4 tỉnh Nam Lào",
     "Từ năm học 2021 – 2022 đến năm học 2025 – 2026, tỉnh Bình Định (trước sáp nhập) cấp 60 suất học bổng mỗi năm; 251 sinh viên đã nhập học.",
     ["Giai đoạn 2021 – 2025, tỉnh Bình Định (nay thuộc tỉnh Gia Lai) cấp 300 suất học bổng toàn phần cho sinh viên 4 tỉnh Nam Lào, mỗi năm 60 suất, từ năm học 2021 – 2022 đến năm học 2025 – 2026. Đã tuyển được 251 sinh viên, đạt 84% số học bổng.",
      "Học bổng đại học kéo dài 05 năm, thạc sĩ 03 năm, cao đẳng 4 năm, đều gồm 01 năm học tiếng Việt. Năm học 2021 – 2022, 25 sinh viên năm cuối phải kéo dài thời gian học vì dịch COVID-19 được hỗ trợ thêm 02 tháng sinh hoạt phí, mỗi tháng 1.800.000 đồng.",
      "Tỉnh Gia Lai (cũ) cấp 05 suất học bổng đại học mỗi năm cho sinh viên tỉnh Champasak theo Bản ghi nhớ hợp tác ký ngày 28/3/2022."],
     [(GIA_LAI, "3")], f"{REPORT_SOURCE}, mục I.3", (2026, 1, 14), True),
    ("gialai", "Bốn công trình hữu nghị 60 tỷ đồng tại 4 tỉnh Nam Lào",
     "Mỗi tỉnh Nam Lào được hỗ trợ 15 tỷ đồng xây một công trình hữu nghị; Attapeu và Champasak khánh thành tháng 4/2025.",
     ["Giai đoạn 2021 – 2025, tỉnh hỗ trợ 60 tỷ đồng, 15 tỷ đồng cho mỗi tỉnh, xây dựng 4 công trình hữu nghị tại 4 tỉnh Nam Lào.",
      "Bệnh viện nhỏ Vằng Tắt tại huyện Sanxay, tỉnh Attapeu và công trình tu bổ, hoàn thiện Bảo tàng tỉnh Champasak đã khánh thành, đưa vào sử dụng tháng 4/2025. Dãy phòng học 3 tầng của Trung tâm Bảo vệ sức khỏe cấp cơ sở tỉnh Salavan và Trụ sở làm việc Sở Ngoại vụ tỉnh Sekong hoàn thành, đưa vào sử dụng cuối năm 2025.",
      "Ngoài ra, tỉnh Bình Định (trước đây) tài trợ 10 tỷ đồng xây dựng Trường Y tá tỉnh Champasak, nơi đã có học sinh học tập từ năm 2023."],
     [(GIA_LAI, "3")], f"{REPORT_SOURCE}, mục I.11", (2026, 1, 15), True),
    ("gialai", "Thương mại giữa Gia Lai (cũ) và các tỉnh Nam Lào đạt 73 triệu USD năm 2022",
     "Năm 2023, kim ngạch thương mại hai chiều đạt 47,9 triệu USD; hội chợ tại Pakse tháng 4/2024 kết nối doanh nghiệp hai bên.",
     ["Năm 2022, kim ngạch giao thương hàng hóa hai chiều giữa tỉnh Gia Lai (cũ) và các tỉnh Nam Lào đạt 73 triệu USD, gồm xuất khẩu 33 triệu USD và nhập khẩu 40 triệu USD. Năm 2023, kim ngạch thương mại hai chiều đạt 47,9 triệu USD, xuất khẩu 18,6 triệu USD, nhập khẩu 29,3 triệu USD.",
      "Tháng 4/2024, hội chợ tại Pakse kết nối doanh nghiệp hai bên; website thương mại điện tử kết nối giao thương và Ngày hội triển lãm trực tuyến được duy trì. Tỉnh Gia Lai (cũ) có 14 dự án đầu tư tại Lào với 566 triệu USD."],
     [(GIA_LAI, "3")], f"{REPORT_SOURCE}, mục I.5, I.6", (2026, 1, 16), False),
    ((GIA_LAI, "2"), "Trao đổi đoàn, thăm hỏi giữa tỉnh và các tỉnh Nam Lào giai đoạn 2021 – 2025",
     "Tỉnh Bình Định (trước sáp nhập) đón 15 đoàn, cử 11 đoàn; mỗi tỉnh cũ hỗ trợ 800 triệu đồng chống dịch COVID-19.",
     ["Giai đoạn 2021 – 2025, tỉnh Bình Định (trước sáp nhập) đón 15 đoàn và cử 11 đoàn sang thăm, làm việc với các tỉnh Nam Lào. Tháng 9/2025, đoàn đại biểu tỉnh Attapeu và Salavan sang dự kỷ niệm 80 năm Cách mạng tháng Tám thành công và Quốc khánh tại tỉnh.",
      "Năm 2021, khi dịch COVID-19 bùng phát, tỉnh hỗ trợ 800 triệu đồng, 200 triệu đồng cho mỗi tỉnh Nam Lào, để phòng, chống dịch."],
     [(GIA_LAI, "2")], f"{REPORT_SOURCE}, mục I.2", (2026, 1, 17), False),
    ((GIA_LAI, "1"), "Báo chí trong tỉnh đẩy mạnh tuyên truyền quan hệ đặc biệt Việt Nam – Lào",
     "Các cơ quan báo chí tuyên truyền quan hệ đặc biệt Việt Nam – Lào và hợp tác với 4 tỉnh Nam Lào, phổ biến các văn kiện hợp tác song phương.",
     ["Giai đoạn 2021 – 2025, báo chí trong tỉnh đẩy mạnh tuyên truyền về quan hệ đặc biệt Việt Nam – Lào và kết quả hợp tác với các tỉnh Attapeu, Champasak, Salavan, Sekong; quán triệt, phổ biến các văn kiện pháp lý song phương.",
      "Tỉnh Bình Định (trước sáp nhập) tập huấn báo đa phương tiện cho 20 cán bộ, phát hành 300 cuốn ấn phẩm và tái bản bản đồ du lịch song ngữ."],
     [(GIA_LAI, "1")], f"{REPORT_SOURCE}, mục I.1, I.9", (2026, 1, 18), False),
    ((GIA_LAI, "4"), "Tỉnh đoàn Bình Định và Tỉnh đoàn Champasak sơ kết 02 năm kết nghĩa",
     "Hai tỉnh đoàn giao lưu, tặng 25 suất quà cho học sinh Trường Y tá tỉnh Champasak và sơ kết kế hoạch kết nghĩa từ ngày 06 đến 10/11/2025.",
     ["Tỉnh đoàn Bình Định và Tỉnh đoàn Champasak thực hiện chương trình kết nghĩa, giao lưu hữu nghị đặc biệt. Năm 2023, Tỉnh đoàn Bình Định tặng 25 suất quà cho học sinh Trường Y tá tỉnh Champasak, trường do tỉnh Bình Định tài trợ xây dựng 10 tỷ đồng.",
      "Từ ngày 06 đến 10/11/2025, hai tỉnh đoàn sơ kết 02 năm thực hiện kế hoạch kết nghĩa."],
     [(GIA_LAI, "4")], f"{REPORT_SOURCE}, mục I.14", (2026, 1, 19), False),
    ((GIA_LAI, "3"), "Phương hướng hợp tác Gia Lai – Nam Lào giai đoạn 2026 – 2030",
     "Kế hoạch số 149/KH-UBND ngày 23/12/2025 đặt 6 nhóm phương hướng, trong đó ký các Bản ghi nhớ hợp tác giai đoạn 2026 – 2030.",
     ["Thực hiện Kế hoạch số 149/KH-UBND ngày 23/12/2025 của UBND tỉnh về hợp tác với các địa phương của Lào giai đoạn 2026 – 2030, tỉnh tiếp tục quán triệt, nâng cao nhận thức của cán bộ, công chức, viên chức và Nhân dân về mối quan hệ hữu nghị vĩ đại, tình đoàn kết đặc biệt và hợp tác toàn diện Việt Nam – Lào.",
      "Tỉnh duy trì trao đổi đoàn, thăm hỏi; triển khai hợp tác toàn diện theo các Bản ghi nhớ giai đoạn 2026 – 2030; đẩy mạnh giao lưu giữa các tổ chức đoàn thể và đối ngoại nhân dân; định kỳ rà soát, đánh giá việc thực hiện và cuối giai đoạn tổng kết, xây dựng văn kiện hợp tác giai đoạn 2031 – 2035."],
     [(GIA_LAI, "3"), (GIA_LAI, "6")], f"{REPORT_SOURCE}, phần IV", (2026, 1, 20), False),
    ("quiz", "Tài liệu tham khảo cho Cuộc thi tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào",
     "Người dự thi nên đọc sách “Quan hệ đặc biệt Việt Nam – Lào (1930 – 2017)” và Phụ lục tình hình hợp tác Việt Nam – Lào giai đoạn 2017 – 2022.",
     ["Kế hoạch tuyên truyền năm 2022 đề nghị tham khảo sách “Quan hệ đặc biệt Việt Nam – Lào (1930 – 2017)” do Ban Tuyên giáo Trung ương và Nhà xuất bản Chính trị quốc gia Sự thật phát hành năm 2017, cùng Phụ lục tình hình và kết quả quan hệ hợp tác Việt Nam – Lào giai đoạn 2017 – 2022.",
      "Toàn văn Phụ lục có trên trang Tài liệu của cổng thông tin, chia theo từng mục để tiện tra cứu: quan hệ chính trị; quốc phòng – an ninh; kinh tế, văn hóa, y tế và khoa học – kỹ thuật; giáo dục – đào tạo; quan hệ giữa các bộ, ngành, địa phương."],
     [(DA_LAT, "2.1")], f"{PLAN_SOURCE}, chú thích 2", (2022, 6, 10), False),
]

PAGES = [
    (Page.Slug.ABOUT, "Giới thiệu", [
        "Cổng thông tin phục vụ công tác tuyên truyền “Năm Hữu nghị Việt Nam – Campuchia”, “Năm Đoàn kết hữu nghị Việt Nam – Lào” và kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào (Attapeu, Champasak, Salavan, Sekong).",
        "Cổng đăng tin bài, tài liệu tuyên truyền, các ngày kỷ niệm và cuộc thi trực tuyến tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào – Việt Nam.",
    ]),
    (Page.Slug.CONTACT, "Liên hệ", [
        f"{DEMO_NOTE}: địa chỉ, điện thoại và thư điện tử của Ban biên tập sẽ được cập nhật tại đây.",
        "Các đơn vị gửi tin về hoạt động tuyên truyền của mình qua Khu làm việc của cổng thông tin.",
    ]),
    (Page.Slug.PRIVACY, "Chính sách dữ liệu cá nhân", [
        "Cổng thông tin chỉ thu thập dữ liệu cá nhân cần cho cuộc thi trực tuyến (họ tên, ngày sinh, số điện thoại) khi người dự thi đồng ý, và chỉ dùng để tổ chức, chấm và trao giải cuộc thi, theo Nghị định số 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.",
        "Người đọc tin bài và tài liệu không cần tài khoản; cổng không dùng mã theo dõi hay nút chia sẻ của bên thứ ba.",
        f"{DEMO_NOTE}: văn bản chính sách chính thức do cơ quan quản lý cổng ban hành.",
    ]),
]


def _paragraphs(items):
    return "".join(f"<p>{text}</p>" for text in items)


class Tally:
    def __init__(self):
        self.created = self.kept = 0

    def count(self, outcome):
        if outcome == "created":
            self.created += 1
        else:
            self.kept += 1

    def line(self, name):
        return f"{name}: {self.created} tạo mới, {self.kept} đã có (giữ nguyên)."


def seed_sections():
    tally, sections = Tally(), {}
    order = 0
    for plan in Plan.objects.filter(code__in=(DA_LAT, GIA_LAI)).order_by("-starts_on"):
        for theme in Theme.objects.filter(plan=plan, parent=None).order_by("order", "code"):
            order += 1
            name = SECTION_NAMES.get((plan.code, theme.code), theme.title)
            section, outcome = ensure(Section, {"theme": theme}, {
                "name": name, "slug": vietnamese_slug(name, 120), "order": order,
                "description": f"Tin bài về nội dung “{theme.title}” của kế hoạch “{plan.title}”.",
            })
            tally.count(outcome)
            sections[(plan.code, theme.code)] = section
    for key, (slug, name, description) in (("quiz", QUIZ_SECTION), ("gialai", GIA_LAI_SECTION)):
        order += 1
        sections[key], outcome = ensure(Section, {"slug": slug}, {"name": name, "description": description, "order": order})
        tally.count(outcome)
    return tally, sections


def _source_file(slug, name):
    """The docs/sources file as a stored material: the same bytes already in the media folder are reused."""
    path = SOURCES / name
    if not path.exists():
        return None
    data = path.read_bytes()
    stored = f"tai-lieu/{name}"
    if default_storage.exists(stored):
        with default_storage.open(stored, "rb") as existing:
            if hashlib.sha256(existing.read()).digest() == hashlib.sha256(data).digest():
                return stored
    return ContentFile(data, name=name)


def seed_materials(sections):
    tally = Tally()
    for order, (slug, title, kind, reference_code, file_name, source, section_key) in enumerate(MATERIALS, start=1):
        if Material.objects.filter(slug=slug).exists():
            tally.count("kept")
            continue
        reference = ReferenceDocument.objects.filter(code=reference_code).first() if reference_code else None
        if reference is not None and Material.objects.filter(reference=reference).exists():
            tally.count("kept")
            continue
        material = Material(
            # A reference keeps the title as the plan prints it, so one document has one name.
            slug=slug, title=reference.title if reference else title, kind=kind, reference=reference,
            source=source, order=order,
            section=sections.get(section_key),
            authors=reference.authors if reference else "", publisher=reference.publisher if reference else "",
            year=reference.year if reference else None,
        )
        if file_name:
            stored = _source_file(slug, file_name)
            if isinstance(stored, str):
                material.file.name = stored
            elif stored is not None:
                material.file = stored
        material.save()
        tally.count("created")
    return tally


def _themes(codes):
    wanted = {(plan, code) for plan, code in codes}
    return [theme for theme in Theme.objects.filter(plan__code__in={p for p, _ in wanted}).select_related("plan")
            if (theme.plan.code, theme.code) in wanted]


def seed_articles(sections):
    tally = Tally()
    for section_key, title, summary, paragraphs, theme_codes, source, day, featured in ARTICLES:
        slug = vietnamese_slug(title, 220)
        if Article.objects.filter(slug=slug).exists() or ArticleSlugRedirect.objects.filter(old_slug=slug).exists():
            tally.count("kept")
            continue
        article = Article.objects.create(
            slug=slug, title=title, summary=summary, body=_paragraphs(paragraphs), section=sections[section_key],
            author="Ban biên tập", source=source, status=Article.Status.PUBLISHED, published_at=_at(day),
            featured=featured, is_demo=True,
        )
        article.themes.set(_themes(theme_codes))
        tally.count("created")
    return tally


def seed_pages():
    tally = Tally()
    for slug, title, paragraphs in PAGES:
        _, outcome = ensure(Page, {"slug": slug}, {"title": title, "body": _paragraphs(paragraphs)})
        tally.count(outcome)
    return tally


def seed(stdout):
    sections_tally, sections = seed_sections()
    stdout.write(sections_tally.line("Chuyên mục"))
    stdout.write(seed_materials(sections).line("Tài liệu tuyên truyền"))
    stdout.write(seed_articles(sections).line("Tin bài minh họa"))
    stdout.write(seed_pages().line("Trang thông tin"))

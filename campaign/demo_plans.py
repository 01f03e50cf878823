"""Demo data of the two plans, loaded by `python manage.py seed_demo` after the units.

1. The plan of Thành ủy Đà Lạt for "Năm Hữu nghị Việt Nam - Campuchia 2022" and
   "Năm Đoàn kết hữu nghị Việt Nam - Lào 2022"
   (../shared/seeds/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md), whole:
   themes with footnotes, channels, key dates, both appendices, section IV as
   tasks for units, and demo progress reports for 2022.
2. The directions 2026 - 2030 of Gia Lai's cooperation with the four southern
   Lao provinces (part IV of report 04/BC-UBND), with tasks for the sở, ngành
   whose reporting periods fall around the day the demo is first loaded.

The texts are the sources' own words, markdown removed; footnotes split from
their paragraphs by a page break are joined back. Rich-text fields hold simple
HTML (<p>, <ul><li>, <sup>); other fields hold plain text.

Every row goes through `demo.ensure`: a run adds what is missing and leaves
every row that exists as it is, whatever people did with it since (a report
returned and filed again, a due date moved, a theme retitled). The
sources give no deadlines, so tasks are flagged `is_demo`, progress reports
start with "Dữ liệu minh họa." and are drawn from a fixed random seed.
"""

import calendar
import hashlib
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.html import escape

from .deadlines import VIETNAM, local_today
from .demo import DEMO_STAFF, demo_submitter, ensure
from .formats import IssuerKind
from .periods import period_of
from .models import (
    Assignment,
    Channel,
    KeyDate,
    Measure,
    Plan,
    ProgressReport,
    ReferenceDocument,
    ReferenceSection,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    Task,
    Theme,
    Unit,
)

DEMO_MARK = "Dữ liệu minh họa."

# ---------------------------------------------------------------------------
# Plan 1: Kế hoạch of Thành ủy Đà Lạt, 2022.

DA_LAT_CODE = "ke-hoach-viet-lao-campuchia-2022"
DA_LAT_FILE = "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md"
DA_LAT_REF = "Kế hoạch"  # how `source` fields cite the plan

DA_LAT_BASIS = "Thực hiện Hướng dẫn số 86-HD/BTGTU, ngày 09/6/2022 của Ban Tuyên giáo Tỉnh ủy Lâm Đồng về tuyên truyền “Năm Hữu nghị Việt Nam - Campuchia 2022” và “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”. Thành ủy Đà Lạt ban hành Kế hoạch triển khai thực hiện tuyên truyền như sau:"
DA_LAT_PURPOSES = [
    "Thực hiện chủ trương, chính sách nhất quán của Đảng, Nhà nước về tiếp tục đẩy mạnh và làm sâu sắc hơn quan hệ với các đối tác, nhất là các nước láng giềng, bạn bè truyền thống theo tinh thần Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; góp phần củng cố môi trường hòa bình, ổn định, tạo điều kiện thuận lợi cho công cuộc xây dựng và phát triển đất nước.",
    "Thông qua các hoạt động tuyên truyền góp phần tăng cường sự hiểu biết lẫn nhau, tinh thần đoàn kết và sự tin cậy về chính trị; củng cố và phát triển quan hệ láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện, bền vững lâu dài Việt Nam - Campuchia; quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện Việt Nam - Lào trong tình hình mới.",
    "Cung cấp nguồn thông tin chính thống, tuyên truyền rộng rãi đến các tầng lớp Nhân dân thành phố, góp phần giữ gìn, củng cố và phát triển quan hệ Việt Nam - Campuchia trong tình hình mới, vì lợi ích của Nhân dân hai nước, vì hòa bình, ổn định và phát triển khu vực; giáo dục truyền thống lịch sử, nâng cao nhận thức của các tầng lớp Nhân dân, đặc biệt là thế hệ trẻ về ý nghĩa, tầm quan trọng của mối quan hệ mà hai Đảng, hai Nhà nước và Nhân dân hai nước đã dày công vun đắp.",
    "Thông tin rộng rãi, có sức lan tỏa tới các tầng lớp Nhân dân về ý nghĩa lịch sử, tầm quan trọng của mối quan hệ Việt Nam - Lào, từ đó tăng cường sự đồng thuận trong Nhân dân; giáo dục truyền thống lịch sử, khích lệ, cổ vũ các tầng lớp Nhân dân, nhất là thế hệ trẻ tiếp tục vun đắp vào mối quan hệ Việt Nam - Lào được các thế hệ lãnh đạo Việt Nam và Lào dày công xây dựng và vun đắp.",
    "Đấu tranh, phản bác các luận điệu xuyên tạc nhằm chia rẽ mối quan hệ láng giềng hữu nghị và tình đoàn kết, gắn bó giữa hai nước và hai dân tộc Việt Nam - Campuchia; chia rẽ mối quan hệ hữu nghị và tình đoàn kết đặc biệt giữa hai nước Việt Nam - Lào.",
]
DA_LAT_REQUIREMENTS = [
    "Triển khai tuyên truyền đậm nét, sâu rộng về mối quan hệ láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện, bền vững lâu dài Việt Nam - Campuchia, mối quan hệ Việt Nam - Lào tương xứng với khuôn khổ, tầm vóc quan hệ các nước, tương xứng với các hoạt động tuyên truyền của nước Bạn, nhu cầu của ta, thỏa thuận với nước Bạn và phù hợp với tình hình thực tế.",
    "Căn cứ tình hình thực tế, triển khai các hình thức tuyên truyền phù hợp, thiết thực, sinh động, tiết kiệm và hiệu quả; xây dựng các nội dung phong phú, có sức hấp dẫn, lan tỏa và phù hợp với các nhóm đối tượng tuyên truyền; kết hợp các nội dung có tính chính luận với các câu chuyện gắn liền với đời sống, có thông điệp gần gũi, dễ tiếp cận đến đông đảo tầng lớp Nhân dân.",
]
DA_LAT_TIME_FRAME = "Hoạt động tuyên truyền diễn ra trong cả năm 2022, trong đó cao điểm từ đầu tháng 7 đến hết tháng 9 năm 2022."
DA_LAT_CLOSING = "Trên đây là Kế hoạch triển khai tuyên truyền “Năm Hữu nghị Việt Nam - Campuchia 2022” và “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”, đề nghị các tổ chức cơ sở Đảng, các cơ quan, đơn vị nghiêm túc triển khai thực hiện"
DA_LAT_RECIPIENTS = [
    "Ban Tuyên giáo Tỉnh ủy (b/c),",
    "Thường trực Thành ủy,",
    "HĐND - UBND Thành phố,",
    "Các Ban XĐĐ, TTCT, VP Thành ủy,",
    "MTTQ & các đoàn thể CT- XH Thành phố,",
    "Các TCCS Đảng trực thuộc Thành ủy,",
    "Các phòng, ban, đơn vị trực thuộc Thành phố,",
    "Lưu: VT.",
]
DA_LAT_NOTES = (
    "Văn bản nguồn không in số của Kế hoạch (chỉ có ký hiệu KH/TU) và không in ngày ban hành; "
    "Kế hoạch thực hiện Hướng dẫn số 86-HD/BTGTU ngày 09/6/2022 nên được ban hành sau ngày đó.\n"
    "Mục II.1.2 in ngày thiết lập quan hệ ngoại giao Việt Nam - Campuchia là 26/6/1967; mục II.1.1 "
    "và Phụ lục in 24/6/1967 (xem ghi chú ở ngày kỷ niệm).\n"
    "Phụ lục Việt Nam - Lào: hai chữ lỗi mã hóa của bản nguồn đã sửa (“Phän-khăm” thành “Phăn-khăm”, "
    "“Hüa-phän” thành “Hủa-phăn”); chữ “và” bị gạch bỏ trong bản nguồn không chép lại.\n"
    "Văn bản không ghi thời hạn cho các nhiệm vụ ở mục IV: thời hạn, kỳ báo cáo và các báo cáo tiến độ "
    "là dữ liệu minh họa."
)

# The footnotes, numbered as in the plan; each belongs to the theme that cites it.
DA_LAT_FOOTNOTES = {
    1: "Đề nghị tham khảo Tài liệu tuyên truyền bao gồm: Sách Quan hệ hữu nghị Việt Nam - Campuchia (1930 - 2017) do Ban Tuyên giáo Trung ương, Nxb. Chính trị quốc gia Sự thật phát hành năm 2017; Tình hình và kết quả quan hệ hợp tác Việt Nam - Campuchia giai đoạn 2017 - 2022 (có phụ lục kèm theo Hướng dẫn này).",
    2: "Đề nghị tham khảo Tài liệu tuyên truyền bao gồm: Sách Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017) do Ban Tuyên giáo Trung ương, Nxb. Chính trị quốc gia Sự thật phát hành năm 2017; Tình hình và kết quả quan hệ hợp tác Việt Nam - Lào giai đoạn 2017 - 2022 (có Phụ lục kèm theo Hướng dẫn này).",
    3: "Nổi bật là các chuyến thăm Lào của Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội Việt Nam và các chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội Lào.",
    4: "Danh mục các hoạt động “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022” được ban hành theo Quyết định số 05-QĐ/BCĐ bao gồm các hoạt động: (i) Lãnh đạo cấp cao hai nước trả lời phỏng vấn báo chí nhân ngày thiết lập quan hệ ngoại giao (05/9/2022); (ii) Đại sứ Lào tại Việt Nam và Đại sứ Việt Nam tại Lào phát biểu trên Đài Phát thanh, Truyền hình nước sở tại; (iii) Các báo, đài và các phương tiện thông tin đại chúng phối hợp với Bạn có chương trình đặc biệt chào mừng kỷ niệm 02 ngày lễ lớn một tuần trước mỗi ngày kỷ niệm; (iv) Đưa tin Lãnh đạo cấp cao Đảng, Nhà nước của hai nước trao đổi điện mừng, lẵng hoa nhân ngày ký Hiệp ước Hữu nghị và Hợp tác (18/7/2022) và ngày thiết lập quan hệ ngoại giao (05/9/2022); (v) Đưa tin về các hoạt động kỷ niệm, giao lưu văn hóa, nghệ thuật, thi đấu thể thao, triển lãm, hội thảo...; (vi) Đăng bài viết, chiếu phim giới thiệu về đất nước, con người, các thành tựu phát triển kinh tế, văn hóa, xã hội và đối ngoại tại mỗi nước; chiếu 02 bộ phim “Chủ tịch Cayxòn Phôm-vi-hản” và “Chủ tịch Xu-pha-nu-vông với Việt Nam”, công chiếu những bộ phim tài liệu về quan hệ đặc biệt Việt Nam - Lào rải đều trong cả năm 2022.",
}

# (code, parent code, title, bullets, footnote numbers). A bullet followed in
# the source by paragraphs of its own is a tuple: the bullet, then those paragraphs.
DA_LAT_THEMES = [
    ("1", None, "Tuyên truyền về “Năm Hữu nghị Việt Nam - Campuchia 2022”", [], []),
    (
        "1.1", "1",
        "Tuyên truyền về lịch sử quan hệ Việt Nam - Campuchia và các thành tựu hợp tác của hai nước trong giai đoạn hiện nay",
        [
            "Thông tin về lịch sử quan hệ hai nước, các dấu mốc lịch sử quan trọng, những kết quả, thành tựu đã đạt được trong 55 năm thiết lập quan hệ ngoại giao Việt Nam - Campuchia (24/6/1967 - 24/6/2022).",
            "Sự gắn bó của Nhân dân hai nước trong các giai đoạn lịch sử; những chia sẻ của lực lượng cách mạng hai nước trong giai đoạn chống thực dân Pháp và đế quốc Mỹ để giành độc lập dân tộc; những đóng góp, hi sinh của quân và dân Việt Nam trong thời kỳ cùng nhân dân Campuchia lật đổ chế độ diệt chủng Pôn Pốt.",
            # This bullet runs across footnote 1 in the source.
            "Tuyên truyền về kết quả công tác phân giới, cắm mốc biên giới trên đất liền; công tác quản lý biên giới; về ý nghĩa, tầm quan trọng của việc ký kết các văn bản pháp lý, công nhận thành quả 84% công tác phân giới, cắm mốc trên thực địa và công tác quản lý tuyến biên giới theo các văn bản đã ký kết. Trong đó, nổi bật là thắng lợi của Nhân dân hai nước đạt được trong quá trình triển khai các văn bản pháp lý, góp phần tạo sự đồng thuận, nhất trí của cán bộ, đảng viên và Nhân dân hai nước đối với các hoạt động bảo vệ đường biên, cột mốc biên giới, đặc biệt là tạo thuận lợi cho công tác phân giới, cắm mốc 16% đoạn biên giới còn lại. Phê phán, bác bỏ kịp thời các quan điểm sai trái, thông tin xuyên tạc về quan hệ hai nước, nhất là về vấn đề biên giới đất liền giữa hai nước.",
            "Tuyên truyền về kết quả, thành tựu trong hợp tác chính trị, kinh tế, văn hóa, an ninh, quốc phòng... giữa hai nước thời gian qua, trong đó quan hệ chính trị tiếp tục giữ vai trò nòng cốt, định hướng trong quan hệ hai nước. Hai bên duy trì và phát huy hiệu quả các cơ chế hợp tác thông qua việc tăng cường trao đổi các chuyến thăm, các cuộc gặp gỡ, tiếp xúc giữa lãnh đạo cấp cao và các cấp; ký kết nhiều văn kiện hợp tác làm cơ sở để thúc đẩy quan hệ hợp tác toàn diện giữa hai nước.",
            "Đẩy mạnh tuyên truyền về những dự án điển hình, cụ thể của Việt Nam ở Campuchia và những dự án điển hình của Campuchia tại Việt Nam, làm nổi bật quá trình hợp tác, hỗ trợ và tạo điều kiện lẫn nhau trong quá trình xây dựng và triển khai các dự án đó; khai thác những câu chuyện, bài viết về người Việt Nam đang sinh sống và làm việc tại Campuchia; những cá nhân điển hình có đóng góp quan trọng cho sự phát triển quan hệ hợp tác Việt Nam - Campuchia.",
        ],
        [1],
    ),
    (
        "1.2", "1",
        "Tuyên truyền về ý nghĩa, tầm quan trọng của Ngày thiết lập quan hệ ngoại giao Việt Nam - Campuchia và các hoạt động trong “Năm Hữu nghị Việt Nam - Campuchia 2022”",
        [
            "Tuyên truyền sự kiện hai nước chính thức thiết lập quan hệ ngoại giao ngày 26/6/1967. Đây là một sự kiện lịch sử trọng đại, đánh dấu một giai đoạn phát triển mới, khẳng định sự gắn bó của hai dân tộc láng giềng Việt Nam - Campuchia, luôn kề vai sát cánh, gắn bó, đoàn kết, giúp đỡ, hỗ trợ lẫn nhau trong công cuộc đấu tranh giành độc lập tự do dân tộc.",
            "Tập trung tuyên truyền về các hoạt động kỷ niệm có ý nghĩa quan trọng được tổ chức ở cả hai nước, góp phần làm sâu sắc hơn nữa mối quan hệ láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện, bền vững lâu dài Việt Nam - Campuchia.",
            "Đẩy mạnh thông tin đậm nét, có trọng tâm, trọng điểm về các hoạt động trao đổi đoàn cấp cao; trao đổi đoàn, giao lưu, hợp tác giữa các địa phương của hai nước, đặc biệt là các hoạt động có quan hệ hợp tác với Campuchia.",
            (
                "Tuyên truyền các hoạt động mít-tinh, kỷ niệm, trao đổi điện mừng; hoạt động giao lưu Nhân dân; giao lưu văn hóa, văn nghệ, thể thao, triển lãm, hội chợ...",
                "Tăng cường các sự kiện, án phẩm góp phần quảng bá hình ảnh đất nước, thiên nhiên, con người, văn hóa của hai nước.",
            ),
        ],
        [],
    ),
    (
        "1.3", "1",
        "Tuyên truyền, giới thiệu về đất nước, con người Campuchia",
        [
            "Quảng bá vẻ đẹp của thiên nhiên, đất nước, con người Campuchia, bè dày giá trị văn hóa, lịch sử, truyền thống; công cuộc xây dựng và phát triển đất nước và các thành tựu mà Đảng, nhà nước và Nhân dân Campuchia đã đạt được trên các lĩnh vực.",
            "Giới thiệu các tấm gương tiêu biểu người Campuchia đã tham gia, đóng góp tích cực, hiệu quả, vun đắp cho sự phát triển của quan hệ hai nước Việt Nam - Campuchia trong thời gian qua.",
        ],
        [],
    ),
    ("2", None, "Tuyên truyền về “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”", [], []),
    (
        "2.1", "2",
        "Tuyên truyền về lịch sử quan hệ đặc biệt Việt Nam - Lào và các thành tựu hợp tác của hai nước trong giai đoạn hiện nay",
        [
            "Tuyên truyền về quan hệ đặc biệt Việt Nam - Lào qua các thời kỳ lịch sử, tập trung nhấn mạnh vào giai đoạn từ năm 1962 đến nay; làm rõ bản chất đặc biệt, ý nghĩa, bài học lịch sử của mối quan hệ vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện Việt Nam - Lào.",
            "Khẳng định quan hệ Việt Nam - Lào, Lào - Việt Nam là một điển hình, một hình mẫu hiếm có về sự gắn kết bền chặt, thủy chung, trong sáng và đầy hiệu quả giữa hai dân tộc đấu tranh vì độc lập, tự do và tiến bộ xã hội. Nội dung tuyên truyền góp phần làm cho các tầng lớp Nhân dân hiểu biết sâu sắc về mối quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện Việt Nam - Lào đã được Chủ tịch Hồ Chí Minh và Chủ tịch Cay-xón Phôm-vi-hản, Chủ tịch Xu-pha-nu-vông xây dựng, vun đắp và đã được các thế hệ lãnh đạo và cán bộ, Nhân dân hai nước tiếp tục củng cố, phát triển. Lãnh đạo cấp cao hai nước đã nhiều lần khẳng định quyết tâm tiếp tục bảo vệ, phát triển và nâng tầm mối quan hệ đặc biệt Việt Nam - Lào trên tinh thần độc lập, tự chủ và ý chí tự lực, tự cường, phát huy thế mạnh và khả năng của mỗi bên; đồng thời dành cho nhau ưu tiên, ưu đãi hợp lý, không ngừng nâng cao hiệu quả, chất lượng hợp tác vì lợi ích của Nhân dân mỗi nước, góp phần vì hòa bình, ổn định, hợp tác và phát triển ở khu vực và trên thế giới.",
            # Runs across footnote 2 in the source; it cites footnote 3.
            "Chú trọng tuyên truyền, làm nổi bật những thành tựu hợp tác mà hai nước đã đạt được trong công cuộc đổi mới, phát triển đất nước. Khẳng định quan hệ Việt Nam - Lào là quan hệ hợp tác toàn diện trên tất cả các lĩnh vực chính trị, ngoại giao, an ninh, quốc phòng, kinh tế, văn hóa, giáo dục.., trong đó quan hệ chính trị giữ vai trò nòng cốt, định hướng tổng thể trong quan hệ hai nước. Hai bên đã phát huy những cơ chế hợp tác sẵn có, đồng thời triển khai những cơ chế hợp tác mới; phối hợp chặt chẽ trong các vấn đề chiến lược; thường xuyên trao đổi các đoàn cấp cao và các cấp dưới nhiều hình thức, góp phần làm sâu sắc hơn quan hệ đặc biệt Việt Nam - Lào<sup>3</sup>; ký kết nhiều văn kiện hợp tác quan trọng giữa hai Đảng, hai Chính phủ, tạo hành lang pháp lý thuận lợi thúc đẩy quan hệ hợp tác như (i) Thỏa thuận Chiến lược hợp tác Việt Nam - Lào giai đoạn 2021 - 2030, (ii) Hiệp định hợp tác Việt Nam - Lào giai đoạn 2021 - 2025 và các Thỏa thuận hợp tác giữa các ban, bộ, ngành của hai nước. Các văn kiện này không chỉ thể hiện quan hệ chính trị giữa hai nước đang được tăng cường mạnh mẽ mà còn khẳng định hợp tác giữa hai nước trong các vấn đề chiến lược, các ngành, lĩnh vực ngày càng phong phú và toàn diện.",
            "Tăng cường tuyên truyền về những dự án điển hình, cụ thể của Việt Nam ở Lào và những dự án điển hình của Lào tại Việt Nam, nhấn mạnh quá trình hợp tác, phối hợp, hỗ trợ và tạo điều kiện lẫn nhau trong quá trình xây dựng và triển khai các dự án đó; những câu chuyện, bài viết về người Việt Nam đang sinh sống và làm việc tại Lào; những cá nhân điển hình có đóng góp quan trọng cho việc phát triển quan hệ hợp tác Việt Nam - Lào.",
        ],
        [2, 3],
    ),
    (
        "2.2", "2",
        "Tuyên truyền về ý nghĩa và tầm quan trọng của Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào, Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào và các hoạt động trong “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”",
        [
            (
                "Tuyên truyền về nội dung và ý nghĩa của hai sự kiện quan trọng là Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào (05/9/1962) và Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào (18/7/1977).",
                "Ngày 05/9/1962, hai nước chính thức thiết lập quan hệ ngoại giao. Đây là một sự kiện lịch sử trọng đại, đánh dấu một giai đoạn phát triển mới, khẳng định sự gắn bó của hai dân tộc láng giềng Việt Nam - Lào, luôn cùng kè vai sát cánh, gắn bó, đoàn kết, giúp đỡ, hỗ trợ lẫn nhau trong công cuộc đấu tranh giành độc lập tự do dân tộc.",
                # Runs across footnote 3 in the source.
                "Ngày 18/7/1977, hai nước chính thức ký kết các Hiệp ước: (i) Hiệp ước Hữu nghị và Hợp tác giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Cộng hòa Dân chủ Nhân dân Lào; (ii) Hiệp ước hoạch định biên giới quốc gia giữa nước Cộng hòa xã hội chủ nghĩa Việt Nam và Cộng hòa Dân chủ Nhân dân Lào; và ra Tuyên bố chung tăng cường sự tin cậy và hợp tác lâu dài giữa hai nước. Trong đó, Hiệp ước Hữu nghị và Hợp tác toàn diện mang tính chiến lược lâu dài, tạo cơ sở chính trị và pháp lý quan trọng nhằm củng cố và tăng cường tình đoàn kết, mối quan hệ đặc biệt Việt Nam - Lào. Đây là mốc lịch sử quan trọng đánh dấu bước ngoặt mới trong quan hệ giữa hai nước.",
            ),
            (
                "Tập trung tuyên truyền các hoạt động kỷ niệm trang trọng và phong phú ở cả hai nước nhằm tuyên truyền và làm sâu sắc hơn nữa mối quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện Việt Nam - Lào.",
                "Chú trọng tuyên truyền, thông tin đậm nét về các hoạt động trao đổi đoàn cấp cao của Đảng và Nhà nước; trao đổi đoàn, giao lưu, hợp tác giữa các địa phương của hai nước có quan hệ hợp tác với Lào. Tuyên truyền về các hoạt động mit tinh, kỷ niệm, trao đổi điện mừng; hoạt động giao lưu nhân dân, văn hóa, thể thao, triển lãm, hội thảo của các cơ quan, doanh nghiệp... Tăng cường các sự kiện, án phẩm góp phần quảng bá hình ảnh đất nước, thiên nhiên, con người, văn hóa của hai nước<sup>4</sup>.",
            ),
        ],
        [4],
    ),
    (
        "2.3", "2",
        "Tuyên truyền, giới thiệu về đất nước, con người Lào",
        [
            "Giới thiệu vẻ đẹp của thiên nhiên, đất nước, con người; truyền thống văn hóa, lịch sử; các thành tựu phát triển kinh tế - xã hội của Lào.",
            "Giới thiệu những cá nhân điển hình người Lào sinh sống, học tập và làm việc tại Việt Nam có đóng góp tích cực cho sự phát triển của quan hệ hai nước trên các lĩnh vực.",
        ],
        [],
    ),
]

# Section III; the titles are ours, the bodies the source's.
DA_LAT_CHANNELS = [
    ("1", "Phương tiện truyền thông đại chúng, mạng xã hội", "Triển khai các hình thức tuyên truyền phong phú, sáng tạo và hiệu quả; phát huy sức hấp dẫn, lan tỏa của các phương tiện truyền thông đại chúng, mạng xã hội để phổ biến các nội dung tuyên truyền, từ đó làm nổi bật tầm quan trọng, ý nghĩa của quan hệ láng giềng, hữu nghị Việt Nam - Campuchia; nhấn mạnh tầm quan trọng, ý nghĩa của quan hệ vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện Việt Nam - Lào."),
    ("2", "Bài viết, tọa đàm, hội thảo, triển lãm", "Đổi mới, đa dạng hóa các hình thức tuyên truyền thông qua các bài viết, tọa đàm, hội thảo, triển lãm nghệ thuật; vận dụng các nền tảng truyền thông, mạng xã hội để lan tỏa các nội dung tuyên truyền nhằm thu hút sự quan tâm của đông đảo các tầng lớp Nhân dân."),
    ("3", "Cộng đồng người Việt Nam ở nước ngoài", "Phát huy vai trò của tổ chức, cá nhân, các kênh truyền thông tích cực của cộng đồng người Việt Nam ở nước ngoài, là cầu nối tuyên truyền, thúc đẩy quan hệ giữa hai nước Việt Nam - Campuchia, Việt Nam - Lào, nhất là thế hệ trẻ."),
]

CAMBODIA_ESTABLISHED = date(1967, 6, 24)
LAOS_ESTABLISHED = date(1962, 9, 5)
LAOS_TREATY = date(1977, 7, 18)
CAMBODIA_DATE_NOTE = (
    "Mục II.1.2 của Kế hoạch in “ngày 26/6/1967”; mục II.1.1 (“24/6/1967 - 24/6/2022”) và Phụ lục "
    "(“24/6/1967 – 24/6/2022”) in 24/6/1967, là ngày thiết lập quan hệ ngoại giao. Lấy ngày 24/6/1967."
)
DECISION_05 = f"{DA_LAT_REF}, chú thích 4 (Quyết định số 05-QĐ/BCĐ)"
YEAR_2022 = (date(2022, 1, 1), date(2022, 12, 31))

# (kind, theme, date, end date, title, description, origin date, anniversary, note, source)
DA_LAT_KEY_DATES = [
    (
        KeyDate.Kind.EVENT, "1.2", CAMBODIA_ESTABLISHED, None,
        "Việt Nam - Campuchia thiết lập quan hệ ngoại giao",
        "Hai nước chính thức thiết lập quan hệ ngoại giao. Đây là một sự kiện lịch sử trọng đại, đánh dấu "
        "một giai đoạn phát triển mới, khẳng định sự gắn bó của hai dân tộc láng giềng Việt Nam - Campuchia.",
        None, None, CAMBODIA_DATE_NOTE, f"{DA_LAT_REF}, mục II.1.1, II.1.2",
    ),
    (
        KeyDate.Kind.ANNIVERSARY, "1.2", date(2022, 6, 24), None,
        "Kỷ niệm 55 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Campuchia (24/6/1967 - 24/6/2022)",
        "Tập trung tuyên truyền về các hoạt động kỷ niệm có ý nghĩa quan trọng được tổ chức ở cả hai nước.",
        CAMBODIA_ESTABLISHED, 55, CAMBODIA_DATE_NOTE, f"{DA_LAT_REF}, mục II.1.1; Phụ lục Việt Nam - Campuchia, mục 1",
    ),
    (
        KeyDate.Kind.EVENT, "2.2", LAOS_ESTABLISHED, None,
        "Việt Nam - Lào thiết lập quan hệ ngoại giao",
        "Ngày 05/9/1962, hai nước chính thức thiết lập quan hệ ngoại giao. Đây là một sự kiện lịch sử trọng đại, đánh dấu một giai đoạn phát triển mới, khẳng định sự gắn bó của hai dân tộc láng giềng Việt Nam - Lào, luôn cùng kè vai sát cánh, gắn bó, đoàn kết, giúp đỡ, hỗ trợ lẫn nhau trong công cuộc đấu tranh giành độc lập tự do dân tộc.",
        None, None, "", f"{DA_LAT_REF}, mục II.2.2",
    ),
    (
        KeyDate.Kind.ANNIVERSARY, "2.2", date(2022, 9, 5), None,
        "Kỷ niệm 60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào (05/9/1962 - 05/9/2022)",
        "Tuyên truyền về nội dung và ý nghĩa của Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào; "
        "các hoạt động kỷ niệm trang trọng và phong phú ở cả hai nước.",
        LAOS_ESTABLISHED, 60,
        "Kế hoạch không in số năm kỷ niệm; tính từ ngày 05/9/1962 (Phụ lục: kỷ niệm 55 năm vào năm 2017).",
        f"{DA_LAT_REF}, mục II.2.2",
    ),
    (
        KeyDate.Kind.EVENT, "2.2", LAOS_TREATY, None,
        "Việt Nam - Lào ký Hiệp ước Hữu nghị và Hợp tác",
        "Ngày 18/7/1977, hai nước chính thức ký kết các Hiệp ước: (i) Hiệp ước Hữu nghị và Hợp tác giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Cộng hòa Dân chủ Nhân dân Lào; (ii) Hiệp ước hoạch định biên giới quốc gia giữa nước Cộng hòa xã hội chủ nghĩa Việt Nam và Cộng hòa Dân chủ Nhân dân Lào; và ra Tuyên bố chung tăng cường sự tin cậy và hợp tác lâu dài giữa hai nước. Trong đó, Hiệp ước Hữu nghị và Hợp tác toàn diện mang tính chiến lược lâu dài, tạo cơ sở chính trị và pháp lý quan trọng nhằm củng cố và tăng cường tình đoàn kết, mối quan hệ đặc biệt Việt Nam - Lào. Đây là mốc lịch sử quan trọng đánh dấu bước ngoặt mới trong quan hệ giữa hai nước.",
        None, None, "", f"{DA_LAT_REF}, mục II.2.2",
    ),
    (
        KeyDate.Kind.ANNIVERSARY, "2.2", date(2022, 7, 18), None,
        "Kỷ niệm 45 năm Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào (18/7/1977 - 18/7/2022)",
        "Tuyên truyền về nội dung và ý nghĩa của Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào; "
        "các hoạt động kỷ niệm trang trọng và phong phú ở cả hai nước.",
        LAOS_TREATY, 45,
        "Kế hoạch không in số năm kỷ niệm; tính từ ngày 18/7/1977 (Phụ lục: kỷ niệm 40 năm vào năm 2017).",
        f"{DA_LAT_REF}, mục II.2.2",
    ),
    # The activities of Quyết định 05-QĐ/BCĐ (footnote 4); those without a date span the year.
    (
        KeyDate.Kind.ACTIVITY, "2.2", date(2022, 9, 5), None,
        "Lãnh đạo cấp cao hai nước trả lời phỏng vấn báo chí nhân ngày thiết lập quan hệ ngoại giao",
        "(i) Lãnh đạo cấp cao hai nước trả lời phỏng vấn báo chí nhân ngày thiết lập quan hệ ngoại giao (05/9/2022).",
        None, None, "", DECISION_05,
    ),
    (
        KeyDate.Kind.ACTIVITY, "2.2", *YEAR_2022,
        "Đại sứ hai nước phát biểu trên Đài Phát thanh, Truyền hình nước sở tại",
        "(ii) Đại sứ Lào tại Việt Nam và Đại sứ Việt Nam tại Lào phát biểu trên Đài Phát thanh, Truyền hình nước sở tại.",
        None, None, "Quyết định không ghi ngày; tính cả năm 2022.", DECISION_05,
    ),
    (
        KeyDate.Kind.PROGRAMME, "2.2", date(2022, 7, 11), date(2022, 7, 17),
        "Chương trình đặc biệt chào mừng 45 năm Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào",
        "(iii) Các báo, đài và các phương tiện thông tin đại chúng phối hợp với Bạn có chương trình đặc biệt "
        "chào mừng kỷ niệm 02 ngày lễ lớn một tuần trước mỗi ngày kỷ niệm.",
        LAOS_TREATY, 45, "Một tuần trước ngày 18/7/2022.", DECISION_05,
    ),
    (
        KeyDate.Kind.PROGRAMME, "2.2", date(2022, 8, 29), date(2022, 9, 4),
        "Chương trình đặc biệt chào mừng 60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào",
        "(iii) Các báo, đài và các phương tiện thông tin đại chúng phối hợp với Bạn có chương trình đặc biệt "
        "chào mừng kỷ niệm 02 ngày lễ lớn một tuần trước mỗi ngày kỷ niệm.",
        LAOS_ESTABLISHED, 60, "Một tuần trước ngày 05/9/2022.", DECISION_05,
    ),
    (
        KeyDate.Kind.ACTIVITY, "2.2", date(2022, 7, 18), None,
        "Đưa tin trao đổi điện mừng, lẵng hoa nhân ngày ký Hiệp ước Hữu nghị và Hợp tác",
        "(iv) Đưa tin Lãnh đạo cấp cao Đảng, Nhà nước của hai nước trao đổi điện mừng, lẵng hoa nhân ngày ký "
        "Hiệp ước Hữu nghị và Hợp tác (18/7/2022).",
        None, None, "", DECISION_05,
    ),
    (
        KeyDate.Kind.ACTIVITY, "2.2", date(2022, 9, 5), None,
        "Đưa tin trao đổi điện mừng, lẵng hoa nhân ngày thiết lập quan hệ ngoại giao",
        "(iv) Đưa tin Lãnh đạo cấp cao Đảng, Nhà nước của hai nước trao đổi điện mừng, lẵng hoa nhân ngày "
        "thiết lập quan hệ ngoại giao (05/9/2022).",
        None, None, "", DECISION_05,
    ),
    (
        KeyDate.Kind.ACTIVITY, "2.2", *YEAR_2022,
        "Đưa tin về các hoạt động kỷ niệm, giao lưu văn hóa, nghệ thuật, thể thao, triển lãm, hội thảo",
        "(v) Đưa tin về các hoạt động kỷ niệm, giao lưu văn hóa, nghệ thuật, thi đấu thể thao, triển lãm, hội thảo...",
        None, None, "Quyết định không ghi ngày; tính cả năm 2022.", DECISION_05,
    ),
    (
        KeyDate.Kind.ACTIVITY, "2.2", *YEAR_2022,
        "Đăng bài viết, chiếu phim giới thiệu về đất nước, con người và quan hệ đặc biệt Việt Nam - Lào",
        "(vi) Đăng bài viết, chiếu phim giới thiệu về đất nước, con người, các thành tựu phát triển kinh tế, "
        "văn hóa, xã hội và đối ngoại tại mỗi nước; chiếu 02 bộ phim “Chủ tịch Cayxòn Phôm-vi-hản” và "
        "“Chủ tịch Xu-pha-nu-vông với Việt Nam”, công chiếu những bộ phim tài liệu về quan hệ đặc biệt "
        "Việt Nam - Lào rải đều trong cả năm 2022.",
        None, None, "Rải đều trong cả năm 2022.", DECISION_05,
    ),
]

# (heading code, heading, paragraphs, footnotes as {number: text})
CAMBODIA_APPENDIX_INTRO = "Trong giai đoạn 2017-2022, dưới sự lãnh đạo, chỉ đạo của hai Đảng, hai Nhà nước, các cấp, ngành, địa phương và doanh nghiệp hai bên đã chủ động phối hợp và tích cực triển khai thực hiện các Hiệp định, Thỏa thuận hợp tác giữa hai Chính phủ và chương trình hợp tác giữa các bộ, ngành, địa phương đã đạt những kết quả nhất định, góp phần quan trọng vào việc giữ vững ổn định chính trị, phát triển kinh tế-xã hội, bảo đảm quốc phòng, an ninh ở mỗi nước; tiếp tục củng cố và tăng cường quan hệ láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện, bền vững lâu dài Việt Nam - Campuchia, đồng thời góp phần nâng cao vị thế của hai Đảng, hai nước, đóng góp tích cực cho hòa bình, ổn định, hợp tác và phát triển ở khu vực và trên thế giới. Kết quả cụ thể như sau:"
CAMBODIA_APPENDIX_SECTIONS = [
    (
        "1", "Quan hệ chính trị tiếp tục được duy trì, giữ vai trò nòng cốt, định hướng trong quan hệ hai nước",
        [
            "Hai bên tiếp tục khẳng định quan hệ Việt Nam - Campuchia đang phát triển ngày càng sâu rộng, thiết thực và hiệu quả trên các lĩnh vực, trở thành tài sản chung quý báu của hai dân tộc và là nhân tố quan trọng bảo đảm thắng lợi sự nghiệp xây dựng và bảo vệ Tổ quốc của mỗi nước và quyết tâm giữ gìn, không ngừng phát huy và truyền tiếp cho các thế hệ mai sau tinh thần kết hữu nghị truyền thống và sự hợp tác toàn diện Việt Nam - Campuchia.",
            "Hai bên tiếp duy trì và phát huy hiệu quả các cơ chế hợp tác giữa hai nước; tăng cường trao đổi các chuyến thăm, các cuộc gặp gỡ, tiếp xúc giữa lãnh đạo cấp cao và các cấp, trong đó có các chuyến thăm của Tổng Bí thư Nguyễn Phú Trọng; Thủ tướng Chính phủ Nguyễn Xuân Phúc; Chủ tịch Quốc hội Nguyễn Thị Kim Ngân và đón Chủ tịch CPP, Thủ tướng Hun Sen; Chủ tịch Thượng viện; Chủ tịch Quốc hội Heng Samrin và các chuyến thăm của Lãnh đạo cấp cao hai Đảng, hai nước. Trong chuyến thăm cấp nhà nước Campuchia của Tổng Bí thư Nguyễn Phú Trọng vào năm 2017 và năm 2019 và các chuyến thăm của Lãnh đạo cấp cao hai nước, hai bên đã ra Tuyên bố chung, trong đó khẳng định tiếp tục củng cố và tăng cường mối quan hệ láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện, bền vững lâu dài Việt Nam - Campuchia; nhấn mạnh tiếp tục thực hiện đầy đủ các nguyên tắc đã được nêu trong Tuyên bố chung Việt Nam - Campuchia các năm 1999, năm 2005, năm 2009, năm 2011, năm 2014, tháng 6/2016 và tháng 12/2016; tái khẳng định tôn trọng và thực hiện đầy đủ các hiệp ước hoạch định biên giới và các hiệp định, thỏa thuận liên quan đến biên giới đã ký kết giữa hai nước.",
            "Năm 2020 đến nay, trong bối cảnh dịch bệnh COVID-19 diễn biến phức tạp, hai bên không thực hiện được các chuyến thăm trao đổi đoàn cấp cao trực tiếp song vẫn duy trì quan hệ chính trị thông qua các kênh tiếp xúc như các cuộc điện đàm, hội đàm trực tuyến phù hợp với tình hình thực tế. Trong đó có các cuộc điện đàm giữa Chủ tịch CPP, Thủ tướng Hun Sen và Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch nước Nguyễn Xuân Phúc, Thủ tướng Phạm Minh Chính, Chủ tịch Quốc hội Vương Đình Huệ... Hai bên đã tổ chức thành công Hội nghị hợp tác và phát triển các tỉnh biên giới lần thứ 11 và Kỳ họp lần thứ 19 Ủy ban hỗn hợp Việt Nam - Campuchia về hợp tác Kinh tế, Văn hóa, Khoa học và Kỹ thuật. Lãnh đạo cấp cao hai Đảng, Chính phủ và các bộ, ban, ngành cũng gửi thư thăm hỏi và chia sẻ về tình hình dịch bệnh Covid -19 ở cả hai nước. Hai bên ủng hộ lẫn nhau trang thiết bị, vật tư y tế để phòng, chống dịch bệnh Covid - 19.",
            "Nhân dịp kỷ niệm “40 năm con đường cứu nước của Thủ tướng Hun Sen” và “50 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Campuchia (1967 - 2017)”, Thủ tướng Hun Sen đã sang thăm Việt Nam. Tại các cuộc gặp Thủ tướng Hun Sen đã bày tỏ lòng biết ơn vì sự hy sinh mà Việt Nam đã dành cho Campuchia và mong muốn “mối quan hệ đoàn kết, hữu nghị Việt Nam - Campuchia mãi mãi xanh tươi, đời đời bền vững”. Thủ tướng Chính phủ Nguyễn Xuân Phúc khẳng định: “Vận mệnh của hai dân tộc là không thể tách rời nhau, đó là một chân lý từ thực tiễn lịch sử của hai nước”.",
            "Hai bên cũng đã ký kết nhiều văn kiện hợp tác quan trọng giữa hai Chính phủ, giữa các Bộ, ban, ngành, tạo hành lang pháp lý thuận lợi thúc đẩy quan hệ hợp tác, góp phần tháo gỡ những khó khăn vướng mắc trong việc triển khai các thỏa thuận. Hai bên đã phối hợp tổ chức tốt các ngày lễ quan trọng của hai Đảng, hai nước như: Kỷ niệm ngày Chiến thắng chiến tranh bảo vệ biên giới Tây Nam và cùng quân dân Campuchia chiến thắng chế độ Khmer Đỏ diệt chủng; kỷ niệm về sự kiện “Con đường đánh đổ chế độ diệt chủng” của Thủ tướng Hun Sen; tuyên truyền về quan hệ Việt Nam - Campuchia nhân các ngày lễ quan trọng của hai Đảng, hai nước; Ban Chấp hành Trung ương, Lãnh đạo cấp cao hai Đảng, hai nước gửi điện mừng, điện thăm hỏi lẫn nhau nhân ngày thành lập Đảng, Tết cổ truyền, Quốc khánh.",
            "Hai bên đang tích cực chuẩn bị cho việc phối hợp tổ chức các hoạt động thiết thực, có ý nghĩa nhân dịp kỷ niệm 55 năm thiết lập quan hệ ngoại giao (24/6/1967 – 24/6/2022), góp phần tăng cường tuyên truyền tới nhân dân, nhất là thế hệ trẻ hai nước cùng trân trọng và giữ gìn quan hệ tốt đẹp giữa hai dân tộc.",
        ],
        {},
    ),
    (
        "2", "Về hợp tác quốc phòng, an ninh và đối ngoại tiếp tục được thúc đẩy, ngày càng chặt chẽ và có hiệu quả là trụ cột trong quan hệ giữa hai nước",
        [
            "Hai bên đã phối hợp chặt chẽ giữ vững ổn định chính trị, đảm bảo quốc phòng, an ninh ở mỗi nước; thực hiện tốt Nghị định thư về quốc phòng và Kế hoạch hợp tác hàng năm về quốc phòng, an ninh giữa hai Bộ Quốc phòng, giữa Bộ Công an Việt Nam với Bộ nội vụ Campuchia. Hai bên hợp tác xây dựng tuyến biên giới ổn định và phát triển bền vững; khẳng định nguyên tắc không cho phép bất cứ lực lượng nào dùng lãnh thổ của nước này để chống phá nước kia; phối hợp trao đổi đoàn các cấp; tăng cường chia sẻ kinh nghiệm chuyên môn, nghiệp vụ; tổ chức diễn tập cứu hộ cứu nạn ở khu vực biên giới; duy trì tuần tra chung trên biển, trên bộ; kịp thời phối hợp ngăn chặn và đấu tranh có hiệu quả các hoạt động chống phá của thế lực thù địch; phối hợp ngăn chặn các loại tội phạm xuyên quốc gia nhất là buôn bán ma túy; hợp tác chặt chẽ trong công tác tìm kiếm, cất bốc và hồi hương hài cốt liệt sỹ quân tình nguyện, chuyên gia Việt Nam hy sinh trong các thời kỳ chiến tranh tại Campuchia; phối hợp trung tu 23/25 Đài hữu nghị Việt Nam-Campuchia tại các tỉnh/thành của Campuchia.",
            "Hai bên tăng cường phối hợp trong các hoạt động đối ngoại quốc phòng, an ninh và ngoại giao tại các diễn đàn quốc tế và khu vực; thường xuyên thực hiện tham vấn chính trị, chia sẻ thông tin kịp thời và phối hợp chặt chẽ, hiệu quả, ủng hộ lẫn nhau tại các diễn đàn quốc tế và khu vực, nhất là trong khuôn khổ hợp tác của Hiệp hội các quốc gia Đông Nam Á (ASEAN), Liên hợp quốc và các cơ chế hợp tác Tiểu vùng Mê Công, góp phần giữ vững hòa bình, ổn định và hợp tác phát triển ở khu vực và trên thế giới.",
            "Về biên giới, hai nước đã hoàn thành phân giới cắm mốc khoảng 84% biên giới trên đất liền (1.045 km) với 2.048 cột mốc biên giới được cắm tại 1.554 vị trí, đồng thời ký 02 văn kiện pháp lý ngày 5/10/2018 ghi nhận thành quả phân giới cắm mốc đã đạt được<sup>1</sup> ghi nhận 84% thành quả phân giới, cắm mốc, do đó trên toàn tuyến chỉ còn khoảng 213km chưa phân giới. Ngày 22/12/2020 hai nước đã phối hợp tổ chức Lễ trao đổi văn kiện phê chuẩn theo hình thức trực tuyến để hai văn kiện pháp lý về biên giới chính thức có hiệu lực. Việc ký kết hai văn kiện pháp lý này có ý nghĩa to lớn, đặt nền tảng để hai bên duy trì ổn định, thúc đẩy phát triển kinh tế khu vực biên giới.",
        ],
        {1: "Hiệp ước bổ sung Hiệp ước hoạch định biên giới năm 1985 và Hiệp ước bổ sung năm 2022 giữa Chính phủ nước Cộng hòa XHCN Việt Nam và Vương quốc Campuchia; (ii) Nghị định thư PGCM biên giới trên đất liền giữa Cộng hòa XHCN Việt Nam và Vương quốc Campuchia, ghi nhận thành quả 84% công tác PGCM."},
    ),
    (
        "3", "Về hợp tác kinh tế, văn hóa, giáo dục khoa học - kỹ thuật có bước phát triển tích cực",
        [
            "Hai bên đã chủ động, tích cực, phối hợp triển khai các Hiệp định giữa hai Chính phủ và Thỏa thuận tại Kỳ họp Ủy ban Hỗn hợp Việt Nam - Campuchia; tăng cường công tác hướng dẫn, kiểm tra, đôn đốc, kịp thời trao đổi tháo gỡ khó khăn, vướng mắc để thúc đẩy hợp tác.",
            "Về hợp tác đầu tư, hiện Việt Nam có 188 dự án đầu tư sang Campuchia còn hiệu lực, với tổng số vốn đầu tư đăng ký khoảng 2,846 tỷ USD, đứng thứ 2 trong tổng số 78 quốc gia, vùng lãnh thổ mà Việt Nam có đầu tư ra nước ngoài. Hoạt động đầu tư của Việt Nam tại Campuchia đã có mặt ở 18/25 tỉnh/thành và hầu hết các lĩnh vực quan trọng như: lĩnh vực nông nghiệp (vốn đăng ký là 2,07 tỉ USD), viễn thông, ngân hàng, dịch vụ tài chính (vốn đăng ký là 369 triệu USD), công nghiệp chế biến chế tạo (vốn đăng ký 84,3 triệu USD), khai khoáng (vốn đăng ký là 58,5 triệu USD), hàng không, du lịch. Hiện có nhiều doanh nghiệp Việt Nam đang nỗ lực vượt qua mọi khó khăn, vươn lên đầu tư, làm ăn hiệu quả tại Campuchia như: Tập đoàn Viễn thông Viettel, Tập đoàn Công nghiệp Cao su Việt Nam (VRG), Tập đoàn Điện lực Việt Nam (EVN) Liên doanh Vinamilk khánh thành Nhà máy sữa Angkor... Các doanh nghiệp không chỉ đầu tư, kinh doanh hiệu quả, thực hiện nghiêm túc nghĩa vụ đóng thuế mà còn góp phần vào sự phát triển kinh tế - xã hội, nâng cao đời sống, đóng góp tích cực vào an sinh xã hội, tăng thu ngân sách, thúc đẩy phát triển hạ tầng và tạo việc làm cho hàng vạn lao động Campuchia. Sự thúc đẩy hợp tác song phương về kinh tế đã trở thành chất kết dính tình đoàn kết và hữu nghị của hai dân tộc Việt Nam và Campuchia ngày càng bền chặt.",
            "Hiện nay, Campuchia có 21 dự án đầu tư vào Việt Nam với tổng vốn đăng ký 64 triệu USD, đứng thứ 54 trong 132 quốc gia và vùng lãnh thổ đầu tư vào Việt Nam.",
            "Về thương mại, tổng kim ngạch thương mại hai chiều Việt Nam - Campuchia tiếp tục giữ được đà tăng trưởng tích cực, năm 2021 đạt 9,3 tỷ USD; tăng 84% so với cùng kỳ năm 2020, trong đó Việt Nam xuất sang Campuchia đạt 4,7 tỉ USD, nhập khẩu từ Campuchia đạt 4,6 tỉ USD. Tuy nhiên, điểm đáng chú ý là Campuchia vẫn giữ vững vị trí thị trường xuất khẩu lớn thứ 2 của Việt Nam trong khu vực ASEAN (sau Thái Lan).",
            "Hai bên đã ký Bản Thỏa thuận thúc đẩy thương mại song phương Việt Nam - Campuchia giai đoạn 2019-2020; Biên bản ghi nhớ về phát triển và kết nối hạ tầng thương mại biên giới Việt Nam - Campuchia; Biên bản ghi nhớ về hợp tác trong lĩnh vực Xúc tiến thương mại, Chợ kiều mậu biên giới tại xã Đa, huyện Memot, tỉnh Tbong Khmum, Campuchia được khánh thành và bàn giao vào ngày 24/12/2019. Hai bên đã nhất trí về các nội dung Hiệp định Thương mại biên giới Việt Nam - Campuchia. Thời gian qua, Việt Nam và Campuchia cũng dành những ưu đãi về thuế xuất - nhập khẩu cho các loại hàng hóa của doanh nghiệp hai bên<sup>2</sup>.",
            "Hoạt động hợp tác thương mại giữa Việt Nam và Campuchia được xúc tiến tích cực bằng nhiều hoạt động của diễn đàn doanh nghiệp, hội chợ triển lãm hàng không Việt Nam tại Campuchia, mở khu kinh tế cửa khẩu; xây dựng hành lang pháp lý, kết cấu hạ tầng phục vụ thương mại ngày càng gia tăng giữa hai bên.",
            "Hợp tác về năng lượng, hiện Tập đoàn Điện lực Việt Nam (EVN) đã bán điện cho Campuchia qua đường dây 220kV Châu Đốc - Tà Keo trong năm 2018 là 0,73 tỷ kWh và năm 2019 là 1,31 tỷ kWh; qua cáp điện áp 35kWh, 22kV (lưới điện trung áp qua 17 cửa khẩu biên giới) trong năm 2018 đạt 358 triệu kWh và đến hết năm 2019 là 466 triệu kWh. Năm 2021, sản lượng điện bán cho Campuchia khoảng 923 triệu kWh. Hai bên đã ký kết Biên bản ghi nhớ về hợp tác trong lĩnh vực điện với Bộ Mỏ và Năng lượng Campuchia, trong đó Việt Nam nâng công suất bán điện thêm 50MW cho Campuchia qua cáp điện áp 220 kV.",
            "Hợp tác giao thông vận tải, hiện hai bên tích cực thúc đẩy kết nối giao thông giữa hai nước. Hai bên đã ký Biên bản ghi nhớ về Chiến lược hợp tác giao thông vận tải giai đoạn 2018-2025, tầm nhìn 2030; Hiệp định vận tải đường bộ giữa Chính phủ hai nước; Hiệp định vận tải thủy Việt Nam - Campuchia; mở đường bay từ Phnôm Pênh, Sihanouville, Siêm Riệp đến Hà Nội, Đà Nẵng, TPHCM; Thỏa thuận về địa điểm nối ray đường sắt giữa TPHCM đến Phnôm Pênh.",
            "Về nông nghiệp, hiện nay, Việt Nam đang hỗ trợ Campuchia đào tạo nguồn nhân lực, chuyển giao các tiến bộ khoa học kỹ thuật trong trồng trọt, chăn nuôi, nuôi trồng thủy sản. Hai bên phối hợp chặt chẽ trong công tác kiểm dịch động thực vật, bảo vệ rừng, chống khai thác, vận chuyển buôn bán gỗ, động vật hoang dã trái phép qua khu vực biên giới hai nước, góp phần quản lý rừng bền vững và bảo tồn đa dạng sinh học. Về thủy sản, hai bên thường xuyên trao đổi nhằm ngăn chặn, giải quyết tình hình tàu cá của hai nước vi phạm vùng biển của nhau; tăng cường hợp tác về: Quản lý tàu cá và giám sát tàu cá; nuôi trồng và bảo vệ nguồn lợi thủy sản; kiểm soát chất lượng sản phẩm thủy sản.",
            "Về hợp tác trồng cây cao su tại Campuchia, hiện Tập đoàn Công nghiệp Cao su Việt Nam, Công ty Cổ phần Hoàng Anh Gia Lai, một số doanh nghiệp Quân đội và doanh nghiệp tư nhân Việt Nam đã và đang triển khai các dự án trồng cây cao su tại Campuchia. Trong đó, Tập đoàn Công nghiệp Cao su Việt Nam đã thành lập 16 công ty con thực hiện 20 dự án trên địa bàn 7 tỉnh của Campuchia, diện tích cao su đang khai thác đạt 87.892 ha (trong tổng số đã đăng ký là 120.291 ha). Hiện tại, Tập đoàn đã đầu tư 03 nhà máy chế biến với tổng công suất là 41.000 tấn/năm (tại tỉnh Kampong Thom, Rattanakiri).",
            "Về hợp tác giáo dục, đào tạo và phát triển nguồn nhân lực là lĩnh vực được hai bên quan tâm, hàng năm ta dành cho Campuchia hàng trăm suất học bổng đào tạo dài hạn và ngắn hạn và Campuchia dành cho ta 35 suất học bổng. Ngoài ra, hai bên đang tăng cường hợp tác trong lĩnh vực dạy nghề thông qua việc tổ chức các hoạt động phát triển nguồn nhân lực. Hiện ta đang triển khai Dự án thành lập Trung tâm Việt Nam học tại Đại học Hoàng gia Phnôm Pênh.",
        ],
        {2: "Việt Nam hưởng thuế xuất nhập khẩu 0% áp dụng đối với 26 mặt hàng khi nhập khẩu vào thị trường Campuchia. Đây là những ưu đãi đặc biệt mà Campuchia chỉ dành cho Việt Nam. Ngược lại, Việt Nam cũng dành ưu đãi đặc biệt thuế suất nhập khẩu 0% cho 32 mặt hàng của Campuchia, phần lớn là nông sản. Điều này giúp các doanh nghiệp xuất khẩu của Việt Nam có nguồn nguyên liệu để thực hiện các hợp đồng xuất khẩu sang các nước khác."},
    ),
    (
        "4", "Quan hệ hợp tác, giúp đỡ lẫn nhau giữa các ban, bộ, ngành, cơ quan của Quốc hội, Mặt trận, các đoàn thể, địa phương tiếp tục được đẩy mạnh và đi vào thực chất hơn",
        [
            "Hai bên trao đổi các đoàn, trao đổi kinh nghiệm, giúp đỡ, hỗ trợ lẫn nhau, đặc biệt là các địa phương có chung đường biên giới, tiếp tục mở rộng xây dựng kết cấu hạ tầng, chăm sóc y tế, đào tạo phát triển nguồn nhân lực, bảo đảm an ninh, trật tự, an toàn tại các khu vực biên giới hai nước.",
            "Hoạt động đối ngoại nhân dân được quan tâm thúc đẩy, hai bên đã tổ chức nhiều hoạt động trao đổi đoàn, trao đổi kinh nghiệm, giao lưu văn hóa, văn nghệ, thể dục thể thao, góp phần tăng cường hiểu biết lẫn nhau giữa nhân dân hai nước, đặc biệt là các tỉnh có chung đường biên giới, thúc đẩy quan hệ hai nước ngày càng phát triển đi vào chiều sâu, thiết thực và hiệu quả./.",
        ],
        {},
    ),
]

LAOS_APPENDIX_INTRO = "Trong giai đoạn 2017-2022, dưới sự chỉ đạo của hai Đảng, hai Nhà nước, các ban của Đảng, bộ, ngành của Chính phủ, các cơ quan của Quốc hội, Mặt trận Tổ quốc, các đoàn thể chính trị, địa phương, doanh nghiệp hai nước đã chủ động phối hợp và tích cực triển khai thực hiện có hiệu quả các thỏa thuận, hiệp định, kế hoạch, chương trình hợp tác giữa hai bên và đạt được những kết quả thiết thực trên tất cả các lĩnh vực, góp phần quan trọng vào việc giữ vững ổn định chính trị, phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh ở mỗi nước; tiếp tục củng cố và tăng cường quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện Việt Nam - Lào, đồng thời nâng cao vị thế, uy tín của hai Đảng, hai nước trên trường quốc tế, đóng góp tích cực cho hòa bình, ổn định, hợp tác và phát triển của khu vực và thế giới. Kết quả cụ thể như sau:"
LAOS_APPENDIX_SECTIONS = [
    (
        "1", "Quan hệ chính trị tiếp tục được tăng cường và ngày càng đi vào chiều sâu, giữ vai trò nòng cốt, định hướng tổng thể trong quan hệ hai nước.",
        [
            "Hai bên luôn khẳng định quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện Việt Nam - Lào là mẫu mực, thủy chung, trong sáng hiếm có, là quy luật phát triển, nhân tố quyết định thắng lợi của cách mạng mỗi nước, là tài sản chung vô giá của hai Đảng, hai dân tộc, cần được giữ gìn, bảo vệ, vun đắp và truyền tiếp cho các thế hệ mai sau.",
            "Hai bên đã phát huy những cơ chế hợp tác sẵn có, đồng thời triển khai những cơ chế hợp tác mới; phối hợp chặt chẽ trong các vấn đề chiến lược; thường xuyên trao đổi các đoàn cấp cao và các cấp dưới nhiều hình thức, góp phần làm sâu sắc hơn mối quan hệ đặc biệt Việt Nam - Lào, nổi bật có các chuyến thăm Lào của Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội Việt Nam và các chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội Lào. Bên cạnh đó, chuyến thăm của các đồng chí Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng của hai bên...; ký kết nhiều văn kiện hợp tác quan trọng giữa hai Đảng, hai Chính phủ, tạo hành lang pháp lý thuận lợi thúc đẩy quan hệ hợp tác; tập trung triển khai thực hiện tốt các thỏa thuận và Tuyên bố chung được ký kết giữa lãnh đạo cấp cao hai Đảng, hai Nhà nước, góp phần kịp thời tháo gỡ khó khăn, vướng mắc trong việc thực hiện các thỏa thuận.",
            "Các ban của Đảng, bộ, ngành của Chính phủ, các cơ quan của Quốc hội, Mặt trận, đoàn thể và địa phương hai nước đều ký kết và tích cực triển khai các thỏa thuận, chương trình hợp tác song phương và thường xuyên có các chuyến thăm lẫn nhau; chia sẻ kinh nghiệm về công tác xây dựng Đảng, xây dựng hệ thống chính trị, quản lý nhà nước, phát triển kinh tế - xã hội và hội nhập quốc tế cũng như các lĩnh vực chuyên môn khác mà hai bên cùng quan tâm. Đặc biệt, liên quan đến các vấn đề lý luận, thực tiễn và chia sẻ kinh nghiệm về công cuộc đổi mới phát triển đất nước, từ năm 2017 đến nay, hai bên đã phối hợp tổ chức 5 cuộc hội thảo lý luận với các chủ đề: Hội nhập quốc tế: Kinh nghiệm của Việt Nam, kinh nghiệm của Lào: Phát triển nhanh, bền vững; Công tác tư tưởng trong điều kiện hiện nay: Thực trạng, vấn đề đặt ra và giải pháp; Công tác xây dựng Đảng và hệ thống chính trị trong tình hình mới; Những vấn đề lý luận - thực tiễn mới trong văn kiện Đại hội XIII Đảng Cộng sản Việt Nam và Đại hội XI Đảng Nhân dân Cách mạng Lào...",
            "Trong 5 năm qua, hai bên đã phối hợp tổ chức nhiều sự kiện quan trọng trong quan hệ hai Đảng, hai Nhà nước với nhiều hoạt động phong phú, sâu rộng, có ý nghĩa thiết thực, có sức lan tỏa rộng khắp đến các tầng lớp nhân dân và các bộ, ban, ngành, địa phương; đặc biệt là việc tổ chức thành công các hoạt động kỷ niệm 55 năm Ngày thiết lập quan hệ ngoại giao và 40 năm Ngày ký kết Hiệp ước hữu nghị và hợp tác Việt Nam - Lào (năm 2017). Nhân các ngày lễ quan trọng, lãnh đạo cấp cao của hai Đảng, hai Nhà nước đều gửi thư, điện chúc mừng, thăm hỏi lẫn nhau.",
            "Hai bên luôn phối hợp tuyên truyền sâu rộng về mối quan hệ đoàn kết đặc biệt Việt Nam - Lào, nhất là trong thế hệ trẻ, nhân các sự kiện trọng đại trong quan hệ giữa hai nước; triển khai xây dựng một số công trình và tôn tạo các di tích lịch sử quan hệ Việt Nam - Lào ở mỗi nước.",
            "Hoàn thành Công trình Nhà Quốc hội Lào, Tượng đài Tình đoàn kết liên minh chiến đấu Lào - Việt Nam tại tỉnh Xaisomboun; khánh thành Khu di tích lịch sử cách mạng Chủ tịch Cay-xôn Phôm-vi-hản tại khu di tích Lao Khô thuộc tỉnh Sơn La (năm 2017); Dự án biên dịch các bộ sách kinh điển Mác - Ăng-ghen, Lê-nin và Hồ Chí Minh Toàn tập sang tiếng Lào và bộ phim tài liệu Chủ tịch Cay-xôn Phôm-vi-hản, Chủ tịch Xu-pha-nu-vông; tặng thưởng huân chương, huy chương cho các tập thể và cá nhân có thành tích xuất sắc trong việc góp phần thúc đẩy và tăng cường quan hệ đoàn kết đặc biệt Việt Nam - Lào.",
            "Về phối hợp phòng, chống dịch Covid-19: Hai bên đã thể hiện sự chia sẻ, giúp đỡ nhau trong năm 2021: Đảng, Nhà nước Việt Nam đã hai lần hỗ trợ Đảng, Nhà nước Lào ứng phó với dịch Covid-19 số tiền mặt 2.650.000 USD cùng trang thiết bị y tế trị giá hơn 2 triệu USD; tặng BẠN LÀO 1 triệu liều vắc-xin; cử các đoàn chuyên gia y tế và quân y sang hỗ trợ Lào chống dịch được BẠN đánh giá cao. Đảng, Nhà nước Lào và các doanh nghiệp của Lào đã hỗ trợ Việt Nam 1,7 triệu USD (trong đó doanh nghiệp là 1,4 triệu USD). Hai bên phối hợp chặt chẽ, hỗ trợ, tạo điều kiện cho người dân hai nước, lưu học sinh xuất nhập cảnh, cách ly, sinh sống và học tập bình thường.",
            "Trong năm 2021 và những tháng đầu năm 2022, dù bối cảnh dịch bệnh COVID-19 còn diễn biến phức tạp, nhưng hai bên đã phối hợp tổ chức thành công Đại hội đại biểu toàn quốc của mỗi Đảng và bầu cử đại biểu Quốc hội ở mỗi nước trong năm 2021; duy trì các chuyến thăm, các cuộc điện đàm và tiếp xúc cấp cao bằng nhiều hình thức linh hoạt, nổi bật là chuyến thăm hữu nghị chính thức Việt Nam của Tổng Bí thư, Chủ tịch nước Lào Thoong-lun Xi-xu-lít (tháng 6/2021), Chủ tịch Quốc hội Lào Xay-xôm-phon Phôm-vi-han thăm chính thức Việt Nam (tháng 12/2021), Thủ tướng Chính phủ Lào Phăn-khăm Vị-pha-văn thăm chính thức Việt Nam và khai mạc Năm Đoàn kết hữu nghị Việt Nam – Lào (tháng 01/2022), Chủ tịch nước Nguyễn Xuân Phúc thăm hữu nghị chính thức Lào (tháng 8/2021), Chủ tịch Quốc hội Vương Đình Huệ thăm chính thức Lào (tháng 5/2022) đã tiếp tục khẳng định tình đoàn kết, gắn bó, tin cậy, thủy chung, trong sáng, trước sau như một giữa hai Đảng, hai Nhà nước và Nhân dân hai nước; thể hiện chính sách đối ngoại nhất quán của cả hai nước là đặc biệt coi trọng và dành ưu tiên cao nhất cho việc giữ gìn, không ngừng củng cố và phát triển quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện Việt Nam - Lào. Hai bên cũng duy trì các cơ chế hợp tác song phương quan trọng, trong đó có các Kỳ họp của Ủy ban liên Chính phủ Việt Nam - Lào. Hai nước đã phối hợp với Campuchia tổ chức thành công cuộc gặp giữa ba đồng chí đứng đầu ba Đảng Việt Nam - Lào - Campuchia (tháng 9/2021), đây là cuộc gặp lịch sử có ý nghĩa quan trọng đối với quan hệ ba Đảng, ba nước kể từ năm 1990 đến nay.",
            "Về đối ngoại, hai bên thiết lập và triển khai thực hiện có hiệu quả các cơ chế tham vấn thường niên cấp Trưởng Ban Đối ngoại Trung ương và Bộ trưởng Bộ Ngoại giao; tăng cường trao đổi thông tin về tình hình thế giới và khu vực mà hai bên cùng quan tâm; phối hợp chặt chẽ, hiệu quả trong các hoạt động tại các diễn đàn đa phương, như Liên hợp quốc, Hiệp hội các quốc gia Đông Nam Á (ASEAN), Diễn đàn hợp tác Á - Âu (ASEM), Khu vực Tam giác phát triển Campuchia - Lào - Việt Nam (CLV), Hợp tác Campuchia - Lào - Myanmar - Việt Nam (CLMV), Tổ chức Chiến lược hợp tác kinh tế Ayeyarwady - Chao Phraya - Mekong (ACMECS) và các cơ chế hợp tác Tiểu vùng Mekong, góp phần nâng cao uy tín và vị thế của mỗi nước.",
        ],
        {},
    ),
    (
        "2", "Hợp tác quốc phòng - an ninh tiếp tục được coi là trụ cột trong quan hệ giữa hai nước",
        [
            "Hai bên luôn phối hợp chặt chẽ và hỗ trợ lẫn nhau nhằm bảo đảm ổn định chính trị, an ninh và trật tự, an toàn xã hội ở mỗi nước; thực hiện tốt Nghị định thư hợp tác 05 năm và Kế hoạch hợp tác giữa Bộ Quốc phòng và Bộ Công an hai nước. Hai bên đã hoàn thành Dự án tăng dày và tôn tạo hệ thống mốc quốc giới Việt Nam - Lào<sup>1</sup>; ký 02 văn kiện pháp lý quan trọng năm 2016 là “Nghị định thư về đường biên giới và mốc giới Việt Nam - Lào” và “Hiệp định về quy chế quản lý biên giới và cửa khẩu biên giới trên đất liền Việt Nam - Lào”; nâng cấp một số cửa khẩu chính lên cửa khẩu quốc tế<sup>2</sup>; duy trì cơ chế Cuộc họp thường niên giữa hai Trưởng đoàn đại biểu biên giới Việt Nam - Lào; cơ bản hoàn thành Thỏa thuận cấp cao Chính phủ về giải quyết vấn đề người di cư tự do và kết hôn không giá thú trong khu vực biên giới hai nước<sup>3</sup>.",
            "Hai bên tiếp tục duy trì trao đổi thông tin, hợp tác chặt chẽ nhằm bảo đảm an ninh, xây dựng tuyến biên giới Việt Nam - Lào ổn định, phát triển toàn diện; tổ chức giao lưu hữu nghị quốc phòng biên giới lần thứ nhất; khẳng định nguyên tắc không cho phép bất kỳ lực lượng nào dùng lãnh thổ của nước này để chống nước kia; tăng cường tổ chức tuần tra chung, tìm kiếm cứu nạn, kiểm tra giám sát tại các cửa khẩu; trao đổi kinh nghiệm trong công tác xây dựng lực lượng quân đội hai nước; phòng, chống tội phạm xuyên quốc gia; ngăn chặn và xử lý khai thác tài nguyên thiên nhiên trái phép, buôn lậu, vận chuyển ma túy và những vấn đề tiêu cực khác nảy sinh tại khu vực biên giới hai nước. Hai bên cũng phối hợp chặt chẽ trong công tác phòng, chống dịch bệnh COVID-19; tiếp tục củng cố và phát huy vai trò của các cụm, bàn; phối hợp, tu bổ các tượng đài biểu tượng của tình đoàn kết hữu nghị và liên minh chiến đấu Việt Nam - Lào tại Lào; phối hợp tìm kiếm và quy tập hài cốt chiến sĩ, quân tình nguyện Việt Nam hy sinh tại Lào<sup>4</sup>.",
        ],
        {
            1: "Hai bên đã tôn tạo, cắm mới 905 vị trí, tương đương 1.002 cột mốc và cột dấu, trong đó cắm bổ sung 168 cọc dấu; đã xác định tổng chiều dài đường biên giới Việt Nam - Lào là 2.337,45 km.",
            2: "Cửa khẩu Đắc-ta-ooc (Xê-công) - Nam Giang (Quảng Nam): dự kiến sắp tới sẽ nâng cấp cửa khẩu Lóng Sập (Sơn La) - Pa Háng (Huế-phản) lên thành cửa khẩu quốc tế.",
            3: "Phía Lào đã cấp quốc tịch cho 1.964 người/ 6.571 người, chỉ đạt 30,2%: Việt Nam đã cấp quốc tịch cho 1.439 người/1.836 người.",
            4: "Từ năm 2016 đến 2020, đã cất bốc được 1.500 bộ hài cốt và đã hồi hương được 1.517 bộ hài cốt.",
        },
    ),
    (
        "3", "Hợp tác kinh tế, văn hóa, y tế và khoa học - kỹ thuật đã có chuyển biến tích cực.",
        [
            "Việt Nam và Lào tích cực triển khai các hiệp định giữa hai Chính phủ và thỏa thuận tại các kỳ họp của Ủy ban liên Chính phủ; tích cực triển khai Thỏa thuận về Chiến lược hợp tác kinh tế, văn hóa, giáo dục, khoa học - kỹ thuật Việt Nam - Lào; tăng cường công tác hướng dẫn, kiểm tra, đôn đốc, chủ động tháo gỡ những khó khăn, vướng mắc, tiếp tục ký kết nhiều văn kiện hợp tác, tạo hành lang pháp lý đồng bộ để thúc đẩy hợp tác giữa hai nước.",
            "Về đầu tư, tính đến nay, Việt Nam có 214 dự án đầu tư sang Lào còn hiệu lực, với tổng vốn đầu tư đăng ký khoảng 5,33 tỷ USD<sup>5</sup>, tiếp tục duy trì vị trí thứ 3 trong số các nước có hoạt động đầu tư tại Lào (sau Trung Quốc, Thái Lan). Một số dự án đã đi vào hoạt động đạt hiệu quả tốt, đã có doanh thu, thực hiện các nghĩa vụ tài chính với các cơ quan nhà nước Lào và tạo ra việc làm ổn định cho hàng vạn lao động của Lào. Từ năm 2017 đến năm 2021, hai bên tích cực triển khai và đưa vào sử dụng nhiều công trình, dự án sử dụng nguồn vốn viện trợ, trong đó có dự án trọng điểm như Bệnh viện Hữu nghị tại tỉnh Huế-phản và tỉnh Xiêng-khoảng của Lào. Đặc biệt, hai bên hoàn thành dự án công trình Nhà Quốc hội mới của Lào. Đây là món quà của Đảng, Nhà nước, nhân dân Việt Nam dành tặng Đảng, Nhà nước và nhân dân Lào, là biểu tượng của mối quan hệ đặc biệt Việt Nam - Lào.",
            "Về thương mại, hai bên tiếp tục thúc đẩy, đàm phán và ký kết nhiều văn bản quan trọng, góp phần hoàn thiện khuôn khổ pháp lý về thương mại (Hiệp định thương mại song phương mới, Hiệp định thương mại biên giới, Nghị định thư sửa đổi Hiệp định quá cảnh hàng hóa Việt Nam - Lào, Đề án phát triển thương mại biên giới Việt Nam - Lào...); chủ động, tích cực triển khai các văn kiện đã ký kết và cơ chế “một cửa, một lần dùng” tại cặp cửa khẩu quốc tế Lao Bảo - Đen-xa-vắn, tăng cường các biện pháp xúc tiến thương mại.",
            "Giai đoạn 2016-2020, kim ngạch thương mại Việt Nam - Lào đã có những bước phát triển đáng kể, tốc độ tăng bình quân 4%/năm. Kim ngạch thương mại Việt Nam - Lào năm 2021 đạt trên 1,37 tỷ USD (tăng khoảng 33,3% so với năm 2020). Giai đoạn 2021-2025, hai nước phấn đấu tăng kim ngạch thương mại hai nước mỗi năm tăng 10%.",
            "Trong 4 tháng đầu năm 2022, kim ngạch thương mại hai nước đạt 558,2 triệu USD (tăng 20,2% so với cùng kỳ năm 2021). Trong đó xuất khẩu của Việt Nam sang Lào đạt 192,2 triệu USD, tăng 11,8% và nhập khẩu của Việt Nam từ Lào đạt 366 triệu USD, tăng 48,5% so với cùng kỳ năm 2021.",
            "Về giao thông vận tải, hai bên tiếp tục tập trung thực hiện Bản ghi nhớ giữa hai Chính phủ về Chiến lược hợp tác trong lĩnh vực giao thông vận tải giai đoạn 2016 - 2025, tầm nhìn đến năm 2030. Theo đó, hai bên phối hợp nghiên cứu, thúc đẩy tìm kiếm nguồn vốn triển khai các dự án trọng điểm; triển khai Hiệp định hợp tác và đầu tư phát triển cụm bến cảng 1, 2, 3 tại cảng Vũng Áng; cơ bản hoàn thành dự án xây dựng sân bay Nông-khạng tại tỉnh Hủa-phăn. Hai bên ký kết Thỏa thuận về xây dựng và khai thác tuyến đường sắt Vũng Áng - Viêng Chăn; phối hợp đề nghị với Nhật Bản xem xét triển khai thực hiện dự án tuyến đường bộ cao tốc Hà Nội - Viêng Chăn; đẩy mạnh hợp tác trong lĩnh vực đào tạo, phát triển nguồn nhân lực chất lượng cao về giao thông vận tải.",
            "Về lĩnh vực năng lượng điện, hai bên đã ký kết Biên bản ghi nhớ về phát triển các dự án thủy điện tại Lào và mua bán điện giữa hai nước đến năm 2030 và Hiệp định về hợp tác phát triển các công trình năng lượng điện và mỏ; ký kết Bản ghi nhớ về hợp tác mua bán điện từ các công trình điện gió...",
            "Về nông lâm và phát triển nông thôn, hai Bên đã thống nhất coi hợp tác trong lĩnh vực này là rất quan trọng, theo đó đã tăng cường trao đổi chuyển giao công nghệ, kỹ thuật và xây dựng mô hình phát triển nông nghiệp, nông thôn giảm nghèo, nâng cao năng lực thế chế, chính sách trong quản lý sản xuất nông lâm nghiệp, thủy sản và thủy lợi. Hai Bên tiếp tục hỗ trợ có hiệu quả cho phát triển nông thôn vùng trọng điểm tại các tỉnh: Xiêng-khoảng, Hủa-phăn, Xay-xombok; hoàn thành xây dựng các trung tâm dịch vụ kĩ thuật nông nghiệp; thống nhất xây dựng một số dự án thủy lợi. Hai bên đã phối hợp thực hiện tốt việc quản lý và bảo vệ rừng và tài nguyên thiên nhiên, ngăn chặn việc buôn bán-vận chuyển gỗ trái phép và lâm sản - thú rừng xuyên biên giới.",
            "Về lĩnh vực y tế, công tác khám, chữa bệnh cho cán bộ và nhân dân Lào tại Việt Nam, nhất là tại các tỉnh có chung đường biên giới và công tác phối hợp khám, chữa bệnh từ xa tiếp tục được quan tâm thúc đẩy; Việt Nam luôn tạo điều kiện giúp Lào đào tạo cán bộ y tế; phối hợp chặt chẽ trong công tác phòng, chống dịch bệnh COVID-19.",
        ],
        {5: "Phía Lào ghi nhận đã có 4,4 tỷ USD đăng ký đầu tư vào Lào (chưa tính phần vốn tăng thêm)."},
    ),
    (
        "4", "Hợp tác về giáo dục - đào tạo, phát triển nguồn nhân lực",
        [
            "Việc triển khai Đề án nâng cao chất lượng và hiệu quả hợp tác Việt Nam - Lào trong lĩnh vực giáo dục và phát triển nguồn nhân lực giai đoạn 2011 - 2020 đã tạo ra sự thay đổi tích cực đối với công tác đào tạo nguồn nhân lực của Lào, trong đó điểm nhấn là việc triển khai xây dựng, sửa đổi các cơ chế, chính sách nhằm nâng cao công tác quản lý, tiếp nhận, đào tạo du học sinh Lào, điều chỉnh các chế độ học phí, sinh hoạt phí, tạo điều kiện cho công tác đào tạo ngày càng hiệu quả, tạo sự chuyển biến rõ rệt về số lượng và chất lượng. Hai bên phối hợp đẩy mạnh phong trào học tiếng Việt tại các cơ sở đào tạo và các cơ quan của Lào; hoàn thành biên soạn và bàn giao chương trình tiếng Việt (thực hiện thí điểm) từ lớp 1 đến lớp 12 để giảng dạy tại các trường trung học có nhu cầu và có đủ điều kiện tại Lào; biên soạn sách giáo khoa tiếng Việt cho học sinh Lào; thí điểm dạy song ngữ Việt - Lào trong Trường song ngữ Nguyễn Du, xây dựng từ điển Việt - Lào. Bên cạnh đó, hai bên cũng thúc đẩy triển khai các dự án sửa chữa, nâng cấp, xây dựng mới trường học, tạo điều kiện thuận lợi cho việc tổ chức công tác dạy và học của học sinh, sinh viên; đào tạo bồi dưỡng giáo viên, cán bộ tại Lào. Cuối năm 2020, hai bên đã ký kết Đề án nâng cao chất lượng và hiệu quả hợp tác Việt Nam - Lào trong lĩnh vực giáo dục và phát triển nguồn nhân lực giai đoạn 2021 - 2030, theo đó mỗi năm Việt Nam dành cho Lào hơn 1000 suất học bổng đào tạo và bồi dưỡng và Lào dành cho Việt Nam 60 suất học bổng.",
            "Hai bên đã thúc đẩy hợp tác trong lĩnh vực dạy nghề thông qua cung cấp các trang thiết bị phục vụ cho việc dạy nghề của Lào; triển khai hợp tác hiệu quả trong tập huấn tay nghề cho các thí sinh Lào tham dự Hội thi tay nghề ASEAN hàng năm.",
        ],
        {},
    ),
    (
        "5", "Quan hệ hợp tác, giúp đỡ lẫn nhau giữa các ban, bộ, ngành, cơ quan của Quốc hội, Mặt trận, các đoàn thể, các địa phương",
        [
            "Trong các chuyến thăm lẫn nhau, hai bên trao đổi kinh nghiệm về công tác xây dựng Đảng, phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh; giúp đỡ lẫn nhau giữa các địa phương, nhất là các địa phương có chung đường biên giới trong việc xây dựng kết cấu hạ tầng, chăm sóc y tế, đào tạo phát triển nguồn nhân lực, xóa nghèo, bảo đảm an ninh, trật tự, an toàn tại các khu vực biên giới hai nước.",
            "Hoạt động đối ngoại nhân dân được hai nước hai nước hết sức quan tâm trong đó Mặt trận Tổ quốc, các đoàn thể, tổ chức chính trị xã hội của hai nước thường xuyên tổ chức các chuyến thăm, trao đổi kinh nghiệm, tổ chức các hoạt động giao lưu văn hóa, văn nghệ, thể dục thể thao. Qua đó góp phần tăng cường sự hiểu biết lẫn nhau giữa nhân dân hai nước, thúc đẩy quan hệ Việt Nam - Lào ngày càng phát triển đi vào chiều sâu./.",
        ],
        {},
    ),
]

# (code, title, subtitle, description paragraphs, theme codes, source, sections)
DA_LAT_REFERENCES = [
    (
        "phu-luc-quan-he-viet-nam-campuchia-2017-2022",
        "Phụ lục: Tình hình và kết quả quan hệ Việt Nam - Campuchia (giai đoạn 2017-2022)",
        "Phụ lục kèm theo Kế hoạch",
        [CAMBODIA_APPENDIX_INTRO],
        ["1.1"],
        f"{DA_LAT_REF}, Phụ lục; chú thích 1",
        CAMBODIA_APPENDIX_SECTIONS,
    ),
    (
        "phu-luc-quan-he-viet-nam-lao-2017-2022",
        "Phụ lục: Tình hình và quan hệ hợp tác Việt Nam-Lào giai đoạn 2017-2022",
        "Phụ lục kèm theo Kế hoạch",
        [LAOS_APPENDIX_INTRO],
        ["2.1"],
        f"{DA_LAT_REF}, Phụ lục; chú thích 2",
        LAOS_APPENDIX_SECTIONS,
    ),
    (
        "sach-quan-he-huu-nghi-viet-nam-campuchia-1930-2017",
        "Quan hệ hữu nghị Việt Nam - Campuchia (1930 - 2017)",
        "Sách",
        [
            "Sách “Quan hệ hữu nghị Việt Nam - Campuchia (1930 - 2017)” do Ban Tuyên giáo Trung ương, "
            "Nxb. Chính trị quốc gia Sự thật phát hành năm 2017. Kế hoạch không ghi tên tác giả.",
            "Nội dung: như tên sách cho biết, quan hệ hữu nghị Việt Nam - Campuchia từ năm 1930 đến năm 2017. "
            "Kế hoạch (chú thích 1) đề nghị tham khảo sách này khi tuyên truyền nội dung 1.1 "
            "“Tuyên truyền về lịch sử quan hệ Việt Nam - Campuchia và các thành tựu hợp tác của hai nước trong "
            "giai đoạn hiện nay”, cùng với phụ lục Tình hình và kết quả quan hệ hợp tác Việt Nam - Campuchia "
            "giai đoạn 2017 - 2022.",
        ],
        ["1.1"],
        f"{DA_LAT_REF}, chú thích 1",
        [],
    ),
    (
        "sach-quan-he-dac-biet-viet-nam-lao-1930-2017",
        "Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017)",
        "Sách",
        [
            "Sách “Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017)” do Ban Tuyên giáo Trung ương, "
            "Nxb. Chính trị quốc gia Sự thật phát hành năm 2017. Kế hoạch không ghi tên tác giả.",
            "Nội dung: như tên sách cho biết, quan hệ đặc biệt Việt Nam - Lào từ năm 1930 đến năm 2017. "
            "Kế hoạch (chú thích 2) đề nghị tham khảo sách này khi tuyên truyền nội dung 2.1 "
            "“Tuyên truyền về lịch sử quan hệ đặc biệt Việt Nam - Lào và các thành tựu hợp tác của hai nước "
            "trong giai đoạn hiện nay”, cùng với phụ lục Tình hình và kết quả quan hệ hợp tác Việt Nam - Lào "
            "giai đoạn 2017 - 2022.",
        ],
        ["2.1"],
        f"{DA_LAT_REF}, chú thích 2",
        [],
    ),
]

# What footnotes 1 and 2 say of the two books; they name no author.
BOOK_DETAILS = {
    "sach-quan-he-huu-nghi-viet-nam-campuchia-1930-2017": {
        "authors": "", "publisher": "Ban Tuyên giáo Trung ương; Nxb. Chính trị quốc gia Sự thật", "year": 2017,
    },
    "sach-quan-he-dac-biet-viet-nam-lao-1930-2017": {
        "authors": "", "publisher": "Ban Tuyên giáo Trung ương; Nxb. Chính trị quốc gia Sự thật", "year": 2017,
    },
}

DA_LAT_MEASURES = [
    ("so-bai-viet", "Số tin, bài viết", "tin, bài"),
    ("so-hoat-dong", "Số hoạt động, sự kiện", "hoạt động"),
    ("so-nguoi-tham-gia", "Số lượt người tham gia", "lượt người"),
    ("so-pano", "Số pa-nô, áp phích, băng rôn", "sản phẩm"),
    ("so-luot-du-thi", "Số lượt dự thi trực tuyến", "lượt"),
]

# Reporting periods: (label, starts_on, ends_on, due_on, is_final). The source
# gives no dates: a unit's own plan is due at the end of June, the peak months
# (07-09/2022) are reported by the 5th of the next month, the final report by 15/12/2022.
UNIT_PLAN = ("Kế hoạch của đơn vị", date(2022, 6, 9), date(2022, 6, 30), date(2022, 6, 30), False)
PEAK_MONTHS = [
    ("Tháng 7/2022", date(2022, 7, 1), date(2022, 7, 31), date(2022, 8, 5), False),
    ("Tháng 8/2022", date(2022, 8, 1), date(2022, 8, 31), date(2022, 9, 5), False),
    ("Tháng 9/2022", date(2022, 9, 1), date(2022, 9, 30), date(2022, 10, 5), False),
]
FINAL_2022 = ("Báo cáo tổng kết", date(2022, 1, 1), date(2022, 12, 15), date(2022, 12, 15), True)

DA_LAT_GROUPS = {
    # group code: (its heading, the units; a group unit (Nhóm đơn vị) stands for its children)
    "IV.1": ("Các tổ chức cơ sở Đảng trực thuộc Thành ủy", ["tccs-dang-da-lat"]),
    "IV.2": ("Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội thành phố", ["mttq-da-lat", "doan-the-da-lat"]),
    "IV.3": ("Ban Tuyên giáo Thành ủy", ["btg-tu-da-lat"]),
    "IV.4": ("Trung tâm Văn hóa Thông tin Thể thao thành phố", ["ttvhtttt-da-lat"]),
}
MONTHLY = Task.Schedule.MONTHLY
ONCE = Task.Schedule.ONCE
# Section IV, one task per bullet; the titles are ours, the descriptions the bullets:
# (code, group code, theme, title, bullet, schedule, periods, figure profile)
DA_LAT_TASKS = [
    (
        "IV.1.a", "IV.1", None,
        "Chỉ đạo xây dựng kế hoạch, tổ chức tuyên truyền về “Năm Hữu nghị Việt Nam - Campuchia 2022” và "
        "“Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”",
        "Chỉ đạo cơ quan, đơn vị, đoàn thể ở cấp mình xây dựng kế hoạch, tổ chức tuyên truyền về “Năm Hữu nghị Việt Nam - Campuchia 2022” và “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022” đến cán bộ, đảng viên và các tầng lớp Nhân dân trên địa bàn.",
        MONTHLY, [UNIT_PLAN, *PEAK_MONTHS, FINAL_2022], "propaganda",
    ),
    (
        "IV.1.b", "IV.1", "2.1",
        "Tuyên truyền, đôn đốc tham gia cuộc thi “Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam - Lào, Lào - Việt Nam”",
        "Tích cực, chủ động tuyên truyền và đôn đốc tham gia cuộc thi “Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam - Lào, Lào - Việt Nam” trên các cơ quan thông tấn, báo chí của Trung ương và địa phương.",
        ONCE, [("Báo cáo kết quả", date(2022, 7, 1), date(2022, 9, 30), date(2022, 10, 5), False)], "contest",
    ),
    (
        "IV.2.a", "IV.2", None,
        "Xây dựng kế hoạch, tổ chức tuyên truyền đến cán bộ, đoàn viên, hội viên và Nhân dân",
        "Xây dựng kế hoạch, tổ chức tuyên truyền đến cán bộ, đoàn viên, hội viên và các tầng lớp Nhân dân.",
        MONTHLY, [UNIT_PLAN, *PEAK_MONTHS, FINAL_2022], "propaganda",
    ),
    (
        "IV.2.b", "IV.2", None,
        "Nắm bắt tình hình tư tưởng Nhân dân, tham mưu công tác tư tưởng, dân vận",
        "Kịp thời nắm bắt tình hình tư tưởng của các tầng lớp Nhân dân, đề xuất, tham mưu giúp cấp ủy làm tốt công tác tư tưởng, dân vận, góp phần tạo sự đồng thuận, thống nhất trong Nhân dân với các chủ trương, chính sách của Đảng và Nhà nước trong việc gìn giữ và phát huy quan hệ truyền thống tốt đẹp với các nước láng giềng.",
        ONCE, [("Tình hình tư tưởng đến 05/9/2022", date(2022, 7, 1), date(2022, 9, 5), date(2022, 9, 10), False)],
        "opinion",
    ),
    (
        "IV.3.a", "IV.3", None,
        "Tham mưu kế hoạch chỉ đạo và tổ chức các hoạt động kỷ niệm năm 2022",
        "Tham mưu giúp cấp ủy xây dựng kế hoạch chỉ đạo và tổ chức các hoạt động kỷ niệm bằng các hình thức phù hợp, thiết thực gắn với nhiệm vụ chính trị liên quan đến hợp tác Việt Nam – Campuchia, Việt Nam - Lào trong năm 2022.",
        ONCE, [("Kế hoạch chỉ đạo các hoạt động kỷ niệm", date(2022, 6, 9), date(2022, 6, 30), date(2022, 6, 30), False)],
        "opinion",
    ),
    (
        "IV.3.b", "IV.3", None,
        "Chỉ đạo, hướng dẫn, định hướng và theo dõi, kiểm tra công tác tuyên truyền",
        "Chỉ đạo, hướng dẫn, định hướng tuyên truyền trên các phương tiện thông tin đại chúng, thông qua các hội nghị báo cáo viên, tuyên truyền viên, các hoạt động sinh hoạt thường kỳ của các tổ chức chính trị - xã hội; theo dõi, kiểm tra các hoạt động tuyên truyền, nhất là trên các phương tiện thông tin đại chúng.",
        MONTHLY, [*PEAK_MONTHS, FINAL_2022], "propaganda",
    ),
    (
        "IV.3.c", "IV.3", None,
        "Định hướng dư luận, chuẩn bị phương án đấu tranh phản bác thông tin xuyên tạc",
        "Định hướng tốt dư luận, chuẩn bị phương án đấu tranh phản bác, ngăn chặn các thông tin xuyên tạc, chống phá của các thế lực thù địch; không để xảy ra hiểu lầm liên quan đến tập hợp lực lượng trong quan hệ quốc tế.",
        ONCE, [("Phương án đấu tranh phản bác", date(2022, 6, 9), date(2022, 7, 15), date(2022, 7, 15), False)],
        "opinion",
    ),
    (
        "IV.4.a", "IV.4", None,
        "Tổ chức tuyên truyền nhân dịp 02 ngày lễ lớn, thường xuyên đưa tin về các hoạt động kỷ niệm, giao lưu, hợp tác",
        "Triển khai các hoạt động tuyên truyền cụ thể nhân dịp 02 ngày lễ lớn “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022” và “Năm Hữu nghị Việt Nam - Campuchia 2022”; thường xuyên cập nhật, đưa tin về các hoạt động kỷ niệm, giao lưu, hợp tác, các chương trình giới thiệu quảng bá hình ảnh đất nước, con người, văn hóa, lịch sử, thành tựu phát triển kinh tế - xã hội của hai nước cũng như quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện Việt Nam - Lào; quan hệ láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện Việt Nam - Campuchia trong giai đoạn hiện nay.",
        MONTHLY, [*PEAK_MONTHS, FINAL_2022], "propaganda",
    ),
    (
        "IV.4.b", "IV.4", "2.1",
        "Xây dựng chuyên trang, chuyên mục tuyên truyền cuộc thi “Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam - Lào, "
        "Lào - Việt Nam”",
        "Chủ động xây dựng các chuyên trang, chuyên mục tuyên truyền tham gia cuộc thi “Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam - Lào, Lào - Việt Nam”, đăng tải các tư liệu tham khảo phục vụ cho cuộc thi.",
        ONCE, [("Chuyên trang, chuyên mục cuộc thi", date(2022, 6, 9), date(2022, 7, 31), date(2022, 7, 31), False)],
        "contest",
    ),
]

# Plausible ranges of each figure for one monthly report, by kind of task;
# a unit's own plan counts a third of it, the final report three times it.
FIGURE_RANGES = {
    "propaganda": {"so-bai-viet": (2, 12), "so-hoat-dong": (1, 5), "so-nguoi-tham-gia": (60, 600),
                   "so-pano": (2, 15), "so-luot-du-thi": (0, 40)},
    "contest": {"so-bai-viet": (3, 10), "so-hoat-dong": (1, 3), "so-nguoi-tham-gia": (50, 300),
                "so-pano": (1, 6), "so-luot-du-thi": (150, 1500)},
    "opinion": {"so-bai-viet": (1, 4), "so-hoat-dong": (1, 3), "so-nguoi-tham-gia": (20, 150),
                "so-pano": (0, 2), "so-luot-du-thi": (0, 0)},
}
REPORT_SHARE = 0.7
RETURNED_COMMENTS = [
    "Đề nghị bổ sung số lượt người tham gia từng hoạt động và đường dẫn các tin, bài đã đăng.",
    "Số pa-nô, băng rôn chưa khớp với báo cáo kỳ trước; đề nghị rà soát lại số liệu và nộp lại.",
]
SUBMITTED_COUNT = 4

# ---------------------------------------------------------------------------
# Plan 2: directions 2026 - 2030 of Gia Lai with the four southern Lao provinces.

GIA_LAI_CODE = "phuong-huong-gia-lai-nam-lao-2026-2030"
GIA_LAI_FILE = "bao-cao-gia-lai-nam-lao-2021-2025.md"
GIA_LAI_REF = "Báo cáo số 04/BC-UBND, mục IV"
GIA_LAI_TITLE = "Phương hướng, nội dung hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào giai đoạn 2026 - 2030"
GIA_LAI_PREAMBLE = "Giai đoạn 2026-2030 là thời kỳ quan trọng, đánh dấu tỉnh Gia Lai mới sau khi sáp nhập hai tỉnh Bình Định và Gia Lai (cũ), tiếp tục kế thừa và phát huy truyền thống đoàn kết đặc biệt Việt Nam – Lào, đưa quan hệ hợp tác giữa tỉnh Gia Lai và bốn tỉnh Nam Lào phát triển toàn diện, đi vào chiều sâu và đạt hiệu quả thiết thực hơn. Nhằm tiếp tục củng cố và tăng cường mối quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện giữa hai Đảng, hai Nhà nước và Nhân dân hai nước Việt Nam – Lào nói chung, cũng như quan hệ hợp tác hữu nghị giữa tỉnh Gia Lai với các tỉnh Nam Lào nói riêng; đồng thời khai thác hiệu quả tiềm năng, lợi thế của mỗi bên phục vụ phát triển kinh tế – xã hội trong thời gian tới, trên cơ sở Kế hoạch số 149/KH-UBND ngày 23/12/2025 của UBND tỉnh về hợp tác giữa tỉnh Gia Lai và các địa phương nước Cộng hòa Dân chủ Nhân dân Lào giai đoạn 2026-2030, phương hướng hợp tác giữa tỉnh Gia Lai và các tỉnh Nam Lào giai đoạn 2026-2030 được xác định như sau:"
GIA_LAI_BASIS_NOTE = (
    "Phương hướng nêu tại mục IV Báo cáo số 04/BC-UBND ngày 12/01/2026 của Ủy ban nhân dân tỉnh Gia Lai "
    "về kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào (Attapeu, Champasak, Salavan, Sekong) giai đoạn "
    "2021-2025 và phương hướng hợp tác giai đoạn 2026-2030, trên cơ sở Kế hoạch số 149/KH-UBND ngày "
    "23/12/2025 của UBND tỉnh về hợp tác giữa tỉnh Gia Lai và các địa phương nước Cộng hòa Dân chủ Nhân dân "
    "Lào giai đoạn 2026-2030."
)
GIA_LAI_NOTES = (
    "Kế hoạch số 149/KH-UBND ngày 23/12/2025 không có trong nguồn: số và ngày của kế hoạch này để trống; "
    "nội dung lấy từ mục IV Báo cáo số 04/BC-UBND ngày 12/01/2026.\n"
    "Dữ liệu minh họa: nơi nhận và thẩm quyền ký lấy theo Báo cáo số 04/BC-UBND (cùng cơ quan ban hành); "
    "nguồn không có họ tên người ký nên để trống. Mục đích lấy từ đoạn mở đầu mục IV của báo cáo; "
    "nguồn không nêu yêu cầu và hình thức tuyên truyền nên kế hoạch không có các mục đó.\n"
    "Báo cáo không giao việc cho từng sở, ngành và không ghi thời hạn: đơn vị thực hiện, thời hạn và kỳ báo cáo "
    "là dữ liệu minh họa, tính theo ngày nạp dữ liệu lần đầu."
)

# The aim clause of the opening paragraph of part IV, as the plan's purposes.
GIA_LAI_PURPOSES = [
    "Tiếp tục củng cố và tăng cường mối quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện giữa hai "
    "Đảng, hai Nhà nước và Nhân dân hai nước Việt Nam – Lào nói chung, cũng như quan hệ hợp tác hữu nghị giữa tỉnh "
    "Gia Lai với các tỉnh Nam Lào nói riêng.",
    "Khai thác hiệu quả tiềm năng, lợi thế của mỗi bên phục vụ phát triển kinh tế – xã hội trong thời gian tới.",
]
# The report's "Nơi nhận" and signature block (the same issuing body): demo data for the plan.
GIA_LAI_RECIPIENTS = [
    "Bộ Ngoại giao;",
    "Đại sứ quán Việt Nam tại Lào;",
    "Tổng Lãnh sự quán Việt Nam tại Pakse;",
    "Ủy ban Chính quyền các tỉnh Nam Lào;",
    "Thường trực Tỉnh ủy;",
    "CT, các PCT UBND tỉnh;",
    "UBMTTQ VN tỉnh;",
    "Sở Ngoại vụ các tỉnh Nam Lào;",
    "Các sở, ngành của tỉnh;",
    "Lưu: VT, VI, N1, X1, T2.",
]
GIA_LAI_SIGNER_AUTHORITY = "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
GIA_LAI_SIGNER_TITLE = "PHÓ CHỦ TỊCH"

# The six directions, numbered 1 to 6 in the report; the titles are ours.
GIA_LAI_DIRECTIONS = [
    "Tiếp tục quán triệt, nâng cao nhận thức và trách nhiệm của cán bộ, công chức, viên chức và Nhân dân về mối quan hệ hữu nghị vĩ đại, tình đoàn kết đặc biệt và hợp tác toàn diện Việt Nam - Lào. Chú trọng tuyên truyền sâu rộng trên các phương tiện thông tin đại chúng, lồng ghép trong các hoạt động đối ngoại nhân dân, giao lưu văn hóa - văn nghệ - thể thao, nhằm góp phần gìn giữ và lan tỏa tình hữu nghị, láng giềng, thủy chung, gắn bó mật thiết giữa hai Đảng, hai Nhà nước và hai dân tộc Việt Nam - Lào đã được các thế hệ lãnh đạo hai nước dày công vun đắp.",
    "Duy trì chế độ trao đổi, thăm hỏi nhân dịp Tết Cổ truyền Bunpimay, Tết Nguyên đán Việt Nam, Quốc khánh, các sự kiện chính trị quan trọng của hai bên; tiếp tục tổ chức các chuyến viếng thăm các đoàn cấp cao của hai bên theo định kỳ nhằm không ngừng thắt chặt mối quan hệ hữu nghị, đoàn kết, gắn bó; kịp thời san sẻ những thuận lợi, khó khăn; qua đó góp phần làm sâu sắc hơn mối quan hệ hợp tác đặc biệt giữa hai bên.",
    "Tiếp tục chỉ đạo các cấp, các ngành và địa phương trong tỉnh đẩy mạnh hợp tác với các tỉnh Nam Lào theo hướng toàn diện, thiết thực, ngày càng có chiều sâu như hai Đảng, hai Nhà nước Việt Nam - Lào và lãnh đạo tỉnh Gia Lai và lãnh đạo các tỉnh Nam Lào đã thống nhất, kiên định; tăng cường phối hợp, triển khai có hiệu quả các nội dung hợp tác, hỗ trợ, đầu tư với các tỉnh Nam Lào theo các Bản ghi nhớ giai đoạn 2026-2030, trong đó tập trung vào các lĩnh vực, nội dung chủ yếu sau:",
    "Tăng cường các hoạt động giao lưu hữu nghị giữa các tổ chức đoàn thể, các hoạt động đối ngoại nhân dân, qua đó tạo sự gắn bó bền chặt, lâu dài giữa nhân dân hai bên.",
    "Chủ động phối hợp, bàn bạc, thống nhất để kịp thời triển khai thực hiện các nội dung hợp tác đã ký kết nhằm khai thác có hiệu quả tiềm năng, thế mạnh của mỗi bên; đồng thời thường xuyên rà soát, đánh giá tình hình thực hiện, kịp thời phát hiện những khó khăn, vướng mắc để cùng tháo gỡ, góp phần tổ chức thực hiện tốt các Bản ghi nhớ giữa UBND tỉnh Gia Lai và Chính quyền các tỉnh Nam Lào.",
    "Tổ chức tổng kết, đánh giá kết quả hợp tác giai đoạn 2026-2030, trên cơ sở đó xây dựng, ký kết các văn kiện hợp tác giai đoạn 2031-2035, bảo đảm kế thừa những kết quả đã đạt được, đồng thời bám sát nhu cầu, tiềm năng, thế mạnh của mỗi bên; đảm bảo cụ thể, khả thi, có trọng tâm, trọng điểm.",
]
GIA_LAI_DIRECTION_3_ITEMS = [
    "Duy trì tổ chức các chuyến thăm và làm việc giữa lãnh đạo cấp cao tỉnh Gia Lai và các tỉnh Nam Lào; tăng cường tổ chức các cuộc gặp gỡ, tiếp xúc và trao đổi kinh nghiệm trên các những lĩnh vực; thường xuyên thăm hỏi, động viên, chia sẻ, hỗ trợ lẫn nhau trên tinh thần đoàn kết, hữu nghị trong sáng giữa hai bên.",
    "Tỉnh Gia Lai tiếp tục cấp học bổng cho sinh viên các tỉnh Nam Lào sang học thạc sĩ, đại học và cao đẳng tại các trường đại học và trường cao đẳng trên địa bàn tỉnh. Tỉnh Champasak tiếp nhận cán bộ hoặc học viên của tỉnh Gia Lai sang học tiếng Lào trình độ đại học tại Champasak.",
    "Duy trì trao đổi đoàn nhằm chia sẻ kinh nghiệm trong lĩnh vực y tế; tỉnh Gia Lai cử chuyên gia y tế sang công tác, hỗ trợ chuyên môn, kỹ thuật tại các tỉnh Nam Lào, đồng thời tiếp nhận và tổ chức tập huấn chuyên môn, kỹ thuật cho cán bộ y tế các tỉnh Nam Lào tại tỉnh Gia Lai.",
    "Tăng cường trao đổi thông tin, đẩy mạnh các hoạt động xúc tiến hợp tác đầu tư nhằm phục vụ mục tiêu phát triển kinh tế - xã hội của mỗi bên.",
    "Duy trì trao đổi đoàn, chia sẻ kinh nghiệm trong lĩnh vực công nghiệp và thương mại; tạo thuận lợi cho doanh nghiệp hai bên tìm hiểu cơ hội hợp tác và thúc đẩy hoạt động giao thương; tiếp tục phối hợp quản lý, vận hành website thương mại điện tử; tỉnh Gia Lai tạo thuận lợi cho hoạt động lưu thông hàng hóa của các doanh nghiệp của Lào đến Cảng biển hoặc Cảng hàng không của tỉnh.",
    "Tỉnh Gia Lai đón tiếp đoàn cán bộ nông nghiệp các tỉnh Nam Lào sang trao đổi, chia sẻ kinh nghiệm công tác chuyên môn; cử chuyên gia sang hỗ trợ chuyên môn tại các tỉnh Nam Lào; xem xét hỗ trợ trang thiết bị, dụng cụ, vật tư, mô hình phục vụ sản xuất nông nghiệp theo đề nghị của các tỉnh Nam Lào.",
    "Tỉnh Gia Lai tổ chức đón tiếp đoàn cán bộ khoa học và công nghệ của các tỉnh Nam Lào sang trao đổi, chia sẻ kinh nghiệm công tác chuyên môn; cử chuyên gia sang hướng dẫn kỹ thuật hoặc chuyển giao công nghệ tại các tỉnh Nam Lào theo đề nghị của các tỉnh Nam Lào.",
    "Phối hợp tổ chức các hoạt động giao lưu văn hóa nhằm giới thiệu, quảng bá những giá trị văn hóa truyền thống đặc sắc của mỗi bên; đẩy mạnh trao đổi trong công tác huấn luyện, tổ chức các hoạt động giao lưu, thi đấu thể dục - thể thao; khảo sát, xây dựng các sản phẩm du lịch mới, tổ chức, tham gia các hoạt động liên kết, hợp tác phát triển du lịch giữa hai bên; tăng cường trao đổi đoàn để chia sẻ kinh nghiệm, thúc đẩy hợp tác trong lĩnh vực truyền thông, báo chí.",
    "Tăng cường trao đổi đoàn và hợp tác trong lĩnh vực đối ngoại; phối hợp, hỗ trợ các thủ tục pháp lý có liên quan đến công dân tỉnh Gia Lai sinh sống, học tập... tại các tỉnh Nam Lào và đối với công dân các tỉnh Nam Lào tại tỉnh Gia Lai. Phát huy vai trò đầu mối trong việc điều phối triển khai thực hiện các nội dung hợp tác giữa hai bên.",
    "Tăng cường các hoạt động trao đổi đoàn, nhằm đẩy mạnh phối hợp và hỗ trợ chuyên môn, góp phần nâng cao hiệu quả hợp tác trong lĩnh vực tư pháp.",
    "Đẩy mạnh tổ chức các chương trình giao lưu thanh niên, trao đổi kinh nghiệm trong phát triển kinh tế thanh niên; công tác đào tạo, bồi dưỡng thanh niên lập thân, lập nghiệp; tăng cường hoạt động giới thiệu, quảng bá du lịch, truyền thống văn hóa của hai bên đến đoàn viên, thanh niên và nhân dân hai nước.",
    "Tăng cường trao đổi đoàn để trao đổi, chia sẻ kinh nghiệm trên lĩnh vực an ninh, quốc phòng; phối hợp chặt chẽ trong việc xử lý, giải quyết kịp thời những vấn đề phức tạp phát sinh (nếu có), góp phần bảo đảm an ninh, trật tự, giữ gìn môi trường hòa bình, hợp tác hữu nghị tốt đẹp giữa hai bên.",
    "Tỉnh Gia Lai tiếp tục hỗ trợ kinh phí cho các tỉnh Nam Lào để xây dựng một công trình hữu nghị trong lĩnh vực giáo dục, y tế, văn hóa, hoặc để tiếp tục hoàn thiện các hạng mục liên quan của công trình hữu nghị mà tỉnh Bình Định trước đây đã hỗ trợ kinh phí xây dựng.",
]
GIA_LAI_THEME_TITLES = [
    "Tuyên truyền, nâng cao nhận thức về quan hệ Việt Nam - Lào",
    "Trao đổi, thăm hỏi và các chuyến thăm cấp cao",
    "Hợp tác toàn diện theo các Bản ghi nhớ giai đoạn 2026-2030",
    "Giao lưu hữu nghị giữa các tổ chức đoàn thể, đối ngoại nhân dân",
    "Phối hợp triển khai, rà soát, đánh giá thực hiện các Bản ghi nhớ",
    "Tổng kết giai đoạn 2026-2030, xây dựng văn kiện hợp tác giai đoạn 2031-2035",
]

GIA_LAI_MEASURES = [
    ("so-doan", "Số đoàn trao đổi", "đoàn"),
    ("so-hoat-dong", "Số hoạt động", "hoạt động"),
    ("kinh-phi", "Kinh phí thực hiện", "triệu đồng"),
    ("so-nguoi", "Số người tham gia, thụ hưởng", "người"),
]

# (code, theme, title, description, unit codes). Sub-items of direction 3
# are tasks IV.3.a to IV.3.m, in the report's order.
DIRECTION_3 = GIA_LAI_DIRECTION_3_ITEMS  # short name for the table below
GIA_LAI_TASKS = [
    ("IV.1", "1", "Tuyên truyền về quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt Việt Nam - Lào",
     GIA_LAI_DIRECTIONS[0], ["so-vhttdl-gl"]),
    ("IV.2", "2", "Trao đổi, thăm hỏi nhân dịp lễ, Tết; tổ chức các chuyến thăm của đoàn cấp cao",
     GIA_LAI_DIRECTIONS[1], ["so-ngoai-vu-gl"]),
    ("IV.3.a", "3", "Tổ chức các chuyến thăm, làm việc giữa lãnh đạo cấp cao tỉnh Gia Lai và các tỉnh Nam Lào",
     DIRECTION_3[0], ["so-ngoai-vu-gl"]),
    ("IV.3.b", "3", "Cấp học bổng cho sinh viên các tỉnh Nam Lào; cử cán bộ, học viên sang học tiếng Lào",
     DIRECTION_3[1], ["so-gddt-gl"]),
    ("IV.3.c", "3", "Trao đổi đoàn, cử chuyên gia và tập huấn cán bộ trong lĩnh vực y tế",
     DIRECTION_3[2], ["so-y-te-gl"]),
    ("IV.3.d", "3", "Trao đổi thông tin, xúc tiến hợp tác đầu tư",
     DIRECTION_3[3], ["so-cong-thuong-gl"]),
    ("IV.3.e", "3", "Hợp tác công nghiệp, thương mại; vận hành website thương mại điện tử",
     DIRECTION_3[4], ["so-cong-thuong-gl"]),
    ("IV.3.f", "3", "Trao đổi đoàn, cử chuyên gia, hỗ trợ vật tư và mô hình sản xuất nông nghiệp",
     DIRECTION_3[5], ["so-nnmt-gl"]),
    ("IV.3.g", "3", "Trao đổi đoàn, hướng dẫn kỹ thuật, chuyển giao công nghệ",
     DIRECTION_3[6], ["so-khcn-gl"]),
    ("IV.3.h", "3", "Giao lưu văn hóa, thể thao; hợp tác phát triển du lịch, truyền thông, báo chí",
     DIRECTION_3[7], ["so-vhttdl-gl"]),
    ("IV.3.i", "3", "Hợp tác đối ngoại, hỗ trợ thủ tục pháp lý cho công dân; đầu mối điều phối hợp tác",
     DIRECTION_3[8], ["so-ngoai-vu-gl"]),
    ("IV.3.j", "3", "Trao đổi đoàn, hỗ trợ chuyên môn trong lĩnh vực tư pháp",
     DIRECTION_3[9], ["so-tu-phap-gl"]),
    ("IV.3.k", "3", "Giao lưu thanh niên, trao đổi kinh nghiệm phát triển kinh tế thanh niên",
     DIRECTION_3[10], ["tinh-doan-gl"]),
    ("IV.3.l", "3", "Trao đổi đoàn, phối hợp bảo đảm an ninh, quốc phòng",
     DIRECTION_3[11], ["bchqs-gl", "cong-an-gl"]),
    ("IV.3.m", "3", "Hỗ trợ kinh phí xây dựng, hoàn thiện công trình hữu nghị",
     DIRECTION_3[12], ["so-ngoai-vu-gl"]),
    ("IV.4", "4", "Giao lưu hữu nghị giữa các tổ chức đoàn thể, đối ngoại nhân dân",
     GIA_LAI_DIRECTIONS[3], ["so-ngoai-vu-gl", "lhhn-gl", "hhn-vn-lao-gl"]),
    ("IV.5", "5", "Phối hợp triển khai, rà soát, đánh giá thực hiện các Bản ghi nhớ",
     GIA_LAI_DIRECTIONS[4], ["so-ngoai-vu-gl"]),
    ("IV.6", "6", "Tổng kết hợp tác giai đoạn 2026-2030, xây dựng văn kiện hợp tác giai đoạn 2031-2035",
     GIA_LAI_DIRECTIONS[5], ["so-ngoai-vu-gl"]),
]

# Days from the first run to each task's current quarterly due date, dealt to
# the tasks in turn, so that the demo has overdue, due-soon and later work.
DUE_OFFSETS = (-20, -3, 2, 6, 30, 75)
# Demo reports on two overdue periods: (task code, status, figures).
GIA_LAI_REPORTS = [
    ("IV.1", ProgressReport.Status.ACCEPTED, {"so-doan": 1, "so-hoat-dong": 3, "kinh-phi": 45, "so-nguoi": 120}),
    ("IV.2", ProgressReport.Status.RETURNED, {"so-doan": 2, "so-hoat-dong": 2, "kinh-phi": 180, "so-nguoi": 24}),
]
GIA_LAI_RETURN_COMMENT = "Đề nghị ghi rõ thành phần, thời gian các đoàn và kinh phí của từng đoàn."


# ---------------------------------------------------------------------------
# Loading.


class Tally:
    """created / kept counts of one plan's rows."""

    def __init__(self):
        self.counts = {"created": 0, "kept": 0}

    def put(self, model, lookup, values=None, *, m2m=None):
        """Create one row (with its many-to-many fields `m2m`) if it is missing; return the row."""
        return self.ensure(model, lookup, values, m2m=m2m)[0]

    def ensure(self, model, lookup, values=None, *, m2m=None):
        """As put(), and say whether the row was 'created' or 'kept'."""
        obj, outcome = ensure(model, lookup, values or {})
        if outcome == "created":
            for name, related in (m2m or {}).items():
                getattr(obj, name).set(related)
        self.counts[outcome] += 1
        return obj, outcome

    @property
    def created(self):
        return self.counts["created"]

    def line(self, name):
        return f"{name}: {self.counts['created']} tạo mới, {self.counts['kept']} đã có (giữ nguyên)."


def _text(text):
    """Our data as HTML text: escaped, but for the footnote marks <sup>n</sup>."""
    return escape(text).replace("&lt;sup&gt;", "<sup>").replace("&lt;/sup&gt;", "</sup>")


def _paragraphs(texts):
    return "".join(f"<p>{_text(text)}</p>" for text in texts)


def _bullets(items):
    if not items:
        return ""
    rows = []
    for item in items:
        if isinstance(item, tuple):
            rows.append(f"<li>{_paragraphs(item)}</li>")
        else:
            rows.append(f"<li>{_text(item)}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def _footnotes(notes):
    return "".join(f"<p><sup>{number}</sup> {_text(text)}</p>" for number, text in notes.items())


def _at(day, hour, days=0):
    return datetime.combine(day + timedelta(days=days), time(hour), tzinfo=VIETNAM)


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _ensure_periods(tally, task, periods):
    """Create a task's periods the first time; later runs leave them where they are.

    A period found by its label, or by its place in the task, is kept: staff
    may have moved its due date or renamed it. (The Gia Lai dates also come
    from the day of the first run, so a later run would compute others.)
    """
    found = []
    for order, (label, starts_on, ends_on, due_on, is_final) in enumerate(periods, start=1):
        period = task.periods.filter(label=label).first() or task.periods.filter(order=order).first()
        if period is not None:
            tally.counts["kept"] += 1
        else:
            period = tally.put(ReportingPeriod, {"task": task, "label": label}, {
                "starts_on": starts_on, "ends_on": ends_on, "due_on": due_on, "is_final": is_final, "order": order,
            })
        found.append(period)
    return found


def _units(codes):
    """The units of a task; a group unit (Nhóm đơn vị) stands for its active children."""
    units = []
    for code in codes:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:  # deleted by hand: its tasks go to the others
            continue
        if unit.kind == Unit.Kind.GROUP:
            units.extend(unit.children.active().order_by("order", "code"))
        else:
            units.append(unit)
    return units


def _save_report(tally, assignment, period, *, status, text, first_submitted_at, submitted_by,
                 reviewed_at, reviewer, comment, figures, measures):
    """A demo report with its figures and history, once.

    A report that exists, the demo's or one a unit filed itself, is left with
    everything people did to it since (returned, filed again, accepted).
    """
    report, outcome = tally.ensure(ProgressReport, {"assignment": assignment, "period": period}, {
        "status": status,
        "text": text,
        "first_submitted_at": first_submitted_at,
        "submitted_at": first_submitted_at,
        "submitted_by": submitted_by,
        "reviewed_at": reviewed_at,
        "reviewed_by": reviewer if reviewed_at else None,
        "review_comment": comment,
    })
    if outcome == "kept":
        return report
    for code, value in figures.items():
        tally.put(ReportFigure, {"report": report, "measure": measures[code]}, {"value": value})
    events = [ReportEvent(report=report, action=ReportEvent.Action.SUBMITTED, actor=submitted_by, at=first_submitted_at)]
    if status != ProgressReport.Status.SUBMITTED:
        events.append(ReportEvent(report=report, action=ReportEvent.Action(status), actor=reviewer, at=reviewed_at, comment=comment))
    ReportEvent.objects.bulk_create(events)
    tally.counts["created"] += len(events)
    return report


def name_demo_submitters(tally):
    """Demo reports loaded before the units had demo officers name none: fill only
    that empty submitter, and the empty actor of their first filing."""
    for report in ProgressReport.objects.filter(submitted_by=None, text__startswith=DEMO_MARK).select_related("assignment__unit"):
        submitter = demo_submitter(report.assignment.unit)
        if submitter is None:
            continue
        ProgressReport.objects.filter(pk=report.pk, submitted_by=None).update(submitted_by=submitter)
        report.events.filter(action=ReportEvent.Action.SUBMITTED, actor=None).update(actor=submitter)
        tally.counts["created"] += 1


# -- Plan 1 --


def seed_da_lat_plan():
    tally = Tally()
    plan = tally.put(Plan, {"code": DA_LAT_CODE}, {
        "number": "",
        "symbol": "KH/TU",
        "title": "Triển khai tuyên truyền về “Năm Hữu nghị Việt Nam - Campuchia 2022” và "
                 "“Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”",
        "parent_body": "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        "issuing_body": "THÀNH ỦY ĐÀ LẠT",
        "issuer_kind": IssuerKind.PARTY,
        "place": "Đà Lạt",
        "issued_on": None,
        "basis": _paragraphs([DA_LAT_BASIS]),
        "purposes": _bullets(DA_LAT_PURPOSES),
        "requirements": _bullets(DA_LAT_REQUIREMENTS),
        "time_frame": _paragraphs([DA_LAT_TIME_FRAME]),
        "starts_on": date(2022, 1, 1),
        "ends_on": date(2022, 12, 31),
        "peak_start": date(2022, 7, 1),
        "peak_end": date(2022, 9, 30),
        "closing": _paragraphs([DA_LAT_CLOSING]),
        "status": Plan.Status.CLOSED,
        "recipients": "\n".join(DA_LAT_RECIPIENTS),
        "signer_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ",
        "signer_name": "Đặng Quang Tú",
        "grace_days": 0,
        "lock_after_days": 15,
        "source": DA_LAT_FILE,
        "notes": DA_LAT_NOTES,
    })
    attach_original(tally, plan, DA_LAT_FILE)

    themes = {}
    for order, (code, parent, title, bullets, footnotes) in enumerate(DA_LAT_THEMES, start=1):
        themes[code] = tally.put(Theme, {"plan": plan, "code": code}, {
            "parent": themes.get(parent),
            "title": title,
            "body": _bullets(bullets),
            "footnotes": _footnotes({n: DA_LAT_FOOTNOTES[n] for n in footnotes}),
            "order": order,
        })

    for order, (code, title, body) in enumerate(DA_LAT_CHANNELS, start=1):
        tally.put(Channel, {"plan": plan, "code": code}, {"title": title, "body": _paragraphs([body]), "order": order})

    for kind, theme, day, end, title, description, origin, anniversary, note, source in DA_LAT_KEY_DATES:
        tally.put(KeyDate, {"plan": plan, "title": title}, {
            "theme": themes[theme],
            "kind": kind,
            "date": day,
            "end_date": end,
            "description": description,
            "origin_date": origin,
            "anniversary": anniversary,
            "note": note,
            "source": source,
        })

    for order, (code, title, subtitle, description, theme_codes, source, sections) in enumerate(DA_LAT_REFERENCES, 1):
        document = tally.put(ReferenceDocument, {"code": code}, {
            "plan": plan,
            "title": title,
            "subtitle": subtitle,
            "description": _paragraphs(description),
            "source": source,
            "order": order,
            **BOOK_DETAILS.get(code, {}),
        }, m2m={"themes": [themes[c] for c in theme_codes]})
        for section_order, (section_code, heading, paragraphs, notes) in enumerate(sections, start=1):
            tally.put(ReferenceSection, {"document": document, "code": section_code}, {
                "heading": heading,
                "body": _paragraphs(paragraphs) + _footnotes(notes),
                "order": section_order,
            })

    measures = {}
    for order, (code, name, unit_label) in enumerate(DA_LAT_MEASURES, start=1):
        measures[code] = tally.put(Measure, {"plan": plan, "code": code},
                                   {"name": name, "unit_label": unit_label, "order": order})

    pairs = []
    for order, (code, group, theme, title, bullet, schedule, periods, profile) in enumerate(DA_LAT_TASKS, start=1):
        heading, unit_codes = DA_LAT_GROUPS[group]
        task = tally.put(Task, {"plan": plan, "code": code}, {
            "theme": themes.get(theme),
            "title": title,
            "description": bullet,
            "unit_group": heading,
            "schedule": schedule,
            "order": order,
            "is_demo": True,
            "source": f"{DA_LAT_REF}, mục {group}",
        })
        task_periods = _ensure_periods(tally, task, periods)
        for unit in _units(unit_codes):
            assignment = tally.put(Assignment, {"task": task, "unit": unit})
            pairs.extend((assignment, period, profile) for period in task_periods)

    _seed_da_lat_reports(tally, pairs, measures)
    return tally


def _seed_da_lat_reports(tally, pairs, measures):
    """Reports for about 70 % of the (assignment, period) pairs, the same ones on every run."""
    rng = random.Random(2022)
    rng.shuffle(pairs)
    chosen = pairs[: round(len(pairs) * REPORT_SHARE)]
    reviewer = _user(DEMO_STAFF)
    for index, (assignment, period, profile) in enumerate(chosen):
        if index < len(RETURNED_COMMENTS):
            status, comment = ProgressReport.Status.RETURNED, RETURNED_COMMENTS[index]
        elif index < len(RETURNED_COMMENTS) + SUBMITTED_COUNT:
            status, comment = ProgressReport.Status.SUBMITTED, ""
        else:
            status, comment = ProgressReport.Status.ACCEPTED, ""
        # Most units file on time or a few days early; some 1-5 days late.
        late = rng.random() < 0.3
        days = rng.randint(1, 5) if late else -rng.randint(0, 6)
        review_days = rng.randint(1, 4)
        scale = 3 if period.is_final else (1 / 3 if period.label == UNIT_PLAN[0] else 1)
        figures = {code: round(rng.randint(low, high) * scale) for code, (low, high) in FIGURE_RANGES[profile].items()}
        first_submitted_at = _at(period.due_on, 9, days)
        reviewed = status != ProgressReport.Status.SUBMITTED
        unit = assignment.unit
        submitted_by = demo_submitter(unit)
        text = (
            f"{DEMO_MARK} {unit.name} báo cáo nhiệm vụ “{assignment.task.title}” ({period.label}): "
            f"đăng {figures['so-bai-viet']} tin, bài; tổ chức "
            f"{figures['so-hoat-dong']} hoạt động, sự kiện với {figures['so-nguoi-tham-gia']} lượt người tham gia; "
            f"{figures['so-pano']} pa-nô, áp phích, băng rôn; {figures['so-luot-du-thi']} lượt dự thi trực tuyến."
        )
        _save_report(
            tally, assignment, period,
            status=status, text=text, first_submitted_at=first_submitted_at, submitted_by=submitted_by,
            reviewed_at=_at(first_submitted_at.date(), 15, review_days) if reviewed else None,
            reviewer=reviewer, comment=comment, figures=figures, measures=measures,
        )


# -- Plan 2 --


def _three_months_later(day):
    month = day.month + 3
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _gia_lai_periods(index, today):
    """A task's periods as first computed: its current quarter, the next one, the year's report.

    The quarterly report is due within its quarter, as a quarterly report
    under Nghị định 09/2019/NĐ-CP may be.
    """
    due = today + timedelta(days=DUE_OFFSETS[index % len(DUE_OFFSETS)])
    periods = []
    for due_on in (due, _three_months_later(due)):
        label, first, last = period_of(Task.Schedule.QUARTERLY, due_on)
        periods.append((label, first, last, due_on, False))
    year_end = date(today.year, 12, 31)
    periods.append((f"Báo cáo năm {today.year}", date(today.year, 1, 1), year_end, year_end, False))
    return periods


def seed_gia_lai_plan():
    tally = Tally()
    plan = tally.put(Plan, {"code": GIA_LAI_CODE}, {
        "number": "",
        "symbol": "KH-UBND",
        "title": GIA_LAI_TITLE,
        "parent_body": "",
        "issuing_body": "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
        "issuer_kind": IssuerKind.STATE,
        "place": "Gia Lai",
        "issued_on": None,
        "basis": _paragraphs([GIA_LAI_PREAMBLE, GIA_LAI_BASIS_NOTE]),
        "time_frame": _paragraphs(["Giai đoạn 2026 - 2030."]),
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2030, 12, 31),
        "status": Plan.Status.IN_PROGRESS,
        "grace_days": 0,
        "source": GIA_LAI_FILE,
        "notes": GIA_LAI_NOTES,
    })
    fill_blank_fields(tally, plan, {
        "purposes": _bullets(GIA_LAI_PURPOSES),
        "recipients": "\n".join(GIA_LAI_RECIPIENTS),
        "signer_authority": GIA_LAI_SIGNER_AUTHORITY,
        "signer_title": GIA_LAI_SIGNER_TITLE,
    })
    attach_original(tally, plan, "bao-cao-gia-lai-nam-lao-2021-2025.md")

    themes = {}
    for number, (title, text) in enumerate(zip(GIA_LAI_THEME_TITLES, GIA_LAI_DIRECTIONS), start=1):
        items = GIA_LAI_DIRECTION_3_ITEMS if number == 3 else []
        themes[str(number)] = tally.put(Theme, {"plan": plan, "code": str(number)}, {
            "parent": None, "title": title, "body": _paragraphs([text]) + _bullets(items), "order": number,
        })

    measures = {}
    for order, (code, name, unit_label) in enumerate(GIA_LAI_MEASURES, start=1):
        measures[code] = tally.put(Measure, {"plan": plan, "code": code},
                                   {"name": name, "unit_label": unit_label, "order": order})

    today = local_today()
    assignments = {}
    for order, (code, theme, title, description, unit_codes) in enumerate(GIA_LAI_TASKS, start=1):
        task = tally.put(Task, {"plan": plan, "code": code}, {
            "theme": themes[theme],
            "title": title,
            "description": description,
            "unit_group": ", ".join(Unit.objects.filter(code__in=unit_codes).values_list("name", flat=True)),
            "schedule": Task.Schedule.QUARTERLY,
            "order": order,
            "is_demo": True,
            "source": f"{GIA_LAI_REF}.{theme}",
        })
        _ensure_periods(tally, task, _gia_lai_periods(order - 1, today))
        assignments[code] = [tally.put(Assignment, {"task": task, "unit": unit}) for unit in _units(unit_codes)]

    reviewer = _user(DEMO_STAFF)
    for code, status, figures in GIA_LAI_REPORTS:
        # The task's current quarter, wherever it lies now: the first run dated it.
        period = assignments[code][0].task.periods.filter(order=1).first() if assignments[code] else None
        if period is None:  # its units or its first period were removed by hand
            continue
        assignment = assignments[code][0]
        returned = status == ProgressReport.Status.RETURNED
        submitted_at = _at(period.due_on, 9, -1 if returned else -2)
        submitted_by = demo_submitter(assignment.unit)
        _save_report(
            tally, assignment, period,
            status=status,
            text=(
                f"{DEMO_MARK} {assignment.unit.name}, {period.label}: {figures['so-doan']} đoàn trao đổi, "
                f"{figures['so-hoat-dong']} hoạt động, {figures['so-nguoi']} người tham gia, thụ hưởng; "
                f"kinh phí {figures['kinh-phi']} triệu đồng."
            ),
            first_submitted_at=submitted_at, submitted_by=submitted_by,
            reviewed_at=_at(period.due_on, 15, 0 if returned else 1),
            reviewer=reviewer, comment=GIA_LAI_RETURN_COMMENT if returned else "",
            figures=figures, measures=measures,
        )
    return tally


def fill_blank_fields(tally, plan, values):
    """Give the plan these values where its field is still blank: a user's text is never replaced."""
    blank = [name for name, value in values.items() if not getattr(plan, name)]
    for name in blank:
        setattr(plan, name, values[name])
    if blank:
        plan.save(update_fields=[*blank, "updated_at"])
        tally.counts["created"] += 1


SOURCES = Path(__file__).resolve().parent.parent / "docs" / "sources"


def attach_original(tally, plan, filename):
    """The source document as the plan's original file, stored once.

    A plan that already points to a stored file keeps it. Otherwise a stored
    file of the same name and the same bytes (left by an earlier run on
    another database) is reused instead of saving a copy beside it.
    """
    storage = plan.original_file.storage
    if plan.original_file and storage.exists(plan.original_file.name):
        return
    content = (SOURCES / filename).read_bytes()
    name = plan.original_file.field.generate_filename(plan, filename)
    if not (storage.exists(name) and _file_digest(storage, name) == hashlib.sha256(content).hexdigest()):
        name = storage.save(name, ContentFile(content))
    plan.original_file.name = name
    plan.save(update_fields=["original_file", "updated_at"])
    tally.counts["created"] += 1


def _file_digest(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def seed(stdout):
    for name, loader in (
        (f"Kế hoạch {DA_LAT_CODE} (Thành ủy Đà Lạt, 2022)", seed_da_lat_plan),
        (f"Kế hoạch {GIA_LAI_CODE} (UBND tỉnh Gia Lai)", seed_gia_lai_plan),
    ):
        stdout.write(loader().line(name))
    tally = Tally()
    name_demo_submitters(tally)
    stdout.write(f"Người nộp các báo cáo minh họa: {tally.created} báo cáo được ghi tên người nộp.")

/**
 * Vietnamese names and text for generated records: grassroots units (cơ quan, đơn vị sự nghiệp,
 * doanh nghiệp, lực lượng vũ trang, tổ chức chính trị - xã hội), officers, DVK models (mô hình
 * "Dân vận khéo"), report sections and directives. Everything is NFC, as the domain's `Text`
 * schemas require.
 *
 * @since 0.1.0
 */
import type { Unit } from "@danvan/core"
import type { Random } from "./Random.ts"

const nfc = (s: string) => s.normalize("NFC")

const familyNames = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý"
]
const middleNames = [
  "Văn",
  "Thị",
  "Hữu",
  "Đức",
  "Minh",
  "Thanh",
  "Ngọc",
  "Quang",
  "Thu",
  "Xuân",
  "Hồng",
  "Kim"
]
const givenNames = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hoa",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phong",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Thắng",
  "Trang",
  "Trung",
  "Tuấn",
  "Vân",
  "Yến"
]

/** A person's full name. @since 0.1.0 */
export const person = (rng: Random): string =>
  nfc(`${rng.pick(familyNames)} ${rng.pick(middleNames)} ${rng.pick(givenNames)}`)

/** The kinds of non-territorial grassroots unit generated, with their share. @since 0.1.0 */
export const grassrootsMix = {
  publicServiceUnit: 34,
  enterprise: 36,
  agency: 12,
  massOrganisation: 11,
  armedForcesUnit: 7
} as const satisfies Partial<Record<Unit.UnitType, number>>

/** @since 0.1.0 */
export type GrassrootsType = keyof typeof grassrootsMix

const companyWords = [
  "Minh Phát",
  "Thành Đạt",
  "Hòa Bình",
  "Phú Thịnh",
  "Tân Tiến",
  "Đại Việt",
  "An Khang",
  "Hưng Thịnh",
  "Sao Mai",
  "Trường Sơn",
  "Hồng Hà",
  "Cửu Long",
  "Bình Minh",
  "Thăng Long",
  "Phương Nam"
]
const companyKinds = ["Công ty TNHH", "Công ty cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã"]
const companyTrades = [
  "Xây dựng",
  "Thương mại",
  "May mặc",
  "Chế biến nông sản",
  "Vận tải",
  "Cơ khí",
  "Dịch vụ",
  "Vật liệu xây dựng",
  "Thủy sản",
  "Gỗ"
]

/**
 * The name of a grassroots unit attached to a commune (`place` is the commune's full name,
 * `Xã Phúc Sơn`), numbered when several of a kind share the commune.
 *
 * @since 0.1.0
 */
export const grassrootsName = (rng: Random, type: GrassrootsType, place: string, n: number): string => {
  switch (type) {
    case "publicServiceUnit":
      return nfc(
        `${rng.pick(["Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế", "Trung tâm Văn hóa - Thể thao"])} ${place}${n > 1 ? ` số ${n}` : ""}`
      )
    case "enterprise":
      return nfc(`${rng.pick(companyKinds)} ${rng.pick(companyTrades)} ${rng.pick(companyWords)} ${n}`)
    case "agency":
      return nfc(
        `${rng.pick(["Bưu điện văn hóa", "Chi nhánh Ngân hàng Chính sách xã hội", "Đội Thuế", "Kho bạc Nhà nước", "Chi nhánh Điện lực"])} ${place}${n > 1 ? ` số ${n}` : ""}`
      )
    case "massOrganisation":
      return nfc(
        `${rng.pick(["Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Cựu chiến binh", "Ủy ban Mặt trận Tổ quốc"])} ${place}${n > 1 ? ` (${n})` : ""}`
      )
    case "armedForcesUnit":
      return nfc(`${rng.pick(["Ban Chỉ huy Quân sự", "Công an"])} ${place}${n > 1 ? ` (${n})` : ""}`)
  }
}

const modelSubjects: Readonly<Record<string, ReadonlyArray<string>>> = {
  economy: [
    "phát triển kinh tế hộ gia đình",
    "chuyển đổi cơ cấu cây trồng, vật nuôi",
    "liên kết sản xuất, tiêu thụ nông sản",
    "xây dựng nông thôn mới",
    "hỗ trợ hộ nghèo thoát nghèo bền vững",
    "phát triển sản phẩm OCOP"
  ],
  "culture-society": [
    "xây dựng gia đình văn hóa",
    "bảo vệ môi trường, phân loại rác tại nguồn",
    "khuyến học, khuyến tài",
    "chăm sóc người cao tuổi",
    "phòng, chống bạo lực gia đình",
    "thắp sáng đường quê"
  ],
  "security-defence": [
    "tổ tự quản về an ninh trật tự",
    "camera an ninh khu dân cư",
    "phòng, chống ma túy trong thanh thiếu niên",
    "hòa giải ở cơ sở",
    "bảo vệ chủ quyền biển, đảo"
  ],
  "political-system": [
    "cải cách hành chính, một cửa liên thông",
    "đối thoại trực tiếp giữa người đứng đầu và nhân dân",
    "tiếp công dân",
    "chi bộ kiểu mẫu",
    "số hóa hồ sơ, thủ tục"
  ]
}

/** The text of a model's registration (tên, mục tiêu, cách làm, phạm vi, đối tượng). @since 0.1.0 */
export const modelContent = (rng: Random, fieldId: string, unitName: string) => {
  const subject = rng.pick(modelSubjects[fieldId] ?? modelSubjects.economy!)
  return {
    name: nfc(`Mô hình “Dân vận khéo” ${subject} tại ${unitName}`),
    objectives: nfc(
      `Phát huy vai trò của cả hệ thống chính trị và sự tham gia của nhân dân trong ${subject}; đến cuối giai đoạn có ít nhất ${rng.int(50, 95)}% hộ gia đình, đoàn viên, hội viên tham gia.`
    ),
    method: nfc(
      `Tuyên truyền, vận động; phân công cán bộ, đảng viên phụ trách từng nhóm hộ; sơ kết ${rng.pick(["quý", "6 tháng", "hằng năm"])} để rút kinh nghiệm và nhân rộng.`
    ),
    area: nfc(unitName),
    beneficiaries: nfc(
      rng.pick([
        "Nhân dân trên địa bàn",
        "Hội viên, đoàn viên",
        "Cán bộ, công chức, viên chức",
        "Người lao động",
        "Hộ nghèo, hộ cận nghèo"
      ])
    )
  }
}

/** A report's free-text sections (kết quả, hạn chế, nhiệm vụ kỳ tới). @since 0.1.0 */
export const reportText = (rng: Random, programme: "DVK" | "QCDC", unitName: string) =>
  programme === "DVK"
    ? {
        achievements: nfc(
          `${unitName} tiếp tục triển khai phong trào thi đua “Dân vận khéo”; các mô hình được đăng ký, theo dõi và đánh giá theo kế hoạch, ${rng.pick(["nhiều mô hình mang lại hiệu quả thiết thực", "một số mô hình được nhân rộng", "phong trào lan tỏa rộng khắp"])}.`
        ),
        shortcomings: nfc(
          rng.pick([
            "Một số mô hình chưa được sơ kết kịp thời.",
            "Việc nhân rộng mô hình còn chậm.",
            "Công tác tuyên truyền có lúc chưa thường xuyên."
          ])
        ),
        nextTasks: nfc(
          `Tiếp tục đăng ký, xây dựng mô hình mới; đánh giá, biểu dương các mô hình hiệu quả ${rng.pick(["trong quý tới", "trong 6 tháng tới", "trước khi tổng kết giai đoạn"])}.`
        )
      }
    : {
        achievements: nfc(
          `${unitName} thực hiện nghiêm Luật Thực hiện dân chủ ở cơ sở; công khai thông tin, tổ chức đối thoại và tiếp công dân theo quy định, ${rng.pick(["giải quyết kịp thời kiến nghị của nhân dân", "không để phát sinh điểm nóng", "nâng cao chất lượng hội nghị"])}.`
        ),
        shortcomings: nfc(
          rng.pick([
            "Một số kiến nghị giải quyết còn chậm.",
            "Hình thức công khai có nơi chưa phong phú.",
            "Việc lấy ý kiến nhân dân có lúc còn hình thức."
          ])
        ),
        nextTasks: nfc(
          `Tiếp tục thực hiện tốt phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng” ${rng.pick(["trong kỳ tới", "trong năm", "gắn với cải cách hành chính"])}.`
        )
      }

/** Why a model was stopped. @since 0.1.0 */
export const discontinueReasons = [
  "Mô hình không còn phù hợp với điều kiện thực tế của địa phương.",
  "Đơn vị sáp nhập, mô hình được lồng ghép vào mô hình khác.",
  "Thiếu nguồn lực để duy trì."
].map(nfc)

/** Why a report was returned. @since 0.1.0 */
export const returnReasons = [
  "Số liệu phân theo lĩnh vực chưa khớp với báo cáo tháng.",
  "Đề nghị bổ sung phần hạn chế, nguyên nhân.",
  "Thiếu số liệu đối thoại trực tiếp."
].map(nfc)

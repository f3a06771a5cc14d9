/**
 * A sample of the "Dân vận khéo" models registered in Ninh Bình for the 2016–2020 phase, kept as
 * model records and taken through their lifecycle: registered, carried out, evaluated, commended,
 * replicated or discontinued.
 *
 * The article gives only the total (1,952 models in four fields); the district reports carry the
 * counts. These records are **illustrative**: the units are real communes, agencies and
 * enterprises of the province (see `units.ts`), the models and their dates are plausible examples
 * of the work the article describes (paragraph 6: inspect and evaluate the models registered for
 * 2016–2020, select and replicate the effective ones).
 */
import { Ids, UnitImport } from "@danvan/core"
import { recordedFrom } from "./units.ts"

/** A commune of the snapshot by its statistics code. */
const commune = (code: string) =>
  Ids.UnitId.make(UnitImport.defaultId({ level: "commune", code, validFrom: recordedFrom }))

/** A lifecycle step after registration; who takes it is decided by the seeding (see `seed.ts`). */
export type Step =
  | { readonly _tag: "Started"; readonly on: string }
  | {
      readonly _tag: "Evaluated"
      readonly on: string
      readonly rating: "excellent" | "good" | "fair" | "ineffective"
    }
  | {
      readonly _tag: "Commended"
      readonly on: string
      readonly level: "province" | "district"
      readonly form: "certificateOfMerit" | "letterOfCommendation"
      readonly decision: string
    }
  | { readonly _tag: "Discontinued"; readonly on: string; readonly reason: string }

/** One sample model: its registration and the steps it went through by mid-2017. */
export interface SampleModel {
  readonly id: string
  readonly unitId: string
  readonly fieldId: "economy" | "culture-society" | "security-defence" | "political-system"
  readonly registeredOn: string
  readonly name: string
  readonly objectives: string
  readonly beneficiaries: string
  readonly steps: ReadonlyArray<Step>
  /** The model this one replicates (registered with `replicateModel`). */
  readonly replicaOf?: string
}

const started = (on: string): Step => ({ _tag: "Started", on })
const rated = (on: string, rating: "excellent" | "good" | "fair" | "ineffective"): Step => ({
  _tag: "Evaluated",
  on,
  rating
})

/** The sample, registrations first in date order; a replica after its source. */
export const sampleModels: ReadonlyArray<SampleModel> = [
  {
    id: "nb-model-ninh-hai-du-lich",
    unitId: commune("14551"),
    fieldId: "economy",
    registeredOn: "2016-09-15",
    name: "Vận động nhân dân làm du lịch cộng đồng gắn với giữ gìn cảnh quan Tam Cốc - Bích Động",
    objectives: "Tăng thu nhập cho hộ chèo đò, bán hàng; giữ vệ sinh, trật tự khu du lịch",
    beneficiaries: "Các hộ dân xã Ninh Hải",
    steps: [
      started("2016-10-01"),
      rated("2017-04-20", "excellent"),
      {
        _tag: "Commended",
        on: "2017-05-19",
        level: "province",
        form: "certificateOfMerit",
        decision: "Quyết định khen thưởng của UBND tỉnh (minh họa)"
      }
    ]
  },
  {
    id: "nb-model-khanh-phu-don-dien",
    unitId: commune("14566"),
    fieldId: "economy",
    registeredOn: "2016-09-20",
    name: "Dồn điền đổi thửa, xây dựng cánh đồng mẫu lớn",
    objectives: "Giảm số thửa ruộng trên mỗi hộ, cơ giới hóa sản xuất lúa",
    beneficiaries: "Hộ nông dân xã Khánh Phú",
    steps: [started("2016-11-01"), rated("2017-05-10", "good")]
  },
  {
    id: "nb-model-van-giang-khu-pho",
    unitId: commune("14329"),
    fieldId: "culture-society",
    registeredOn: "2016-10-03",
    name: "Khu phố văn minh, sạch đẹp, không rác thải ra đường",
    objectives: "Mỗi tổ dân phố tự quản vệ sinh, phân loại rác tại nguồn",
    beneficiaries: "Nhân dân phường Vân Giang",
    steps: [started("2016-10-15"), rated("2017-04-28", "good")]
  },
  {
    id: "nb-model-cuc-phuong-bao-ve-rung",
    unitId: commune("14404"),
    fieldId: "culture-society",
    registeredOn: "2016-10-10",
    name: "Vận động nhân dân vùng đệm tham gia bảo vệ rừng Cúc Phương",
    objectives: "Không để xảy ra chặt phá rừng, săn bắt động vật hoang dã",
    beneficiaries: "Nhân dân xã Cúc Phương",
    steps: [started("2016-11-01")]
  },
  {
    id: "nb-model-phat-diem-dong-bao-cong-giao",
    unitId: commune("14620"),
    fieldId: "political-system",
    registeredOn: "2016-10-12",
    name: 'Dân vận khéo trong vùng đồng bào Công giáo: "Sống tốt đời, đẹp đạo"',
    objectives: "Phát huy vai trò chức sắc, người có uy tín trong vận động giáo dân",
    beneficiaries: "Đồng bào Công giáo thị trấn Phát Diệm",
    steps: [started("2016-11-10"), rated("2017-05-15", "excellent")]
  },
  {
    id: "nb-model-cong-an-cu-tru",
    unitId: "nb-armed-cong-an",
    fieldId: "security-defence",
    registeredOn: "2016-10-20",
    name: "Dân vận khéo trong tiếp nhận, giải quyết thủ tục hành chính về cư trú",
    objectives: "Giải quyết đúng hẹn, không để người dân đi lại nhiều lần",
    beneficiaries: "Công dân đến làm thủ tục",
    steps: [started("2016-11-01"), rated("2017-05-25", "good")]
  },
  {
    id: "nb-model-so-lao-dong-gan-dan",
    unitId: "nb-agency-so-lao-dong",
    fieldId: "political-system",
    registeredOn: "2016-11-02",
    name: 'Cán bộ, công chức "Gần dân, hiểu dân, giúp dân"',
    objectives: "Giải quyết kịp thời chế độ chính sách cho người có công",
    beneficiaries: "Người có công, đối tượng bảo trợ xã hội",
    steps: [started("2016-11-15")]
  },
  {
    id: "nb-model-benh-vien-hai-long",
    unitId: "nb-psu-benh-vien",
    fieldId: "culture-society",
    registeredOn: "2016-11-08",
    name: "Đổi mới phong cách, thái độ phục vụ hướng tới sự hài lòng của người bệnh",
    objectives: "Giảm thời gian chờ khám; tiếp nhận, trả lời góp ý của người bệnh",
    beneficiaries: "Người bệnh và người nhà người bệnh",
    steps: [started("2016-12-01"), rated("2017-05-30", "fair")]
  },
  {
    id: "nb-model-bac-son-hien-dat",
    unitId: commune("14362"),
    fieldId: "economy",
    registeredOn: "2016-11-15",
    name: "Vận động nhân dân hiến đất mở rộng đường giao thông khu dân cư",
    objectives: "Mở rộng các tuyến ngõ, xóm không phải bồi thường",
    beneficiaries: "Nhân dân phường Bắc Sơn",
    steps: [started("2016-12-01")]
  },
  {
    id: "nb-model-gia-van-oc-nhoi",
    unitId: commune("14479"),
    fieldId: "economy",
    registeredOn: "2016-12-05",
    name: "Nuôi ốc nhồi trong ruộng trũng",
    objectives: "Chuyển đổi ruộng trũng cấy lúa kém hiệu quả",
    beneficiaries: "Hộ nông dân xã Gia Vân",
    steps: [
      started("2017-01-05"),
      rated("2017-05-05", "ineffective"),
      {
        _tag: "Discontinued",
        on: "2017-06-10",
        reason: "Hiệu quả kinh tế thấp, người dân không tiếp tục tham gia"
      }
    ]
  },
  {
    id: "nb-model-yen-thang-hoa-giai",
    unitId: commune("14725"),
    fieldId: "security-defence",
    registeredOn: "2017-01-10",
    name: "Tổ hòa giải giỏi ở thôn, xóm",
    objectives: "Hòa giải thành các mâu thuẫn nhỏ ngay tại cơ sở",
    beneficiaries: "Nhân dân xã Yên Thắng",
    steps: [started("2017-02-01")]
  },
  {
    id: "nb-model-hoi-nong-dan-chi-hoi",
    unitId: "nb-mass-hoi-nong-dan",
    fieldId: "economy",
    registeredOn: "2017-02-14",
    name: "Chi hội nông dân nghề nghiệp",
    objectives: "Liên kết hội viên cùng nghề trong sản xuất, tiêu thụ sản phẩm",
    beneficiaries: "Hội viên nông dân",
    steps: []
  },
  {
    id: "nb-model-trang-an-doanh-nghiep",
    unitId: "nb-enterprise-trang-an",
    fieldId: "political-system",
    registeredOn: "2017-03-01",
    name: "Doanh nghiệp thực hiện tốt quy chế dân chủ tại nơi làm việc, đối thoại định kỳ với người lao động",
    objectives: "Tổ chức đối thoại, hội nghị người lao động theo Nghị định 60/2013/NĐ-CP",
    beneficiaries: "Người lao động, người chèo đò",
    steps: [started("2017-03-15")]
  },
  {
    id: "nb-model-truong-yen-du-lich",
    unitId: commune("14533"),
    fieldId: "economy",
    registeredOn: "2017-06-05",
    name: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An (nhân rộng từ xã Ninh Hải)",
    objectives: "Áp dụng cách làm của xã Ninh Hải cho các hộ chèo đò Tràng An",
    beneficiaries: "Các hộ dân xã Trường Yên",
    steps: [],
    replicaOf: "nb-model-ninh-hai-du-lich"
  }
]

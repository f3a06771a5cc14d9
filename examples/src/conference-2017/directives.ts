/**
 * The directives the 2017 article cites, with their tasks.
 *
 * - Decree 60/2013/NĐ-CP (19/06/2013, in force 15/08/2013) on grassroots democracy at the
 *   workplace, which the conclusion singles out; replaced by 149/2018/NĐ-CP (07/11/2018, in force
 *   01/01/2019), itself replaced by 145/2020/NĐ-CP (14/12/2020). That 145/2020 repealed 149/2018
 *   expressly, and its start date, 01/02/2021, used here, are unconfirmed against its text.
 * - Plan 771-KH/BDVTƯ (08/03/2017) of the Central Mass Mobilisation Commission, continuing the DVK
 *   movement in 2017; recorded as in force for 2017 (its end is reconstructed).
 * - Plan 20-KH/TU (12/08/2016) of the Provincial Party Standing Committee, the DVK movement for
 *   2016–2020; recorded as in force until the end of 2020 (reconstructed). Its tasks are the work
 *   the article says the steering committees directed (paragraph 6).
 * - The conference's conclusions (paragraphs 8–12: tasks for the last six months of 2017 for Party
 *   committees and authorities, HĐND and UBND at all levels, and the DVK steering committees),
 *   recorded as a notice of the Provincial Party Committee. The article gives no number or date
 *   for it: `145-TB/TU` of 14/07/2017 is illustrative.
 */
import {
  CalendarDate,
  type Directive,
  type Directives,
  DocumentNumber,
  type Ids,
  type Unit
} from "@danvan/core"
import { Result } from "effect"

type Input = Directives.RegisterDirectiveInput

const number = (text: string) => Result.getOrThrow(DocumentNumber.parse(text))

/** The day of the conference's conclusions and of the province's six-month report (illustrative). */
export const conclusionDate = CalendarDate.make(2017, 7, 14)

const everyLevel: ReadonlyArray<Unit.UnitLevel> = ["province", "district", "commune"]
/** A body at the given levels of the province ("UBND các cấp"); no levels means every level. */
const bodies = (
  provinceId: Ids.UnitId,
  body: Directive.Body,
  levels: ReadonlyArray<Unit.UnitLevel> = everyLevel
) => ({
  _tag: "Bodies" as const,
  body,
  levels,
  within: provinceId
})
const secondHalf2017 = { _tag: "ByPeriod" as const, periodId: "2017S2" }

/** The directives, in the order they are registered (a replaced one before its replacement). */
export const directives = (provinceId: Ids.UnitId): ReadonlyArray<Input & { readonly id: string }> => [
  {
    id: "nb-dir-60-2013-nd-cp",
    number: number("60/2013/NĐ-CP"),
    issuedBy: { _tag: "Central", body: "government" },
    title:
      "Quy định chi tiết khoản 3 Điều 63 của Bộ luật Lao động về thực hiện Quy chế dân chủ ở cơ sở tại nơi làm việc",
    issuerName: "Chính phủ",
    programme: "QCDC",
    issuedOn: "2013-06-19",
    effectiveFrom: "2013-08-15",
    replaces: [],
    tasks: [
      {
        id: "nb-dir-60-2013-t1",
        description:
          "Người sử dụng lao động tổ chức đối thoại tại nơi làm việc và hội nghị người lao động, công khai thông tin theo quy định.",
        assignees: [bodies(provinceId, "enterprises", [])]
      }
    ]
  },
  {
    id: "nb-dir-149-2018-nd-cp",
    number: number("149/2018/NĐ-CP"),
    issuedBy: { _tag: "Central", body: "government" },
    title:
      "Quy định chi tiết khoản 3 Điều 63 của Bộ luật Lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc",
    issuerName: "Chính phủ",
    programme: "QCDC",
    issuedOn: "2018-11-07",
    effectiveFrom: "2019-01-01",
    replaces: ["nb-dir-60-2013-nd-cp"],
    tasks: []
  },
  {
    id: "nb-dir-145-2020-nd-cp",
    number: number("145/2020/NĐ-CP"),
    issuedBy: { _tag: "Central", body: "government" },
    title:
      "Quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động",
    issuerName: "Chính phủ",
    programme: "QCDC",
    issuedOn: "2020-12-14",
    effectiveFrom: "2021-02-01",
    replaces: ["nb-dir-149-2018-nd-cp"],
    tasks: []
  },
  {
    id: "nb-dir-20-kh-tu-2016",
    number: number("20-KH/TU"),
    issuedBy: { _tag: "Unit", unitId: provinceId, body: "partyCommittee" },
    title: 'Kế hoạch thực hiện phong trào thi đua "Dân vận khéo" giai đoạn 2016-2020',
    issuerName: "Ban Thường vụ Tỉnh ủy Ninh Bình",
    programme: "DVK",
    issuedOn: "2016-08-12",
    effectiveFrom: "2016-08-12",
    effectiveUntil: "2021-01-01",
    replaces: [],
    tasks: [
      {
        id: "nb-dir-20-kh-tu-t1",
        description: "Kiểm tra, khảo sát các mô hình; đánh giá các mô hình đăng ký giai đoạn 2016-2020.",
        assignees: [bodies(provinceId, "steeringCommittee")]
      },
      {
        id: "nb-dir-20-kh-tu-t2",
        description:
          "Phát động thi đua, khảo sát, phát hiện nhân tố mới; lựa chọn, nhân rộng các mô hình hiệu quả, có sức lan tỏa trong đời sống xã hội.",
        assignees: [bodies(provinceId, "steeringCommittee"), bodies(provinceId, "massOrganisations")]
      },
      {
        id: "nb-dir-20-kh-tu-t3",
        description: 'Ký kết chương trình phối hợp về công tác dân vận và phong trào thi đua "Dân vận khéo".',
        assignees: [bodies(provinceId, "agencies", [])]
      }
    ]
  },
  {
    id: "nb-dir-771-kh-bdvtu-2017",
    number: number("771-KH/BDVTƯ"),
    issuedBy: { _tag: "Central", body: "massMobilisationCommission" },
    title: 'Kế hoạch tiếp tục đẩy mạnh thực hiện phong trào thi đua "Dân vận khéo" năm 2017',
    issuerName: "Ban Dân vận Trung ương",
    programme: "DVK",
    issuedOn: "2017-03-08",
    effectiveFrom: "2017-03-08",
    effectiveUntil: "2018-01-01",
    replaces: [],
    tasks: [
      {
        id: "nb-dir-771-kh-t1",
        description: 'Tiếp tục đẩy mạnh thực hiện phong trào thi đua "Dân vận khéo" trong năm 2017.',
        assignees: [bodies(provinceId, "steeringCommittee")],
        due: { _tag: "ByDate", date: "2017-12-31" }
      }
    ]
  },
  {
    id: "nb-dir-145-tb-tu-2017",
    number: number("145-TB/TU"),
    issuedBy: { _tag: "Unit", unitId: provinceId, body: "partyCommittee" },
    title:
      'Kết luận Hội nghị sơ kết 6 tháng đầu năm 2017 công tác thực hiện Quy chế dân chủ ở cơ sở và phong trào thi đua "Dân vận khéo"',
    issuerName: "Tỉnh ủy Ninh Bình",
    programme: "OTHER",
    issuedOn: conclusionDate,
    effectiveFrom: conclusionDate,
    effectiveUntil: "2018-01-01",
    replaces: [],
    tasks: [
      {
        id: "nb-kl-2017-t1",
        description:
          "Tiếp tục đẩy mạnh, nâng cao chất lượng, hiệu quả việc xây dựng và thực hiện QCDC ở cơ sở ở các loại hình cơ sở, nhất là quan tâm chỉ đạo Nghị định số 60/2013/NĐ-CP ngày 19/6/2013 của Chính phủ.",
        assignees: [bodies(provinceId, "partyCommittee"), bodies(provinceId, "peoplesCommittee")],
        due: secondHalf2017
      },
      {
        id: "nb-kl-2017-t2",
        description:
          "Các cấp ủy, chính quyền tiếp tục chỉ đạo chấn chỉnh phong cách, lề lối làm việc của cán bộ, công chức, viên chức trong thực thi công vụ; đẩy mạnh cải cách thủ tục hành chính.",
        assignees: [bodies(provinceId, "partyCommittee"), bodies(provinceId, "peoplesCommittee")],
        due: secondHalf2017
      },
      {
        id: "nb-kl-2017-t3",
        description:
          "HĐND các cấp tiếp tục nâng cao chất lượng hoạt động giám sát, chất vấn, chất lượng các kỳ họp; phát huy vai trò dân chủ đại diện của đại biểu HĐND.",
        assignees: [bodies(provinceId, "peoplesCouncil")],
        due: secondHalf2017
      },
      {
        id: "nb-kl-2017-t4",
        description:
          "UBND các cấp tăng cường tiếp công dân, đối thoại trực tiếp với nhân dân; đẩy mạnh cải cách hành chính, giải quyết đơn thư khiếu nại, tố cáo; phòng, chống tham nhũng, lãng phí.",
        assignees: [bodies(provinceId, "peoplesCommittee")],
        due: secondHalf2017
      },
      {
        id: "nb-kl-2017-t5",
        description:
          'BCĐ phong trào thi đua "Dân vận khéo" các cấp cụ thể hóa 5 nhiệm vụ báo cáo đã nêu; tiếp tục thực hiện có hiệu quả Kế hoạch số 771-KH/BDVTƯ ngày 08/3/2017 và Kế hoạch số 20-KH/TU ngày 12/8/2016.',
        assignees: [bodies(provinceId, "steeringCommittee")],
        due: secondHalf2017
      }
    ]
  }
]

/**
 * Generated directives (văn bản chỉ đạo): the national documents that govern QCDC and DVK, with
 * their real numbers and replacement chains (Ordinance 34/2007/PL-UBTVQH11 and Decree
 * 04/2015/NĐ-CP replaced by Law 10/2022/QH15; Decree 60/2013/NĐ-CP → 149/2018/NĐ-CP →
 * 145/2020/NĐ-CP), and each province's yearly plans and decisions, each year's plan replacing the
 * last.
 *
 * Provincial numbers: every province numbers its own `…/QĐ-UBND` and `…-KH/TU` from 01, as real
 * provinces do, so two provinces' documents share numbers. The store's numbering scope
 * (`Directive.numberingKey`) holds the issuing unit (`Directive.issuedBy`: the province), so a
 * national store keeps every province's `01/QĐ-UBND` side by side.
 *
 * @since 0.1.0
 */
import type { Unit } from "@danvan/core"
import { CalendarDate, Directive, Ids, Period } from "@danvan/core"
import { lastDay } from "./Calendar.ts"
import type { Random } from "./Random.ts"

type Number = Directive.Directive["number"]

const d = CalendarDate.make

const state = (number: number, issuer: string, typeCode?: string, year?: number): Number => ({
  _tag: "State",
  number,
  issuer,
  ...(typeCode === undefined ? {} : { typeCode }),
  ...(year === undefined ? {} : { year })
})

const party = (number: number, typeCode: string, issuer: string): Number => ({
  _tag: "Party",
  number,
  typeCode,
  issuer
})

interface Spec {
  readonly id: string
  readonly number: Number
  readonly title: string
  readonly programme: "QCDC" | "DVK" | "OTHER"
  readonly issuedOn: CalendarDate.CalendarDate
  readonly effectiveFrom: CalendarDate.CalendarDate
  readonly effectiveUntil?: CalendarDate.CalendarDate
  readonly replaces?: ReadonlyArray<string>
  readonly issuerName?: string
  readonly tasks?: ReadonlyArray<Directive.Task>
  /** The issuing province; absent for a national document (issued by the centre). */
  readonly unit?: Ids.UnitId
}

const make = (s: Spec): Directive.Directive =>
  new Directive.Directive(
    {
      id: Ids.DirectiveId.make(s.id),
      number: s.number,
      // National numbers carry central issuer codes and provincial ones local codes, so the
      // issuer follows from the code and the province (`Directive.legacyIssuer`).
      issuedBy: Directive.legacyIssuer(s.number, s.unit) ?? { _tag: "Central", body: "agency" },
      title: s.title.normalize("NFC"),
      ...(s.issuerName === undefined ? {} : { issuerName: s.issuerName.normalize("NFC") }),
      programme: s.programme,
      issuedOn: s.issuedOn,
      effectiveFrom: s.effectiveFrom,
      ...(s.effectiveUntil === undefined ? {} : { effectiveUntil: s.effectiveUntil }),
      replaces: (s.replaces ?? []).map((r) => Ids.DirectiveId.make(r)),
      tasks: s.tasks ?? [],
      version: 0
    },
    { disableChecks: true }
  )

/**
 * The national documents: the QCDC law and decrees with their replacement chains, the
 * reporting decree, and the Central Mass Mobilisation Commission's DVK plan.
 *
 * @since 0.1.0
 */
export const nationalDirectives = (): ReadonlyArray<Directive.Directive> => [
  make({
    id: "vn-pl-34-2007",
    number: state(34, "UBTVQH11", "PL", 2007),
    title: "Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn",
    programme: "QCDC",
    issuedOn: d(2007, 4, 20),
    effectiveFrom: d(2007, 7, 1)
  }),
  make({
    id: "vn-nd-60-2013",
    number: state(60, "CP", "NĐ", 2013),
    title:
      "Nghị định quy định chi tiết Bộ luật Lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc",
    programme: "QCDC",
    issuedOn: d(2013, 6, 19),
    effectiveFrom: d(2013, 8, 15)
  }),
  make({
    id: "vn-nd-04-2015",
    number: state(4, "CP", "NĐ", 2015),
    title:
      "Nghị định về thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập",
    programme: "QCDC",
    issuedOn: d(2015, 1, 9),
    effectiveFrom: d(2015, 2, 25)
  }),
  make({
    id: "vn-kh-771-bdvtw",
    number: party(771, "KH", "BDVTƯ"),
    title: "Kế hoạch triển khai phong trào thi đua “Dân vận khéo” giai đoạn 2016 - 2020",
    programme: "DVK",
    issuedOn: d(2017, 3, 8),
    effectiveFrom: d(2017, 3, 8),
    effectiveUntil: d(2021, 1, 1)
  }),
  make({
    id: "vn-nd-149-2018",
    number: state(149, "CP", "NĐ", 2018),
    title:
      "Nghị định quy định chi tiết khoản 3 Điều 63 của Bộ luật Lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc",
    programme: "QCDC",
    issuedOn: d(2018, 11, 7),
    effectiveFrom: d(2019, 1, 1),
    replaces: ["vn-nd-60-2013"]
  }),
  make({
    id: "vn-nd-09-2019",
    number: state(9, "CP", "NĐ", 2019),
    title: "Nghị định quy định chế độ báo cáo của cơ quan hành chính nhà nước",
    programme: "OTHER",
    issuedOn: d(2019, 1, 24),
    effectiveFrom: d(2019, 3, 12)
  }),
  make({
    id: "vn-nd-145-2020",
    number: state(145, "CP", "NĐ", 2020),
    title:
      "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động",
    programme: "QCDC",
    issuedOn: d(2020, 12, 14),
    effectiveFrom: d(2021, 2, 1),
    replaces: ["vn-nd-149-2018"]
  }),
  make({
    id: "vn-l-10-2022",
    number: state(10, "QH15", undefined, 2022),
    title: "Luật Thực hiện dân chủ ở cơ sở",
    programme: "QCDC",
    issuedOn: d(2022, 11, 10),
    effectiveFrom: d(2023, 7, 1),
    replaces: ["vn-pl-34-2007", "vn-nd-04-2015"]
  }),
  make({
    id: "vn-nd-59-2023",
    number: state(59, "CP", "NĐ", 2023),
    title: "Nghị định quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
    programme: "QCDC",
    issuedOn: d(2023, 8, 14),
    effectiveFrom: d(2023, 8, 15)
  })
]

const bodies = Directive.Body.literals

const tasksFor = (
  rng: Random,
  directiveId: string,
  year: number,
  province: Unit.Unit,
  districts: ReadonlyArray<Unit.Unit>
): ReadonlyArray<Directive.Task> =>
  Array.from({ length: rng.int(1, 3) }, (_, k) => {
    const toUnit = districts.length > 0 && rng.chance(0.3)
    return new Directive.Task(
      {
        id: Ids.TaskId.make(`${directiveId}-t${k + 1}`),
        description:
          `${rng.pick(["Tổ chức quán triệt, triển khai", "Hướng dẫn, kiểm tra, đôn đốc", "Sơ kết, đánh giá kết quả", "Báo cáo kết quả thực hiện"])} ${rng.pick(["tới cán bộ, đảng viên và nhân dân", "ở các cấp", "trong toàn tỉnh", "về Thường trực Tỉnh ủy"])}.`.normalize(
            "NFC"
          ),
        assignees: toUnit
          ? [{ _tag: "Unit", unitId: rng.pick(districts).id }]
          : [
              {
                _tag: "Bodies",
                body: rng.pick(bodies),
                levels: rng.chance(0.5) ? [] : ["district", "commune"],
                within: province.id
              }
            ],
        ...(rng.chance(0.7)
          ? {
              due: {
                _tag: "ByPeriod" as const,
                periodId: Period.id(Period.halfYear(year, rng.chance(0.5) ? 1 : 2))
              }
            }
          : {})
      },
      { disableChecks: true }
    )
  })

/**
 * One province's directives for 2016 to mid-2025: each year a Party plan for the DVK movement
 * (`…-KH/TU`) and a People's Committee plan for grassroots democracy (`…/KH-UBND`), each replacing
 * the year before; a phase plan for 2016–2020 and 2021–2025; and a few decisions, guidance
 * documents and official letters, some with an end date.
 *
 * @since 0.1.0
 */
export const provinceDirectives = (
  rng: Random,
  province: Unit.Unit,
  districts: ReadonlyArray<Unit.Unit>,
  ordinal: number
): ReadonlyArray<Directive.Directive> => {
  const out: Array<Directive.Directive> = []
  const code = province.code ?? String(ordinal)
  let partyNo = 0
  let stateNo = 0
  let previousDvk: string | undefined
  let previousQcdc: string | undefined
  let phasePlan: string | undefined
  const withinLast = (y: number, m: number, dd: number) => {
    const x = CalendarDate.make(y, m, dd)
    return CalendarDate.min(x, lastDay)
  }
  for (let year = 2016; year <= 2025; year++) {
    if (year === 2016 || year === 2021) {
      const id = `p${code}-kh-giai-doan-${year}`
      const issued = withinLast(year, rng.int(2, 4), rng.int(1, 28))
      out.push(
        make({
          unit: province.id,
          id,
          number: party(++partyNo, "KH", "TU"),
          title: `Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” giai đoạn ${year} - ${year + 4}`,
          issuerName: "Tỉnh ủy",
          programme: "DVK",
          issuedOn: issued,
          effectiveFrom: issued,
          ...(phasePlan === undefined ? {} : { replaces: [phasePlan] }),
          tasks: tasksFor(rng, id, year, province, districts)
        })
      )
      phasePlan = id
    }
    const dvk = `p${code}-kh-dvk-${year}`
    const dvkIssued = withinLast(year, 1, rng.int(5, 28))
    out.push(
      make({
        unit: province.id,
        id: dvk,
        number: party(++partyNo, "KH", "TU"),
        title: `Kế hoạch triển khai phong trào thi đua “Dân vận khéo” năm ${year}`,
        issuerName: "Tỉnh ủy",
        programme: "DVK",
        issuedOn: dvkIssued,
        effectiveFrom: dvkIssued,
        ...(previousDvk === undefined ? {} : { replaces: [previousDvk] }),
        tasks: tasksFor(rng, dvk, year, province, districts)
      })
    )
    previousDvk = dvk
    const qcdc = `p${code}-kh-qcdc-${year}`
    const qcdcIssued = withinLast(year, rng.int(1, 2), rng.int(1, 28))
    out.push(
      make({
        unit: province.id,
        id: qcdc,
        number: state(++stateNo, "UBND", "KH"),
        title: `Kế hoạch thực hiện ${year >= 2023 ? "Luật Thực hiện dân chủ ở cơ sở" : "Quy chế dân chủ ở cơ sở"} năm ${year}`,
        issuerName: "Ủy ban nhân dân tỉnh",
        programme: "QCDC",
        issuedOn: qcdcIssued,
        effectiveFrom: CalendarDate.addDays(qcdcIssued, rng.int(0, 10)),
        ...(previousQcdc === undefined ? {} : { replaces: [previousQcdc] }),
        tasks: tasksFor(rng, qcdc, year, province, districts)
      })
    )
    previousQcdc = qcdc
    const others = rng.count(5)
    for (let k = 0; k < others; k++) {
      const id = `p${code}-${year}-${k + 1}`
      const issued = withinLast(year, rng.int(1, 12), rng.int(1, 28))
      const kind = rng.weighted({ decision: 4, guidance: 3, letter: 3 })
      const programme = rng.weighted({ DVK: 5, QCDC: 4, OTHER: 1 })
      const number =
        kind === "decision"
          ? state(++stateNo, "UBND", "QĐ")
          : kind === "guidance"
            ? party(++partyNo, "HD", "TU")
            : state(++stateNo, rng.pick(["UBND-NC", "UBND-VX", "UBND-KT"]))
      out.push(
        make({
          unit: province.id,
          id,
          number,
          title:
            kind === "decision"
              ? `Quyết định khen thưởng các tập thể, cá nhân có thành tích trong phong trào ${programme === "DVK" ? "“Dân vận khéo”" : "thực hiện dân chủ ở cơ sở"} năm ${year}`
              : kind === "guidance"
                ? `Hướng dẫn đăng ký, đánh giá mô hình “Dân vận khéo” năm ${year}`
                : `Về việc báo cáo kết quả thực hiện ${programme === "QCDC" ? "dân chủ ở cơ sở" : "công tác dân vận"} 6 tháng năm ${year}`,
          issuerName: kind === "guidance" ? "Ban Dân vận Tỉnh ủy" : "Ủy ban nhân dân tỉnh",
          programme,
          issuedOn: issued,
          effectiveFrom: issued,
          ...(kind !== "decision" && rng.chance(0.6)
            ? { effectiveUntil: CalendarDate.addDays(issued, rng.int(60, 400)) }
            : {}),
          tasks: kind === "decision" ? [] : tasksFor(rng, id, year, province, districts)
        })
      )
    }
  }
  return out
}

/**
 * Issue 3: "Every decoder, given arbitrary input (fast-check `anything`), returns a typed error or a
 * value, never throws."
 *
 * The schemas under test are found, not listed: every value of every namespace of the package
 * entry that `Schema.isSchema` accepts, so a schema added later is covered without touching this
 * file. Each one decodes
 * - arbitrary values (`fc.anything` with every option on);
 * - near misses: valid encoded records (and every part of them that some schema accepts) with one
 *   field changed, removed or added, enumerated and at random.
 * Decoding must give a value or a failure made only of `SchemaError`s (no defect, no exception),
 * and a value it gives must encode again.
 */
import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as fc from "fast-check"
import * as Core from "../src/index.ts"
import { decodeProblem, untypedReason } from "./support/Decoding.ts"

// ---------------------------------------------------------------------------------------------
// the schemas
// ---------------------------------------------------------------------------------------------

const schemas: ReadonlyArray<readonly [string, Schema.Top]> = Object.entries(Core).flatMap<
  readonly [string, Schema.Top]
>(([ns, mod]) => {
  if (Schema.isSchema(mod)) return [[ns, mod] as const]
  if (typeof mod !== "object" || mod === null) return []
  return Object.entries(mod).flatMap(([name, value]) =>
    Schema.isSchema(value) ? [[`${ns}.${name}`, value] as const] : []
  )
})

const byName = new Map(schemas)
const schema = (name: string): Schema.Top => {
  const s = byName.get(name)
  if (s === undefined) throw new Error(`no exported schema ${name}`)
  return s
}

/** A problem with decoding `input`, or with encoding what it decoded to. */
const problem = (s: Schema.Top, input: unknown): string | undefined => {
  const decoding = decodeProblem(s, input)
  if (decoding !== undefined) return decoding
  const decoded = Schema.decodeUnknownExit(s as Schema.Codec<unknown, unknown>)(input)
  if (Exit.isFailure(decoded)) return undefined
  try {
    const encoded = Schema.encodeUnknownExit(s as Schema.Codec<unknown, unknown>)(decoded.value)
    if (Exit.isFailure(encoded))
      return `it decoded, but the value does not encode again: ${untypedReason(encoded) ?? "a schema error"}`
    return undefined
  } catch (error) {
    return `it decoded, but encoding the value threw ${String(error)}`
  }
}

const show = (u: unknown): string => {
  try {
    const text = JSON.stringify(u, (_, v) => (typeof v === "bigint" ? `${v}n` : v))
    return (text ?? String(u)).slice(0, 300)
  } catch {
    return String(u).slice(0, 300)
  }
}

// ---------------------------------------------------------------------------------------------
// valid encoded records
// ---------------------------------------------------------------------------------------------

const actor = { personId: "p-1", name: "Nguyễn Văn An", unitId: "vn-37" }

const dvkFigures = {
  _tag: "DVK",
  models: 10,
  byField: { economy: 6, "culture-society": 4 },
  byStatus: { registered: 1, inProgress: 5, evaluated: 2, commended: 1, replicated: 1, discontinued: 0 },
  newModels: 3,
  effective: 4,
  commended: 1,
  replicated: 1,
  exemplaryCases: 2,
  extra: { hoGiaDinh: 12 }
}

const qcdcFigures = {
  _tag: "QCDC",
  citizenReceptions: 4,
  directDialogues: 2,
  complaintsReceived: 3,
  complaintsResolved: 2,
  denunciationsReceived: 1,
  denunciationsResolved: 1,
  supervisionSessions: 5,
  questioningSessions: 1,
  extra: {}
}

const content = (figures: unknown) => ({
  figures,
  achievements: "Các mô hình được triển khai đúng kế hoạch.",
  shortcomings: "",
  nextTasks: "Thực hiện Kế hoạch số 771-KH/BDVTƯ."
})

const unit = {
  id: "vn-14467",
  type: "commune",
  name: "Gia Hòa",
  code: "14467",
  validFrom: "2000-01-01",
  validUntil: "2025-07-01",
  parents: [{ parentId: "vn-373", from: "2000-01-01", until: "2025-07-01" }],
  version: 2
}

const membership = {
  personId: "p-head",
  personName: "Trần Thị Bình",
  post: "head",
  titles: ["TVTU", "Phó Chủ tịch HĐND tỉnh"],
  from: "2016-09-01",
  until: "2021-09-01"
}

const committee = {
  id: "bcd-dvk",
  unitId: "vn-37",
  name: "Ban Chỉ đạo phong trào thi đua Dân vận khéo",
  programmes: ["DVK", "QCDC"],
  establishedBy: "20-KH/TU-2016",
  activeFrom: "2016-09-01",
  activeUntil: "2026-01-01",
  memberships: [membership, { ...membership, personId: "p-2", post: "standingDeputy", titles: [] }],
  version: 1
}

const directive = {
  id: "149-2018",
  number: { _tag: "State", number: 149, year: 2018, typeCode: "NĐ", issuer: "CP" },
  title: "Nghị định quy định chi tiết khoản 3 Điều 63 của Bộ luật Lao động",
  issuerName: "Chính phủ",
  issuedBy: { _tag: "Central", body: "government" },
  programme: "QCDC",
  issuedOn: "2018-11-07",
  effectiveFrom: "2019-01-01",
  effectiveUntil: "2021-02-01",
  replaces: ["60-2013"],
  tasks: [
    {
      id: "t-1",
      description: "Tổ chức đối thoại tại nơi làm việc",
      assignees: [
        { _tag: "Unit", unitId: "vn-37" },
        { _tag: "Bodies", body: "peoplesCommittee", levels: ["district", "commune"], within: "vn-37" }
      ],
      due: { _tag: "ByPeriod", periodId: "2019S1" }
    },
    { id: "t-2", description: "Báo cáo kết quả", assignees: [], due: { _tag: "ByDate", date: "2019-12-15" } }
  ],
  version: 1
}

const model = {
  id: "m-1",
  unitId: "vn-373",
  phaseId: "2016-2020",
  fieldId: "economy",
  registeredOn: "2017-02-01",
  content: { name: "Mô hình nuôi ong", rationale: "Tăng thu nhập", timeline: "2017-2020" },
  replicaOf: "m-0",
  events: [
    { _tag: "Registered", on: "2017-02-01", by: actor },
    // A stamp made since roles exist carries one; older stamps (the others here) have none.
    { _tag: "Started", on: "2017-03-01", by: { ...actor, role: "officer" } },
    { _tag: "Evaluated", on: "2017-12-01", by: actor, rating: "good", note: "Hiệu quả" },
    {
      _tag: "Commended",
      on: "2018-01-05",
      by: actor,
      level: "province",
      form: "certificateOfMerit",
      decision: "QĐ 12"
    },
    { _tag: "Replicated", on: "2018-02-01", by: actor, replicaId: "m-2" },
    { _tag: "Discontinued", on: "2020-12-31", by: actor, reason: "Kết thúc giai đoạn" }
  ],
  version: 3
}

const report = {
  id: "dvk-2017S1-373",
  unitId: "vn-373",
  programme: "DVK",
  periodId: "2017S1",
  regimeId: "party-calendar-months",
  status: "reopened",
  content: content(dvkFigures),
  revision: 1,
  events: [
    { _tag: "Created", at: "2017-06-20T02:00:00.000Z", by: actor },
    { _tag: "Edited", at: "2017-06-21T02:00:00.000Z", by: actor },
    { _tag: "Submitted", at: "2017-07-01T02:00:00.000Z", by: actor, revision: 1, onTime: true },
    { _tag: "Returned", at: "2017-07-02T02:00:00.000Z", by: actor, reason: "Thiếu số liệu" },
    { _tag: "Approved", at: "2017-07-03T02:00:00.000Z", by: actor },
    { _tag: "Reopened", at: "2017-07-04T02:00:00.000Z", by: actor, reason: "Sửa số liệu" }
  ],
  version: 7
}

const revision = {
  reportId: "qcdc-2017S1-373",
  revision: 1,
  content: content(qcdcFigures),
  submittedAt: "2017-07-01T02:00:00.000Z",
  submittedBy: actor,
  onTime: false
}

const rule = {
  id: "nb-exemplary",
  name: "Ít nhất 20 điển hình",
  description: "Toàn tỉnh",
  programme: "DVK",
  left: {
    terms: [
      { indicator: "exemplaryCases", coefficient: 1 },
      { indicator: "byField.economy", coefficient: 0.5 }
    ],
    constant: 0
  },
  operator: ">=",
  right: { terms: [], constant: 20 },
  importance: "medium",
  scope: "consolidated",
  version: 1
}

/** Encoded records, each with the schema it must decode with. */
const encodedSamples: ReadonlyArray<readonly [string, unknown]> = [
  ["Unit.Unit", unit],
  [
    "Unit.Unit",
    {
      id: "vn-37",
      type: "province",
      name: "Ninh Bình",
      code: "37",
      validFrom: "1992-04-01",
      parents: [],
      version: 1
    }
  ],
  [
    "Succession.Succession",
    {
      id: "s-1",
      kind: "merge",
      effectiveDate: "2025-07-01",
      predecessorId: "vn-14467",
      successorId: "vn-14470",
      carriesHistory: true,
      version: 1
    }
  ],
  ["Directive.Directive", directive],
  [
    "Directive.Directive",
    {
      ...directive,
      id: "771",
      number: { _tag: "Party", number: 771, typeCode: "KH", issuer: "BDVTƯ" },
      replaces: [],
      tasks: []
    }
  ],
  ["SteeringCommittee.SteeringCommittee", committee],
  ["DvkModel.DvkModel", model],
  [
    "Coordination.CoordinationProgramme",
    {
      id: "pc-1",
      title: "Chương trình phối hợp",
      programme: "DVK",
      parties: ["vn-37", "vn-36"],
      signedOn: "2017-01-01",
      validFrom: "2017-01-02",
      validUntil: "2021-01-01",
      version: 1
    }
  ],
  ["Report.Report", report],
  ["Report.ReportRevision", revision],
  ["ModelField.ModelField", { id: "economy", name: "Phát triển kinh tế", order: 1, version: 1 }],
  [
    "Regime.ReportingRegime",
    {
      id: "state",
      name: "Nghị định 09/2019/NĐ-CP",
      calendar: "decree09Cutoff",
      deadlines: { grassroots: 1, commune: 2, district: 3, province: 4 },
      holidays: ["2024-09-02"],
      version: 1
    }
  ],
  ["ValidationRule.ValidationRule", rule],
  [
    "AuditEntry.AuditEntry",
    {
      id: "audit-1",
      at: "2017-07-03T02:00:00.000Z",
      actor,
      action: "report.approved",
      subjectKind: "report",
      subjectId: "dvk-2017S1-373",
      summary: "approved"
    }
  ],
  [
    "Issuers.RegistrySpecSchema",
    {
      stateTypes: [{ code: "QĐ", name: "Quyết định" }],
      partyTypes: [{ code: "KH", name: "Kế hoạch" }],
      issuers: [{ code: "BDVTƯ", aliases: ["BDVTW"], name: "Ban Dân vận" }],
      partyTerms: [{ issuer: "TU", termStarts: ["2015-11-01"] }]
    }
  ],
  [
    "UnitImport.DatasetProvince",
    {
      Code: "37",
      Name: "Ninh Bình",
      FullName: "Tỉnh Ninh Bình",
      District: [
        {
          Code: "373",
          Name: "Gia Viễn",
          FullName: "Huyện Gia Viễn",
          ProvinceCode: "37",
          Ward: [{ Code: "14467", Name: "Gia Hòa", FullName: "Xã Gia Hòa", DistrictCode: "373" }]
        }
      ]
    }
  ],
  [
    "UnitImport.CsvRow",
    {
      provinceCode: "37",
      provinceName: "Tỉnh Ninh Bình",
      districtCode: "373",
      districtName: "Huyện Gia Viễn",
      communeCode: "14467",
      communeName: "Xã Gia Hòa",
      level: "Xã"
    }
  ],
  ["DocumentNumber.DocumentNumberFromString", "60/2013/NĐ-CP"],
  ["DocumentNumber.DocumentNumberFromString", "771-KH/BDVTƯ"],
  ["Period.PeriodFromId", "2016-2020"],
  ["Period.PeriodFromId", "2017NineMonths"],
  ["Period.Period", { _tag: "Month", year: 2017, month: 6 }],
  ["Period.Period", { _tag: "Quarter", year: 2017, quarter: 3 }],
  [
    "Reports.CreateReportInput",
    {
      unitId: "vn-373",
      programme: "QCDC",
      periodId: "2017Q3",
      regimeId: "state",
      content: content(qcdcFigures)
    }
  ],
  ["Reports.ReasonInput", { reportId: "r-1", version: 3, reason: "Thiếu số liệu" }],
  [
    "Reports.ListReportsInput",
    { rootId: "vn-37", periodId: "2017S1", statuses: ["approved"], page: { limit: 50 } }
  ],
  ["Actor.ActorInput", { personId: "p-1", name: "Nguyễn Văn An", unitId: "vn-37", role: "officer" }],
  [
    "Policy.Policy",
    {
      roles: { officer: ["reports.draft"] },
      separationOfDuties: true,
      referenceDataLevels: ["province"],
      centralUnits: []
    }
  ],
  [
    "Audit.AuditQueryInput",
    { subjectKind: "report", from: "2017-01-01T00:00:00.000Z", to: "2017-07-01T00:00:00.000Z" }
  ],
  ["Page.PageRequest", { after: "WyJ2bi0zNyJd", limit: 100 }],
  [
    "Units.SearchUnitsInput",
    { asOf: "2017-06-30", levels: ["commune"], name: "gia hoa", page: { limit: 10 } }
  ],
  [
    "Models.ReplicateModelInput",
    {
      sourceId: "m-1",
      sourceVersion: 4,
      replica: {
        unitId: "vn-374",
        phaseId: "2016-2020",
        fieldId: "economy",
        registeredOn: "2018-02-01",
        content: { name: "Nhân rộng mô hình nuôi ong" }
      }
    }
  ],
  [
    "Models.CommendModelInput",
    {
      modelId: "m-1",
      version: 3,
      on: "2018-01-05",
      level: "central",
      form: "emulationFlag",
      decision: "QĐ 1"
    }
  ],
  [
    "Consolidate.ConsolidateReportInput",
    {
      rootId: "vn-37",
      periodId: "2017S1",
      programme: "DVK",
      regimeId: "party",
      asOf: "2017-06-30",
      statuses: ["approved", "submitted"],
      levels: ["district"]
    }
  ],
  ["Committees.ComposeCommitteeInput", { ...committee, id: undefined, version: undefined }],
  [
    "Committees.HandOverPostInput",
    {
      committeeId: "bcd-dvk",
      version: 2,
      outgoing: "p-head",
      successor: { ...membership, personId: "p-3", from: "2021-09-01", until: undefined }
    }
  ],
  ["Directives.RegisterDirectiveInput", { ...directive, version: undefined }],
  ["Units.ImportUnitsInput", { units: [unit], successions: [] }]
]

/** Values of the type side, encoded with their schema (errors carry nested records). */
const instanceSamples: ReadonlyArray<readonly [string, unknown]> = [
  [
    "Jurisdiction.OutsideJurisdiction",
    new Core.Jurisdiction.OutsideJurisdiction({
      actor: new Core.Actor.Actor({
        personId: Core.Ids.PersonId.make("p-1"),
        name: "Nguyễn Văn An",
        unitId: Core.Ids.UnitId.make("vn-37")
      }),
      unitId: Core.Ids.UnitId.make("vn-36"),
      action: "approve a report of",
      rule: "directlyBelow"
    })
  ],
  [
    "ReportWorkflow.InconsistentFigures",
    new Core.ReportWorkflow.InconsistentFigures({
      reportId: Core.Ids.ReportId.make("r-1"),
      violations: [
        new Core.FiguresRules.ExceedsBound({
          indicator: "commended",
          value: 3,
          bound: "effective",
          boundValue: 2
        }),
        new Core.FiguresRules.BreakdownMismatch({
          breakdown: "byField",
          total: "models",
          totalValue: 4,
          breakdownSum: 5
        })
      ]
    })
  ],
  [
    "CommitteeRules.InvalidCommittee",
    new Core.CommitteeRules.InvalidCommittee({
      committeeId: Core.Ids.CommitteeId.make("bcd"),
      committeeName: "Ban Chỉ đạo",
      change: "compose",
      violations: [
        new Core.CommitteeRules.NoHead({
          committeeId: Core.Ids.CommitteeId.make("bcd"),
          committeeName: "Ban Chỉ đạo",
          from: Core.CalendarDate.make(2017, 1, 1)
        })
      ]
    })
  ],
  [
    "StoreError.VersionConflict",
    new Core.StoreError.VersionConflict({ entity: "report", id: "r-1", expected: 2, actual: 3 })
  ],
  [
    "Units.InvalidUnits",
    new Core.Units.InvalidUnits({
      violations: [
        new Core.Hierarchy.MissingParent({
          unitId: Core.Ids.UnitId.make("vn-37-001"),
          parentId: Core.Ids.UnitId.make("vn-37")
        }),
        new Core.SuccessionRules.SuccessionCycle({ unitIds: [Core.Ids.UnitId.make("vn-37-001")] })
      ]
    })
  ],
  [
    "DirectiveRules.InvalidDirective",
    new Core.DirectiveRules.InvalidDirective({
      directiveId: Core.Ids.DirectiveId.make("kh-20"),
      violations: [
        new Core.DirectiveRules.EffectiveBeforeIssue({
          directiveId: Core.Ids.DirectiveId.make("kh-20"),
          issuedOn: Core.CalendarDate.make(2016, 8, 12),
          effectiveFrom: Core.CalendarDate.make(2016, 8, 1)
        })
      ]
    })
  ],
  [
    "Regime.InvalidRegime",
    new Core.Regime.InvalidRegime({
      regimeId: Core.Ids.RegimeId.make("party"),
      violations: [
        new Core.Regime.DeadlineAfterParent({
          regimeId: Core.Ids.RegimeId.make("party"),
          level: "grassroots",
          workingDays: 9,
          parentLevel: "commune",
          parentWorkingDays: 3
        })
      ]
    })
  ]
]

const encodedOf = ([name, value]: readonly [string, unknown]): unknown =>
  Schema.encodeUnknownSync(schema(name) as Schema.Codec<unknown, unknown>)(value)

/** JSON's `undefined` means "no such key" in the samples above. */
const dropUndefined = (u: unknown): unknown =>
  Array.isArray(u)
    ? u.map(dropUndefined)
    : typeof u === "object" && u !== null
      ? Object.fromEntries(
          Object.entries(u).flatMap(([k, v]) => (v === undefined ? [] : [[k, dropUndefined(v)]]))
        )
      : u

const samples: ReadonlyArray<readonly [string, unknown]> = [
  ...encodedSamples.map(([name, input]) => [name, dropUndefined(input)] as const),
  ...instanceSamples.map((s) => [s[0], encodedOf(s)] as const)
]

// ---------------------------------------------------------------------------------------------
// near misses
// ---------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>

/** Every path into a JSON value, the root (`[]`) first. */
const pathsOf = (u: unknown, prefix: Path = []): ReadonlyArray<Path> => {
  if (Array.isArray(u)) return [prefix, ...u.flatMap((v, i) => pathsOf(v, [...prefix, i]))]
  if (typeof u === "object" && u !== null) {
    return [prefix, ...Object.entries(u).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
  }
  return [prefix]
}

const at = (u: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], u)

const removed = Symbol("removed")

/** A copy of `u` with the value at `path` replaced (or its key removed). */
const replaceAt = (u: unknown, path: Path, value: unknown): unknown => {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (Array.isArray(u)) {
    const copy = [...u]
    if (value === removed && rest.length === 0) copy.splice(head as number, 1)
    else copy[head as number] = replaceAt(u[head as number], rest, value)
    return copy
  }
  const copy: Record<string, unknown> = { ...(u as Record<string, unknown>) }
  if (value === removed && rest.length === 0) delete copy[head as string]
  else {
    Object.defineProperty(copy, head as string, {
      value: replaceAt(copy[head as string], rest, value),
      enumerable: true,
      writable: true,
      configurable: true
    })
  }
  return copy
}

/** Values of every kind, for any field. */
const anyKind: ReadonlyArray<unknown> = [
  removed,
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  2 ** 53,
  "",
  " ",
  "\u0000",
  "\uD800",
  "x".repeat(5000),
  [],
  [null],
  {},
  Object.create(null),
  JSON.parse('{"__proto__":{"polluted":true}}'),
  new Date(Number.NaN),
  1n,
  Symbol("s"),
  () => 1
]

/** `s` with the digit at each of its first 16 digit positions made a 9 (month 96, day 39, …). */
const digitNines = (s: string): ReadonlyArray<string> =>
  [...s.matchAll(/\d/gu)].slice(0, 16).map((m) => `${s.slice(0, m.index)}9${s.slice(m.index + 1)}`)

/** Values close to `v`: the same kind, slightly wrong. */
const closeTo = (v: unknown): ReadonlyArray<unknown> => {
  if (typeof v === "string") {
    return [
      ...digitNines(v),
      v.replace(/\d/gu, "0"),
      `${v} `,
      ` ${v}`,
      v.normalize("NFD"),
      v.toUpperCase(),
      v.toLowerCase(),
      v.slice(0, -1),
      `${v}0`,
      `${v}\u0000`,
      v.replace(/-/u, "/"),
      v.repeat(300)
    ]
  }
  if (typeof v === "number") return [v + 1, v - 1, -v, v + 0.5, v * 1e6, String(v)]
  if (typeof v === "boolean") return [!v, String(v)]
  if (Array.isArray(v)) return [v.slice(1), [...v, v[0]], [...v, null], [...v].reverse()]
  if (typeof v === "object" && v !== null) {
    return [{ ...v, unexpected: 1 }, { ...v, _tag: "Nothing" }, Object.entries(v)]
  }
  return []
}

/** The near misses of one valid encoded value: one field changed, removed or added. */
const nearMisses = (valid: unknown): ReadonlyArray<unknown> =>
  pathsOf(valid).flatMap((path) => {
    const here = at(valid, path)
    return [...anyKind, ...closeTo(here)].flatMap((value) =>
      value === removed && path.length === 0 ? [] : [replaceAt(valid, path, value)]
    )
  })

/** Every part of every sample, each a candidate valid input for the schemas that accept it. */
const candidates: ReadonlyArray<unknown> = samples.flatMap(([, encoded]) =>
  pathsOf(encoded).map((p) => at(encoded, p))
)

/** For each schema, up to three candidates it accepts, the largest first. */
const validInputs: ReadonlyMap<string, ReadonlyArray<unknown>> = new Map(
  schemas.map(([name, s]) => {
    const decode = Schema.decodeUnknownExit(s as Schema.Codec<unknown, unknown>)
    const accepted = candidates
      .filter((c) => Exit.isSuccess(decode(c)))
      .sort((a, b) => pathsOf(b).length - pathsOf(a).length)
    return [name, [...new Set(accepted)].slice(0, 3)] as const
  })
)

// ---------------------------------------------------------------------------------------------
// the properties
// ---------------------------------------------------------------------------------------------

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true
})

describe("decoders", () => {
  it("finds the package's schemas, and the samples are valid records", () => {
    expect(schemas.length).toBeGreaterThan(150)
    for (const name of [
      "Unit.Unit",
      "Report.Report",
      "DvkModel.DvkModel",
      "Period.PeriodFromId",
      "Reports.CreateReportInput"
    ]) {
      expect(byName.has(name)).toBe(true)
    }
    for (const [name, encoded] of samples) {
      const exit = Schema.decodeUnknownExit(schema(name) as Schema.Codec<unknown, unknown>)(encoded)
      expect(Exit.isSuccess(exit), `${name}: ${Exit.isFailure(exit) ? String(exit.cause) : ""}`).toBe(true)
    }
    // The near misses reach the records and what they are made of, not only a few leaves.
    const withInputs = [...validInputs].filter(([, inputs]) => inputs.length > 0).map(([name]) => name)
    for (const name of [
      "Unit.ParentLink",
      "Directive.Task",
      "Directive.Assignee",
      "SteeringCommittee.Membership",
      "DvkModel.ModelEvent",
      "Figures.DvkFigures",
      "Figures.QcdcFigures",
      "Report.ReportEvent",
      "ValidationRule.Expression",
      "Actor.Actor",
      "CalendarDate.CalendarDate",
      "Timestamp.Timestamp",
      "Period.PeriodId",
      "DocumentNumber.DocumentNumber",
      "FiguresRules.FiguresViolation",
      "CommitteeRules.CommitteeViolation",
      ...samples.map(([name]) => name)
    ]) {
      expect(withInputs, name).toContain(name)
    }
  })

  /**
   * The sweeps below try every schema of the package (over a hundred, and more with each module),
   * tens of thousands of inputs in all: seconds on an idle machine, more on a loaded CI runner. The
   * time is not what they assert.
   */
  const sweep = 120_000

  it(
    "every schema decodes anything to a value or a typed error",
    () => {
      const problems: Array<string> = []
      for (const [name, s] of schemas) {
        fc.assert(
          fc.property(anything, (input) => {
            const p = problem(s, input)
            if (p !== undefined) problems.push(`${name} on ${show(input)}: ${p}`)
          }),
          { numRuns: 100 }
        )
      }
      expect(problems.slice(0, 10)).toEqual([])
    },
    sweep
  )

  it(
    "every schema decodes the near misses of its valid inputs to a value or a typed error",
    () => {
      const problems: Array<string> = []
      let tried = 0
      for (const [name, s] of schemas) {
        for (const valid of validInputs.get(name) ?? []) {
          for (const input of nearMisses(valid)) {
            tried++
            const p = problem(s, input)
            if (p !== undefined) problems.push(`${name} on ${show(input)}: ${p}`)
          }
        }
      }
      expect(tried).toBeGreaterThan(10_000)
      expect(problems.slice(0, 10)).toEqual([])
    },
    sweep
  )

  it(
    "any field of a valid input replaced by anything decodes, with any schema, to a value or a typed error",
    () => {
      const pairs = [...validInputs].flatMap(([name, inputs]) =>
        inputs.map((valid) => [name, valid] as const)
      )
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: pairs.length - 1 }),
          fc.nat(),
          anything,
          fc.integer({ min: 0, max: schemas.length - 1 }),
          (pairIndex, pathIndex, value, other) => {
            const [name, valid] = pairs[pairIndex]!
            const paths = pathsOf(valid)
            const input = replaceAt(valid, paths[pathIndex % paths.length]!, value)
            for (const [n, s] of [[name, schema(name)] as const, schemas[other]!]) {
              const p = problem(s, input)
              expect(p, `${n} on ${show(input)}`).toBeUndefined()
            }
          }
        ),
        { numRuns: 2000 }
      )
    },
    sweep
  )
})

/**
 * The world the hostile-input properties act on, and what they check after each call: every
 * operation of the facade with a valid call of it (so spoiling one part of it reaches past the
 * first check), a snapshot of everything a store holds, and the test that an outcome is typed.
 */
import * as Core from "@danvan/core"
import {
  AuditLog,
  CommitteeRepository,
  type Danvan,
  DirectiveRepository,
  ModelField,
  ModelRepository,
  Page,
  ReferenceData,
  Regime,
  ReportRepository,
  type Store,
  UnitRepository,
  Validation
} from "@danvan/core"
import { Effect, Stream } from "effect"
import { admin, dvkContent, ids, leader, officer, seedWorld } from "./world.ts"

/** The instant the world is made and the calls are made at. */
export const today = new Date("2025-04-02T01:00:00.000Z")

const regimeId = Regime.defaults.party.id

/**
 * The world of `support/world.ts` (Ninh Bình across the 2025 reform) with a report of Trường Yên
 * at each step (a draft, a submitted one, an approved one), a model, a committee with a head and a
 * member, a directive and a validation rule.
 */
export const seedHostileWorld = async (client: Danvan.Client): Promise<void> => {
  await client.run(seedWorld)
  const truongYen = client.as(officer(ids.truongYen))
  const district = client.as(leader(ids.hoaLu))
  const report = (id: string, periodId: string) =>
    truongYen.createReport({
      id,
      unitId: ids.truongYen,
      programme: "DVK",
      periodId,
      regimeId,
      content: dvkContent(2, "Mô hình dân vận khéo")
    })
  await report("r-draft", "2025Q1")
  const submitted = await report("r-submitted", "2024Q4")
  await truongYen.submitReport({ reportId: submitted.id, version: submitted.version })
  const approved = await report("r-approved", "2024Q3")
  const sent = await truongYen.submitReport({ reportId: approved.id, version: approved.version })
  await district.approveReport({ reportId: approved.id, version: sent.report.version })
  await truongYen.registerModel({
    id: "m-1",
    unitId: ids.truongYen,
    phaseId: "2021-2025",
    fieldId: "economy",
    registeredOn: "2025-04-01",
    content: { name: "Du lịch cộng đồng" }
  })
  await truongYen.composeCommittee({
    id: "c-1",
    unitId: ids.truongYen,
    name: "Ban Chỉ đạo xã Trường Yên",
    programmes: ["DVK"],
    activeFrom: "2025-01-01",
    memberships: [
      { personId: "h", personName: "Người H", post: "head", titles: [], from: "2025-01-01" },
      { personId: "m0", personName: "Người M", post: "member", titles: [], from: "2025-01-01" }
    ]
  })
  await client.as(officer(ids.province)).registerDirective(directive("kh-1", 1))
  await client.as(admin(ids.province)).putValidationRule(validationRule(0))
}

const directive = (id: string, number: number) => ({
  id,
  number: { _tag: "Party" as const, number, typeCode: "KH", issuer: "TU" },
  issuedBy: { _tag: "Unit" as const, unitId: ids.province, body: "partyCommittee" as const },
  title: `Kế hoạch ${number}`,
  programme: "DVK" as const,
  issuedOn: "2025-01-02",
  effectiveFrom: "2025-01-02",
  replaces: [],
  tasks: []
})

const validationRule = (version: number) =>
  JSON.parse(
    JSON.stringify({
      id: "r-models",
      name: "Có mô hình",
      programme: "DVK",
      left: Validation.indicator("models"),
      operator: ">=",
      right: { terms: [], constant: 0 },
      importance: "low",
      scope: "own",
      version
    })
  )

// ---------------------------------------------------------------------------------------------
// A snapshot of a store
// ---------------------------------------------------------------------------------------------

/** Every record a store holds, as JSON by kind and id, with the version of those that have one. */
export type Snapshot = ReadonlyMap<string, { readonly json: string; readonly version?: number }>

/** JSON with object keys sorted: adapters may return a record's keys in another order (the JSON store sorts them). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v
  )

const all = <A, E>(list: (page: Page.PageRequest) => Effect.Effect<Page.Page<A>, E, Store.Store>) =>
  Stream.runCollect(Page.stream(list))

/** Reads everything through the storage port (each record decoded by the adapter on the way). */
export const snapshot: Effect.Effect<Snapshot, unknown, Store.Store> = Effect.gen(function* () {
  const rows = new Map<string, { json: string; version?: number }>()
  const put = (kind: string, id: string, value: unknown) => {
    const version = (value as { version?: unknown }).version
    rows.set(`${kind} ${id}`, {
      json: canonical(value),
      ...(typeof version === "number" ? { version } : {})
    })
  }
  const units = yield* UnitRepository
  const unitList = yield* all((page) => units.list({}, page))
  for (const u of unitList) put("unit", u.id, u)
  for (const s of yield* units.successions({})) put("succession", s.id, s)
  const reports = yield* ReportRepository
  for (const r of yield* all((page) => reports.list({}, page))) {
    put("report", r.id, r)
    put("revisions of", r.id, yield* reports.revisions(r.id))
  }
  const models = yield* ModelRepository
  for (const m of yield* all((page) => models.list({}, page))) put("model", m.id, m)
  const committees = yield* CommitteeRepository
  for (const u of new Set(unitList.map((u) => u.id))) {
    for (const c of yield* committees.byUnit(u)) put("committee", c.id, c)
  }
  const directives = yield* DirectiveRepository
  for (const d of yield* all((page) => directives.list({}, page))) put("directive", d.id, d)
  const reference = yield* ReferenceData
  for (const f of yield* reference.fields) put("field", f.id, f)
  for (const g of yield* reference.regimes) put("regime", g.id, g)
  for (const v of yield* reference.validationRules()) put("validation rule", v.id, v)
  const audit = yield* AuditLog
  for (const e of yield* all((page) => audit.list({}, page))) put("audit entry", e.id, e)
  return rows
})

/** The keys of `after` that differ from `before` (added, removed or changed). */
export const differences = (before: Snapshot, after: Snapshot): ReadonlyArray<string> => [
  ...[...before].filter(([k, v]) => after.get(k)?.json !== v.json).map(([k]) => k),
  ...[...after.keys()].filter((k) => !before.has(k))
]

// ---------------------------------------------------------------------------------------------
// A valid call of every operation
// ---------------------------------------------------------------------------------------------

/** The version of a record in a snapshot (0 when absent). */
export type Versions = (kind: string, id: string) => number

/** A valid call of an operation: who acts (none for the open ones) and the arguments after it. */
export interface ValidCall {
  readonly actor?: ReturnType<typeof officer>
  readonly args: (v: Versions) => ReadonlyArray<unknown>
  /** Whether the operation only reads: then even its success changes nothing stored. */
  readonly reads?: boolean
}

const field = ModelField.defaults[0] as ModelField.ModelField
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

/** A valid call of every acting operation; the type makes a new operation need one here. */
export const actingCalls: { readonly [K in keyof Danvan.Acting]: ValidCall } = {
  importUnits: {
    actor: admin(ids.province),
    args: () => [
      {
        units: [
          {
            id: "vn-37-agency",
            type: "agency",
            name: "Ban Dân vận xã Trường Yên",
            validFrom: "2025-01-01",
            parents: [{ parentId: ids.truongYen, from: "2025-01-01" }],
            version: 0
          }
        ],
        successions: []
      }
    ]
  },
  registerDirective: { actor: officer(ids.province), args: () => [directive("kh-9", 9)] },
  composeCommittee: {
    actor: officer(ids.truongYen),
    args: () => [
      {
        id: "c-9",
        unitId: ids.truongYen,
        name: "Ban Chỉ đạo Quy chế dân chủ",
        programmes: ["QCDC"],
        activeFrom: "2025-01-01",
        memberships: [{ personId: "h", personName: "Người H", post: "head", titles: [], from: "2025-01-01" }]
      }
    ]
  },
  appointMember: {
    actor: officer(ids.truongYen),
    args: (v) => [
      {
        committeeId: "c-1",
        version: v("committee", "c-1"),
        membership: {
          personId: "n",
          personName: "Người N",
          post: "member",
          titles: ["Bí thư"],
          from: "2025-02-01"
        }
      }
    ]
  },
  endMembership: {
    actor: officer(ids.truongYen),
    args: (v) => [
      {
        committeeId: "c-1",
        version: v("committee", "c-1"),
        personId: "m0",
        post: "member",
        until: "2025-06-01"
      }
    ]
  },
  handOverPost: {
    actor: officer(ids.truongYen),
    args: (v) => [
      {
        committeeId: "c-1",
        version: v("committee", "c-1"),
        outgoing: "h",
        successor: { personId: "k", personName: "Người K", post: "head", titles: [], from: "2025-04-01" }
      }
    ]
  },
  dissolveCommittee: {
    actor: officer(ids.truongYen),
    args: (v) => [{ committeeId: "c-1", version: v("committee", "c-1"), on: "2025-12-31" }]
  },
  committeeOnDate: {
    actor: leader(ids.hoaLu),
    args: () => [{ committeeId: "c-1", date: "2025-02-01" }],
    reads: true
  },
  committeesOfUnit: {
    actor: leader(ids.hoaLu),
    args: () => [{ unitId: ids.truongYen, date: "2025-02-01" }],
    reads: true
  },
  registerModel: {
    actor: officer(ids.truongYen),
    args: () => [
      {
        id: "m-9",
        unitId: ids.truongYen,
        phaseId: "2021-2025",
        fieldId: "economy",
        registeredOn: "2025-04-02",
        content: { name: "Mô hình chợ phiên" }
      }
    ]
  },
  startModel: {
    actor: officer(ids.truongYen),
    args: (v) => [{ modelId: "m-1", version: v("model", "m-1"), on: "2025-04-02" }]
  },
  evaluateModel: {
    actor: leader(ids.hoaLu),
    args: (v) => [
      { modelId: "m-1", version: v("model", "m-1"), on: "2025-04-02", rating: "good", note: "Tốt" }
    ]
  },
  commendModel: {
    actor: leader(ids.hoaLu),
    args: (v) => [
      {
        modelId: "m-1",
        version: v("model", "m-1"),
        on: "2025-04-02",
        level: "district",
        form: "letterOfCommendation",
        decision: "Quyết định 12/QĐ-UBND"
      }
    ]
  },
  discontinueModel: {
    actor: officer(ids.truongYen),
    args: (v) => [
      { modelId: "m-1", version: v("model", "m-1"), on: "2025-04-02", reason: "Không còn phù hợp" }
    ]
  },
  replicateModel: {
    actor: officer(ids.giaHoa),
    args: (v) => [
      {
        sourceId: "m-1",
        sourceVersion: v("model", "m-1"),
        replica: {
          unitId: ids.giaHoa,
          phaseId: "2021-2025",
          fieldId: "economy",
          registeredOn: "2025-04-02",
          content: { name: "Nhân rộng du lịch cộng đồng" }
        }
      }
    ]
  },
  model: { actor: leader(ids.hoaLu), args: () => [{ modelId: "m-1" }], reads: true },
  models: {
    actor: leader(ids.hoaLu),
    args: () => [{ asOf: "2025-03-01", statuses: ["registered"], page: { limit: 5 } }],
    reads: true
  },
  createReport: {
    actor: officer(ids.truongYen),
    args: () => [
      {
        id: "r-9",
        unitId: ids.truongYen,
        programme: "DVK",
        periodId: "2025Q2",
        regimeId,
        content: dvkContent(3, "Kết quả")
      }
    ]
  },
  editReport: {
    actor: officer(ids.truongYen),
    args: (v) => [{ reportId: "r-draft", version: v("report", "r-draft"), content: dvkContent(3, "Sửa") }]
  },
  submitReport: {
    actor: officer(ids.truongYen),
    args: (v) => [{ reportId: "r-draft", version: v("report", "r-draft") }]
  },
  returnReport: {
    actor: leader(ids.hoaLu),
    args: (v) => [{ reportId: "r-submitted", version: v("report", "r-submitted"), reason: "Bổ sung số liệu" }]
  },
  approveReport: {
    actor: leader(ids.hoaLu),
    args: (v) => [{ reportId: "r-submitted", version: v("report", "r-submitted") }]
  },
  reopenReport: {
    actor: leader(ids.hoaLu),
    args: (v) => [{ reportId: "r-approved", version: v("report", "r-approved"), reason: "Sửa số liệu" }]
  },
  report: { actor: leader(ids.hoaLu), args: () => [{ reportId: "r-approved" }], reads: true },
  reports: {
    actor: leader(ids.province),
    args: () => [{ asOf: "2025-03-01", periodId: "2025Q1", statuses: ["draft"], page: { limit: 2 } }],
    reads: true
  },
  findReport: {
    actor: leader(ids.hoaLu),
    args: () => [{ unitId: ids.truongYen, periodId: "2025Q1", programme: "DVK" }],
    reads: true
  },
  reportHistory: { actor: leader(ids.hoaLu), args: () => [{ reportId: "r-approved" }], reads: true },
  reportRevision: {
    actor: leader(ids.hoaLu),
    args: () => [{ reportId: "r-approved", revision: 1 }],
    reads: true
  },
  consolidateReport: {
    actor: leader(ids.hoaLu),
    args: () => [
      {
        rootId: ids.hoaLu,
        periodId: "2024Q3",
        programme: "DVK",
        regimeId,
        statuses: ["approved", "submitted"],
        levels: ["commune"]
      }
    ],
    reads: true
  },
  taskFollowUp: {
    actor: leader(ids.hoaLu),
    args: () => [
      {
        rootId: ids.hoaLu,
        directiveId: "kh-1",
        periodId: "2024Q3",
        programme: "DVK",
        regimeId,
        statuses: ["approved"]
      }
    ],
    reads: true
  },
  tasksToReport: {
    actor: leader(ids.hoaLu),
    args: () => [{ unitId: ids.truongYen, periodId: "2024Q3", programme: "DVK", regimeId }],
    reads: true
  },
  auditTrail: {
    actor: leader(ids.hoaLu),
    args: () => [{ actorUnitId: ids.truongYen, subjectKind: "report" }, { limit: 2 }],
    reads: true
  },
  auditTrailAll: { actor: leader(ids.hoaLu), args: () => [{ actorUnitId: ids.truongYen }], reads: true },
  putField: {
    actor: admin(ids.province),
    args: (v) => [{ ...(plain(field) as object), name: "Kinh tế (sửa)", version: v("field", field.id) }]
  },
  putRegime: {
    actor: admin(ids.province),
    args: (v) => [{ ...(plain(Regime.defaults.party) as object), version: v("regime", regimeId) }]
  },
  putValidationRule: {
    actor: admin(ids.province),
    args: (v) => [validationRule(v("validation rule", "r-models"))]
  }
}

/** A valid call of every operation open to anyone. */
export const openCalls: { readonly [K in keyof Danvan.Open]: ValidCall } = {
  unit: { args: () => [{ unitId: ids.truongYen }], reads: true },
  unitsInJurisdiction: {
    args: () => [{ rootId: ids.hoaLu, asOf: "2025-01-01", page: { limit: 1 } }],
    reads: true
  },
  searchUnits: {
    args: () => [{ name: "gia hoa", asOf: "2025-01-01", levels: ["commune"], page: { limit: 5 } }],
    reads: true
  },
  successions: { args: () => [{ successorId: ids.newCommune }], reads: true },
  directive: { args: () => [{ directiveId: "kh-1" }], reads: true },
  directives: { args: () => [{ programme: "DVK", page: { limit: 1 } }], reads: true },
  directivesInForce: { args: () => [{ on: "2025-02-01", programme: "DVK" }], reads: true },
  directivesApplicable: { args: () => [{ unitId: ids.truongYen, on: "2025-02-01" }], reads: true },
  fields: { args: () => [], reads: true },
  regimes: { args: () => [], reads: true },
  validationRules: { args: () => ["DVK"], reads: true }
}

// ---------------------------------------------------------------------------------------------
// Typed outcomes
// ---------------------------------------------------------------------------------------------

/** Every error class `@danvan/core` exports (each module's `Schema.TaggedError` classes). */
export const errorClasses: ReadonlyArray<new (...args: ReadonlyArray<never>) => Error> = Object.values(
  Core
).flatMap((module) =>
  typeof module === "object" && module !== null
    ? Object.values(module).filter(
        (v): v is new (...args: ReadonlyArray<never>) => Error =>
          typeof v === "function" && v.prototype instanceof Error
      )
    : []
)

/** The longest message a typed error may have: it names what is wrong, never echoes megabytes. */
export const maxMessageLength = 10_000

/**
 * Why `error` is not a typed error of danvan, or `undefined` when it is one: an instance of an
 * error class the core exports, with a `_tag`, a message of plain words of bounded length, and
 * printable (as a string, by `console.log`, as JSON).
 */
export const untyped = (error: unknown, inspect: (value: unknown) => string): string | undefined => {
  if (!(error instanceof Error)) return `not an Error: ${typeof error}`
  if (!errorClasses.some((c) => error instanceof c)) {
    return `not one of danvan's error classes: ${error.constructor?.name} ${String(error.message).slice(0, 300)}`
  }
  const tag = (error as { _tag?: unknown })._tag
  if (typeof tag !== "string" || tag === "") return "no _tag"
  try {
    const message = error.message
    if (typeof message !== "string" || message.trim() === "") return `${tag} has no message`
    if (message.length > maxMessageLength) {
      return `${tag}'s message is ${message.length} characters long: ${message.slice(0, 200)}…`
    }
    String(error)
    inspect(error)
    JSON.stringify(error)
  } catch (e) {
    return `${tag} cannot be printed: ${String(e)}`
  }
  return undefined
}

/**
 * Why the failure of a call with bad input against a healthy store is wrong, or `undefined` when it
 * is right: {@link untyped}, or an outage or damage (`StoreUnavailable`, `StoreCorrupt`) reported
 * for what was bad input, which would send the caller to retry or restore instead of fixing it.
 */
export const wrongFailure = (error: unknown, inspect: (value: unknown) => string): string | undefined => {
  const problem = untyped(error, inspect)
  if (problem !== undefined) return problem
  const tag = (error as { _tag: string })._tag
  return tag === "StoreUnavailable" || tag === "StoreCorrupt"
    ? `${tag} reported for bad input against a healthy store: ${(error as Error).message}`
    : undefined
}

/** The outcomes of the calls a property made, by tag, for the line it prints. */
export class Tally {
  private readonly counts = new Map<string, number>()
  private calls = 0
  /** Counts one call that ended with `outcome` (`success` or an error's tag). */
  add(outcome: string): void {
    this.calls++
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1)
  }
  get tried(): number {
    return this.calls
  }
  toString(): string {
    return [...this.counts].map(([k, n]) => `${k} ${n}`).join(", ")
  }
}

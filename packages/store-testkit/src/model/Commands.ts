/**
 * The commands of the model-based test: plain data, so fast-check prints and shrinks them.
 *
 * - New records take ids from small pools (`slot`), so duplicate ids come up.
 * - A reference to an existing record is a {@link Ref}: an index into the records of that kind
 *   that exist when the command runs (modulo their number), or `-1` for a record that does not
 *   exist. So most commands act on real records, and some on missing ones.
 * - Updates and removals carry `stale` to write at an out-of-date version.
 *
 * @since 0.1.0
 */
import * as fc from "fast-check"

/** How many ids each pool has. @since 0.1.0 */
export const pools = { unit: 10, report: 10, model: 6, coordination: 4, directive: 5, succession: 6 } as const

/** An index into the existing records of a kind, or -1 for one that does not exist. @since 0.1.0 */
export type Ref = number

/** Dates around the reform of 01/07/2025, the edges of the units' validity. @since 0.1.0 */
export const dates = ["1999-12-31", "2000-01-01", "2025-06-30", "2025-07-01", "2030-01-01"] as const

/** @since 0.1.0 */
export const periods = ["2024S1", "2024", "2025S1"] as const

/** @since 0.1.0 */
export const issueDates = ["2019-06-01", "2020-06-01", "2021-03-01"] as const

/** @since 0.1.0 */
export type UnitKind = "province" | "district" | "commune" | "agency"

/** @since 0.1.0 */
export interface UnitSpec {
  readonly slot: number
  readonly kind: UnitKind
  readonly parent: Ref
  readonly from: "2000-01-01" | "2025-07-01"
  readonly until: "2025-07-01" | "2030-01-01" | null
  /** A second parent from 01/07/2025 (a commune moving under its province). */
  readonly moveTo: Ref | null
  /** The last parent link has no end even when the unit has one (links beyond validity). */
  readonly openLink: boolean
}

/** @since 0.1.0 */
export type Status = "draft" | "submitted" | "returned" | "approved" | "reopened"

/** @since 0.1.0 */
export type WriteCommand =
  | { readonly tag: "insertUnits"; readonly units: ReadonlyArray<UnitSpec> }
  | {
      readonly tag: "updateUnit"
      readonly target: Ref
      readonly stale: boolean
      readonly name: string
      readonly parent: Ref | null
      readonly until: "2025-07-01" | "2030-01-01" | null
    }
  | {
      readonly tag: "insertSuccession"
      readonly slot: number
      readonly from: Ref
      readonly to: Ref
      readonly carries: boolean
      readonly on: "2000-01-01" | "2025-07-01"
    }
  | {
      readonly tag: "insertReport"
      readonly slot: number
      readonly unit: Ref
      readonly period: (typeof periods)[number]
      readonly programme: "QCDC" | "DVK"
      readonly status: Status
      readonly count: number
    }
  | {
      readonly tag: "updateReport"
      readonly target: Ref
      readonly stale: boolean
      readonly status: Status
      readonly submit: "no" | "new" | "duplicate"
      readonly count: number
    }
  | { readonly tag: "removeReport"; readonly target: Ref; readonly stale: boolean }
  | {
      /** `ReportRepository.insertMany`: reports with their revisions, all or nothing. */
      readonly tag: "importReports"
      readonly reports: ReadonlyArray<{
        readonly slot: number
        readonly unit: Ref
        readonly period: (typeof periods)[number]
        readonly programme: "QCDC" | "DVK"
        readonly status: Status
        readonly count: number
        /** Revisions 1..n of the report; a repeated revision when `repeat`. */
        readonly revisions: number
        readonly repeat: boolean
      }>
      /** A revision of a report outside the batch (index into the existing reports). */
      readonly foreign: Ref | null
    }
  | {
      readonly tag: "insertModels"
      readonly models: ReadonlyArray<{
        readonly slot: number
        readonly unit: Ref
        readonly replicaOf: Ref | null
      }>
    }
  | {
      readonly tag: "updateModel"
      readonly target: Ref
      readonly stale: boolean
      readonly step: "Started" | "Evaluated" | "Discontinued"
    }
  | { readonly tag: "insertCoordination"; readonly slot: number; readonly parties: ReadonlyArray<Ref> }
  | {
      readonly tag: "updateCoordination"
      readonly target: Ref
      readonly stale: boolean
      readonly title: string
    }
  | { readonly tag: "removeCoordination"; readonly target: Ref; readonly stale: boolean }
  | {
      readonly tag: "insertDirective"
      readonly slot: number
      readonly number: number
      readonly issuedOn: (typeof issueDates)[number]
      readonly delay: number
      readonly replaces: Ref | null
      readonly programme: "QCDC" | "DVK" | "OTHER"
      /** The issuing unit (a stored unit, or a missing one); `null` for the centre. */
      readonly issuer: Ref | null
    }
  | {
      readonly tag: "updateDirective"
      readonly target: Ref
      readonly stale: boolean
      readonly number: number
    }

/** @since 0.1.0 */
export type QueryCommand =
  | {
      readonly tag: "listUnits"
      readonly asOf: (typeof dates)[number] | null
      readonly levels: ReadonlyArray<"province" | "district" | "commune" | "grassroots"> | null
      readonly parent: Ref | null
      readonly limit: number
    }
  | {
      readonly tag: "jurisdiction"
      readonly root: Ref
      readonly asOf: (typeof dates)[number]
      readonly limit: number
    }
  | { readonly tag: "ancestors"; readonly unit: Ref; readonly asOf: (typeof dates)[number] }
  | {
      readonly tag: "listReports"
      readonly period: (typeof periods)[number] | null
      readonly programme: "QCDC" | "DVK" | null
      readonly statuses: ReadonlyArray<Status> | null
      readonly within: { readonly root: Ref; readonly asOf: (typeof dates)[number] } | null
      readonly limit: number
    }
  | {
      readonly tag: "listModels"
      readonly unit: Ref | null
      readonly statuses: ReadonlyArray<"registered" | "inProgress" | "evaluated" | "discontinued"> | null
      readonly within: { readonly root: Ref; readonly asOf: (typeof dates)[number] } | null
      readonly limit: number
    }
  | {
      readonly tag: "consolidate"
      readonly root: Ref
      /** Whether `root` picks among provinces only (large jurisdictions). */
      readonly province: boolean
      readonly asOf: (typeof dates)[number]
      /** The period and programme of an existing report, when there is one. */
      readonly basis: Ref
      readonly period: (typeof periods)[number]
      readonly programme: "QCDC" | "DVK"
      readonly statuses: ReadonlyArray<Status> | "all"
    }
  | { readonly tag: "inForce"; readonly on: string; readonly programme: "QCDC" | "DVK" | "OTHER" | null }
  | { readonly tag: "findByNumber"; readonly number: number }
  | { readonly tag: "applicableTo"; readonly unit: Ref; readonly on: string }
  | { readonly tag: "coordinationsOf"; readonly unit: Ref }
  | {
      readonly tag: "findReport"
      readonly unit: Ref
      readonly period: (typeof periods)[number]
      readonly programme: "QCDC" | "DVK"
    }

/** A transaction of writes that commits, or fails after its writes. @since 0.1.0 */
export interface TransactionCommand {
  readonly tag: "transaction"
  readonly commands: ReadonlyArray<WriteCommand>
  readonly fail: boolean
}

/** @since 0.1.0 */
export type Command = WriteCommand | QueryCommand | TransactionCommand

const slot = (n: number) => fc.nat({ max: n - 1 })
const ref: fc.Arbitrary<Ref> = fc.oneof(
  { weight: 12, arbitrary: fc.nat({ max: 40 }) },
  { weight: 1, arbitrary: fc.constant(-1) }
)
const maybeRef = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: ref })
const stale = fc.oneof(
  { weight: 3, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) }
)
const date = fc.constantFrom(...dates)
const status = fc.constantFrom<Status>("draft", "submitted", "returned", "approved", "reopened")
const programme = fc.constantFrom<"QCDC" | "DVK">("QCDC", "DVK")
const period = fc.constantFrom(...periods)
const nullable = <A>(a: fc.Arbitrary<A>) => fc.option(a, { nil: null })

const unitSpec: fc.Arbitrary<UnitSpec> = fc.record({
  slot: slot(pools.unit),
  kind: fc.constantFrom<UnitKind>("province", "province", "district", "commune", "commune", "agency"),
  parent: ref,
  from: fc.constantFrom("2000-01-01" as const, "2000-01-01" as const, "2025-07-01" as const),
  until: fc.constantFrom(null, null, "2025-07-01" as const, "2030-01-01" as const),
  moveTo: nullable(ref),
  openLink: fc.boolean()
})

/** @since 0.1.0 */
export const writeCommand: fc.Arbitrary<WriteCommand> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      tag: fc.constant("insertUnits" as const),
      units: fc.array(unitSpec, { minLength: 1, maxLength: 3 })
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      tag: fc.constant("updateUnit" as const),
      target: ref,
      stale,
      name: fc.constantFrom("Gia Lâm", "Nho Quan", "Hưng Yên"),
      parent: nullable(ref),
      until: fc.constantFrom(null, "2025-07-01" as const, "2030-01-01" as const)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      tag: fc.constant("insertSuccession" as const),
      slot: slot(pools.succession),
      from: ref,
      to: ref,
      carries: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) }
      ),
      on: fc.constantFrom("2000-01-01" as const, "2025-07-01" as const)
    })
  },
  {
    weight: 5,
    arbitrary: fc.record({
      tag: fc.constant("insertReport" as const),
      slot: slot(pools.report),
      unit: ref,
      period,
      programme,
      status,
      count: fc.integer({ min: 0, max: 1000 })
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      tag: fc.constant("updateReport" as const),
      target: ref,
      stale,
      status,
      submit: fc.constantFrom("no" as const, "new" as const, "new" as const, "duplicate" as const),
      count: fc.integer({ min: 0, max: 1000 })
    })
  },
  { weight: 2, arbitrary: fc.record({ tag: fc.constant("removeReport" as const), target: ref, stale }) },
  {
    weight: 3,
    arbitrary: fc.record({
      tag: fc.constant("importReports" as const),
      reports: fc.array(
        fc.record({
          slot: slot(pools.report),
          unit: ref,
          period,
          programme,
          status,
          count: fc.integer({ min: 0, max: 1000 }),
          revisions: fc.integer({ min: 0, max: 2 }),
          repeat: fc.oneof(
            { weight: 6, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) }
          )
        }),
        { minLength: 0, maxLength: 4 }
      ),
      foreign: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: ref })
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      tag: fc.constant("insertModels" as const),
      models: fc.array(fc.record({ slot: slot(pools.model), unit: ref, replicaOf: maybeRef }), {
        minLength: 1,
        maxLength: 2
      })
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      tag: fc.constant("updateModel" as const),
      target: ref,
      stale,
      step: fc.constantFrom("Started" as const, "Evaluated" as const, "Discontinued" as const)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      tag: fc.constant("insertCoordination" as const),
      slot: slot(pools.coordination),
      parties: fc.array(ref, { minLength: 2, maxLength: 3 })
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      tag: fc.constant("updateCoordination" as const),
      target: ref,
      stale,
      title: fc.constantFrom("Phối hợp dân vận", "Chương trình phối hợp 2025")
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ tag: fc.constant("removeCoordination" as const), target: ref, stale })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      tag: fc.constant("insertDirective" as const),
      slot: slot(pools.directive),
      number: fc.nat({ max: 4 }),
      issuedOn: fc.constantFrom(...issueDates),
      delay: fc.constantFrom(0, 45, 400),
      replaces: maybeRef,
      programme: fc.constantFrom("QCDC" as const, "DVK" as const, "OTHER" as const),
      issuer: maybeRef
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      tag: fc.constant("updateDirective" as const),
      target: ref,
      stale,
      number: fc.nat({ max: 4 })
    })
  }
)

const statuses = fc.uniqueArray(status, { minLength: 1, maxLength: 3 })
const within = nullable(fc.record({ root: ref, asOf: date }))
const limit = fc.integer({ min: 1, max: 4 })

/** @since 0.1.0 */
export const queryCommand: fc.Arbitrary<QueryCommand> = fc.oneof(
  fc.record({
    tag: fc.constant("listUnits" as const),
    asOf: nullable(date),
    levels: nullable(
      fc.uniqueArray(
        fc.constantFrom("province" as const, "district" as const, "commune" as const, "grassroots" as const),
        { minLength: 1 }
      )
    ),
    parent: nullable(ref),
    limit
  }),
  fc.record({ tag: fc.constant("jurisdiction" as const), root: ref, asOf: date, limit }),
  fc.record({ tag: fc.constant("ancestors" as const), unit: ref, asOf: date }),
  fc.record({
    tag: fc.constant("listReports" as const),
    period: nullable(period),
    programme: nullable(programme),
    statuses: nullable(statuses),
    within,
    limit
  }),
  fc.record({
    tag: fc.constant("listModels" as const),
    unit: nullable(ref),
    statuses: nullable(
      fc.uniqueArray(
        fc.constantFrom(
          "registered" as const,
          "inProgress" as const,
          "evaluated" as const,
          "discontinued" as const
        ),
        {
          minLength: 1
        }
      )
    ),
    within,
    limit
  }),
  fc.record({
    tag: fc.constant("consolidate" as const),
    root: ref,
    province: fc.boolean(),
    asOf: date,
    basis: ref,
    period,
    programme,
    statuses: fc.oneof(fc.constant("all" as const), statuses)
  }),
  fc.record({
    tag: fc.constant("inForce" as const),
    on: fc.constantFrom("2019-06-01", "2019-07-20", "2020-06-01", "2021-03-01", "2022-06-01"),
    programme: nullable(fc.constantFrom("QCDC" as const, "DVK" as const, "OTHER" as const))
  }),
  fc.record({ tag: fc.constant("findByNumber" as const), number: fc.nat({ max: 4 }) }),
  fc.record({
    tag: fc.constant("applicableTo" as const),
    unit: ref,
    on: fc.constantFrom("2019-06-01", "2021-03-01", "2025-06-30", "2025-07-01", "2026-01-01")
  }),
  fc.record({ tag: fc.constant("coordinationsOf" as const), unit: ref }),
  fc.record({ tag: fc.constant("findReport" as const), unit: ref, period, programme })
)

/** @since 0.1.0 */
export const transactionCommand: fc.Arbitrary<TransactionCommand> = fc.record({
  tag: fc.constant("transaction" as const),
  commands: fc.array(writeCommand, { minLength: 1, maxLength: 6 }),
  fail: fc.boolean()
})

/**
 * The first command of a sequence: a batch of units starting with a province, whose other units
 * refer to units of the batch, so the sequence starts from a small hierarchy.
 */
const prelude: fc.Arbitrary<WriteCommand> = fc
  .tuple(
    unitSpec.map((u) => ({ ...u, kind: "province" as const })),
    fc.array(
      unitSpec.map((u) => ({ ...u, parent: Math.abs(u.parent) })),
      { maxLength: 5 }
    )
  )
  .map(([first, rest]) => {
    const seen = new Set([first.slot])
    const units = [first, ...rest.filter((u) => !seen.has(u.slot) && seen.add(u.slot))]
    return { tag: "insertUnits" as const, units }
  })

/**
 * A command sequence of up to `maxCommands` commands (lengths spread evenly, so long sequences that
 * build up state are common), starting with a small hierarchy.
 *
 * @since 0.1.0
 */
export const commands = (maxCommands: number): fc.Arbitrary<ReadonlyArray<Command>> =>
  fc
    .tuple(
      prelude,
      fc.array(
        fc.oneof(
          { weight: 6, arbitrary: writeCommand as fc.Arbitrary<Command> },
          { weight: 3, arbitrary: queryCommand },
          { weight: 1, arbitrary: transactionCommand }
        ),
        { maxLength: Math.max(0, maxCommands - 1), size: "max" }
      )
    )
    .map(([first, rest]): ReadonlyArray<Command> => [first, ...rest])

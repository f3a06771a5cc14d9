/**
 * `danvan check`: whether a store is sound, as a plain list of problems. It reads every record
 * through the storage port, which decodes each one with the core's schemas (a record that does
 * not decode is the adapter's `StoreCorrupt`, naming the table or file and the record), then holds
 * every record against the storage contract (`Contract.checkStored`: every reference resolves,
 * every unique value has one holder), and compares the store's version with the one this version
 * of the adapters writes.
 *
 * @since 0.1.0
 */
import {
  AuditLog,
  CommitteeRepository,
  Contract,
  DirectiveRepository,
  ModelRepository,
  Page,
  ReferenceData,
  ReportRepository,
  type Store,
  type StoreError,
  UnitRepository
} from "@danvan/core"
import { Effect, Stream } from "effect"

/**
 * Every record a store holds, by kind.
 *
 * @category models
 * @since 0.1.0
 */
export type Records = { readonly [E in StoreError.Entity]: ReadonlyArray<Contract.Records[E]> }

/**
 * One problem, in plain words, with where it is.
 *
 * @category models
 * @since 0.1.0
 */
export interface Problem {
  readonly where: string
  readonly problem: string
}

const all = <A, E, R>(query: (page: Page.PageRequest) => Effect.Effect<Page.Page<A>, E, R>) =>
  Stream.runCollect(Page.stream(query, Page.maxLimit))

const byId = <A extends { readonly id: string }>(items: Iterable<A>): ReadonlyArray<A> => [
  ...new Map([...items].map((item) => [item.id, item])).values()
]

/**
 * What reading a store gave: every record, or the records that do not decode (one `StoreCorrupt`
 * per kind whose reading stopped at a damaged record; the others are read all the same).
 *
 * @category models
 * @since 0.1.0
 */
export type Read =
  | { readonly _tag: "Read"; readonly records: Records }
  | { readonly _tag: "Damaged"; readonly damaged: ReadonlyArray<StoreError.StoreCorrupt> }

/**
 * Reads every record through the port, kind by kind. Kinds reached only through a unit
 * (committees, coordination programmes) are read for every stored unit; report revisions for every
 * report. A kind whose reading meets a record that does not decode is reported, and the other kinds
 * are read on, so one damaged row does not hide another.
 *
 * @category reading
 * @since 0.1.0
 */
export const readAll: Effect.Effect<Read, StoreError.StoreUnavailable, Store.Store> = Effect.gen(
  function* () {
    const units = yield* UnitRepository
    const directives = yield* DirectiveRepository
    const committees = yield* CommitteeRepository
    const models = yield* ModelRepository
    const reports = yield* ReportRepository
    const reference = yield* ReferenceData
    const audit = yield* AuditLog
    const damaged: Array<StoreError.StoreCorrupt> = []
    const read = <A>(effect: Effect.Effect<ReadonlyArray<A>, StoreError.StoreFailure>) =>
      effect.pipe(
        Effect.catchTag("StoreCorrupt", (error) => {
          damaged.push(error)
          return Effect.succeed(undefined)
        })
      )
    const unitList = yield* read(all((page) => units.list({}, page)))
    const reportList = yield* read(all((page) => reports.list({}, page)))
    const records = {
      unit: unitList,
      succession: yield* read(units.successions({})),
      directive: yield* read(all((page) => directives.list({}, page))),
      committee:
        unitList === undefined
          ? undefined
          : yield* read(
              Effect.map(
                Effect.forEach(unitList, (u) => committees.byUnit(u.id)),
                (c) => byId(c.flat())
              )
            ),
      model: yield* read(all((page) => models.list({}, page))),
      coordination:
        unitList === undefined
          ? undefined
          : yield* read(
              Effect.map(
                Effect.forEach(unitList, (u) => models.coordinationsOf(u.id)),
                (c) => byId(c.flat())
              )
            ),
      report: reportList,
      reportRevision:
        reportList === undefined
          ? undefined
          : yield* read(
              Effect.map(
                Effect.forEach(reportList, (r) => reports.revisions(r.id)),
                (r) => r.flat()
              )
            ),
      modelField: yield* read(reference.fields),
      regime: yield* read(reference.regimes),
      validationRule: yield* read(reference.validationRules()),
      audit: yield* read(all((page) => audit.list({}, page)))
    }
    if (damaged.length > 0) return { _tag: "Damaged", damaged } as const
    return { _tag: "Read", records: records as Records } as const
  }
)

const kinds = Object.keys({
  unit: 0,
  succession: 0,
  directive: 0,
  committee: 0,
  model: 0,
  coordination: 0,
  report: 0,
  reportRevision: 0,
  modelField: 0,
  regime: 0,
  validationRule: 0,
  audit: 0
} satisfies Record<StoreError.Entity, 0>) as ReadonlyArray<StoreError.Entity>

/**
 * The storage contract's breaches among records read together: a key held twice, a reference
 * to a record that is not there, a unique value held by two records.
 *
 * @category rules
 * @since 0.1.0
 */
export const contractProblems = (records: Records): ReadonlyArray<Problem> => {
  const keys = new Map<StoreError.Entity, Set<string>>()
  const holders = new Map<string, Array<string>>()
  const problems: Array<Problem> = []
  for (const entity of kinds) {
    const seen = new Set<string>()
    keys.set(entity, seen)
    for (const record of records[entity] as ReadonlyArray<Contract.Records[typeof entity]>) {
      const key = Contract.keyOf(entity, record)
      if (seen.has(key))
        problems.push({
          where: `${entity} ${JSON.stringify(key)}`,
          problem: Contract.duplicate(entity, record).message
        })
      seen.add(key)
      for (const unique of Contract.uniqueKeys(entity, record)) {
        const slot = `${unique.entity} ${unique.value}`
        holders.set(slot, [...(holders.get(slot) ?? []), key])
      }
    }
  }
  const view: Contract.View = {
    has: (entity, key) => keys.get(entity)?.has(key) ?? false,
    holders: (unique) => holders.get(`${unique.entity} ${unique.value}`) ?? []
  }
  for (const entity of kinds) {
    for (const record of records[entity] as ReadonlyArray<Contract.Records[typeof entity]>) {
      const violation = Contract.checkStored(view, entity, record)
      if (violation !== undefined)
        problems.push({
          where: `${entity} ${JSON.stringify(Contract.keyOf(entity, record))}`,
          problem: violation.message
        })
    }
  }
  return problems
}

/**
 * How many records of each kind, for the report of a sound store.
 *
 * @category reading
 * @since 0.1.0
 */
export const counts = (records: Records): ReadonlyArray<readonly [StoreError.Entity, number]> =>
  kinds.map((entity) => [entity, records[entity].length] as const)

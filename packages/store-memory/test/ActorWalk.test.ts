/**
 * The walk a kind's schema guides (decision record 0049) against records of every shape the
 * testkit draws: whatever member of an event union, optional field or list position holds an
 * actor, a record `Checked` decoded is stored with the same content it was given, and each of its
 * actors is the one the store holds already (two separate decodings of one record share every
 * actor). A position the walk skipped would keep the caller's own actor there: the second record
 * would then hold an object of its own.
 */
import { Actor, AuditEntry, Checked, DvkModel, Ids, Period, Report } from "@danvan/core"
import { Arbitraries } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Stored from "../src/Stored.ts"
import type { Entity } from "../src/Tables.ts"

const unitId = Ids.UnitId.make("c-14434")
const slot: Arbitraries.ReportSlot = {
  unitId,
  periodId: Period.id(Period.year(2024)),
  programme: "DVK"
}

/** A report whose events run through every member of the union, each signed by one of `actors`. */
const report = fc
  .record({
    base: Arbitraries.report(slot),
    actors: fc.array(Arbitraries.actor(unitId), { minLength: 1, maxLength: 3 }),
    steps: fc.array(
      fc.record({
        tag: fc.constantFrom("Edited", "Submitted", "Returned", "Approved", "Reopened"),
        who: fc.nat(),
        at: Arbitraries.timestamp()
      }),
      { maxLength: 8 }
    )
  })
  .map(({ base, actors, steps }) => {
    const events: Array<Report.ReportEvent> = [...base.events]
    for (const [i, s] of steps.entries()) {
      const at = { at: s.at, by: actors[s.who % actors.length]! }
      events.push(
        s.tag === "Submitted"
          ? { _tag: s.tag, ...at, revision: i + 1, onTime: i % 2 === 0 }
          : s.tag === "Returned" || s.tag === "Reopened"
            ? { _tag: s.tag, ...at, reason: "Bổ sung số liệu" }
            : { _tag: s.tag, ...at }
      )
    }
    const [first, ...rest] = events
    return new Report.Report({ ...base, events: [first!, ...rest] })
  })

const revision = fc
  .record({
    r: report,
    at: Arbitraries.timestamp(),
    by: Arbitraries.actor(unitId),
    n: fc.integer({ min: 1, max: 5 })
  })
  .map(
    ({ r, at, by, n }) =>
      new Report.ReportRevision({
        reportId: r.id,
        revision: n,
        content: r.content,
        submittedAt: at,
        submittedBy: by,
        onTime: n % 2 === 1
      })
  )

interface Kind<A> {
  readonly entity: Entity
  /** Whether its records carry a version (the store sets it). */
  readonly versioned: boolean
  readonly schema: Schema.Codec<A, unknown>
  readonly records: fc.Arbitrary<A>
}

const kind = <A>(k: Kind<A>) => k as unknown as Kind<unknown>

const kinds: ReadonlyArray<Kind<unknown>> = [
  kind({ entity: "report", versioned: true, schema: Report.Report, records: report }),
  kind({ entity: "reportRevision", versioned: false, schema: Report.ReportRevision, records: revision }),
  kind({
    entity: "model",
    versioned: true,
    schema: DvkModel.DvkModel,
    records: Arbitraries.dvkModel(unitId)
  }),
  kind({
    entity: "audit",
    versioned: false,
    schema: AuditEntry.AuditEntry,
    records: Arbitraries.auditEntry(unitId)
  })
]

/** Every actor of `a` and the part at the same place in `b`. */
const actorPairs = (a: unknown, b: unknown, out: Array<readonly [Actor.Actor, unknown]> = []) => {
  if (a instanceof Actor.Actor) out.push([a, b])
  else if (typeof a === "object" && a !== null && typeof b === "object" && b !== null)
    for (const k of Object.keys(a))
      actorPairs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], out)
  return out
}

const checked = <A>(schema: Schema.Codec<A, unknown>, record: A): A =>
  Checked.decodeUnknownSync(schema)(Schema.encodeUnknownSync(schema)(record))

describe("a checked record's actors (decision 0049)", () => {
  for (const kind of kinds)
    it(`are held once wherever the ${kind.entity} schema puts them, the content unchanged`, () =>
      fc.assert(
        fc.property(kind.records, (record) => {
          const one = checked(kind.schema, record)
          const two = checked(kind.schema, record)
          const override = kind.versioned ? { version: 1 } : undefined
          const s1 = Stored.fromRecord(kind.entity, one as never, override)
          const s2 = Stored.fromRecord(kind.entity, two as never, override)
          if (Result.isFailure(s1) || Result.isFailure(s2)) throw new Error("not stored")
          const encoded = Schema.encodeUnknownSync(kind.schema)(one) as object
          const expected = { ...encoded, ...override }
          expect(Stored.encode(s1.success)).toEqual(expected)
          expect(Stored.encode(s2.success)).toEqual(expected)
          // The checked path was taken: the stored record keeps the caller's frozen parts.
          expect(
            Object.values(s1.success.record).some(
              (v) => typeof v === "object" && Object.values(one as object).includes(v)
            )
          ).toBe(true)
          const pairs = actorPairs(s1.success.record, s2.success.record)
          expect(pairs.length).toBeGreaterThan(0)
          for (const [a, b] of pairs) {
            expect(b).toBe(a)
            expect(Object.isFrozen(a)).toBe(true)
          }
        }),
        { numRuns: 60 }
      ))
})

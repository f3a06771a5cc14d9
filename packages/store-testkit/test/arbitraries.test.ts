/**
 * The testkit's own generators and fixtures: every value they make is a valid record (it
 * round-trips through its domain schema), and the hierarchies pass the domain's own rules, so the
 * conformance suite never tests an adapter with data the domain would refuse.
 */
import {
  AuditEntry,
  Coordination,
  Directive,
  DvkModel,
  Hierarchy,
  Ids,
  ModelField,
  Regime,
  Report,
  SteeringCommittee,
  SuccessionRules,
  ValidationRule
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import { Arbitraries as Arb, Fixtures as F } from "../src/index.ts"

const roundTrips =
  <S extends Schema.Codec<unknown, unknown>>(schema: S) =>
  (value: S["Type"]): void => {
    const encoded = Schema.encodeSync(schema)(value)
    expect(
      Schema.encodeSync(schema)(Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(encoded))))
    ).toEqual(encoded)
  }

const unit = Ids.UnitId.make("vn-37")

describe("Arbitraries", () => {
  it("hierarchies pass Hierarchy.validate and SuccessionRules.validate", () => {
    fc.assert(
      fc.property(Arb.hierarchy({ maxProvinces: 3 }), (h) => {
        expect(Hierarchy.validate(h.units)).toEqual([])
        expect(SuccessionRules.validate(h.units, h.successions)).toEqual([])
        expect(new Set(h.units.map((u) => u.id)).size).toBe(h.units.length)
      }),
      { numRuns: 200 }
    )
  })

  it("records decode with their domain schemas", () => {
    const slot = { unitId: unit, periodId: F.period("2024S1"), programme: "DVK" as const }
    const cases: ReadonlyArray<[fc.Arbitrary<unknown>, (v: never) => void]> = [
      [Arb.report(slot), roundTrips(Report.Report)],
      [Arb.report({ ...slot, programme: "QCDC" }), roundTrips(Report.Report)],
      [Arb.dvkModel(unit), roundTrips(DvkModel.DvkModel)],
      [
        Arb.coordination([unit, Ids.UnitId.make("vn-36"), Ids.UnitId.make("vn-35")]),
        roundTrips(Coordination.CoordinationProgramme)
      ],
      [Arb.committee(unit), roundTrips(SteeringCommittee.SteeringCommittee)],
      [Arb.directive, roundTrips(Directive.Directive)],
      [Arb.modelField, roundTrips(ModelField.ModelField)],
      [Arb.regime, roundTrips(Regime.ReportingRegime)],
      [Arb.validationRule, roundTrips(ValidationRule.ValidationRule)],
      [Arb.auditEntry(unit), roundTrips(AuditEntry.AuditEntry)]
    ]
    for (const [arbitrary, check] of cases) {
      fc.assert(
        fc.property(arbitrary, (v) => check(v as never)),
        { numRuns: 50 }
      )
    }
  })

  it("reports agree on status and revision; models' statuses follow their events", () => {
    fc.assert(
      fc.property(
        Arb.report({ unitId: unit, periodId: F.period("2024"), programme: "QCDC" }),
        Arb.dvkModel(unit),
        (r, m) => {
          expect(r.status === "draft" ? r.revision === 0 : r.revision >= 1).toBe(true)
          expect(DvkModel.statusOf(m)).toBe(
            (
              {
                Registered: "registered",
                Started: "inProgress",
                Evaluated: "evaluated",
                Commended: "commended"
              } as const
            )[m.events[m.events.length - 1]!._tag as "Registered"]
          )
        }
      ),
      { numRuns: 100 }
    )
  })

  it("NFD variants differ from the NFC text and normalise back to it", () => {
    fc.assert(
      fc.property(Arb.nfcAndNfd, ({ nfc, nfd }) => {
        expect(nfd.normalize("NFC")).toBe(nfc)
        expect(nfc.normalize("NFC")).toBe(nfc)
      })
    )
  })
})

describe("Fixtures", () => {
  it("the reform province passes the domain's rules", () => {
    const { units, successions } = F.reformProvince()
    expect(Hierarchy.validate(units)).toEqual([])
    expect(SuccessionRules.validate(units, successions)).toEqual([])
  })

  it("the directive chain has unique numbering keys and replaces only directives it holds", () => {
    const chain = F.directiveChain()
    expect(new Set(chain.map((d) => Directive.numberingKey(d))).size).toBe(chain.length)
    const idSet = new Set(chain.map((d) => d.id))
    for (const d of chain) for (const r of d.replaces) expect(idSet.has(r)).toBe(true)
  })
})

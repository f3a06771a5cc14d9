import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { Actor } from "../src/access/Actor.ts"
import * as Period from "../src/calendar/Period.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { FieldId, ModelId, PersonId, UnitId } from "../src/kernel/Ids.ts"
import {
  type DvkModel,
  isEffective,
  type ModelEvent,
  type Rating,
  RegistrationContent
} from "../src/model/DvkModel.ts"
import * as ModelField from "../src/model/ModelField.ts"
import * as ModelLifecycle from "../src/model/ModelLifecycle.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import * as ModelTally from "../src/report/ModelTally.ts"

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const by = new Actor({ personId: PersonId.make("can-bo-1"), name: "Phan Hiếu", unitId: UnitId.make("vn-37") })
const fields = ModelField.defaults.map((f) => f.id)
const start = CalendarDate.make(2016, 1, 1)
const day = (n: number) => CalendarDate.addDays(start, n)

const register = (id: string, fieldId: string, registeredOn: CalendarDate.CalendarDate) =>
  Result.getOrThrow(
    ModelLifecycle.register({
      id: ModelId.make(id),
      unitId: UnitId.make("vn-37-374"),
      phaseId: Period.id(Period.phase(2016, 2020)),
      fieldId: FieldId.make(fieldId),
      registeredOn,
      content: new RegistrationContent({ name: `Mô hình ${id}` }),
      by
    })
  )

const step = (
  model: DvkModel,
  tag: ModelEvent["_tag"],
  on: CalendarDate.CalendarDate,
  rating: Rating
): DvkModel => {
  const event: ModelEvent =
    tag === "Evaluated"
      ? { _tag: tag, on, by, rating }
      : tag === "Commended"
        ? { _tag: tag, on, by, level: "district", form: "letterOfCommendation" }
        : tag === "Replicated"
          ? { _tag: tag, on, by, replicaId: ModelId.make(`${model.id}-nhan-rong`) }
          : tag === "Discontinued"
            ? { _tag: tag, on, by, reason: "Dừng triển khai" }
            : { _tag: "Started", on, by }
  const r = ModelLifecycle.apply(model, event)
  return Result.isSuccess(r) ? r.success : model
}

/** Models built through the lifecycle: random steps, the refused ones dropped. */
const modelsArb: fc.Arbitrary<ReadonlyArray<DvkModel>> = fc
  .array(
    fc.record({
      field: fc.constantFrom(...fields, FieldId.make("nong-thon-moi")),
      registered: fc.integer({ min: 0, max: 1800 }),
      steps: fc.array(
        fc.record({
          tag: fc.constantFrom<ModelEvent["_tag"]>(
            "Started",
            "Evaluated",
            "Evaluated",
            "Commended",
            "Replicated",
            "Discontinued"
          ),
          delta: fc.integer({ min: 0, max: 300 }),
          rating: fc.constantFrom<Rating>("excellent", "good", "fair", "ineffective")
        }),
        { maxLength: 6 }
      )
    }),
    { maxLength: 25 }
  )
  .map((specs) =>
    specs.map((s, i) => {
      let m = register(`m${i}`, s.field, day(s.registered))
      for (const st of s.steps)
        m = step(m, st.tag, CalendarDate.addDays(m.events.at(-1)!.on, st.delta), st.rating)
      return m
    })
  )

const asOfArb = fc.integer({ min: -10, max: 2600 }).map(day)

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe("ModelTally.tally", () => {
  it("gives consistent figures for models built through the lifecycle", () => {
    fc.assert(
      fc.property(modelsArb, asOfArb, (models, asOf) => {
        expect(FiguresRules.check(ModelTally.tally(models, fields, asOf))).toEqual([])
      }),
      { numRuns: 200 }
    )
  })

  it("counts each figure as documented, from the events up to the date", () => {
    fc.assert(
      fc.property(
        modelsArb,
        asOfArb,
        fc.integer({ min: 0, max: 1800 }),
        fc.integer({ min: 0, max: 400 }),
        (models, asOf, w, len) => {
          const window = { first: day(w), last: day(w + len) }
          const f = ModelTally.tally(models, fields, asOf, { newWithin: window })
          const seen = models.filter((m) => m.registeredOn <= asOf)
          const past = (m: DvkModel) => m.events.filter((e) => e.on <= asOf)
          const lastRating = (m: DvkModel) =>
            past(m)
              .filter((e) => e._tag === "Evaluated")
              .map((e) => (e as { rating: Rating }).rating)
              .at(-1)
          expect(f.models).toBe(seen.length)
          expect(f.effective).toBe(
            seen.filter((m) => lastRating(m) !== undefined && isEffective(lastRating(m)!)).length
          )
          expect(f.commended).toBe(seen.filter((m) => past(m).some((e) => e._tag === "Commended")).length)
          expect(f.replicated).toBe(seen.filter((m) => past(m).some((e) => e._tag === "Replicated")).length)
          expect(f.newModels).toBe(
            seen.filter((m) => m.registeredOn >= window.first && m.registeredOn <= window.last).length
          )
          for (const s of FiguresRules.statuses) {
            expect(f.byStatus[s]).toBe(
              seen.filter((m) => ModelLifecycle.statusAfter(past(m).at(-1)!) === s).length
            )
          }
          for (const field of fields)
            expect(f.byField[field]).toBe(seen.filter((m) => m.fieldId === field).length)
          expect(f.exemplaryCases).toBe(0)
        }
      ),
      { numRuns: 200 }
    )
  })

  it("is additive: the tally of two sets of models is the sum of their tallies", () => {
    fc.assert(
      fc.property(modelsArb, modelsArb, asOfArb, (a, b, asOf) => {
        const renamed = b.map((m) => ({ ...m, id: ModelId.make(`b-${m.id}`) }) as DvkModel)
        expect(ModelTally.tally([...a, ...renamed], fields, asOf)).toEqual(
          FiguresRules.sumDvk(ModelTally.tally(a, fields, asOf), ModelTally.tally(renamed, fields, asOf))
        )
      }),
      { numRuns: 100 }
    )
  })

  it("tallies a small register as of mid-2017", () => {
    const a = step(register("a", "economy", day(10)), "Evaluated", day(100), "good")
    const b = step(step(a, "Commended", day(200), "good"), "Replicated", day(300), "good")
    const c = step(register("c", "culture-society", day(50)), "Evaluated", day(60), "ineffective")
    const d = step(register("d", "nong-thon-moi", day(400)), "Started", day(420), "good")
    const e = register("e", "economy", day(700))
    const asOf = CalendarDate.make(2017, 6, 30)
    const f = ModelTally.tally([b, c, d, e], fields, asOf, {
      newWithin: { first: CalendarDate.make(2017, 1, 1), last: CalendarDate.make(2017, 12, 31) }
    })
    expect(f).toEqual({
      _tag: "DVK",
      models: 3,
      byField: {
        economy: 1,
        "culture-society": 1,
        "security-defence": 0,
        "political-system": 0,
        "nong-thon-moi": 1
      },
      byStatus: { registered: 0, inProgress: 1, evaluated: 1, commended: 0, replicated: 1, discontinued: 0 },
      newModels: 1,
      effective: 1,
      commended: 1,
      replicated: 1,
      exemplaryCases: 0,
      extra: {}
    })
    expect(FiguresRules.check(f)).toEqual([])
  })
})

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
  type ModelStatus,
  type Rating,
  RegistrationContent,
  statusOf
} from "../src/model/DvkModel.ts"
import * as ModelLifecycle from "../src/model/ModelLifecycle.ts"

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const by = new Actor({ personId: PersonId.make("can-bo-1"), name: "Phan Hiếu", unitId: UnitId.make("vn-37") })
const content = new RegistrationContent({ name: "Dân vận khéo trong xây dựng nông thôn mới" })
const phase1620 = Period.id(Period.phase(2016, 2020))

const input = (
  id: string,
  registeredOn: CalendarDate.CalendarDate,
  phaseId: Period.PeriodId = phase1620,
  replicaOf?: string
): ModelLifecycle.RegistrationInput => ({
  id: ModelId.make(id),
  unitId: UnitId.make("vn-37-369"),
  phaseId,
  fieldId: FieldId.make("economy"),
  registeredOn,
  content,
  ...(replicaOf === undefined ? {} : { replicaOf: ModelId.make(replicaOf) }),
  by
})

const date = CalendarDate.unsafeFromString

/** The transition table of the issue, written out independently of the module. */
const reference: Record<ModelStatus, ReadonlyArray<ModelStatus>> = {
  registered: ["inProgress", "evaluated", "discontinued"],
  inProgress: ["evaluated", "discontinued"],
  evaluated: ["evaluated", "commended", "replicated", "discontinued"],
  commended: ["commended", "replicated", "discontinued"],
  replicated: ["replicated", "commended", "discontinued"],
  discontinued: []
}

const target: Record<ModelEvent["_tag"], ModelStatus> = {
  Registered: "registered",
  Started: "inProgress",
  Evaluated: "evaluated",
  Commended: "commended",
  Replicated: "replicated",
  Discontinued: "discontinued"
}

const latestRating = (
  events: ReadonlyArray<ModelEvent>,
  asOf?: CalendarDate.CalendarDate
): Rating | undefined => {
  let r: Rating | undefined
  for (const e of events) if (e._tag === "Evaluated" && (asOf === undefined || e.on <= asOf)) r = e.rating
  return r
}

// ---------------------------------------------------------------------------------------------
// generators
// ---------------------------------------------------------------------------------------------

const ratingArb = fc.constantFrom<Rating>("excellent", "good", "fair", "ineffective")
const tagArb = fc.constantFrom<ModelEvent["_tag"]>(
  "Registered",
  "Started",
  "Evaluated",
  "Evaluated",
  "Commended",
  "Replicated",
  "Discontinued"
)

interface RawEvent {
  readonly tag: ModelEvent["_tag"]
  readonly delta: number
  readonly rating: Rating
  readonly self: boolean
}

const rawEventArb: fc.Arbitrary<RawEvent> = fc.record({
  tag: tagArb,
  delta: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 400 }), weight: 6 },
    { arbitrary: fc.integer({ min: -30, max: -1 }), weight: 1 }
  ),
  rating: ratingArb,
  self: fc.integer({ min: 0, max: 7 }).map((n) => n === 0)
})

const toEvent = (model: DvkModel, raw: RawEvent): ModelEvent => {
  const on = CalendarDate.addDays(model.events[model.events.length - 1]!.on, raw.delta)
  switch (raw.tag) {
    case "Registered":
      return { _tag: "Registered", on, by }
    case "Started":
      return { _tag: "Started", on, by }
    case "Evaluated":
      return { _tag: "Evaluated", on, by, rating: raw.rating }
    case "Commended":
      return { _tag: "Commended", on, by, level: "province", form: "certificateOfMerit" }
    case "Replicated":
      return { _tag: "Replicated", on, by, replicaId: raw.self ? model.id : ModelId.make(`${model.id}-copy`) }
    case "Discontinued":
      return { _tag: "Discontinued", on, by, reason: "Đơn vị sáp nhập" }
  }
}

/** Whether the rules allow the event, worked out from the reference table. */
const allowed = (model: DvkModel, event: ModelEvent): boolean => {
  const from = statusOf(model)
  if (event._tag === "Registered" || !reference[from].includes(target[event._tag])) return false
  if (event.on < model.events[model.events.length - 1]!.on) return false
  if (event._tag === "Started" && event.on > "2020-12-31") return false
  if (event._tag === "Commended" || event._tag === "Replicated") {
    const r = latestRating(model.events)
    if (r === undefined || !isEffective(r)) return false
  }
  if (event._tag === "Replicated" && event.replicaId === model.id) return false
  return true
}

/** Registers a model in 2016–2020 and feeds it the events; returns the accepted history. */
const history = (id: string, registeredOn: CalendarDate.CalendarDate, raws: ReadonlyArray<RawEvent>) => {
  let model = Result.getOrThrow(ModelLifecycle.register(input(id, registeredOn)))
  const steps: Array<{
    event: ModelEvent
    before: DvkModel
    result: Result.Result<DvkModel, ModelLifecycle.ModelRuleError>
  }> = []
  for (const raw of raws) {
    const event = toEvent(model, raw)
    const result = ModelLifecycle.apply(model, event)
    steps.push({ event, before: model, result })
    if (Result.isSuccess(result)) model = result.success
  }
  return { model, steps }
}

const inPhaseArb = fc.integer({ min: 0, max: 1826 }).map((n) => CalendarDate.addDays(date("2016-01-01"), n))

const errorTags = [
  "NotAPhase",
  "OutsidePhase",
  "SourceMissing",
  "SelfReplication",
  "SourceNotEffective",
  "InvalidTransition",
  "EventOutOfOrder",
  "NotRatedEffective"
]

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe("ModelLifecycle.transitions", () => {
  it("is the issue's table, and discontinued is the only final status", () => {
    expect(ModelLifecycle.transitions).toEqual(reference)
    const finals = (Object.keys(reference) as Array<ModelStatus>).filter(ModelLifecycle.isFinal)
    expect(finals).toEqual(["discontinued"])
  })
})

describe("ModelLifecycle.register", () => {
  it("accepts a registration exactly when its date falls between 1 January of the phase's first year and 31 December of its last", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2040 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: -800, max: 3000 }),
        (startYear, length, offset) => {
          const phaseId = Period.id(Period.phase(startYear, startYear + length))
          const on = CalendarDate.addDays(CalendarDate.make(startYear, 1, 1), offset)
          const inside =
            CalendarDate.parts(on).year >= startYear && CalendarDate.parts(on).year <= startYear + length
          const r = ModelLifecycle.register(input("m", on, phaseId))
          expect(Result.isSuccess(r)).toBe(inside)
          if (Result.isSuccess(r)) {
            expect(r.success.version).toBe(0)
            expect(r.success.events).toEqual([{ _tag: "Registered", on, by }])
            expect(statusOf(r.success)).toBe("registered")
          } else {
            expect(r.failure._tag).toBe("OutsidePhase")
          }
        }
      )
    )
  })

  it("refuses a period that is not a phase, and a date outside the phase, in plain words", () => {
    const half = ModelLifecycle.register(input("m1", date("2017-03-01"), Period.id(Period.halfYear(2017, 1))))
    expect(Result.isFailure(half) && half.failure._tag).toBe("NotAPhase")
    const late = ModelLifecycle.register(input("m2", date("2021-01-01")))
    expect(Result.isFailure(late) && late.failure.message).toBe(
      "model m2: the registration on 2021-01-01 falls outside phase 2016-2020 (2016-01-01 to 2020-12-31)"
    )
  })

  it("registers a replica only when its source was rated effective on or before the replica's registration", () => {
    fc.assert(
      fc.property(
        inPhaseArb,
        fc.array(rawEventArb, { maxLength: 8 }),
        fc.integer({ min: -50, max: 2500 }),
        (on, raws, offset) => {
          const source = history("nguon", on, raws).model
          const replicaOn = CalendarDate.addDays(on, offset)
          const phaseYear = CalendarDate.parts(replicaOn).year
          const phaseId = Period.id(Period.phase(phaseYear, phaseYear + 4))
          const r = ModelLifecycle.register(input("ban-sao", replicaOn, phaseId, "nguon"), { source })
          const rating = latestRating(source.events, replicaOn)
          expect(Result.isSuccess(r)).toBe(rating !== undefined && isEffective(rating))
          if (Result.isSuccess(r)) {
            expect(r.success.replicaOf).toBe("nguon")
            // the law: the source was rated effective first
            expect(
              source.events.some((e) => e._tag === "Evaluated" && isEffective(e.rating) && e.on <= replicaOn)
            ).toBe(true)
          } else {
            expect(r.failure._tag).toBe("SourceNotEffective")
          }
        }
      )
    )
  })

  it("needs the source of a replica, the right one, and not itself", () => {
    const missing = ModelLifecycle.register(input("b", date("2018-01-01"), phase1620, "a"))
    expect(Result.isFailure(missing) && missing.failure.message).toBe(
      "model b replicates model a, which was not found"
    )
    const other = Result.getOrThrow(ModelLifecycle.register(input("c", date("2017-01-01"))))
    const wrong = ModelLifecycle.register(input("b", date("2018-01-01"), phase1620, "a"), { source: other })
    expect(Result.isFailure(wrong) && wrong.failure._tag).toBe("SourceMissing")
    const self = ModelLifecycle.register(input("a", date("2018-01-01"), phase1620, "a"), { source: other })
    expect(Result.isFailure(self) && self.failure._tag).toBe("SelfReplication")
    const unrated = ModelLifecycle.register(input("b", date("2018-01-01"), phase1620, "c"), { source: other })
    expect(Result.isFailure(unrated) && unrated.failure.message).toContain("had not been evaluated")
  })
})

describe("ModelLifecycle.apply", () => {
  it("accepts a random event exactly when the reference table and the dating rules allow it", () => {
    fc.assert(
      fc.property(inPhaseArb, fc.array(rawEventArb, { minLength: 1, maxLength: 20 }), (on, raws) => {
        const { steps } = history("m", on, raws)
        for (const { event, before, result } of steps) {
          expect(Result.isSuccess(result)).toBe(allowed(before, event))
          if (Result.isSuccess(result)) {
            expect(result.success.events).toEqual([...before.events, event])
            expect(statusOf(result.success)).toBe(target[event._tag])
            expect(result.success.version).toBe(before.version)
          } else {
            expect(errorTags).toContain(result.failure._tag)
            expect(result.failure.message.length).toBeGreaterThan(0)
          }
        }
      }),
      { numRuns: 300 }
    )
  })

  it("only takes listed transitions and never leaves discontinued", () => {
    fc.assert(
      fc.property(inPhaseArb, fc.array(rawEventArb, { minLength: 1, maxLength: 20 }), (on, raws) => {
        const { model } = history("m", on, raws)
        const statuses = model.events.map((e) => target[e._tag])
        expect(statuses[0]).toBe("registered")
        for (let i = 1; i < statuses.length; i++) {
          expect(reference[statuses[i - 1]!]).toContain(statuses[i])
          expect(model.events[i]!.on >= model.events[i - 1]!.on).toBe(true)
        }
        const stop = statuses.indexOf("discontinued")
        if (stop >= 0) expect(stop).toBe(statuses.length - 1)
        // commended and replicated models stay rated effective
        if (statuses.includes("commended") || statuses.includes("replicated")) {
          expect(isEffective(latestRating(model.events)!)).toBe(true)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("explains refusals in plain words", () => {
    const m = Result.getOrThrow(ModelLifecycle.register(input("m", date("2017-02-01"))))
    const weak = Result.getOrThrow(
      ModelLifecycle.apply(m, { _tag: "Evaluated", on: date("2017-05-01"), by, rating: "ineffective" })
    )
    const commend = ModelLifecycle.apply(weak, {
      _tag: "Commended",
      on: date("2017-06-01"),
      by,
      level: "province",
      form: "certificateOfMerit"
    })
    expect(Result.isFailure(commend) && commend.failure.message).toBe(
      "model m cannot be commended on 2017-06-01: it was last rated ineffective, and only effective models are commended"
    )
    const stopped = Result.getOrThrow(
      ModelLifecycle.apply(m, { _tag: "Discontinued", on: date("2017-03-01"), by, reason: "Không phù hợp" })
    )
    const restart = ModelLifecycle.apply(stopped, { _tag: "Started", on: date("2017-04-01"), by })
    expect(Result.isFailure(restart) && restart.failure.message).toBe(
      "model m was discontinued, which is final: it cannot become inProgress on 2017-04-01"
    )
    const early = ModelLifecycle.apply(m, { _tag: "Started", on: date("2017-01-15"), by })
    expect(Result.isFailure(early) && early.failure._tag).toBe("EventOutOfOrder")
    const lateStart = ModelLifecycle.apply(m, { _tag: "Started", on: date("2021-02-01"), by })
    expect(Result.isFailure(lateStart) && lateStart.failure._tag).toBe("OutsidePhase")
  })

  it("allows the phase review after the phase has ended", () => {
    const m = Result.getOrThrow(ModelLifecycle.register(input("m", date("2016-09-01"))))
    const started = Result.getOrThrow(
      ModelLifecycle.apply(m, { _tag: "Started", on: date("2016-10-01"), by })
    )
    const rated = Result.getOrThrow(
      ModelLifecycle.apply(started, { _tag: "Evaluated", on: date("2021-03-15"), by, rating: "good" })
    )
    const commended = Result.getOrThrow(
      ModelLifecycle.apply(rated, {
        _tag: "Commended",
        on: date("2021-05-19"),
        by,
        level: "province",
        form: "certificateOfMerit"
      })
    )
    expect(ModelLifecycle.statusOn(commended, date("2021-04-01"))).toBe("evaluated")
    expect(ModelLifecycle.statusOn(commended, date("2016-08-31"))).toBeUndefined()
    expect(ModelLifecycle.ratingOn(commended, date("2021-03-14"))).toBeUndefined()
    expect(ModelLifecycle.status(commended)).toBe("commended")
  })
})

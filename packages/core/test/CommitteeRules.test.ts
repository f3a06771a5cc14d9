import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as CommitteeRules from "../src/committee/CommitteeRules.ts"
import { Membership, type Post, SteeringCommittee } from "../src/committee/SteeringCommittee.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { CommitteeId, DirectiveId, PersonId, UnitId } from "../src/kernel/Ids.ts"

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const base = CalendarDate.make(2016, 1, 1)
const day = (n: number) => CalendarDate.addDays(base, n)
const names = [
  "Nguyễn Văn An",
  "Trần Thị Bình",
  "Lê Văn Cường",
  "Phạm Thị Dung",
  "Đỗ Văn Đức",
  "Hoàng Thị Én"
]

const term = (person: number, post: Post, from: number, until?: number) =>
  new Membership({
    personId: PersonId.make(`p${person}`),
    personName: names[person]!,
    post,
    titles: [],
    from: day(from),
    ...(until === undefined ? {} : { until: day(until) })
  })

const committee = (memberships: ReadonlyArray<Membership>, activeUntil?: number) =>
  new SteeringCommittee({
    id: CommitteeId.make("bcd-test"),
    unitId: UnitId.make("vn-37"),
    name: "Ban Chỉ đạo thử nghiệm",
    programmes: ["DVK"],
    activeFrom: day(0),
    ...(activeUntil === undefined ? {} : { activeUntil: day(activeUntil) }),
    memberships,
    version: 0
  })

const plain = (c: SteeringCommittee) => ({
  activeFrom: c.activeFrom,
  activeUntil: c.activeUntil,
  memberships: c.memberships.map((m) => ({
    personId: m.personId,
    post: m.post,
    from: m.from,
    until: m.until
  }))
})

const violationTags = [
  "InvalidLife",
  "NoHead",
  "TwoHeads",
  "TwoStandingDeputies",
  "TermOutsideCommittee",
  "TwoPostsAtOnce",
  "EmptyTerm",
  "NoSuchTerm",
  "InvalidDissolution"
]

// ---------------------------------------------------------------------------------------------
// an independent oracle: the invariant checked day by day
// ---------------------------------------------------------------------------------------------

interface Verdict {
  /** some active day has no head */
  readonly headless: boolean
  /** any other breach */
  readonly other: boolean
}

const oracle = (c: SteeringCommittee): Verdict => {
  const from = CalendarDate.toDayNumber(c.activeFrom)
  const until =
    c.activeUntil === undefined ? Number.POSITIVE_INFINITY : CalendarDate.toDayNumber(c.activeUntil)
  if (until <= from) return { headless: false, other: true }
  let other = false
  const spans = c.memberships.map((m) => {
    const s = CalendarDate.toDayNumber(m.from)
    const e = m.until === undefined ? until : CalendarDate.toDayNumber(m.until)
    if (e <= s) other = true
    if (s < from) other = true
    if (c.activeUntil !== undefined && (s >= until || e > until)) other = true
    return { m, s, e }
  })
  let headless = false
  // who holds what changes only on the days a term or the committee starts or ends, so checking
  // those days checks every day
  const days = new Set([from, ...spans.flatMap((x) => [x.s, x.e])].filter((t) => t >= from && t < until))
  for (const t of days) {
    const on = spans.filter((x) => x.s <= t && t < x.e)
    const heads = on.filter((x) => x.m.post === "head").length
    if (heads === 0) headless = true
    if (heads > 1) other = true
    if (on.filter((x) => x.m.post === "standingDeputy").length > 1) other = true
    if (new Set(on.map((x) => x.m.personId)).size < on.length) other = true
  }
  return { headless, other }
}

const oracleValid = (c: SteeringCommittee) => {
  const v = oracle(c)
  return !v.headless && !v.other
}

// reference operations: the plain data change each operation stands for; `undefined` when the
// operation has nothing to act on
const withMs = (c: SteeringCommittee, memberships: ReadonlyArray<Membership>) =>
  new SteeringCommittee({ ...c, memberships })

const naiveEnd = (c: SteeringCommittee, personId: string, post: Post, until: CalendarDate.CalendarDate) => {
  const i = c.memberships.findIndex((m) => {
    const end = m.until ?? c.activeUntil
    return m.personId === personId && m.post === post && m.from < until && (end === undefined || end >= until)
  })
  if (i < 0) return undefined
  return withMs(
    c,
    c.memberships.map((m, j) => (j === i ? new Membership({ ...m, until }) : m))
  )
}

const naiveDissolve = (c: SteeringCommittee, on: CalendarDate.CalendarDate) => {
  if (on <= c.activeFrom || (c.activeUntil !== undefined && on > c.activeUntil)) return undefined
  return new SteeringCommittee({
    ...c,
    activeUntil: on,
    memberships: c.memberships.map((m) =>
      m.until !== undefined && m.until > on ? new Membership({ ...m, until: on }) : m
    )
  })
}

// ---------------------------------------------------------------------------------------------
// generators
// ---------------------------------------------------------------------------------------------

const postArb = fc.constantFrom<Post>("head", "standingDeputy", "deputy", "member", "secretary")
const personArb = fc.integer({ min: 0, max: names.length - 1 })
const offsetArb = fc.integer({ min: -10, max: 230 })
const membershipArb = fc
  .record({
    person: personArb,
    post: postArb,
    from: offsetArb,
    until: fc.option(offsetArb, { nil: undefined })
  })
  .map(({ person, post, from, until }) => term(person, post, from, until))

// operations are generated as raw numbers and resolved against the committee they act on, so that
// most of them name a term that exists (`pick`) and most terms are not empty (`length`)
const lengthArb = fc.option(fc.integer({ min: -3, max: 150 }), { nil: undefined, freq: 3 })
const pickArb = fc.option(fc.nat(), { nil: undefined, freq: 4 })

type Op =
  | {
      readonly _tag: "appoint"
      readonly person: number
      readonly post: Post
      readonly from: number
      readonly length: number | undefined
    }
  | {
      readonly _tag: "endTerm"
      readonly pick: number | undefined
      readonly person: number
      readonly post: Post
      readonly at: number
    }
  | {
      readonly _tag: "handOver"
      readonly pick: number | undefined
      readonly outgoing: number
      readonly successor: number
      readonly post: Post
      readonly at: number
      readonly length: number | undefined
    }
  | { readonly _tag: "dissolve"; readonly on: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc
      .record({ person: personArb, post: postArb, from: offsetArb, length: lengthArb })
      .map((r) => ({ _tag: "appoint" as const, ...r })),
    weight: 5
  },
  {
    arbitrary: fc
      .record({ pick: pickArb, person: personArb, post: postArb, at: fc.integer({ min: -5, max: 200 }) })
      .map((r) => ({ _tag: "endTerm" as const, ...r })),
    weight: 3
  },
  {
    arbitrary: fc
      .record({
        pick: pickArb,
        outgoing: personArb,
        successor: personArb,
        post: postArb,
        at: fc.integer({ min: -5, max: 200 }),
        length: lengthArb
      })
      .map((r) => ({ _tag: "handOver" as const, ...r })),
    weight: 3
  },
  { arbitrary: offsetArb.map((on) => ({ _tag: "dissolve" as const, on })), weight: 1 }
)

const offsetOf = (date: CalendarDate.CalendarDate) => CalendarDate.daysBetween(base, date)

/** The term `pick` names (person, post, first day as an offset), or the raw fields when none. */
const target = (c: SteeringCommittee, pick: number | undefined, person: number, post: Post) => {
  const m =
    pick === undefined || c.memberships.length === 0 ? undefined : c.memberships[pick % c.memberships.length]!
  return m === undefined
    ? { personId: PersonId.make(`p${person}`), post, start: 0 }
    : { personId: m.personId, post: m.post, start: offsetOf(m.from) }
}

const run = (c: SteeringCommittee, op: Op) => {
  switch (op._tag) {
    case "appoint": {
      const m = term(op.person, op.post, op.from, op.length === undefined ? undefined : op.from + op.length)
      return { actual: CommitteeRules.appoint(c, m), naive: withMs(c, [...c.memberships, m]) }
    }
    case "endTerm": {
      const t = target(c, op.pick, op.person, op.post)
      const until = day(t.start + op.at)
      return {
        actual: CommitteeRules.endTerm(c, t.personId, t.post, until),
        naive: naiveEnd(c, t.personId, t.post, until)
      }
    }
    case "handOver": {
      const t = target(c, op.pick, op.outgoing, op.post)
      const from = t.start + op.at
      const successor = term(
        op.successor,
        t.post,
        from,
        op.length === undefined ? undefined : from + op.length
      )
      const ended = naiveEnd(c, t.personId, t.post, successor.from)
      return {
        actual: CommitteeRules.handOver(c, t.personId, successor),
        naive: ended === undefined ? undefined : withMs(ended, [...ended.memberships, successor])
      }
    }
    case "dissolve":
      return { actual: CommitteeRules.dissolve(c, day(op.on)), naive: naiveDissolve(c, day(op.on)) }
  }
}

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe("CommitteeRules.validate", () => {
  it("agrees with the day-by-day oracle on random committees", () => {
    fc.assert(
      fc.property(
        fc.array(membershipArb, { maxLength: 6 }),
        fc.option(fc.integer({ min: -5, max: 240 }), { nil: undefined }),
        (ms, until) => {
          const c = committee(ms, until)
          expect(CommitteeRules.validate(c).length === 0).toBe(oracleValid(c))
          expect(CommitteeRules.isValid(c)).toBe(oracleValid(c))
        }
      ),
      { numRuns: 400 }
    )
  })

  it("reports a NoHead violation exactly when some active day has no head", () => {
    fc.assert(
      fc.property(
        fc.array(membershipArb, { maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
        (ms, until) => {
          const c = committee(ms, until)
          const tags = CommitteeRules.validate(c).map((v) => v._tag)
          expect(tags.includes("NoHead")).toBe(oracle(c).headless)
        }
      ),
      { numRuns: 300 }
    )
  })

  it("reports every violation, each typed and in plain words", () => {
    // two heads overlapping, a person in two posts, a term before the committee, an empty term
    const c = committee([
      term(0, "head", 0),
      term(1, "head", 10, 20),
      term(2, "member", 0),
      term(2, "deputy", 5, 8),
      term(3, "member", -3, 4),
      term(4, "secretary", 9, 9)
    ])
    const vs = CommitteeRules.validate(c)
    expect(vs.map((v) => v._tag).sort()).toEqual([
      "EmptyTerm",
      "TermOutsideCommittee",
      "TwoHeads",
      "TwoPostsAtOnce"
    ])
    for (const v of vs) expect(violationTags).toContain(v._tag)
    const twoHeads = vs.find((v) => v._tag === "TwoHeads")!
    expect(twoHeads.message).toContain("Nguyễn Văn An")
    expect(twoHeads.message).toContain("Trần Thị Bình")
    expect(twoHeads.message).toContain("2016-01-11")
    expect(twoHeads.message).toContain("2016-01-21")
    const twoPosts = vs.find((v) => v._tag === "TwoPostsAtOnce")!
    expect(twoPosts.message).toContain("Lê Văn Cường")
    expect(twoPosts.message).toContain("member and deputy")
  })

  it("finds every gap without a head and two standing deputies", () => {
    const c = committee(
      [
        term(0, "head", 0, 30),
        term(1, "head", 40, 50),
        term(2, "standingDeputy", 0),
        term(3, "standingDeputy", 20, 25)
      ],
      60
    )
    const vs = CommitteeRules.validate(c)
    const gaps = vs
      .filter((v): v is CommitteeRules.NoHead => v._tag === "NoHead")
      .map((v) => [v.from, v.until])
    expect(gaps).toEqual([
      [day(30), day(40)],
      [day(50), day(60)]
    ])
    const sd = vs.find((v) => v._tag === "TwoStandingDeputies") as CommitteeRules.TwoStandingDeputies
    expect([sd.from, sd.until]).toEqual([day(20), day(25)])
  })

  it("treats an open term as ending with the committee, and a term starting after it as outside", () => {
    expect(CommitteeRules.validate(committee([term(0, "head", 0)], 100))).toEqual([])
    const late = CommitteeRules.validate(committee([term(0, "head", 0), term(1, "member", 100)], 100))
    expect(late.map((v) => v._tag)).toEqual(["TermOutsideCommittee"])
    const over = CommitteeRules.validate(committee([term(0, "head", 0, 120)], 100))
    expect(over.map((v) => v._tag)).toEqual(["TermOutsideCommittee"])
  })

  it("rejects an empty life", () => {
    const vs = CommitteeRules.validate(committee([term(0, "head", 0)], 0))
    expect(vs.map((v) => v._tag)).toEqual(["InvalidLife"])
  })
})

describe("CommitteeRules operations", () => {
  const start = Result.getOrThrow(CommitteeRules.compose(committee([]), [term(0, "head", 0)]))

  it("keep the invariant after any sequence of accepted operations, and reject exactly the operations the oracle rejects", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        let c = start
        for (const op of ops) {
          const { actual, naive } = run(c, op)
          const shouldAccept = naive !== undefined && oracleValid(naive)
          if (Result.isSuccess(actual)) {
            expect(shouldAccept).toBe(true)
            expect(plain(actual.success)).toEqual(plain(naive!))
            c = actual.success
            expect(CommitteeRules.validate(c)).toEqual([])
          } else {
            expect(shouldAccept).toBe(false)
            // One error at the boundary, naming the change, with the violations as plain data.
            expect(actual.failure._tag).toBe("InvalidCommittee")
            expect(actual.failure.change).toBe(op._tag)
            expect(actual.failure).toBeInstanceOf(Error)
            for (const v of actual.failure.violations) {
              expect(violationTags).toContain(v._tag)
              expect(v).not.toBeInstanceOf(Error)
              expect(actual.failure.message).toContain(v.message)
            }
          }
        }
      }),
      { numRuns: 300 }
    )
  })

  it("build a committee from nothing one appointment at a time: appoint rejects only what breaks more than the missing head", () => {
    fc.assert(
      fc.property(
        fc.array(membershipArb, { minLength: 1, maxLength: 12 }),
        fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
        (ms, until) => {
          let c = committee([], until)
          for (const m of ms) {
            const r = CommitteeRules.appoint(c, m)
            const naive = withMs(c, [...c.memberships, m])
            expect(Result.isSuccess(r)).toBe(!oracle(naive).other)
            if (Result.isSuccess(r)) {
              c = r.success
              expect(CommitteeRules.validate(c).every((v) => v._tag === "NoHead")).toBe(true)
            } else {
              expect(r.failure.violations.map((v) => v._tag)).not.toContain("NoHead")
            }
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it("compose accepts exactly the valid compositions and lists every violation otherwise", () => {
    // Half the compositions start with a head for the whole life, so valid ones are common.
    const compositionArb = fc
      .tuple(fc.boolean(), fc.array(membershipArb, { maxLength: 5 }))
      .map(([withHead, ms]) => (withHead ? [term(0, "head", 0), ...ms.filter((m) => m.post !== "head")] : ms))
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(compositionArb, (ms) => {
        const r = CommitteeRules.compose(committee([]), ms)
        // The independent, day-by-day oracle decides which compositions are valid.
        expect(Result.isSuccess(r)).toBe(oracleValid(committee(ms)))
        if (Result.isSuccess(r)) {
          accepted++
          expect(plain(r.success)).toEqual(plain(committee(ms)))
        } else {
          refused++
          expect(r.failure._tag).toBe("InvalidCommittee")
          expect(r.failure.violations.length).toBeGreaterThan(0)
          expect(r.failure.violations.map((v) => v.message)).toEqual(
            CommitteeRules.validate(committee(ms)).map((v) => v.message)
          )
        }
      }),
      { numRuns: 300 }
    )
    expect(accepted).toBeGreaterThan(10)
    expect(refused).toBeGreaterThan(10)
  })

  it("appoint refuses a second head and says who and when", () => {
    const r = CommitteeRules.appoint(start, term(1, "head", 31))
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("InvalidCommittee")
      expect(r.failure.violations.map((v) => v._tag)).toEqual(["TwoHeads"])
      expect(r.failure.message).toBe(
        "the appointment to Ban Chỉ đạo thử nghiệm is refused: Ban Chỉ đạo thử nghiệm would have two heads, Nguyễn Văn An and Trần Thị Bình, from 2016-02-01 on"
      )
    }
  })

  it("appoint lists every violation the new term brings, not only the first", () => {
    // The head named head a second time: two heads, and one person in two terms at once.
    const r = CommitteeRules.appoint(start, term(0, "head", 31))
    expect(Result.isFailure(r) && r.failure.violations.map((v) => v._tag)).toEqual([
      "TwoPostsAtOnce",
      "TwoHeads"
    ])
  })

  it("endTerm refuses to leave the committee without its head; handOver replaces the head in one step", () => {
    const ended = CommitteeRules.endTerm(start, PersonId.make("p0"), "head", day(100))
    expect(Result.isFailure(ended) && ended.failure.violations.map((v) => v._tag)).toEqual(["NoHead"])
    expect(Result.isFailure(ended) && ended.failure.change).toBe("endTerm")
    const handed = CommitteeRules.handOver(start, PersonId.make("p0"), term(1, "head", 100))
    expect(Result.isSuccess(handed)).toBe(true)
    if (Result.isSuccess(handed)) {
      expect(CommitteeRules.validate(handed.success)).toEqual([])
      expect(CommitteeRules.compositionOn(handed.success, day(99)).map((m) => m.personName)).toEqual([
        "Nguyễn Văn An"
      ])
      expect(CommitteeRules.compositionOn(handed.success, day(100)).map((m) => m.personName)).toEqual([
        "Trần Thị Bình"
      ])
    }
    const nobody = CommitteeRules.endTerm(start, PersonId.make("p3"), "member", day(10))
    expect(Result.isFailure(nobody) && nobody.failure.violations[0].message).toBe(
      "person p3 holds no term as member in Ban Chỉ đạo thử nghiệm that runs up to 2016-01-11, so none can end on that day"
    )
    const notDeputy = CommitteeRules.endTerm(start, PersonId.make("p0"), "deputy", day(10))
    expect(Result.isFailure(notDeputy) && notDeputy.failure.message).toContain(
      "Nguyễn Văn An holds no term as deputy"
    )
  })

  it("dissolve cuts running terms, and refuses a day before the committee or after its end", () => {
    const c = Result.getOrThrow(
      CommitteeRules.compose(committee([]), [
        term(0, "head", 0),
        term(1, "member", 0, 300),
        term(2, "deputy", 0, 50)
      ])
    )
    const d = Result.getOrThrow(CommitteeRules.dissolve(c, day(200)))
    expect(d.activeUntil).toBe(day(200))
    expect(d.memberships.map((m) => m.until)).toEqual([undefined, day(200), day(50)])
    expect(CommitteeRules.validate(d)).toEqual([])
    const early = CommitteeRules.dissolve(c, day(0))
    expect(Result.isFailure(early) && early.failure.violations.map((v) => v._tag)).toEqual([
      "InvalidDissolution"
    ])
    const late = CommitteeRules.dissolve(d, day(201))
    expect(Result.isFailure(late) && late.failure.message).toContain("already ends on 2016-07-19")
    const planned = Result.getOrThrow(CommitteeRules.appoint(c, term(3, "member", 250)))
    const erased = CommitteeRules.dissolve(planned, day(200))
    expect(Result.isFailure(erased) && erased.failure.violations.map((v) => v._tag)).toEqual([
      "TermOutsideCommittee"
    ])
    // Every planned appointment the dissolution would erase is named, not only the first.
    const twoPlanned = Result.getOrThrow(CommitteeRules.appoint(planned, term(4, "member", 260)))
    const erasedBoth = CommitteeRules.dissolve(twoPlanned, day(200))
    expect(Result.isFailure(erasedBoth) && erasedBoth.failure.violations.map((v) => v._tag)).toEqual([
      "TermOutsideCommittee",
      "TermOutsideCommittee"
    ])
  })
})

describe("CommitteeRules.compositionOn", () => {
  it("lists exactly the terms running that day, in post order then name order", () => {
    fc.assert(
      fc.property(fc.array(membershipArb, { maxLength: 8 }), fc.integer({ min: -5, max: 240 }), (ms, t) => {
        const c = committee(ms, 200)
        const on = day(t)
        const listed = CommitteeRules.compositionOn(c, on)
        const active = t >= 0 && t < 200
        const expected = active
          ? ms.filter((m) => m.from <= on && (m.until === undefined || on < m.until))
          : []
        expect(listed.length).toBe(expected.length)
        for (const m of expected) expect(listed).toContain(m)
        for (let i = 1; i < listed.length; i++) {
          const a = listed[i - 1]!
          const b = listed[i]!
          const ra = CommitteeRules.postRank[a.post]
          const rb = CommitteeRules.postRank[b.post]
          expect(ra < rb || (ra === rb && a.personName.localeCompare(b.personName, "vi") <= 0)).toBe(true)
        }
      })
    )
  })
})

// ---------------------------------------------------------------------------------------------
// the source article: Ninh Bình, first half of 2017
// ---------------------------------------------------------------------------------------------

describe("Ninh Bình's provincial steering committees of 2017 (conference-2017-h1)", () => {
  // The article names the people who attended and says the members of both provincial committees
  // (QCDC and DVK) were there, but not who holds which post. The composition below is
  // illustrative: it follows the usual pattern (the Standing Deputy Secretary heads the QCDC
  // committee and the head of the Mass Mobilisation Commission runs it day to day; that head leads
  // the DVK committee), using only the people and titles the article names.
  const person = (id: string, personName: string, titles: ReadonlyArray<string>, post: Post, from: string) =>
    new Membership({
      personId: PersonId.make(id),
      personName,
      post,
      titles,
      from: CalendarDate.unsafeFromString(from)
    })
  const thanh = ["nguyen-tien-thanh", "Nguyễn Tiến Thành", ["Phó Bí thư Thường trực Tỉnh ủy"]] as const
  const tuat = ["mai-van-tuat", "Mai Văn Tuất", ["TVTU", "Trưởng Ban Dân vận Tỉnh ủy"]] as const
  const hoa = ["bui-mai-hoa", "Bùi Mai Hoa", ["TVTU", "Phó Chủ tịch HĐND tỉnh"]] as const
  const thin = ["tong-quang-thin", "Tống Quang Thìn", ["TVTU", "Phó Chủ tịch UBND tỉnh"]] as const
  const ngoc = ["pham-quang-ngoc", "Phạm Quang Ngọc", ["TVTU", "Trưởng Ban Tuyên giáo Tỉnh ủy"]] as const

  const shell = (id: string, name: string, programme: "QCDC" | "DVK", activeFrom: string) =>
    new SteeringCommittee({
      id: CommitteeId.make(id),
      unitId: UnitId.make("vn-37"),
      name,
      programmes: [programme],
      establishedBy: DirectiveId.make("20-KH/TU"),
      activeFrom: CalendarDate.unsafeFromString(activeFrom),
      memberships: [],
      version: 0
    })

  const qcdc = CommitteeRules.compose(
    shell("bcd-qcdc-37", "Ban Chỉ đạo QCDC tỉnh Ninh Bình", "QCDC", "2016-01-01"),
    [
      person(...thin, "member", "2016-01-01"),
      person(...hoa, "deputy", "2016-01-01"),
      person(...ngoc, "member", "2016-01-01"),
      person(...tuat, "standingDeputy", "2016-01-01"),
      person(...thanh, "head", "2016-01-01")
    ]
  )
  const dvk = CommitteeRules.compose(
    shell("bcd-dvk-37", "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” tỉnh Ninh Bình", "DVK", "2016-08-12"),
    [
      person(...ngoc, "deputy", "2016-08-12"),
      person(...thin, "deputy", "2016-08-12"),
      person(...tuat, "head", "2016-08-12"),
      person(...hoa, "member", "2016-08-12")
    ]
  )

  it("both committees satisfy the invariant", () => {
    expect(Result.isSuccess(qcdc)).toBe(true)
    expect(Result.isSuccess(dvk)).toBe(true)
  })

  it("lists each committee's members in post order on the day of the mid-year review", () => {
    const on = CalendarDate.make(2017, 7, 14)
    expect(
      CommitteeRules.compositionOn(Result.getOrThrow(qcdc), on).map((m) => [m.post, m.personName])
    ).toEqual([
      ["head", "Nguyễn Tiến Thành"],
      ["standingDeputy", "Mai Văn Tuất"],
      ["deputy", "Bùi Mai Hoa"],
      ["member", "Phạm Quang Ngọc"],
      ["member", "Tống Quang Thìn"]
    ])
    expect(
      CommitteeRules.compositionOn(Result.getOrThrow(dvk), on).map((m) => [m.post, m.personName])
    ).toEqual([
      ["head", "Mai Văn Tuất"],
      ["deputy", "Phạm Quang Ngọc"],
      ["deputy", "Tống Quang Thìn"],
      ["member", "Bùi Mai Hoa"]
    ])
    expect(CommitteeRules.compositionOn(Result.getOrThrow(dvk), CalendarDate.make(2016, 8, 11))).toEqual([])
  })

  it("rejects a second head for the QCDC committee, naming both people", () => {
    const r = CommitteeRules.appoint(
      Result.getOrThrow(qcdc),
      person("mai-van-tuat-2", "Mai Văn Tuất", ["TVTU"], "head", "2017-01-01")
    )
    expect(Result.isFailure(r) && r.failure.message).toContain(
      "two heads, Nguyễn Tiến Thành and Mai Văn Tuất"
    )
  })
})

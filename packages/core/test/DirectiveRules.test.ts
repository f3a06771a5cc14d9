import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as Directive from "../src/directive/Directive.ts"
import * as DirectiveRules from "../src/directive/DirectiveRules.ts"
import * as DocumentNumber from "../src/directive/DocumentNumber.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { DirectiveId, TaskId, UnitId } from "../src/kernel/Ids.ts"

const date = CalendarDate.unsafeFromString

const number = (s: string) => {
  const r = DocumentNumber.parse(s)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

interface Spec {
  readonly number?: string
  readonly issuedOn?: string
  readonly effectiveFrom: string
  readonly effectiveUntil?: string
  readonly replaces?: ReadonlyArray<string>
  readonly tasks?: ReadonlyArray<Directive.Task>
  readonly programme?: "QCDC" | "DVK" | "OTHER"
}

const directive = (id: string, spec: Spec) =>
  new Directive.Directive({
    id: DirectiveId.make(id),
    number: number(spec.number ?? `01/TB-${id.replace(/[^A-Za-z0-9]/g, "").toUpperCase() || "X"}`),
    title: `Directive ${id}`,
    issuedBy: { _tag: "Central", body: "government" },
    programme: spec.programme ?? "OTHER",
    issuedOn: date(spec.issuedOn ?? spec.effectiveFrom),
    effectiveFrom: date(spec.effectiveFrom),
    ...(spec.effectiveUntil === undefined ? {} : { effectiveUntil: date(spec.effectiveUntil) }),
    replaces: (spec.replaces ?? []).map((r) => DirectiveId.make(r)),
    tasks: spec.tasks ?? [],
    version: 1
  })

const ids = (ds: ReadonlyArray<Directive.Directive>) => ds.map((d) => d.id)

const chain = (ds: ReadonlyArray<Directive.Directive>, id: string) => {
  const r = DirectiveRules.chainOf(ds, DirectiveId.make(id))
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

// The workplace-democracy decrees of facts.md: 60/2013 → 149/2018 → 145/2020 (145's start date,
// 01/02/2021, is unconfirmed there).
const decree60 = directive("nd-60-2013", {
  number: "60/2013/NĐ-CP",
  issuedOn: "2013-06-19",
  effectiveFrom: "2013-08-15",
  programme: "QCDC"
})
const decree149 = directive("nd-149-2018", {
  number: "149/2018/NĐ-CP",
  issuedOn: "2018-11-07",
  effectiveFrom: "2019-01-01",
  replaces: ["nd-60-2013"],
  programme: "QCDC"
})
const decree145 = directive("nd-145-2020", {
  number: "145/2020/NĐ-CP",
  issuedOn: "2020-12-14",
  effectiveFrom: "2021-02-01",
  replaces: ["nd-149-2018"],
  programme: "QCDC"
})
const workplace = [decree145, decree60, decree149]

describe("replacement chains", () => {
  it("the workplace-democracy decrees form one valid chain, one link in force at a time", () => {
    expect(DirectiveRules.validateReplacements(workplace)).toEqual([])
    for (const d of workplace) expect(DirectiveRules.validateDirective(d)).toEqual([])
    for (const id of ["nd-60-2013", "nd-149-2018", "nd-145-2020"]) {
      expect(ids(chain(workplace, id))).toEqual(["nd-60-2013", "nd-149-2018", "nd-145-2020"])
    }
    const inForce = (d: string) => ids(Directive.inForceOn(workplace, date(d)))
    expect(inForce("2013-08-14")).toEqual([])
    expect(inForce("2013-08-15")).toEqual(["nd-60-2013"])
    expect(inForce("2017-07-01")).toEqual(["nd-60-2013"]) // the 2017 conference cites Decree 60/2013
    expect(inForce("2018-12-31")).toEqual(["nd-60-2013"])
    expect(inForce("2019-01-01")).toEqual(["nd-149-2018"])
    expect(inForce("2021-01-31")).toEqual(["nd-149-2018"])
    expect(inForce("2021-02-01")).toEqual(["nd-145-2020"])
    expect(DocumentNumber.format(decree60.number)).toBe("60/2013/NĐ-CP")
    expect(Directive.numberingKey(decree60)).toBe(JSON.stringify(["state", "", 60, "NĐ", "CP", 2013]))
  })

  it("names a cycle, a missing directive, a double replacement, a replacement out of order, a duplicate id", () => {
    const cyclic = [
      directive("a", { effectiveFrom: "2020-01-01", replaces: ["c"] }),
      directive("b", { effectiveFrom: "2020-01-01", replaces: ["a"] }),
      directive("c", { effectiveFrom: "2020-01-01", replaces: ["b"] })
    ]
    const [cycle] = DirectiveRules.validateReplacements(cyclic)
    expect(cycle).toBeInstanceOf(DirectiveRules.ReplacementCycle)
    expect((cycle as DirectiveRules.ReplacementCycle).cycle).toEqual(["a", "c", "b"])
    expect(cycle?.message).toBe(
      'directives "a", "c", "b" replace one another in a cycle (a replaces c, c replaces b, b replaces a); a directive cannot, through its replacements, replace itself'
    )

    const self = DirectiveRules.validateReplacements([
      directive("s", { effectiveFrom: "2020-01-01", replaces: ["s"] })
    ])
    expect(self.map((v) => v._tag)).toEqual(["ReplacementCycle"])

    const missing = DirectiveRules.validateReplacements([
      directive("x", { effectiveFrom: "2020-01-01", replaces: ["nowhere"] })
    ])
    expect(missing).toEqual([
      new DirectiveRules.MissingReplacedDirective({
        directiveId: DirectiveId.make("x"),
        missingId: DirectiveId.make("nowhere")
      })
    ])
    expect(missing[0]?.message).toContain('"nowhere", which does not exist')

    const twice = DirectiveRules.validateReplacements([
      decree60,
      decree149,
      directive("other", { effectiveFrom: "2019-06-01", replaces: ["nd-60-2013"] })
    ])
    expect(twice.map((v) => v._tag)).toEqual(["ReplacedTwice"])
    expect(twice[0]?.message).toContain('"nd-149-2018", "other"')

    const early = DirectiveRules.validateReplacements([
      decree60,
      directive("early", { effectiveFrom: "2012-01-01", replaces: ["nd-60-2013"] })
    ])
    expect(early.map((v) => v._tag)).toEqual(["ReplacementOutOfOrder"])
    expect(early[0]?.message).toBe(
      'directive "early" takes effect on 01/01/2012, before "nd-60-2013", which it replaces, took effect (15/08/2013)'
    )

    const dup = DirectiveRules.validateReplacements([decree60, decree60])
    expect(dup.map((v) => v._tag)).toEqual(["DuplicateDirectiveId"])
  })

  it("a merge ends two chains in one directive; each chain keeps one link in force", () => {
    const ds = [
      directive("a1", { effectiveFrom: "2010-01-01" }),
      directive("a2", { effectiveFrom: "2012-01-01" }),
      directive("b", { effectiveFrom: "2015-01-01", replaces: ["a1", "a2"] }),
      directive("c", { effectiveFrom: "2020-01-01", replaces: ["b"] })
    ]
    expect(DirectiveRules.validateReplacements(ds)).toEqual([])
    expect(ids(chain(ds, "a1"))).toEqual(["a1", "b", "c"])
    expect(ids(chain(ds, "a2"))).toEqual(["a2", "b", "c"])
    expect(ids(chain(ds, "b"))).toEqual(["b", "c"])
    expect(ids(chain(ds, "c"))).toEqual(["b", "c"])
    expect(ids(Directive.inForceOn(ds, date("2013-01-01")))).toEqual(["a1", "a2"])
    const unknown = DirectiveRules.chainOf(ds, DirectiveId.make("zz"))
    expect(Result.isFailure(unknown) && unknown.failure._tag).toBe("UnknownDirective")
  })
})

// --- random replacement graphs -----------------------------------------------------------------

const base = CalendarDate.toDayNumber(date("2000-01-01"))
const day = (n: number) => CalendarDate.fromDayNumber(base + n)

/** Reference: does following `replaces` from some directive come back to it? */
const hasCycle = (edges: ReadonlyArray<ReadonlyArray<number>>): boolean => {
  const n = edges.length
  // Floyd–Warshall style reachability, independent of the DFS under test.
  const reach = edges.map((out) => Array.from({ length: n }, (_, j) => out.includes(j)))
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (reach[i]![k] && reach[k]![j]) reach[i]![j] = true
  return reach.some((row, i) => row[i])
}

const build = (
  edges: ReadonlyArray<ReadonlyArray<number>>,
  from: ReadonlyArray<number>,
  until: ReadonlyArray<number | null>
) =>
  edges.map((out, i) => {
    const u = until[i]
    return directive(`d${i}`, {
      effectiveFrom: day(from[i]!),
      ...(u === null || u === undefined ? {} : { effectiveUntil: day(from[i]! + 1 + u) }),
      replaces: out.map((j) => `d${j}`)
    })
  })

/**
 * Graphs where each directive is replaced at most once (a successor function, cycles allowed) and,
 * away from cycles, replacements take effect no earlier than what they replace.
 */
const successorGraph = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: -1, max: n - 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 999 }), { minLength: n, maxLength: n }),
      fc.array(fc.option(fc.integer({ min: 0, max: 3000 })), { minLength: n, maxLength: n })
    )
    .map(([succ, jitter, until]) => {
      const rank = succ.map((_, i) => {
        let steps = 0
        let x = i
        while (steps <= n && succ[x]! !== -1) {
          x = succ[x]!
          steps++
        }
        return steps > n ? undefined : steps
      })
      // a directive k steps from the end of its chain takes effect about k thousand days earlier
      const from = rank.map((r, i) => (r === undefined ? jitter[i]! * 9 : (n - r) * 1000 + jitter[i]!))
      const edges = succ.map((_, j) => succ.flatMap((s, i) => (s === j ? [i] : [])))
      return { edges, from, until }
    })
)

/** Any graph: several replacements each, shared ones, self-loops, arbitrary dates. */
const anyGraph = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    edges: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), {
      minLength: n,
      maxLength: n
    }),
    from: fc.array(fc.integer({ min: 0, max: 8000 }), { minLength: n, maxLength: n }),
    until: fc.array(fc.option(fc.integer({ min: 0, max: 3000 })), { minLength: n, maxLength: n })
  })
)

/** Checks that at most one link of every chain is in force on every date that matters. */
const atMostOneLinkInForce = (ds: ReadonlyArray<Directive.Directive>, extra: number) => {
  const days = new Set<number>([extra])
  for (const d of ds) {
    for (const x of [d.effectiveFrom, d.effectiveUntil]) {
      if (x === undefined) continue
      const k = CalendarDate.toDayNumber(x) - base
      days
        .add(k - 1)
        .add(k)
        .add(k + 1)
    }
  }
  for (const d of ds) {
    const links = chain(ds, d.id)
    expect(links.some((l) => l.id === d.id)).toBe(true)
    // a chain is a line: each link replaces the one before it
    for (let i = 1; i < links.length; i++) expect(links[i]!.replaces).toContain(links[i - 1]!.id)
    const inChain = new Set(ids(links))
    for (const k of days) {
      const inForce = Directive.inForceOn(ds, day(k)).filter((x) => inChain.has(x.id))
      expect(inForce.length).toBeLessThanOrEqual(1)
    }
  }
}

describe("random replacement graphs", () => {
  it("law: validateReplacements accepts exactly the acyclic graphs", () => {
    fc.assert(
      fc.property(successorGraph, ({ edges, from, until }) => {
        const ds = build(edges, from, until)
        const violations = DirectiveRules.validateReplacements(ds)
        expect(violations.length === 0).toBe(!hasCycle(edges))
        for (const v of violations) expect(["ReplacementCycle", "ReplacementOutOfOrder"]).toContain(v._tag)
      }),
      { numRuns: 500 }
    )
  })

  it("law: a cycle is reported exactly when there is one, and every reported cycle is real", () => {
    fc.assert(
      fc.property(anyGraph, ({ edges, from, until }) => {
        const ds = build(edges, from, until)
        const violations = DirectiveRules.validateReplacements(ds)
        const cycles = violations.filter((v) => v._tag === "ReplacementCycle")
        expect(cycles.length > 0).toBe(hasCycle(edges))
        for (const c of cycles) {
          const cycle = c.cycle
          cycle.forEach((id, i) => {
            const next = cycle[(i + 1) % cycle.length]!
            expect(ds.find((d) => d.id === id)!.replaces).toContain(next)
          })
          expect(new Set(cycle).size).toBe(cycle.length)
        }
        // a double replacement is reported exactly where a directive has two replacers
        const replacers = edges.map((_, j) => edges.filter((out) => out.includes(j)).length)
        const twice = violations.flatMap((v) => (v._tag === "ReplacedTwice" ? [v.directiveId] : []))
        expect(new Set(twice)).toEqual(new Set(replacers.flatMap((c, j) => (c > 1 ? [`d${j}`] : []))))
      }),
      { numRuns: 500 }
    )
  })

  it("law: in an accepted graph, at most one link of each chain is in force on any date", () => {
    fc.assert(
      fc.property(fc.oneof(successorGraph, anyGraph), fc.integer({ min: -100, max: 12_000 }), (g, extra) => {
        const ds = build(g.edges, g.from, g.until)
        fc.pre(DirectiveRules.validateReplacements(ds).length === 0)
        atMostOneLinkInForce(ds, extra)
      }),
      { numRuns: 300 }
    )
  })

  it("chainOf ends on any graph, cycles included", () => {
    fc.assert(
      fc.property(anyGraph, ({ edges, from, until }) => {
        const ds = build(edges, from, until)
        for (const d of ds) {
          const links = chain(ds, d.id)
          expect(new Set(ids(links)).size).toBe(links.length)
        }
      })
    )
  })
})

// --- one directive ---------------------------------------------------------------------------

const task = (id: string, assignees: Directive.Task["assignees"] = []) =>
  new Directive.Task({ id: TaskId.make(id), description: `Task ${id}`, assignees })

describe("validateDirective", () => {
  it("names each inconsistency in plain words", () => {
    const bad = directive("bad", {
      number: "60/2013/NĐ-CP",
      issuedOn: "2014-06-19",
      effectiveFrom: "2014-01-01",
      effectiveUntil: "2014-01-01",
      tasks: [task("t1"), task("t1"), task("t2")]
    })
    const v = DirectiveRules.validateDirective(bad)
    expect(v.map((x) => x._tag)).toEqual([
      "NumberYearMismatch",
      "EffectiveBeforeIssue",
      "EndNotAfterStart",
      "DuplicateTaskId"
    ])
    expect(v[0]?.message).toBe(
      'directive "bad" is numbered 60/2013/NĐ-CP but was issued on 19/06/2014; the year in a state number is the year of issue'
    )
    expect(v[1]?.message).toContain("takes effect on 01/01/2014, before it was issued on 19/06/2014")
    expect(v[3]?.message).toContain('"t1"')
    // Party numbers and state numbers without a year carry no year to check
    expect(
      DirectiveRules.validateDirective(
        directive("p", { number: "20-KH/TU", issuedOn: "2016-08-12", effectiveFrom: "2016-08-12" })
      )
    ).toEqual([])
    expect(
      DirectiveRules.validateDirective(
        directive("q", { number: "123/QĐ-UBND", issuedOn: "2016-08-12", effectiveFrom: "2016-09-01" })
      )
    ).toEqual([])
  })

  it("law: reports a violation exactly when its rule is broken", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9000 }),
        fc.integer({ min: -30, max: 400 }),
        fc.option(fc.integer({ min: -30, max: 3000 })),
        fc.option(fc.integer({ min: -1, max: 1 })),
        fc.array(fc.constantFrom("t1", "t2", "t3", "t4"), { maxLength: 5 }),
        (issued, effectiveAfter, untilAfter, yearShift, taskIds) => {
          const issuedOn = day(issued)
          const from = day(issued + effectiveAfter)
          const until = untilAfter === null ? undefined : day(issued + effectiveAfter + untilAfter)
          const year = CalendarDate.parts(issuedOn).year + (yearShift ?? 0)
          const d = directive("x", {
            number: yearShift === null ? "05/QĐ-UBND" : `05/${year}/QĐ-UBND`,
            issuedOn,
            effectiveFrom: from,
            ...(until === undefined ? {} : { effectiveUntil: until }),
            tasks: taskIds.map((t) => task(t))
          })
          const tags = new Set(DirectiveRules.validateDirective(d).map((v) => v._tag))
          expect(tags.has("NumberYearMismatch")).toBe(yearShift !== null && yearShift !== 0)
          expect(tags.has("EffectiveBeforeIssue")).toBe(effectiveAfter < 0)
          expect(tags.has("EndNotAfterStart")).toBe(untilAfter !== null && untilAfter <= 0)
          expect(tags.has("DuplicateTaskId")).toBe(new Set(taskIds).size < taskIds.length)
        }
      )
    )
  })
})

// --- tasks for a unit --------------------------------------------------------------------------

describe("tasksFor", () => {
  const province = UnitId.make("vn-37")
  const district = UnitId.make("vn-37-374")
  const commune = UnitId.make("vn-37-374-14563")
  const otherProvince = UnitId.make("vn-35")
  // Plan 20-KH/TU of 12/8/2016 (DVK movement 2016–2020) and Plan 771-KH/BDVTƯ of 08/3/2017.
  const plan20 = directive("kh-20-tu", {
    number: "20-KH/TU",
    issuedOn: "2016-08-12",
    effectiveFrom: "2016-08-12",
    effectiveUntil: "2021-01-01",
    programme: "DVK",
    tasks: [
      task("all-levels", [{ _tag: "Bodies", body: "peoplesCommittee", levels: [], within: province }]),
      task("districts", [{ _tag: "Bodies", body: "partyCommittee", levels: ["district"], within: province }]),
      task("one-commune", [{ _tag: "Unit", unitId: commune }])
    ]
  })
  const plan771 = directive("kh-771-bdvtw", {
    number: "771-KH/BDVTƯ",
    issuedOn: "2017-03-08",
    effectiveFrom: "2017-03-08",
    effectiveUntil: "2018-01-01",
    programme: "DVK",
    tasks: [
      task("elsewhere", [
        { _tag: "Bodies", body: "massOrganisations", levels: ["commune"], within: otherProvince }
      ])
    ]
  })
  const all = [plan20, plan771, decree60]
  const names = (xs: ReadonlyArray<DirectiveRules.AssignedTask>) =>
    xs.map((x) => `${x.directive.id}/${x.task.id}`)

  it("finds the tasks that address a unit directly or through a body at its level within its jurisdiction", () => {
    const on = date("2017-07-15")
    expect(
      names(DirectiveRules.tasksFor(all, { id: commune, level: "commune" }, [district, province], on))
    ).toEqual(["kh-20-tu/all-levels", "kh-20-tu/one-commune"])
    expect(names(DirectiveRules.tasksFor(all, { id: district, level: "district" }, [province], on))).toEqual([
      "kh-20-tu/all-levels",
      "kh-20-tu/districts"
    ])
    expect(names(DirectiveRules.tasksFor(all, { id: province, level: "province" }, [], on))).toEqual([
      "kh-20-tu/all-levels"
    ])
    expect(
      names(
        DirectiveRules.tasksFor(all, { id: UnitId.make("vn-35-1"), level: "commune" }, [otherProvince], on)
      )
    ).toEqual(["kh-771-bdvtw/elsewhere"])
    // not in force yet, ended, or of another programme: nothing
    expect(
      DirectiveRules.tasksFor(
        all,
        { id: commune, level: "commune" },
        [district, province],
        date("2016-08-11")
      )
    ).toEqual([])
    expect(
      DirectiveRules.tasksFor(
        all,
        { id: commune, level: "commune" },
        [district, province],
        date("2021-01-01")
      )
    ).toEqual([])
    expect(
      DirectiveRules.tasksFor(all, { id: commune, level: "commune" }, [district, province], on, "QCDC")
    ).toEqual([])
  })

  it("law: returns only tasks of directives in force that name the unit or an ancestor", () => {
    const unitIds = ["u0", "u1", "u2", "u3"].map((u) => UnitId.make(u))
    const assignee = fc.oneof(
      fc.constantFrom(...unitIds).map((unitId) => ({ _tag: "Unit" as const, unitId })),
      fc.record({
        _tag: fc.constant("Bodies" as const),
        body: fc.constant("peoplesCommittee" as const),
        levels: fc.subarray(["province", "district", "commune", "grassroots"] as const),
        within: fc.constantFrom(...unitIds)
      })
    )
    fc.assert(
      fc.property(
        fc.array(fc.array(assignee, { maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 100 }),
        fc.subarray(unitIds.slice(1)),
        fc.constantFrom("province", "district", "commune", "grassroots" as const),
        (taskAssignees, starts, on, ancestors, level) => {
          const ds = taskAssignees.map((as, i) =>
            directive(`d${i}`, { effectiveFrom: day(starts[i]!), tasks: [task(`t${i}`, as)] })
          )
          const found = DirectiveRules.tasksFor(ds, { id: unitIds[0]!, level }, ancestors, day(on))
          const scope = new Set([unitIds[0]!, ...ancestors])
          for (const d of ds) {
            const t = d.tasks[0]!
            const expected =
              d.effectiveFrom <= day(on) &&
              t.assignees.some((a) =>
                a._tag === "Unit"
                  ? a.unitId === unitIds[0]
                  : scope.has(a.within) &&
                    (a.levels.length === 0 || a.levels.includes(level)) &&
                    // A People's Committee sits in territorial units only: never a grassroots unit.
                    level !== "grassroots"
              )
            expect(found.some((f) => f.task.id === t.id)).toBe(expected)
          }
        }
      )
    )
  })
})

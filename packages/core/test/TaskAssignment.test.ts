import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import type * as Directive from "../src/directive/Directive.ts"
import * as TaskAssignment from "../src/directive/TaskAssignment.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { SuccessionId, UnitId } from "../src/kernel/Ids.ts"
import * as Hierarchy from "../src/unit/Hierarchy.ts"
import { Succession } from "../src/unit/Succession.ts"
import { ParentLink, Unit, type UnitLevel, type UnitType } from "../src/unit/Unit.ts"

const day = CalendarDate.unsafeFromString
const reform = "2025-07-01"

const unit = (
  id: string,
  type: UnitType,
  from: string,
  until: string | undefined,
  links: Array<[string, string, string?]>
) =>
  new Unit({
    id: UnitId.make(id),
    type,
    name: `Đơn vị ${id}`,
    validFrom: day(from),
    ...(until === undefined ? {} : { validUntil: day(until) }),
    parents: links.map(
      ([p, f, u]) =>
        new ParentLink({
          parentId: UnitId.make(p),
          from: day(f),
          ...(u === undefined ? {} : { until: day(u) })
        })
    ),
    version: 1
  })

const merge = (id: string, from: string, to: string) =>
  new Succession({
    id: SuccessionId.make(id),
    kind: "merge",
    effectiveDate: day(reform),
    predecessorId: UnitId.make(from),
    successorId: UnitId.make(to),
    carriesHistory: true,
    version: 1
  })

// Ninh Bình (N) takes in Hà Nam (H) on 01/07/2025; the districts end that day; commune C3 of Hà
// Nam's district D2 is merged into C2; G is an agency attached to the province.
const units = [
  unit("N", "province", "1992-01-01", undefined, []),
  unit("H", "province", "1997-01-01", reform, []),
  unit("D1", "ruralDistrict", "1997-01-01", reform, [["N", "1997-01-01", reform]]),
  unit("D2", "ruralDistrict", "1997-01-01", reform, [["H", "1997-01-01", reform]]),
  unit("C1", "commune", "1997-01-01", undefined, [
    ["D1", "1997-01-01", reform],
    ["N", reform]
  ]),
  unit("C2", "commune", "1997-01-01", undefined, [
    ["D2", "1997-01-01", reform],
    ["N", reform]
  ]),
  unit("C3", "commune", "1997-01-01", reform, [["D2", "1997-01-01", reform]]),
  unit("G", "agency", "2000-01-01", undefined, [["N", "2000-01-01"]])
]
const successions = [merge("s1", "H", "N"), merge("s2", "C3", "C2")]
const scene = TaskAssignment.scene({ units, successions })
const ids = ["N", "H", "D1", "D2", "C1", "C2", "C3", "G", "X"]

const bodies = (
  body: Directive.Body,
  within: string,
  levels: ReadonlyArray<UnitLevel> = []
): Directive.Assignee => ({ _tag: "Bodies", body, levels, within: UnitId.make(within) })
const named = (id: string): Directive.Assignee => ({ _tag: "Unit", unitId: UnitId.make(id) })
const resolve = (assignees: ReadonlyArray<Directive.Assignee>, on: string) =>
  TaskAssignment.assigneesOn(scene, { assignees }, day(on)).map((u) => u.id as string)

describe("TaskAssignment.assigneesOn", () => {
  it("'UBND các cấp' of a province is the province, its districts and communes, never an agency", () => {
    expect(resolve([bodies("peoplesCommittee", "N")], "2017-12-31")).toEqual(["C1", "D1", "N"])
    expect(resolve([bodies("peoplesCommittee", "H")], "2017-12-31")).toEqual(["C2", "C3", "D2", "H"])
    // A Party committee exists in an agency too.
    expect(resolve([bodies("partyCommittee", "N")], "2017-12-31")).toEqual(["C1", "D1", "G", "N"])
  })

  it("keeps the listed levels only", () => {
    expect(resolve([bodies("steeringCommittee", "N", ["district"])], "2017-12-31")).toEqual(["D1"])
    expect(resolve([bodies("peoplesCouncil", "N", ["commune", "grassroots"])], "2017-12-31")).toEqual(["C1"])
  })

  it("across the 2025 reform: abolished units are no assignees, the units carrying their history are", () => {
    expect(resolve([bodies("peoplesCommittee", "N")], "2025-06-30")).toEqual(["C1", "D1", "N"])
    expect(resolve([bodies("peoplesCommittee", "N")], reform)).toEqual(["C1", "C2", "N"])
    // Hà Nam's jurisdiction passed to Ninh Bình, which carries its history.
    expect(resolve([bodies("peoplesCommittee", "H")], reform)).toEqual(["C1", "C2", "N"])
    expect(resolve([named("C3")], "2025-06-30")).toEqual(["C3"])
    expect(resolve([named("C3")], reform)).toEqual(["C2"])
    // A district with no successor leaves no one to act.
    expect(resolve([named("D1"), bodies("partyCommittee", "D2")], reform)).toEqual([])
    // Nor does a unit before it exists, nor an unknown one.
    expect(resolve([named("G"), named("X")], "1999-12-31")).toEqual([])
  })

  it("isAssignee agrees with assigneesOn", () => {
    const task = { assignees: [bodies("peoplesCommittee", "H"), named("G")] }
    expect(TaskAssignment.isAssignee(scene, task, UnitId.make("C3"), day("2017-01-01"))).toBe(true)
    expect(TaskAssignment.isAssignee(scene, task, UnitId.make("C1"), day("2017-01-01"))).toBe(false)
    expect(TaskAssignment.isAssignee(scene, task, UnitId.make("C1"), day(reform))).toBe(true)
  })

  const levels: ReadonlyArray<UnitLevel> = ["province", "district", "commune", "grassroots"]
  const body = fc.constantFrom<Directive.Body>(
    "partyCommittee",
    "peoplesCouncil",
    "peoplesCommittee",
    "fatherlandFront",
    "massOrganisations",
    "steeringCommittee",
    "agencies",
    "enterprises"
  )
  const assignee: fc.Arbitrary<Directive.Assignee> = fc.oneof(
    fc.constantFrom(...ids).map(named),
    fc
      // Provinces more often than the rest: their jurisdictions hold every level.
      .tuple(body, fc.oneof(fc.constantFrom("N", "H"), fc.constantFrom(...ids)), fc.subarray([...levels]))
      .map(([b, within, ls]) => bodies(b, within, ls))
  )
  const date = fc.constantFrom("1996-06-01", "1999-12-31", "2017-12-31", "2025-06-30", reform, "2030-01-01")

  // An oracle written the other way round: up from a unit through its ancestors, not down.
  const inside = (u: Unit, rootId: string, on: string) =>
    u.id === rootId || Hierarchy.ancestors(scene.hierarchy, u.id, day(on)).some((a) => a.id === rootId)
  const designates = (a: Directive.Assignee, u: Unit, on: string): boolean => {
    if (a._tag === "Unit") return TaskAssignment.standIn(scene, a.unitId, day(on))?.id === u.id
    const root = TaskAssignment.standIn(scene, a.within, day(on))
    const listed = a.levels.length === 0 || a.levels.includes(u.level)
    return (
      root !== undefined &&
      inside(u, root.id, on) &&
      listed &&
      TaskAssignment.bodyLevels[a.body].includes(u.level)
    )
  }

  it("is exactly the units valid on the date, within an assignee's stand-in, at a listed level (law)", () => {
    fc.assert(
      fc.property(fc.array(assignee, { minLength: 1, maxLength: 5 }), date, (assignees, on) => {
        const got = TaskAssignment.assigneesOn(scene, { assignees }, day(on))
        for (const u of got) {
          expect(Hierarchy.get(scene.hierarchy, u.id, day(on))).toBeDefined()
          expect(assignees.some((a) => designates(a, u, on))).toBe(true)
        }
        const expected = units
          .filter((u) => u.validFrom <= day(on) && (u.validUntil === undefined || day(on) < u.validUntil))
          .filter((u) => assignees.some((a) => designates(a, u, on)))
          .map((u) => u.id)
          .sort()
        expect(got.map((u) => u.id)).toEqual(expected)
        // After the reform no district is an assignee.
        if (on >= reform) expect(got.some((u) => u.level === "district")).toBe(false)
      })
    )
  })

  it("is idempotent and does not depend on the assignees' order or repetition (law)", () => {
    fc.assert(
      fc.property(
        fc.array(assignee, { maxLength: 5 }),
        date,
        fc.infiniteStream(fc.nat()),
        (assignees, on, rand) => {
          const once = resolve(assignees, on)
          const it = rand[Symbol.iterator]()
          const shuffled = [...assignees, ...assignees]
            .map((a) => ({ a, k: it.next().value as number }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.a)
          expect(resolve(shuffled, on)).toEqual(once)
          expect(resolve(once.map(named), on)).toEqual(once)
          for (const id of ids) {
            expect(TaskAssignment.isAssignee(scene, { assignees }, UnitId.make(id), day(on))).toBe(
              once.includes(id)
            )
          }
        }
      )
    )
  })
})

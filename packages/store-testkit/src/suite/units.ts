/**
 * `UnitRepository`: writes, versions, constraints, "as of" queries and paging.
 *
 * @since 0.1.0
 */
import { Ids, Page, Unit } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import * as F from "../fixtures.ts"
import { allPages, failsWith, ids, type Suite, services, test, violates } from "./helpers.ts"

const seedReform = Effect.gen(function* () {
  const { units } = yield* services
  const data = F.reformProvince()
  const stored = yield* units.insert(data.units)
  yield* units.insertSuccessions(data.successions)
  return stored
})

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("UnitRepository", () => {
    test(
      suite,
      "insert stores version 1 whatever version the record carries, and get returns it",
      Effect.gen(function* () {
        const { units } = yield* services
        const province = new Unit.Unit({
          ...F.unit("vn-37", "province", "Ninh Bình", { code: "37" }),
          version: 7
        })
        const [stored] = yield* units.insert([province])
        expect(stored?.version).toBe(1)
        const got = yield* units.get(Ids.UnitId.make("vn-37"))
        expect(got).toBeInstanceOf(Unit.Unit)
        expect(Schema.encodeSync(Unit.Unit)(got)).toEqual({
          ...Schema.encodeSync(Unit.Unit)(province),
          version: 1
        })
        expect(got.level).toBe("province")
      })
    )

    test(
      suite,
      "get of a missing unit fails with NotFound naming the entity and id",
      Effect.gen(function* () {
        const { units } = yield* services
        const e = yield* failsWith("NotFound", units.get(Ids.UnitId.make("vn-99")))
        expect(e.entity).toBe("unit")
        expect(e.id).toBe("vn-99")
      })
    )

    test(
      suite,
      "insert accepts a parent later in the same batch, and getMany returns existing units in the order asked",
      Effect.gen(function* () {
        const { units } = yield* services
        const commune = F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })
        const province = F.unit("vn-37", "province", "Ninh Bình")
        yield* units.insert([commune, province])
        const many = yield* units.getMany([
          Ids.UnitId.make("vn-37"),
          Ids.UnitId.make("missing"),
          Ids.UnitId.make("c-1")
        ])
        expect(ids(many)).toEqual(["vn-37", "c-1"])
      })
    )

    test(
      suite,
      "insert is all or nothing: a missing parent or a duplicate id stores none of the batch",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const orphan = F.unit("c-2", "commune", "Gia Sơn", { parents: [["vn-00", "1992-01-01"]] })
        const fine = F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })
        const missing = yield* violates("parent unit exists", units.insert([fine, orphan]))
        expect(missing.entity).toBe("unit")
        const duplicate = yield* violates(
          "unique id",
          units.insert([fine, F.unit("vn-37", "province", "Trùng mã")])
        )
        expect(duplicate.entity).toBe("unit")
        yield* violates("unique id", units.insert([fine, fine]))
        expect(ids(yield* units.getMany([Ids.UnitId.make("c-1"), Ids.UnitId.make("c-2")]))).toEqual([])
        expect((yield* units.get(Ids.UnitId.make("vn-37"))).name).toBe("Ninh Bình")
      })
    )

    test(
      suite,
      "update needs the stored version and stores the next one; a stale or missing record writes nothing",
      Effect.gen(function* () {
        const { units } = yield* services
        const [v1] = yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const v2 = yield* units.update(new Unit.Unit({ ...v1!, name: "Ninh Bình mới" }))
        expect(v2.version).toBe(2)
        const stale = yield* failsWith("VersionConflict", units.update(new Unit.Unit({ ...v1!, name: "Cũ" })))
        expect({
          entity: stale.entity,
          id: stale.id,
          expected: stale.expected,
          actual: stale.actual
        }).toEqual({
          entity: "unit",
          id: "vn-37",
          expected: 1,
          actual: 2
        })
        const ahead = yield* failsWith("VersionConflict", units.update(new Unit.Unit({ ...v2, version: 5 })))
        expect(ahead.actual).toBe(2)
        const got = yield* units.get(Ids.UnitId.make("vn-37"))
        expect({ name: got.name, version: got.version }).toEqual({ name: "Ninh Bình mới", version: 2 })
        const missing = yield* failsWith("NotFound", units.update(F.unit("vn-99", "province", "Không có")))
        expect(missing.id).toBe("vn-99")
      })
    )

    test(
      suite,
      "update to a parent that does not exist is a ConstraintViolation and leaves the unit as it was",
      Effect.gen(function* () {
        const { units } = yield* services
        const [, commune] = yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })
        ])
        const moved = F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-00", "1992-01-01"]] })
        yield* violates(
          "parent unit exists",
          units.update(new Unit.Unit({ ...moved, version: commune!.version }))
        )
        const got = yield* units.get(Ids.UnitId.make("c-1"))
        expect(got.version).toBe(1)
        expect(got.parents.map((l) => l.parentId)).toEqual(["vn-37"])
      })
    )

    test(
      suite,
      "findByCode finds the unit valid on the date, with half-open validity",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const code = (c: string, d: string) =>
          Effect.map(
            units.findByCode(Unit.StatisticsCode.make(c), F.date(d)),
            Option.map((u) => u.id)
          )
        expect(yield* code("14434", "2025-06-30")).toEqual(Option.some("c-14434"))
        expect(yield* code("14434", "2025-07-01")).toEqual(Option.none())
        expect(yield* code("14435", "2025-06-30")).toEqual(Option.none())
        expect(yield* code("14435", "2025-07-01")).toEqual(Option.some("c-14435"))
        expect(yield* code("99999", "2025-07-01")).toEqual(Option.none())
      })
    )

    test(
      suite,
      "list filters by date, level, type and parent as of a date, ordered by id",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const list = (q: Parameters<typeof units.list>[0]) =>
          Effect.map(
            Page.collect((p) => units.list(q, p)),
            (us) => us.map((u) => u.id)
          )
        expect(yield* list({})).toEqual([
          "c-13300",
          "c-13301",
          "c-14434",
          "c-14435",
          "c-14437",
          "c-14470",
          "g-ubmttq",
          "vn-36",
          "vn-36-350",
          "vn-37",
          "vn-37-369",
          "vn-37-370"
        ])
        expect(yield* list({ asOf: F.date("2025-07-01"), levels: ["commune"] })).toEqual([
          "c-13301",
          "c-14435",
          "c-14470"
        ])
        expect(yield* list({ asOf: F.date("2025-06-30"), levels: ["district", "province"] })).toEqual([
          "vn-36",
          "vn-36-350",
          "vn-37",
          "vn-37-369",
          "vn-37-370"
        ])
        expect(yield* list({ types: ["agency", "ruralDistrict"] })).toEqual([
          "g-ubmttq",
          "vn-36-350",
          "vn-37-369",
          "vn-37-370"
        ])
        expect(yield* list({ asOf: F.date("2025-06-30"), parentId: Ids.UnitId.make("vn-37") })).toEqual([
          "vn-37-369",
          "vn-37-370"
        ])
        expect(yield* list({ asOf: F.date("2025-07-01"), parentId: Ids.UnitId.make("vn-37") })).toEqual([
          "c-14435",
          "c-14470"
        ])
        expect(yield* list({ asOf: F.date("2025-07-01"), parentId: Ids.UnitId.make("vn-37-370") })).toEqual(
          []
        )
      })
    )

    test(
      suite,
      "list pages with opaque cursors over more than one page: no item lost or repeated",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const all = yield* allPages(3, (p) => units.list({}, p))
        expect(all.pages).toBe(4)
        expect(ids(all.items)).toEqual([...ids(all.items)].sort())
        expect(new Set(ids(all.items)).size).toBe(12)
        const first = yield* units.list({}, { limit: 12 })
        expect(first.items.length).toBe(12)
        expect(first.next).toBeUndefined()
        const filtered = yield* allPages(1, (p) => units.list({ asOf: F.date("2025-07-01") }, p))
        expect(ids(filtered.items)).toEqual(["c-13301", "c-14435", "c-14470", "g-ubmttq", "vn-36", "vn-37"])
        expect(filtered.pages).toBe(6)
      })
    )

    test(
      suite,
      "ancestors as of a date follow the parent links valid that day, nearest first",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const chain = (id: string, d: string) =>
          Effect.map(units.ancestors(Ids.UnitId.make(id), F.date(d)), ids)
        expect(yield* chain("g-ubmttq", "2025-06-30")).toEqual(["c-14470", "vn-37-370", "vn-37"])
        expect(yield* chain("g-ubmttq", "2025-07-01")).toEqual(["c-14470", "vn-37"])
        expect(yield* chain("vn-37", "2025-07-01")).toEqual([])
        expect(yield* chain("c-14434", "2025-07-01")).toEqual([])
        yield* failsWith("NotFound", units.ancestors(Ids.UnitId.make("vn-99"), F.date("2025-07-01")))
      })
    )

    test(
      suite,
      "jurisdiction as of a date: the unit and every unit below it that day, by id",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const j = (id: string, d: string) =>
          Effect.map(
            Page.collect((p) => units.jurisdiction(Ids.UnitId.make(id), F.date(d), p)),
            ids
          )
        expect(yield* j("vn-37", "2025-06-30")).toEqual([
          "c-14434",
          "c-14437",
          "c-14470",
          "g-ubmttq",
          "vn-37",
          "vn-37-369",
          "vn-37-370"
        ])
        expect(yield* j("vn-37", "2025-07-01")).toEqual(["c-14435", "c-14470", "g-ubmttq", "vn-37"])
        expect(yield* j("vn-37-369", "2025-06-30")).toEqual(["c-14434", "c-14437", "vn-37-369"])
        expect(yield* j("vn-36", "2025-07-01")).toEqual(["c-13301", "vn-36"])
        expect(yield* j("vn-36", "2025-06-30")).toEqual(["c-13300", "vn-36", "vn-36-350"])
        const paged = yield* allPages(2, (p) =>
          units.jurisdiction(Ids.UnitId.make("vn-37"), F.date("2025-06-30"), p)
        )
        expect(paged.pages).toBe(4)
        expect(ids(paged.items)).toEqual(yield* j("vn-37", "2025-06-30"))
      })
    )

    test(
      suite,
      "a jurisdiction larger than a page: every unit once, by id, in pages of the default size or in one",
      Effect.gen(function* () {
        const { units } = yield* services
        // A province of 3 districts, 60 communes and 1,140 villages whose ids sort before and
        // after the province's; commune 7 moved to another district on 2025-07-01, village 0 of
        // every commune ended on that day, and a second province's units are never included.
        const all: Array<Unit.Unit> = [F.unit("m-prov", "province", "Tỉnh Lớn")]
        const other = F.unit("n-prov", "province", "Tỉnh Khác")
        all.push(other, F.unit("n-c", "commune", "Xã Khác", { parents: [["n-prov", "1992-01-01"]] }))
        for (let d = 0; d < 3; d++)
          all.push(
            F.unit(`z-d${d}`, "ruralDistrict", `Huyện ${d + 1}`, { parents: [["m-prov", "1992-01-01"]] })
          )
        for (let c = 0; c < 60; c++) {
          const district = `z-d${c % 3}`
          const parents: ReadonlyArray<readonly [string, string, string?]> =
            c === 7
              ? [
                  [district, "1992-01-01", "2025-07-01"],
                  ["z-d0", "2025-07-01"]
                ]
              : [[district, "1992-01-01"]]
          all.push(F.unit(`c-${String(c).padStart(2, "0")}`, "commune", `Xã ${c + 1}`, { parents }))
          for (let v = 0; v < 19; v++)
            all.push(
              F.unit(`a-${String(v).padStart(2, "0")}-${c}`, "agency", `Thôn ${v + 1}`, {
                parents: [[`c-${String(c).padStart(2, "0")}`, "1992-01-01"]],
                ...(v === 0 ? { validUntil: "2025-07-01" } : {})
              })
            )
        }
        yield* units.insert(all)
        const root = Ids.UnitId.make("m-prov")
        const expected = (d: string) =>
          all
            .filter((u) => !u.id.startsWith("n-") && Unit.isValidOn(u, F.date(d)))
            .map((u) => u.id)
            .sort()
        for (const d of ["2025-06-30", "2025-07-01"]) {
          const whole = yield* Page.collect((p) => units.jurisdiction(root, F.date(d), p))
          expect(ids(whole)).toEqual(expected(d))
          const paged = yield* allPages(Page.defaultLimit, (p) => units.jurisdiction(root, F.date(d), p))
          expect(paged.pages).toBe(3)
          expect(ids(paged.items)).toEqual(expected(d))
          // Each unit comes with its parent links, as `get` reads it.
          const c7 = whole.find((u) => u.id === "c-07")
          expect(c7?.parents.map((l) => [l.parentId, l.from, l.until])).toEqual([
            ["z-d1", "1992-01-01", "2025-07-01"],
            ["z-d0", "2025-07-01", undefined]
          ])
          expect(Schema.encodeSync(Unit.Unit)(c7!)).toEqual(
            Schema.encodeSync(Unit.Unit)(yield* units.get(Ids.UnitId.make("c-07")))
          )
        }
      })
    )

    test(
      suite,
      "jurisdiction of a unit that does not exist or is not valid on the date fails with NotFound",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        yield* failsWith("NotFound", units.jurisdiction(Ids.UnitId.make("vn-37-369"), F.date("2025-07-01")))
        yield* failsWith("NotFound", units.jurisdiction(Ids.UnitId.make("c-14435"), F.date("2025-06-30")))
        const e = yield* failsWith(
          "NotFound",
          units.jurisdiction(Ids.UnitId.make("vn-99"), F.date("2025-06-30"))
        )
        expect(e.entity).toBe("unit")
      })
    )

    test(
      suite,
      "successions: stored at version 1, queried by either end, ordered by effective date then id",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const early = F.succession("s-0001", "c-14470", "vn-37", "2020-01-01", {
          kind: "rename",
          carriesHistory: false
        })
        const [stored] = yield* units.insertSuccessions([early])
        expect(stored?.version).toBe(1)
        expect(ids(yield* units.successions({}))).toEqual([
          "s-0001",
          "s-13300",
          "s-13300b",
          "s-14434",
          "s-14437",
          "s-350",
          "s-369",
          "s-370"
        ])
        expect(ids(yield* units.successions({ successorId: Ids.UnitId.make("c-14435") }))).toEqual([
          "s-13300",
          "s-14434",
          "s-14437"
        ])
        expect(ids(yield* units.successions({ predecessorId: Ids.UnitId.make("vn-37-369") }))).toEqual([
          "s-369"
        ])
        expect(
          ids(
            yield* units.successions({
              predecessorId: Ids.UnitId.make("c-14434"),
              successorId: Ids.UnitId.make("vn-37")
            })
          )
        ).toEqual([])
      })
    )

    test(
      suite,
      "insertSuccessions is all or nothing: a missing end or a duplicate id stores none",
      Effect.gen(function* () {
        const { units } = yield* services
        yield* seedReform
        const fine = F.succession("s-new", "c-14470", "c-14435", "2026-01-01")
        const dangling = F.succession("s-bad", "c-14470", "c-00000", "2026-01-01")
        const e = yield* violates("successor unit exists", units.insertSuccessions([fine, dangling]))
        expect(e.entity).toBe("succession")
        yield* violates(
          "unique id",
          units.insertSuccessions([fine, F.succession("s-369", "c-14470", "vn-37", "2026-01-01")])
        )
        expect(ids(yield* units.successions({ predecessorId: Ids.UnitId.make("c-14470") }))).toEqual([])
      })
    )
  })
}

/**
 * `CommitteeRepository`.
 *
 * @since 0.1.0
 */
import { Ids, SteeringCommittee } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect } from "effect"
import * as F from "../fixtures.ts"
import { failsWith, ids, type Suite, services, test, violates } from "./helpers.ts"

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("CommitteeRepository", () => {
    test(
      suite,
      "insert, get, update with versions, and byUnit ordered by id",
      Effect.gen(function* () {
        const { units, committees } = yield* services
        yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("vn-36", "province", "Nam Định")
        ])
        const b = yield* committees.insert(F.committee("bcd-b", "vn-37", { programmes: ["DVK", "QCDC"] }))
        yield* committees.insert(F.committee("bcd-a", "vn-37"))
        yield* committees.insert(F.committee("bcd-c", "vn-36"))
        expect(b.version).toBe(1)
        expect(ids(yield* committees.byUnit(Ids.UnitId.make("vn-37")))).toEqual(["bcd-a", "bcd-b"])
        expect(yield* committees.byUnit(Ids.UnitId.make("vn-99"))).toEqual([])
        const got = yield* committees.get(Ids.CommitteeId.make("bcd-b"))
        expect(got.programmes).toEqual(["DVK", "QCDC"])
        expect(got.memberships[0]?.titles).toEqual(["TVTU", "Phó Chủ tịch HĐND tỉnh"])
        const updated = yield* committees.update(
          new SteeringCommittee.SteeringCommittee({ ...got, activeUntil: F.date("2026-01-01") })
        )
        expect(updated.version).toBe(2)
        const e = yield* failsWith("VersionConflict", committees.update(got))
        expect([e.entity, e.expected, e.actual]).toEqual(["committee", 1, 2])
        yield* failsWith("NotFound", committees.get(Ids.CommitteeId.make("none")))
        yield* failsWith("NotFound", committees.update(F.committee("none", "vn-37")))
      })
    )

    test(
      suite,
      "insert fails on a duplicate id or a unit that does not exist",
      Effect.gen(function* () {
        const { units, committees } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        yield* committees.insert(F.committee("bcd-a", "vn-37"))
        const dup = yield* violates("unique id", committees.insert(F.committee("bcd-a", "vn-37")))
        expect(dup.entity).toBe("committee")
        yield* violates("unit exists", committees.insert(F.committee("bcd-x", "vn-99")))
        yield* failsWith("NotFound", committees.get(Ids.CommitteeId.make("bcd-x")))
        const a = yield* committees.get(Ids.CommitteeId.make("bcd-a"))
        yield* violates(
          "unit exists",
          committees.update(
            new SteeringCommittee.SteeringCommittee({ ...a, unitId: Ids.UnitId.make("vn-99") })
          )
        )
        expect((yield* committees.get(a.id)).unitId).toBe("vn-37")
      })
    )
  })
}

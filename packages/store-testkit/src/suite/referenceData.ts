/**
 * `ReferenceData`: `put` inserts at version 0 and updates at the stored version.
 *
 * @since 0.1.0
 */
import { Ids, ModelField, Regime, ValidationRule } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect } from "effect"
import * as F from "../fixtures.ts"
import { failsWith, ids, type Suite, services, test } from "./helpers.ts"

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("ReferenceData", () => {
    test(
      suite,
      "putField inserts at version 0, updates at the stored version, and refuses any other version",
      Effect.gen(function* () {
        const { referenceData } = yield* services
        const v1 = yield* referenceData.putField(F.field("economy", "Phát triển kinh tế", 1))
        expect(v1.version).toBe(1)
        const v2 = yield* referenceData.putField(new ModelField.ModelField({ ...v1, name: "Kinh tế" }))
        expect(v2.version).toBe(2)
        const stale = yield* failsWith("VersionConflict", referenceData.putField(v1))
        expect([stale.entity, stale.id, stale.expected, stale.actual]).toEqual([
          "modelField",
          "economy",
          1,
          2
        ])
        const again = yield* failsWith(
          "VersionConflict",
          referenceData.putField(F.field("economy", "Lại", 1))
        )
        expect([again.expected, again.actual]).toEqual([0, 2])
        const unknown = yield* failsWith(
          "VersionConflict",
          referenceData.putField(new ModelField.ModelField({ ...F.field("new", "Mới", 5), version: 3 }))
        )
        expect([unknown.expected, unknown.actual]).toEqual([3, 0])
        expect((yield* referenceData.fields).map((f) => [f.id, f.name, f.version])).toEqual([
          ["economy", "Kinh tế", 2]
        ])
      })
    )

    test(
      suite,
      "fields are ordered by order then id",
      Effect.gen(function* () {
        const { referenceData } = yield* services
        for (const f of [
          F.field("security-defence", "Quốc phòng - an ninh", 3),
          F.field("political-system", "Xây dựng hệ thống chính trị", 4),
          F.field("b-culture", "Văn hóa", 2),
          F.field("a-culture", "Văn hóa - xã hội", 2),
          F.field("economy", "Phát triển kinh tế", 1),
          F.field("rural", "Nông thôn mới", -1)
        ]) {
          yield* referenceData.putField(f)
        }
        expect(ids(yield* referenceData.fields)).toEqual([
          "rural",
          "economy",
          "a-culture",
          "b-culture",
          "security-defence",
          "political-system"
        ])
      })
    )

    test(
      suite,
      "regimes: put, get by id (NotFound when missing), listed by id",
      Effect.gen(function* () {
        const { referenceData } = yield* services
        yield* referenceData.putRegime(F.regime("state-decree-09-2019", "Nghị định 09/2019/NĐ-CP"))
        const party = yield* referenceData.putRegime(F.regime("party-calendar-months", "Báo cáo của Đảng"))
        expect(party.version).toBe(1)
        const updated = yield* referenceData.putRegime(
          new Regime.ReportingRegime({ ...party, holidays: [...party.holidays, F.date("2025-09-02")] })
        )
        expect(updated.version).toBe(2)
        expect((yield* referenceData.regime(party.id)).holidays).toEqual([
          "2025-01-01",
          "2025-04-30",
          "2025-09-02"
        ])
        expect(ids(yield* referenceData.regimes)).toEqual(["party-calendar-months", "state-decree-09-2019"])
        const e = yield* failsWith("NotFound", referenceData.regime(Ids.RegimeId.make("none")))
        expect(e.entity).toBe("regime")
        yield* failsWith("VersionConflict", referenceData.putRegime(party))
      })
    )

    test(
      suite,
      "validation rules: put, listed by id, optionally of one programme",
      Effect.gen(function* () {
        const { referenceData } = yield* services
        yield* referenceData.putValidationRule(F.validationRule("r-2", "DVK"))
        yield* referenceData.putValidationRule(F.validationRule("r-1", "DVK", "commended", "effective"))
        const q = yield* referenceData.putValidationRule(
          F.validationRule("r-3", "QCDC", "complaintsResolved", "complaintsReceived")
        )
        expect(ids(yield* referenceData.validationRules())).toEqual(["r-1", "r-2", "r-3"])
        expect(ids(yield* referenceData.validationRules("DVK"))).toEqual(["r-1", "r-2"])
        expect(ids(yield* referenceData.validationRules("QCDC"))).toEqual(["r-3"])
        const v2 = yield* referenceData.putValidationRule(
          new ValidationRule.ValidationRule({ ...q, importance: "low" })
        )
        expect([v2.version, v2.importance]).toEqual([2, "low"])
        yield* failsWith("VersionConflict", referenceData.putValidationRule(q))
      })
    )
  })
}

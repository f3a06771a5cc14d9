/**
 * `AuditLog`: append-only, all or none, listed by time then id with half-open time ranges.
 *
 * @since 0.1.0
 */
import { Ids, Page } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect } from "effect"
import * as F from "../fixtures.ts"
import { allPages, ids, type Suite, services, test, violates } from "./helpers.ts"

/** Entries around the cut-off of 14/12/2024 in Vietnam (17:00 UTC is midnight at UTC+7). */
const entries = () => [
  F.audit("a-3", "2024-12-14T16:59:59.999Z", { unit: "c-1", subjectKind: "report", subjectId: "r-1" }),
  F.audit("a-1", "2024-12-14T17:00:00.000Z", {
    unit: "vn-37",
    subjectKind: "report",
    subjectId: "r-1",
    action: "report.approve"
  }),
  F.audit("a-2", "2024-12-14T17:00:00.000Z", {
    unit: "c-1",
    subjectKind: "model",
    subjectId: "m-1",
    action: "model.register"
  }),
  F.audit("a-4", "2025-07-01T00:00:00.000Z", {
    unit: "vn-37",
    subjectKind: "unit",
    subjectId: "c-1",
    action: "unit.update"
  }),
  F.audit("a-5", "2023-01-01T00:00:00.000Z", { unit: "c-1", subjectKind: "report", subjectId: "r-0" })
]

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("AuditLog", () => {
    test(
      suite,
      "list orders by time then id and filters by subject, actor unit and a half-open time range",
      Effect.gen(function* () {
        const { audit } = yield* services
        yield* audit.append(entries())
        const list = (q: Parameters<typeof audit.list>[0]) =>
          Effect.map(
            Page.collect((p) => audit.list(q, p)),
            ids
          )
        expect(yield* list({})).toEqual(["a-5", "a-3", "a-1", "a-2", "a-4"])
        expect(yield* list({ subjectKind: "report" })).toEqual(["a-5", "a-3", "a-1"])
        expect(yield* list({ subjectKind: "report", subjectId: "r-1" })).toEqual(["a-3", "a-1"])
        expect(yield* list({ actorUnitId: Ids.UnitId.make("c-1") })).toEqual(["a-5", "a-3", "a-2"])
        const from = F.at("2024-12-14T17:00:00.000Z")
        expect(yield* list({ from })).toEqual(["a-1", "a-2", "a-4"])
        expect(yield* list({ to: from })).toEqual(["a-5", "a-3"])
        expect(yield* list({ from, to: F.at("2025-07-01T00:00:00.000Z") })).toEqual(["a-1", "a-2"])
        expect(yield* list({ from, to: from })).toEqual([])
        expect(yield* list({ actorUnitId: Ids.UnitId.make("vn-37"), subjectKind: "unit" })).toEqual(["a-4"])
        const paged = yield* allPages(2, (p) => audit.list({}, p))
        expect(paged.pages).toBe(3)
        expect(ids(paged.items)).toEqual(["a-5", "a-3", "a-1", "a-2", "a-4"])
      })
    )

    test(
      suite,
      "append is all or none: a duplicate id (stored or in the batch) appends nothing",
      Effect.gen(function* () {
        const { audit } = yield* services
        const [a3, a1, a2] = entries()
        yield* audit.append([a3!])
        const e = yield* violates("unique id", audit.append([a1!, a3!]))
        expect(e.entity).toBe("audit")
        yield* violates("unique id", audit.append([a2!, a2!]))
        expect(ids((yield* audit.list({})).items)).toEqual(["a-3"])
        yield* audit.append([])
        yield* audit.append([a1!, a2!])
        expect(ids((yield* audit.list({})).items)).toEqual(["a-3", "a-1", "a-2"])
        const stored = (yield* audit.list({ subjectId: "m-1" })).items[0]!
        expect(stored.actor.name).toBe("Nguyễn Văn An")
        expect(stored.summary).toBe("Nộp báo cáo")
      })
    )
  })
}

/**
 * The plan SQLite makes for a jurisdiction's page (docs/decisions/0051): with `ANALYZE` statistics
 * of a store whose units far outnumber a district's, and the page's `LIMIT` a bound parameter,
 * SQLite chose to scan every unit (through `units_level_idx`) and probe the page's ids, twice the
 * statement's time for a district at 10% of the country and growing with the store. The statement
 * the repository runs is caught on its way to the driver (`Statement.CurrentTransformer`) and
 * planned again with `EXPLAIN QUERY PLAN` under the statistics of a store of 10,278 units (the
 * bench's 10%, copied from its `sqlite_stat1`). Since decision 0058 the page reads each unit by the
 * `rowid` its walk found it by.
 */
import { Page, UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Statement from "effect/sql/Statement"
import { freshStoreWithSql, SqlClient } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const statistics = [
  ["units", "units_level_idx", "10278 2570 1"],
  ["units", "units_code_idx", "10278 10 6"],
  ["units", "sqlite_autoindex_units_1", "10278 1"],
  ["unit_parent", "unit_parent_parent_idx", "10270 10 6 1"],
  ["unit_parent", "sqlite_autoindex_unit_parent_1", "10270 1 1"]
] as const

describe("jurisdiction on SQLite", () => {
  it.effect("looks up the page's units by key, never scans every unit", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const units = yield* UnitRepository
      yield* units.insert(F.units)
      yield* sql`ANALYZE`
      yield* sql`DELETE FROM sqlite_stat1 WHERE tbl IN ('units', 'unit_parent')`
      for (const [tbl, idx, stat] of statistics)
        yield* sql`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (${tbl}, ${idx}, ${stat})`
      // Loads the statistics into the connection's schema (SQLite's documented way).
      yield* sql`ANALYZE sqlite_schema`

      const seen: Array<readonly [string, ReadonlyArray<unknown>]> = []
      const ids = yield* Page.collect((page) =>
        units.jurisdiction(F.unitId("p"), F.d("2020-01-01"), page)
      ).pipe(
        Effect.provideService(Statement.CurrentTransformer, (statement) =>
          Effect.sync(() => {
            seen.push(statement.compile())
            return statement
          })
        )
      )
      expect(ids.map((u) => u.id)).toEqual(["c1", "c2", "c3", "dA", "p"])
      const read = seen.find(([text]) => text.includes("jurisdiction"))
      expect(read).toBeDefined()
      const [text, params] = read!
      const plan = yield* sql.unsafe<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params as Array<never>)
      const details = plan.map((r) => r.detail)
      // By the rowid the walk found it by (decision 0058).
      expect(details).toContainEqual("SEARCH u USING INTEGER PRIMARY KEY (rowid=?)")
      expect(details.filter((d) => /^SCAN u\b/.test(d))).toEqual([])
    }).pipe(Effect.provide(freshStoreWithSql("sqlite-memory")))
  )
})

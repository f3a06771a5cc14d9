/**
 * The adapter's schema migrations, in order. Keys are `<id>_<name>` as Effect's
 * `Migrator.fromRecord` reads them; ids only grow, and a shipped migration never changes.
 *
 * @internal
 */
import type { Effect } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"
import initialSchema from "./0001_initial_schema.ts"
import directiveIssuer from "./0003_directive_issuer.ts"

/** Every migration this version of the code knows, keyed `<id>_<name>`. */
export const all: Readonly<Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>> = {
  "1_initial_schema": initialSchema,
  // Id 2 belongs to another branch's migration; Effect's Migrator runs the ids above the newest
  // applied one in order, so a gap is harmless.
  "3_directive_issuer": directiveIssuer
}

/** The highest migration id this version of the code knows. */
export const latestId: number = Math.max(...Object.keys(all).map((key) => Number(key.split("_")[0])))

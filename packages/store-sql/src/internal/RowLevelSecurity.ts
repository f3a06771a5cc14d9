/**
 * PostgreSQL row-level security keyed on the acting unit (decision record 0012): the functions,
 * policies and settings that make the database itself refuse another unit's records to a session
 * that acts for a unit, and every unit-owned record to one that says for nobody.
 *
 * - Every statement of the store runs in a transaction that first sets `danvan.acting_unit` and
 *   `danvan.acting_day` with `set_config(…, true)` (transaction-local: a pooled connection never
 *   carries one call's unit into the next).
 * - `danvan_can_read(acting, unit, day)` is `Jurisdiction.canRead` in SQL (the unit itself, the
 *   unit carrying its history, that carrier's ancestors on its standing date, and the central
 *   units listed in `danvan_central_units`); `danvan_readable_units(acting, day)` is the set of
 *   units it allows, computed once per statement.
 * - Unit-owned tables (`reports`, `models`, `committees` and their child rows, `coordinations`,
 *   `audit_entries`) are filtered on read and checked on write; the unit list, successions,
 *   directives and reference data stay readable by everyone (as in the use cases) and writable
 *   only by a session that acts for a unit (the use cases check who may maintain them).
 *   `audit_entries` has no `UPDATE` or `DELETE` policy: no session changes the trail.
 * - `FORCE ROW LEVEL SECURITY` applies the policies to the tables' owner too; only a superuser
 *   or a role with `BYPASSRLS` is not filtered.
 *
 * @internal
 */
import { ActingUnit, type StoreError, Timestamp } from "@danvan/core"
import { Clock, Effect, Option } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { toFailure } from "./Db.ts"

/**
 * A row's unit is readable: the acting unit is central (it reads every unit, existing or not, so
 * a write naming a missing unit still fails on the foreign key, as without the policies), or the
 * unit is among those it reads, computed once per statement.
 */
const readableUnit = (column: string): string =>
  `(danvan_acting_central() OR ${column} IN (SELECT danvan_readable_units(danvan_acting_unit(), danvan_acting_day())))`

/** Tables whose rows belong to a unit, and how a row names it. */
const owned: ReadonlyArray<readonly [table: string, readable: string]> = [
  ["reports", readableUnit("unit_id")],
  ["models", readableUnit("unit_id")],
  ["committees", readableUnit("unit_id")],
  // Child rows follow their parent row, which its own policy filters.
  ["report_revisions", "EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id)"],
  ["report_figures", "EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id)"],
  ["committee_memberships", "EXISTS (SELECT 1 FROM committees c WHERE c.id = committee_id)"]
]

/** Tables everyone reads (as the use cases let every actor read them). */
const shared: ReadonlyArray<string> = [
  "units",
  "unit_parent",
  "successions",
  "directives",
  "directive_replaces",
  "model_fields",
  "regimes",
  "validation_rules",
  "danvan_central_units"
]

const actingSet = "danvan_acting_unit() IS NOT NULL"

/** The statements that install (or re-install, unchanged) the policies in the current schema. */
export const statements = (schema: string): ReadonlyArray<string> => {
  const path = `SET search_path = ${quote(schema)}, pg_temp`
  const policies: Array<string> = []
  const reset = (table: string) => [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `DO $$ DECLARE p record; BEGIN
       FOR p IN SELECT policyname FROM pg_policies WHERE schemaname = ${literal(schema)} AND tablename = ${literal(table)} LOOP
         EXECUTE format('DROP POLICY %I ON %I', p.policyname, ${literal(table)});
       END LOOP;
     END $$`
  ]
  for (const [table, readable] of owned) {
    policies.push(
      ...reset(table),
      `CREATE POLICY danvan_acting_unit ON ${table} FOR ALL USING (${actingSet} AND ${readable}) WITH CHECK (${actingSet} AND ${readable})`
    )
  }
  for (const table of shared) {
    policies.push(
      ...reset(table),
      `CREATE POLICY danvan_read ON ${table} FOR SELECT USING (true)`,
      `CREATE POLICY danvan_insert ON ${table} FOR INSERT WITH CHECK (${actingSet})`,
      `CREATE POLICY danvan_update ON ${table} FOR UPDATE USING (${actingSet}) WITH CHECK (${actingSet})`,
      `CREATE POLICY danvan_delete ON ${table} FOR DELETE USING (${actingSet})`
    )
  }
  // A coordination programme is seen by the units of its parties; it is written before its parties
  // and removed after them, so one without parties (only ever inside that transaction) is seen.
  policies.push(
    ...reset("coordinations"),
    `CREATE POLICY danvan_read ON coordinations FOR SELECT USING (${actingSet} AND danvan_coordination_readable(id))`,
    `CREATE POLICY danvan_insert ON coordinations FOR INSERT WITH CHECK (${actingSet})`,
    `CREATE POLICY danvan_update ON coordinations FOR UPDATE USING (${actingSet} AND danvan_coordination_readable(id)) WITH CHECK (${actingSet})`,
    `CREATE POLICY danvan_delete ON coordinations FOR DELETE USING (${actingSet} AND danvan_coordination_readable(id))`,
    ...reset("coordination_parties"),
    `CREATE POLICY danvan_read ON coordination_parties FOR SELECT USING (${actingSet} AND danvan_coordination_readable(coordination_id))`,
    `CREATE POLICY danvan_insert ON coordination_parties FOR INSERT WITH CHECK (${actingSet})`,
    `CREATE POLICY danvan_delete ON coordination_parties FOR DELETE USING (${actingSet} AND danvan_coordination_readable(coordination_id))`,
    // The trail: read within the jurisdiction, appended for the acting unit's jurisdiction, never changed.
    ...reset("audit_entries"),
    `CREATE POLICY danvan_read ON audit_entries FOR SELECT USING (${actingSet} AND ${readableUnit("actor_unit_id")})`,
    `CREATE POLICY danvan_insert ON audit_entries FOR INSERT WITH CHECK (${actingSet} AND ${readableUnit("actor_unit_id")})`
  )
  return [
    `CREATE TABLE IF NOT EXISTS danvan_central_units (
      unit_id TEXT COLLATE "C" NOT NULL,
      CONSTRAINT danvan_central_units_pkey PRIMARY KEY (unit_id)
    )`,
    `CREATE OR REPLACE FUNCTION danvan_acting_unit() RETURNS text LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('danvan.acting_unit', true), '') $$`,
    `CREATE OR REPLACE FUNCTION danvan_acting_day() RETURNS text LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('danvan.acting_day', true), '') $$`,
    `CREATE OR REPLACE FUNCTION danvan_acting_central() RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER ${path}
      AS $$ SELECT EXISTS (SELECT 1 FROM danvan_central_units WHERE unit_id = danvan_acting_unit()) $$`,
    // Jurisdiction.canRead: the walk of Succession.historyCarrier, then Hierarchy.ancestors of the
    // carrier on its standing date (Jurisdiction.standingDate). Ties between links of one date go
    // by id, as the adapter's rollup walks them.
    `CREATE OR REPLACE FUNCTION danvan_can_read(acting text, target text, day text) RETURNS boolean
      LANGUAGE plpgsql STABLE SECURITY DEFINER ${path} AS $$
      DECLARE
        current_id text := target;
        since text := NULL;
        next_id text;
        next_date text;
        from_day text;
        until_day text;
        standing text;
        parent_id text;
        seen text[];
      BEGIN
        IF acting IS NULL OR day IS NULL OR target IS NULL THEN RETURN false; END IF;
        IF target = acting THEN RETURN true; END IF;
        IF EXISTS (SELECT 1 FROM danvan_central_units WHERE unit_id = acting) THEN RETURN true; END IF;
        LOOP
          SELECT x.successor_id, x.effective_date INTO next_id, next_date FROM successions x
            WHERE x.predecessor_id = current_id AND x.carries_history AND x.effective_date <= day
              AND (since IS NULL OR x.effective_date > since)
            ORDER BY x.effective_date, x.id LIMIT 1;
          EXIT WHEN NOT FOUND;
          current_id := next_id;
          since := next_date;
        END LOOP;
        IF current_id = acting THEN RETURN true; END IF;
        SELECT u.valid_from, u.valid_until INTO from_day, until_day FROM units u WHERE u.id = current_id;
        IF NOT FOUND THEN RETURN false; END IF;
        standing := CASE
          WHEN day < from_day THEN from_day
          WHEN until_day IS NOT NULL AND day >= until_day
            THEN greatest(from_day, to_char(until_day::date - 1, 'YYYY-MM-DD'))
          ELSE day END;
        seen := ARRAY[current_id];
        LOOP
          -- Hierarchy.parentOf: the unit valid that day, its first link covering the day, and that
          -- link's parent valid that day.
          SELECT p.id INTO parent_id
            FROM units c
            JOIN LATERAL (
              SELECT l.parent_id FROM unit_parent l
              WHERE l.unit_id = c.id AND l.valid_from <= standing AND (l.valid_until IS NULL OR l.valid_until > standing)
              ORDER BY l.ordinal LIMIT 1
            ) first_link ON true
            JOIN units p ON p.id = first_link.parent_id
            WHERE c.id = current_id
              AND c.valid_from <= standing AND (c.valid_until IS NULL OR c.valid_until > standing)
              AND p.valid_from <= standing AND (p.valid_until IS NULL OR p.valid_until > standing);
          IF NOT FOUND OR parent_id = ANY (seen) THEN RETURN false; END IF;
          IF parent_id = acting THEN RETURN true; END IF;
          seen := seen || parent_id;
          current_id := parent_id;
        END LOOP;
      END $$`,
    `CREATE OR REPLACE FUNCTION danvan_readable_units(acting text, day text) RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER ${path}
      AS $$ SELECT u.id FROM units u WHERE acting IS NOT NULL AND danvan_can_read(acting, u.id, day) $$`,
    `CREATE OR REPLACE FUNCTION danvan_coordination_readable(coordination text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER ${path}
      AS $$ SELECT EXISTS (
        SELECT 1 FROM coordination_parties cp
        WHERE cp.coordination_id = coordination
          AND danvan_can_read(danvan_acting_unit(), cp.unit_id, danvan_acting_day())
      ) OR NOT EXISTS (SELECT 1 FROM coordination_parties cp WHERE cp.coordination_id = coordination) $$`,
    ...policies
  ]
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`

/**
 * Installs the policies in the connection's current schema and grants the tables to `grantTo`
 * (the roles other applications and the adapter connect as). Run by the tables' owner; safe to
 * run again.
 */
export const install = (
  sql: SqlClient.SqlClient,
  grantTo: ReadonlyArray<string>
): Effect.Effect<void, StoreError.StoreFailure> =>
  sql
    .withTransaction(
      Effect.gen(function* () {
        const rows = yield* sql<{ schema: string }>`SELECT current_schema() AS schema`
        const schema = rows[0]?.schema ?? "public"
        for (const statement of statements(schema)) yield* sql.unsafe(statement)
        for (const role of grantTo) {
          yield* sql.unsafe(`GRANT USAGE ON SCHEMA ${quote(schema)} TO ${quote(role)}`)
          yield* sql.unsafe(
            `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${quote(schema)} TO ${quote(role)}`
          )
          yield* sql.unsafe(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${quote(schema)} TO ${quote(role)}`)
          // The directives' change stamp (migration 5) is drawn by their triggers as the writer.
          yield* sql.unsafe(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${quote(schema)} TO ${quote(role)}`)
        }
      })
    )
    .pipe(Effect.mapError((error: SqlError) => toFailure(error)))

/**
 * Runs `effect` with the acting unit (`ActingUnit`) and today's date in Vietnam set for its
 * transaction: inside the current transaction when there is one, else in a new one.
 */
export const withActingUnit =
  (sql: SqlClient.SqlClient) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError.StoreFailure, R> =>
    Effect.gen(function* () {
      const unit = yield* ActingUnit.ActingUnit
      const day = Timestamp.dateInVietnam(Timestamp.fromMillis(yield* Clock.currentTimeMillis))
      const set = Effect.mapError(
        sql`SELECT set_config('danvan.acting_unit', ${unit ?? ""}, true), set_config('danvan.acting_day', ${day}, true)`,
        (error) => toFailure(error)
      )
      const inTransaction = Option.isSome(yield* Effect.serviceOption(sql.transactionService))
      return yield* inTransaction
        ? Effect.andThen(set, effect)
        : (
            sql.withTransaction(Effect.andThen(set, effect)) as Effect.Effect<
              A,
              E | StoreError.StoreFailure | SqlError,
              R
            >
          ).pipe(Effect.catchIf(isSql, (error) => Effect.fail(toFailure(error))))
    })

const isSql = (u: unknown): u is SqlError =>
  typeof u === "object" && u !== null && "_tag" in u && u._tag === "SqlError"

/** Every operation of a service, run by {@link withActingUnit}. */
export const wrapService = <S extends object>(sql: SqlClient.SqlClient, service: S): S => {
  const acting = withActingUnit(sql)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(service)) {
    if (Effect.isEffect(value)) out[key] = acting(value)
    else if (typeof value === "function") {
      out[key] = (...args: ReadonlyArray<unknown>) => {
        const result = (value as (...a: ReadonlyArray<unknown>) => unknown)(...args)
        return Effect.isEffect(result) ? acting(result) : result
      }
    } else out[key] = value
  }
  return out as S
}

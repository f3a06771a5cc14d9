/**
 * Migration 5: a change stamp the database keeps on every directive (decision record 0054).
 *
 * `directives.change_stamp` is a number the database itself gives a directive's row whenever the
 * row is inserted or updated, or one of its `directive_replaces` rows is inserted, updated or
 * deleted: those two tables are everything a `Directive` is read from. In PostgreSQL the numbers
 * come from a sequence, which a rollback does not take back, so a stamp is never given twice, even
 * to a directive deleted and inserted again by hand; in SQLite they are drawn at random (below).
 * Triggers set it, so it changes whatever writes the row: this adapter, another process, a hand
 * edit (one that keeps `version`, or writes `change_stamp` itself, included: PostgreSQL's trigger
 * overrides the value written; SQLite's runs when the value written is the old one and otherwise
 * leaves a new stamp the memo has not seen).
 *
 * Why: the directives in force are read as ids and stamps first, and whole rows only for those
 * whose stamp the repository's decode memo has not seen (repositories/Directives.ts). A row stored
 * before this migration gets a stamp of its own here.
 *
 * SQLite's trigger on `directives` is guarded by `WHEN NEW.change_stamp IS OLD.change_stamp`, so
 * the trigger's own `UPDATE` of the stamp does not fire it again, whatever `recursive_triggers`
 * says.
 *
 * Never edit a migration that has shipped: add a new one (forward-only, decision record 0003).
 *
 * @internal
 */
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as Dialect from "../internal/Dialect.ts"

/**
 * SQLite's stamp: a random number below 2^53 (a JavaScript number read back exactly). Not a
 * counter: SQLite has nothing outside the transaction to count with, so a counter rolled back with
 * a transaction that had stamped and read a directive would give the next writer the same stamp,
 * and the read of the rolled-back row, remembered with it, would be taken for the new row (the
 * model-based conformance test found it). Two changes of one directive get the same stamp with a
 * chance of 2^-53.
 */
const stampSqlite = `(random() & 9007199254740991)`

const stampRow = (id: string) => `UPDATE directives SET change_stamp = ${stampSqlite} WHERE id = ${id};`

const sqlite = [
  `ALTER TABLE directives ADD COLUMN change_stamp INTEGER NOT NULL DEFAULT 0`,
  `UPDATE directives SET change_stamp = ${stampSqlite}`,
  `CREATE TRIGGER directives_stamp_insert AFTER INSERT ON directives FOR EACH ROW BEGIN
    ${stampRow("NEW.id")}
  END`,
  `CREATE TRIGGER directives_stamp_update AFTER UPDATE ON directives FOR EACH ROW
    WHEN NEW.change_stamp IS OLD.change_stamp BEGIN
    ${stampRow("NEW.id")}
  END`,
  `CREATE TRIGGER directive_replaces_stamp_insert AFTER INSERT ON directive_replaces FOR EACH ROW BEGIN
    ${stampRow("NEW.directive_id")}
  END`,
  `CREATE TRIGGER directive_replaces_stamp_delete AFTER DELETE ON directive_replaces FOR EACH ROW BEGIN
    ${stampRow("OLD.directive_id")}
  END`,
  `CREATE TRIGGER directive_replaces_stamp_update AFTER UPDATE ON directive_replaces FOR EACH ROW BEGIN
    UPDATE directives SET change_stamp = ${stampSqlite} WHERE id = OLD.directive_id OR id = NEW.directive_id;
  END`
]

// The functions name the sequence and the table in the schema of the table that fired them, so a
// session whose `search_path` is another schema (a hand edit in psql) stamps the right rows.
const pg = [
  `CREATE SEQUENCE directive_change_stamp`,
  // A volatile default is evaluated for each existing row: every stored directive gets its own.
  `ALTER TABLE directives ADD COLUMN change_stamp BIGINT NOT NULL DEFAULT nextval('directive_change_stamp')`,
  `CREATE FUNCTION directives_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.change_stamp := nextval(format('%I.directive_change_stamp', TG_TABLE_SCHEMA)::regclass);
    RETURN NEW;
  END $$`,
  `CREATE TRIGGER directives_stamp BEFORE INSERT OR UPDATE ON directives
    FOR EACH ROW EXECUTE FUNCTION directives_stamp()`,
  // Touching the directive's row runs its own trigger, which gives the new stamp.
  // Static statements (their plans cached) when the session's schema is the table's, as the
  // adapter's sessions are; a statement naming the schema otherwise.
  `CREATE FUNCTION directive_replaces_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    here boolean := TG_TABLE_SCHEMA = current_schema();
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      IF here THEN
        UPDATE directives SET change_stamp = 0 WHERE id = OLD.directive_id;
      ELSE
        EXECUTE format('UPDATE %I.directives SET change_stamp = 0 WHERE id = $1', TG_TABLE_SCHEMA)
          USING OLD.directive_id;
      END IF;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.directive_id IS DISTINCT FROM OLD.directive_id) THEN
      IF here THEN
        UPDATE directives SET change_stamp = 0 WHERE id = NEW.directive_id;
      ELSE
        EXECUTE format('UPDATE %I.directives SET change_stamp = 0 WHERE id = $1', TG_TABLE_SCHEMA)
          USING NEW.directive_id;
      END IF;
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER directive_replaces_stamp AFTER INSERT OR UPDATE OR DELETE ON directive_replaces
    FOR EACH ROW EXECUTE FUNCTION directive_replaces_stamp()`
]

const migration: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const dialect = yield* Dialect.of(sql)
  for (const statement of dialect === "pg" ? pg : sqlite) yield* sql.unsafe(statement)
})

export default migration

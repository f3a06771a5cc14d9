/**
 * `ReportRepository` over `reports`, `report_revisions` and `report_figures`.
 *
 * A report's figures are stored twice in one atomic write: inside its content (JSON, decoded with
 * the domain schema) and flattened into `report_figures` (`Figures.flatten`: one row per indicator
 * path). The rollup (`consolidate`) is one SQL statement: the jurisdiction as a recursive CTE over
 * dated parent links, the history carriers of units outside it as a recursive CTE over
 * successions (`Succession.historyCarrier`), and a `SUM ... GROUP BY indicator` over the long
 * table, so its cost does not grow with round trips and a new indicator needs no schema change. It
 * gives what `Rollup.consolidate` gives over the same records.
 *
 * @internal
 */
import {
  type ConsolidationQuery,
  type ConsolidationsQuery,
  Contract,
  Figures,
  Ids,
  Page,
  type Period,
  type Programme,
  Report,
  type ReportingQuery,
  type ReportQuery,
  type ReportRepository,
  Rollup,
  StoreError,
  type Timestamp,
  Unit
} from "@danvan/core"
import { Effect, Option, Result, Schema } from "effect"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import { corrupt, type Db, pageOf, read, write } from "../internal/Db.ts"
import * as DecodedRows from "../internal/DecodedRows.ts"
import * as Dialect from "../internal/Dialect.ts"
import { carrierCtes, firstCoveringLink, jurisdictionCte, validOn } from "../internal/HierarchySql.ts"
import * as Rows from "../internal/Rows.ts"
import {
  type Children,
  conflictOrNotFound,
  diagnose,
  foundOrNotFound,
  insertRows,
  insertWithChildren,
  replaceRows,
  storedVersion,
  updateVersioned
} from "./shared.ts"

/**
 * A `reports` row: the columns as the drivers return them, decoded into a `Report` (and a report
 * encoded into one for writing). Adding a column is one line here.
 */
const reportColumns = {
  id: Schema.String,
  unitId: Schema.String,
  programme: Schema.String,
  periodId: Schema.String,
  regimeId: Schema.String,
  status: Schema.String,
  revision: Rows.Integer,
  content: Rows.Json,
  events: Rows.Json,
  version: Rows.Integer
}
export const ReportRow = Rows.columns(reportColumns).pipe(Schema.decodeTo(Report.Report))

/** A report's fields but its content, as `ReportRow` decodes them. */
const { content: _content, ...fieldsBesideContent } = Report.Report.fields

/**
 * A `reports` row without its content, decoded with the same column and domain schemas as
 * `ReportRow`: what a write that kept the content (the decoded one) hands back with it.
 */
const { content: _contentColumn, ...columnsBesideContent } = reportColumns
const RowBesideContent = Rows.columns(columnsBesideContent).pipe(
  Schema.decodeTo(Schema.Struct(fieldsBesideContent))
)

/** A `report_revisions` row, decoded into a `ReportRevision`. */
const revisionRowColumns = {
  reportId: Schema.String,
  revision: Rows.Integer,
  submittedAt: Schema.String,
  submittedBy: Rows.Json,
  onTime: Rows.Bool,
  content: Rows.Json
}
export const RevisionRow = Rows.columns(revisionRowColumns).pipe(Schema.decodeTo(Report.ReportRevision))

/**
 * A `report_revisions` row without its content: a submission freezes the report's own content as
 * the revision's, so the row takes the report's encoded content instead of encoding it again.
 */
const RevisionBesideContent = (() => {
  const { content: _column, ...columns } = revisionRowColumns
  const { content: _field, ...fields } = Report.ReportRevision.fields
  return Rows.columns(columns).pipe(Schema.decodeTo(Schema.Struct(fields)))
})()

/** Roots per consolidation statement: a bound on its `IN` list's parameters. */
const rootsPerStatement = 500

/** A consolidation's contribution row, decoded like every other value the store hands out. */
const ContributionRow = Rows.columns({
  reportId: Schema.String,
  unitId: Schema.String,
  countedUnder: Schema.String,
  status: Schema.String,
  revision: Rows.Integer
}).pipe(Schema.decodeTo(Rollup.Contribution))

/** A consolidation's total for one indicator (`SUM` is a `bigint` or numeric text on PostgreSQL). */
const TotalRow = Schema.Struct({
  indicator: Schema.String,
  total: Rows.Integer.pipe(Schema.decodeTo(Figures.Count))
})

/**
 * A unit of a jurisdiction with its report's stored events (`NULL` when it has no report of the
 * period): what `reporting` reads. The level is the domain's for the unit's type (`Unit.levelOf`).
 */
const ReporterRow = Schema.Struct({
  id: Ids.UnitId,
  type: Unit.UnitType,
  events: Schema.NullOr(Rows.Json)
})

/** The event a report's first submission is read from, decoded with the domain's schema. */
const decodeEvent = Schema.decodeUnknownResult(Report.ReportEvent)

/** What `remove` reads of a report it did not remove, to say why. */
const StateRow = Schema.Struct({
  id: Schema.String,
  status: Report.ReportStatus,
  revision: Rows.Integer,
  version: Rows.Integer
})

type RawReport = typeof ReportRow.Encoded
type RawRevision = typeof RevisionRow.Encoded

const columns = Rows.select(ReportRow, "r")
const revisionColumns = Rows.select(RevisionRow, "v")

const encodeReport = Rows.encoder(ReportRow, "report", Report.Report)
const decodeRow = Rows.decoder(ReportRow, "reports", (r) => Rows.keyText(r.id))
const decodeBesideContent = Rows.decoder(RowBesideContent, "reports", (r) => Rows.keyText(r.id))
const encodeRevision = Rows.encoder(RevisionRow, "reportRevision", Report.ReportRevision)
const encodeRevisionBesideContent = Rows.encoder(RevisionBesideContent, "reportRevision")
const decodeRevisionRow = Rows.decoder(
  RevisionRow,
  "report_revisions",
  (r) => `${Rows.keyText(r.report_id)}#${Rows.keyText(r.revision)}`
)
const decodeContribution = Rows.decoder(ContributionRow, "reports", (r) => Rows.keyText(r.report_id))
const decodeState = Rows.decoder(StateRow, "reports", (r) => Rows.keyText(r.id))
const decodeTotal = Rows.decoder(TotalRow, "report_figures", (r) => `sum of ${Rows.keyText(r.indicator)}`)
const decodeReporter = Rows.decoder(ReporterRow, "reports", (r) => `of unit ${Rows.keyText(r.id)}`)

/**
 * The first submission of a report from its stored events (`ReportWorkflow.firstSubmission`): the
 * first `Submitted` event, decoded with the domain's schema; only that event is decoded, so the
 * completeness of a province does not decode every event of every report. Events that are not a
 * list, or a first submission that does not decode, are `StoreCorrupt`.
 */
const firstSubmittedAt = (
  unitId: string,
  events: unknown
): Effect.Effect<Timestamp.Timestamp | undefined, StoreError.StoreCorrupt> => {
  if (events === null) return Effect.succeed(undefined)
  const where = `of unit ${unitId}`
  if (!Array.isArray(events)) return Effect.fail(corrupt("reports", where, "the events are not a list"))
  const submitted = events.find(
    (e) => typeof e === "object" && e !== null && (e as { readonly _tag?: unknown })._tag === "Submitted"
  )
  if (submitted === undefined) return Effect.succeed(undefined)
  const event = decodeEvent(submitted)
  return Result.isSuccess(event)
    ? Effect.succeed(event.success.at)
    : Effect.fail(corrupt("reports", where, event.failure.message))
}

/** The columns a report's row writes besides its key and version (kept by `shared.ts`). */
const written = ({ id: _, version: __, ...rest }: RawReport) => rest

/** The report's figures flattened into `report_figures`, one row per indicator path. */
const figures = (report: Report.Report): Children => ({
  table: "report_figures",
  parentColumn: "report_id",
  rows: Object.entries(Figures.flatten(report.content.figures)).map(([indicator, value]) => ({
    report_id: report.id,
    indicator,
    value
  })),
  columns: 3
})

/** Stored JSON text parsed (a damaged one reads as `undefined`, so its figure rows are rewritten). */
const parseStored = (text: unknown): unknown => {
  if (typeof text !== "string") return text
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The `figures` of stored content (JSON), or `undefined` when it has none. */
const figuresOf = (content: unknown): unknown =>
  typeof content === "object" && content !== null
    ? (content as { readonly figures?: unknown }).figures
    : undefined

/** Structural equality of two JSON values (key order ignored). */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  )
}

/** The stored content was the text being written. */
const sameText: unique symbol = Symbol("sameText")

/** Whether stored content (JSON text, or `undefined` when unread) has the figures of `written`. */
const sameFigures = (stored: unknown, written: unknown): boolean =>
  stored !== undefined && sameJson(figuresOf(parseStored(stored)), figuresOf(parseStored(written)))

/**
 * The rows a statement changed, from what the SQLite driver's `run` returns (`{ changes }`, a
 * number or a `bigint`); `undefined` when it says nothing.
 */
const changesOf = (result: unknown): number | undefined => {
  if (typeof result !== "object" || result === null || !("changes" in result)) return undefined
  const changes = result.changes
  return typeof changes === "number" || typeof changes === "bigint" ? Number(changes) : undefined
}

/** Builds the repository. */
export const make = (db: Db): ReportRepository["Service"] => {
  const { sql } = db
  // The row each decoded content came from: a write whose content is that very object and encodes
  // to that same text leaves the content as it is (a submission, a return, an approval), so the
  // write compares the stored text in its `UPDATE` instead of reading it first, and the record it
  // hands back keeps the decoded content rather than decoding the text again (decision 0038). The
  // row's other columns say which the write leaves as they were (decision 0052).
  const readRow = new WeakMap<Report.ReportContent, RawReport>()
  // One report's reads and writes decode its row once (a submission reads it twice): `DecodedRows`.
  const decodeOne = DecodedRows.memo(
    (row: RawReport) =>
      Effect.tap(decodeRow(row), (report) => Effect.sync(() => readRow.set(report.content, row))),
    (r) => Rows.keyText(r.id)
  )

  const get = (id: Ids.ReportId) =>
    read(
      Effect.flatMap(
        Effect.flatMap(
          sql<RawReport>`SELECT ${sql.literal(columns)} FROM reports r WHERE r.id = ${id}`,
          foundOrNotFound("report", id)
        ),
        decodeOne
      )
    )

  const find = (unitId: Ids.UnitId, periodId: Period.PeriodId, programme: Programme.Programme) =>
    read(
      Effect.gen(function* () {
        const rows =
          yield* sql<RawReport>`SELECT ${sql.literal(columns)} FROM reports r WHERE r.unit_id = ${unitId} AND r.period_id = ${periodId} AND r.programme = ${programme}`
        const found = rows[0]
        return found === undefined ? Option.none() : Option.some(yield* decodeOne(found))
      })
    )

  const insert = (report: Report.Report) =>
    Effect.flatMap(encodeReport(report), (encoded) =>
      write(
        db,
        "report",
        Effect.gen(function* () {
          yield* insertWithChildren(db, "reports", report.id, written(encoded), figures(report))
          return yield* decodeOne({ ...encoded, version: 1 })
        }),
        diagnose(db, [Contract.write("report", [report], true)])
      )
    )

  const insertMany = (
    reports: ReadonlyArray<Report.Report>,
    revisions: ReadonlyArray<Report.ReportRevision>
  ) =>
    Effect.gen(function* () {
      const encoded = yield* encodeReport.all(reports)
      const history = yield* encodeRevision.all(revisions)
      const foreign = Contract.revisionsOf(reports, revisions)
      if (foreign !== undefined) return yield* Effect.fail(foreign)
      if (reports.length === 0) return []
      return yield* write(
        db,
        "report",
        Effect.gen(function* () {
          // Multi-row statements, each under the engines' bound-parameter limits (`chunks`): the
          // rows, then the figure rows, then the revisions; the database's keys, foreign keys and
          // unique slot refuse a bad record, and `diagnose` names the contract's rule.
          const rows = encoded.map((e) => ({ id: e.id, ...written(e), version: 1 }))
          yield* insertRows(db, "reports", rows, Object.keys(rows[0]!).length)
          yield* insertRows(
            db,
            "report_figures",
            reports.flatMap((r) => figures(r).rows),
            3
          )
          if (history.length > 0)
            yield* insertRows(db, "report_revisions", history, Object.keys(history[0]!).length)
          return yield* Rows.written(reports, encoded, 1, encodeReport, decodeRow)
        }),
        diagnose(db, Contract.reportImport(reports, revisions))
      )
    })

  /**
   * The record a write that kept the content stored, as a read would decode it: the row's other
   * columns decoded, the content the one decoded from the same text (its JSON is not parsed and
   * decoded again). Every part has passed the schemas' checks, so the record is not checked again.
   */
  const keptContent = (report: Report.Report, encoded: RawReport, version: number) =>
    Effect.map(
      decodeBesideContent({ ...written(encoded), id: encoded.id, version }),
      (fields) => new Report.Report({ ...fields, content: report.content }, { disableChecks: true })
    )

  /**
   * A written row's columns split by the row read: those whose value differs (to `SET`, `undefined`
   * when none does) and a condition per column whose value is the one read (to require in `WHERE`).
   * A `NULL` is never taken as unchanged: `= NULL` holds for no row.
   */
  const splitColumns = (columns: Omit<RawReport, "id" | "version">, readAs: RawReport) => {
    const changed: Record<string, unknown> = {}
    const kept: Array<Statement.Fragment> = []
    let any = false
    for (const [column, value] of Object.entries(columns)) {
      if (value !== null && value === (readAs as Record<string, unknown>)[column])
        kept.push(sql`${sql(column)} = ${value}`)
      else {
        changed[column] = value
        any = true
      }
    }
    return { changed: any ? changed : undefined, kept }
  }

  /**
   * Updates a report's row at the version the caller read and returns its new version with the
   * content it replaced (`sameText` when the text is unchanged). On PostgreSQL the stored content
   * is compared in the `UPDATE` itself (`UPDATE ... FROM` reads the row as it was before the
   * statement), saving a round trip per write; SQLite's `RETURNING` cannot see the row before, so
   * there it is one `UPDATE` that requires the content (and every column it does not set) unchanged
   * when the write kept the content it was read with (`readAs`: that row), and otherwise one
   * `SELECT` first, in the same transaction. On PostgreSQL a new revision's row (`revision`) is
   * inserted by the same statement, from the updated row, so only a matching update writes it
   * (decision 0055); `revisionWritten` says so, and the other paths leave it to the caller.
   */
  const updateReportRow = (
    report: Report.Report,
    encoded: RawReport,
    readAs: RawReport | undefined,
    revision: RawRevision | undefined
  ) =>
    Effect.gen(function* () {
      if (db.dialect === "sqlite" && readAs !== undefined) {
        // The content is the text the row was read with: the `UPDATE` sets only the columns whose
        // value differs from the row read and requires every other one unchanged, so one statement
        // does what the `SELECT` and the `UPDATE` below do, and it leaves the unique slot, the unit's
        // foreign key and the indexes over unchanged columns untouched (decision 0052). When it
        // matches, every column holds what a full `UPDATE` would write. No row means the report is
        // gone, stale, or a column was changed since (by a hand edit, say): the statements below
        // then tell which, as for any other write. The new version is the one read plus one, so
        // the statement needs no `RETURNING` (for which SQLite builds a result set: a quarter to a
        // third of the statement's time); the driver's count of changed rows says if it matched.
        const { changed, kept } = splitColumns(written(encoded), readAs)
        const result =
          yield* sql`UPDATE reports SET ${changed === undefined ? sql`` : sql`${sql.update(changed)}, `}version = version + 1 WHERE id = ${report.id} AND version = ${report.version} AND ${sql.and(kept)}`
            .raw
        const changes = changesOf(result)
        if (changes === undefined)
          return yield* Effect.die(new Error("the SQLite driver did not say how many rows an UPDATE changed"))
        if (changes === 1) return { version: report.version + 1, before: sameText, revisionWritten: false }
      }
      if (db.dialect === "pg") {
        const update = sql`UPDATE reports SET ${sql.update(
          written(encoded)
        )}, version = reports.version + 1 FROM (SELECT id AS before_id, content AS before_content FROM reports WHERE id = ${report.id}) AS stored WHERE reports.id = stored.before_id AND reports.version = ${report.version} RETURNING reports.version, CASE WHEN stored.before_content = ${encoded.content} THEN NULL ELSE stored.before_content END AS before`
        // The revision's `INSERT ... SELECT ... FROM updated` writes a row only when the update
        // matched one: a missing or stale report still inserts nothing and is told apart below.
        // PostgreSQL types each parameter by the column it is inserted into (`INSERT ... SELECT`
        // leaves the select list's untyped parameters to the target columns).
        const rows = yield* revision === undefined
          ? sql<{ version: unknown; before: unknown }>`${update}`
          : sql<{
              version: unknown
              before: unknown
            }>`WITH updated AS (${update}), revised AS (INSERT INTO report_revisions (${sql.csv(
              Object.keys(revision).map((column) => sql`${sql(column)}`)
            )}) SELECT ${sql.csv(
              Object.values(revision).map((value) => sql`${value}`)
            )} FROM updated) SELECT version, before FROM updated`
        const row = rows[0]
        if (row === undefined)
          return yield* conflictOrNotFound(db, "reports", "report", report.id, report.version)
        return {
          version: Dialect.toNumber(row.version),
          before: row.before === null ? sameText : row.before,
          revisionWritten: revision !== undefined
        }
      }
      const stored = yield* sql<{
        content: unknown
      }>`SELECT content FROM reports WHERE id = ${report.id} AND version = ${report.version}`
      const version = yield* updateVersioned(
        db,
        "reports",
        "report",
        report.id,
        report.version,
        written(encoded)
      )
      const before = stored[0]?.content
      return { version, before: before === encoded.content ? sameText : before, revisionWritten: false }
    })

  const update = (report: Report.Report, newRevision?: Report.ReportRevision) => {
    const foreign = newRevision === undefined ? undefined : Contract.revisionOf(report, newRevision)
    if (foreign !== undefined) {
      // Errors come in the port's order: a missing or stale report before a broken rule.
      return read(
        Effect.flatMap(
          storedVersion(db, "reports", report.id),
          (
            actual
          ): Effect.Effect<
            never,
            StoreError.NotFound | StoreError.VersionConflict | StoreError.ConstraintViolation
          > =>
            actual === 0
              ? Effect.fail(new StoreError.NotFound({ entity: "report", id: report.id }))
              : actual !== report.version
                ? Effect.fail(
                    new StoreError.VersionConflict({
                      entity: "report",
                      id: report.id,
                      expected: report.version,
                      actual
                    })
                  )
                : Effect.fail(foreign)
        )
      )
    }
    return Effect.flatMap(
      Effect.flatMap(
        encodeReport(report),
        (
          encoded
        ): Effect.Effect<readonly [RawReport, RawRevision | undefined], StoreError.ConstraintViolation> =>
          newRevision === undefined
            ? Effect.succeed([encoded, undefined])
            : newRevision.content === report.content
              ? Effect.map(encodeRevisionBesideContent(newRevision), (r) => [
                  encoded,
                  { ...r, content: encoded.content }
                ])
              : Effect.map(encodeRevision(newRevision), (r) => [encoded, r])
      ),
      ([encoded, r]) =>
        write(
          db,
          "report",
          Effect.gen(function* () {
            // Submitting, returning and approving leave the figures as they are: the figure rows
            // are rewritten only when the stored figures differ (no delete and re-insert of 9 to
            // 16 rows on every status change). The same codec wrote the stored text, so unchanged
            // content is the same text and needs no parsing; only an edit of the content compares
            // the figures themselves.
            const readAs = readRow.get(report.content)
            const contentKept = readAs !== undefined && readAs.content === encoded.content
            const version = yield* updateReportRow(report, encoded, contentKept ? readAs : undefined, r)
            if (version.before !== sameText && !sameFigures(version.before, encoded.content))
              yield* replaceRows(db, "report_figures", "report_id", report.id, figures(report).rows, 3)
            if (r !== undefined && !version.revisionWritten)
              yield* sql`INSERT INTO report_revisions ${sql.insert(r)}`
            return yield* contentKept
              ? keptContent(report, encoded, version.version)
              : decodeOne({ ...encoded, version: version.version })
          }),
          diagnose(db, [
            Contract.write("report", [report], false),
            ...(newRevision === undefined ? [] : [Contract.write("reportRevision", [newRevision], true)])
          ])
        )
    )
  }

  const remove = (id: Ids.ReportId, version: number) =>
    read(
      sql.withTransaction(
        Effect.gen(function* () {
          const removable = sql`EXISTS (SELECT 1 FROM reports k WHERE k.id = ${id} AND k.version = ${version} AND k.status = 'draft' AND k.revision = 0)`
          yield* sql`DELETE FROM report_figures WHERE report_id = ${id} AND ${removable}`
          yield* sql`DELETE FROM report_revisions WHERE report_id = ${id} AND ${removable}`
          const deleted =
            yield* sql`DELETE FROM reports WHERE id = ${id} AND version = ${version} AND status = 'draft' AND revision = 0 RETURNING id`
          if (deleted.length > 0) return
          const rows = yield* sql<
            typeof StateRow.Encoded
          >`SELECT id, status, revision, version FROM reports WHERE id = ${id}`
          if (rows[0] === undefined)
            return yield* Effect.fail(new StoreError.NotFound({ entity: "report", id }))
          const found = yield* decodeState(rows[0])
          const actual = found.version
          if (actual !== version) {
            return yield* Effect.fail(
              new StoreError.VersionConflict({ entity: "report", id, expected: version, actual })
            )
          }
          const refused = Contract.removable({
            id,
            status: found.status,
            revision: found.revision
          })
          if (refused !== undefined) return yield* Effect.fail(refused)
          return yield* Effect.die(new Error(`report ${JSON.stringify(id)} was removable but not removed`))
        })
      )
    )

  const revisions = (id: Ids.ReportId) =>
    read(
      Effect.flatMap(
        sql<RawRevision>`SELECT ${sql.literal(revisionColumns)} FROM report_revisions v WHERE report_id = ${id} ORDER BY revision`,
        (rows) => Effect.forEach(rows, decodeRevisionRow)
      )
    )

  const revision = (id: Ids.ReportId, number: number) =>
    read(
      Effect.gen(function* () {
        const rows =
          yield* sql<RawRevision>`SELECT ${sql.literal(revisionColumns)} FROM report_revisions v WHERE report_id = ${id} AND revision = ${number}`
        const found = rows[0]
        if (found === undefined) {
          return yield* Effect.fail(
            new StoreError.NotFound({ entity: "reportRevision", id: `${id}#${number}` })
          )
        }
        return yield* decodeRevisionRow(found)
      })
    )

  const list = (query: ReportQuery, page?: Page.PageRequest) =>
    read(
      Effect.gen(function* () {
        const limit = Page.limitOf(page)
        const after = page?.after === undefined ? undefined : yield* Cursor.decode(page.after, 3)
        const where = [
          ...(query.periodId === undefined ? [] : [sql`r.period_id = ${query.periodId}`]),
          ...(query.programme === undefined ? [] : [sql`r.programme = ${query.programme}`]),
          ...(query.statuses === undefined ? [] : [sql.in("r.status", query.statuses)]),
          ...(query.unitIds === undefined ? [] : [sql.in("r.unit_id", query.unitIds)]),
          ...(query.within === undefined ? [] : [sql`r.unit_id IN (SELECT id FROM jurisdiction)`]),
          ...(after === undefined
            ? []
            : [sql`(r.unit_id, r.period_id, r.programme) > (${after[0]}, ${after[1]}, ${after[2]})`])
        ]
        const rows = yield* sql<RawReport>`
          ${query.within === undefined ? sql`` : sql`WITH RECURSIVE ${jurisdictionCte(sql, query.within.rootId, query.within.asOf)}`}
          SELECT ${sql.literal(columns)} FROM reports r WHERE ${sql.and(where)}
          ORDER BY r.unit_id, r.period_id, r.programme LIMIT ${limit + 1}`
        const reports = yield* Effect.forEach(rows, decodeRow)
        return pageOf(reports, limit, (r) => [r.unitId, r.periodId, r.programme])
      })
    )

  const consolidate = (query: ConsolidationQuery) =>
    read(
      Effect.gen(function* () {
        const root =
          yield* sql`SELECT u.id FROM units u WHERE u.id = ${query.rootId} AND ${validOn(sql, "u", query.asOf)}`
        if (root.length === 0)
          return yield* Effect.fail(new StoreError.NotFound({ entity: "unit", id: query.rootId }))
        if (query.statuses.length === 0) return { totals: {}, contributions: [] }
        /** The reports whose figures count: of the period and programme, in one of the statuses. */
        const counts = (alias: string) => {
          const r = sql.literal(alias)
          return sql`${r}.period_id = ${query.periodId} AND ${r}.programme = ${query.programme} AND ${r}.status IN ${sql.in(query.statuses)}`
        }
        const rows = yield* sql<
          { readonly kind: string; readonly indicator: string | null } & typeof ContributionRow.Encoded &
            typeof TotalRow.Encoded
        >`
          WITH RECURSIVE
          ${jurisdictionCte(sql, query.rootId, query.asOf)},
          ${carrierCtes(
            sql,
            db.dialect,
            sql`SELECT DISTINCT x.predecessor_id AS unit_id FROM successions x
              WHERE x.predecessor_id NOT IN (SELECT id FROM jurisdiction)
                AND EXISTS (SELECT 1 FROM reports r WHERE r.unit_id = x.predecessor_id AND ${counts("r")})`,
            query.asOf
          )},
          counted AS (
            SELECT r.id AS report_id, r.unit_id, r.unit_id AS counted_under, r.status, r.revision
            FROM jurisdiction j JOIN reports r ON r.unit_id = j.id
            WHERE ${counts("r")}
            UNION ALL
            SELECT r.id AS report_id, r.unit_id, t.carrier_id AS counted_under, r.status, r.revision
            FROM carried t JOIN reports r ON r.unit_id = t.unit_id
            WHERE t.carrier_id IN (SELECT id FROM jurisdiction) AND ${counts("r")}
          )
          SELECT 'c' AS kind, k.report_id, k.unit_id, k.counted_under, k.status, k.revision,
            CAST(NULL AS TEXT) AS indicator, CAST(NULL AS BIGINT) AS total
          FROM counted k
          UNION ALL
          SELECT 't' AS kind, NULL, NULL, NULL, NULL, NULL, f.indicator, CAST(SUM(f.value) AS BIGINT)
          FROM counted k JOIN report_figures f ON f.report_id = k.report_id
          GROUP BY f.indicator`
        const totals: Record<string, number> = {}
        const contributions: Array<Rollup.Contribution> = []
        for (const r of rows) {
          if (r.kind === "t" && r.indicator !== null) {
            const total = yield* decodeTotal(r)
            totals[total.indicator] = total.total
          } else if (r.kind === "c") {
            contributions.push(yield* decodeContribution(r))
          }
        }
        contributions.sort(Rollup.contributionOrder)
        return { totals, contributions }
      })
    )

  /**
   * Several roots in one statement per 500 roots: the jurisdiction CTE seeded with every root and
   * carrying its root's id, the history carriers of every unit with a counted report, and the sums
   * grouped by root and indicator. A report counts under its carrier only for a root whose
   * jurisdiction does not hold its unit itself, as `Rollup.countedUnder`.
   */
  const consolidateMany = (query: ConsolidationsQuery) =>
    read(
      Effect.gen(function* () {
        let rootIds: ReadonlyArray<Ids.UnitId>
        if (query.rootIds === undefined) {
          const rows = yield* sql<{ id: string }>`
            SELECT u.id FROM units u WHERE ${validOn(sql, "u", query.asOf)} AND NOT EXISTS (
              SELECT 1 FROM unit_parent l JOIN units p ON p.id = l.parent_id
              WHERE l.unit_id = u.id AND ${firstCoveringLink(sql, "l", query.asOf)} AND ${validOn(sql, "p", query.asOf)}
            )`
          rootIds = rows.map((r) => r.id as Ids.UnitId).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        } else {
          rootIds = [...new Set(query.rootIds)]
          const valid = new Set<string>()
          for (let start = 0; start < rootIds.length; start += rootsPerStatement) {
            const chunk = rootIds.slice(start, start + rootsPerStatement)
            const rows = yield* sql<{
              id: string
            }>`SELECT u.id FROM units u WHERE ${sql.in("u.id", chunk)} AND ${validOn(sql, "u", query.asOf)}`
            for (const r of rows) valid.add(r.id)
          }
          const missing = rootIds.find((id) => !valid.has(id))
          if (missing !== undefined)
            return yield* Effect.fail(new StoreError.NotFound({ entity: "unit", id: missing }))
        }
        if (rootIds.length === 1) {
          // One root: the one-root statement, which SQLite plans a little better.
          const { rootIds: _, ...rest } = query
          const rootId = rootIds[0]!
          return [{ rootId, consolidation: yield* consolidate({ ...rest, rootId }) }]
        }
        const parts = new Map<
          string,
          { totals: Record<string, number>; contributions: Array<Rollup.Contribution> }
        >(rootIds.map((id) => [id, { totals: {}, contributions: [] }]))
        if (query.statuses.length > 0) {
          const counts = (alias: string) => {
            const r = sql.literal(alias)
            return sql`${r}.period_id = ${query.periodId} AND ${r}.programme = ${query.programme} AND ${r}.status IN ${sql.in(query.statuses)}`
          }
          // SQLite keeps the join order of a `CROSS JOIN`: the counted reports drive the figure
          // rows (grouped by root, its planner would otherwise scan every figure row of the
          // store), and the few carried units drive their join.
          const inOrder = sql.literal(db.dialect === "sqlite" ? "CROSS JOIN" : "JOIN")
          for (let start = 0; start < rootIds.length; start += rootsPerStatement) {
            const chunk = rootIds.slice(start, start + rootsPerStatement)
            const rows = yield* sql<
              {
                readonly kind: string
                readonly root_id: string
                readonly indicator: string | null
              } & typeof ContributionRow.Encoded &
                typeof TotalRow.Encoded
            >`
              WITH RECURSIVE
              jurisdiction(root_id, id) AS (
                SELECT r.id, r.id FROM units r WHERE ${sql.in("r.id", chunk)} AND ${validOn(sql, "r", query.asOf)}
                UNION
                SELECT j.root_id, l.unit_id FROM jurisdiction j
                JOIN unit_parent l ON l.parent_id = j.id
                JOIN units c ON c.id = l.unit_id
                WHERE ${firstCoveringLink(sql, "l", query.asOf)} AND ${validOn(sql, "c", query.asOf)}
              ),
              ${carrierCtes(
                sql,
                db.dialect,
                sql`SELECT DISTINCT x.predecessor_id AS unit_id FROM successions x
                  WHERE EXISTS (SELECT 1 FROM reports r WHERE r.unit_id = x.predecessor_id AND ${counts("r")})`,
                query.asOf
              )},
              counted AS (
                SELECT j.root_id, r.id AS report_id, r.unit_id, r.unit_id AS counted_under, r.status, r.revision
                FROM jurisdiction j JOIN reports r ON r.unit_id = j.id
                WHERE ${counts("r")}
                UNION ALL
                SELECT j.root_id, r.id AS report_id, r.unit_id, t.carrier_id AS counted_under, r.status, r.revision
                FROM carried t
                ${inOrder} jurisdiction j ON j.id = t.carrier_id
                ${inOrder} reports r ON r.unit_id = t.unit_id
                WHERE ${counts("r")}
                  AND NOT EXISTS (SELECT 1 FROM jurisdiction o WHERE o.root_id = j.root_id AND o.id = t.unit_id)
              )
              SELECT 'c' AS kind, k.root_id, k.report_id, k.unit_id, k.counted_under, k.status, k.revision,
                CAST(NULL AS TEXT) AS indicator, CAST(NULL AS BIGINT) AS total
              FROM counted k
              UNION ALL
              SELECT 't' AS kind, k.root_id, NULL, NULL, NULL, NULL, NULL, f.indicator, CAST(SUM(f.value) AS BIGINT)
              FROM counted k ${inOrder} report_figures f ON f.report_id = k.report_id
              GROUP BY k.root_id, f.indicator`
            for (const r of rows) {
              const part = parts.get(r.root_id)
              if (part === undefined) continue
              if (r.kind === "t" && r.indicator !== null) {
                const total = yield* decodeTotal(r)
                part.totals[total.indicator] = total.total
              } else if (r.kind === "c") {
                part.contributions.push(yield* decodeContribution(r))
              }
            }
          }
        }
        return rootIds.map((rootId): Rollup.RootConsolidation => {
          const part = parts.get(rootId)!
          part.contributions.sort(Rollup.contributionOrder)
          return { rootId, consolidation: part }
        })
      })
    )

  /**
   * The jurisdiction (the recursive CTE `UnitRepository.jurisdiction` reads) joined to the
   * period's reports, in one statement: each unit's type and its report's events, of which only
   * the first submission is decoded.
   */
  const reporting = (query: ReportingQuery) =>
    read(
      Effect.gen(function* () {
        const rows = yield* sql<typeof ReporterRow.Encoded>`
          WITH RECURSIVE ${jurisdictionCte(sql, query.rootId, query.asOf)}
          SELECT u.id, u.type, r.events FROM jurisdiction j JOIN units u ON u.id = j.id
          LEFT JOIN reports r ON r.unit_id = u.id AND r.period_id = ${query.periodId} AND r.programme = ${query.programme}
          ORDER BY u.id`
        // The jurisdiction holds its root whenever the root is valid on the date.
        if (rows.length === 0)
          return yield* Effect.fail(new StoreError.NotFound({ entity: "unit", id: query.rootId }))
        const out: Array<Rollup.Reporter> = []
        for (const raw of rows) {
          const row = yield* decodeReporter(raw)
          const level = Unit.levelOf[row.type]
          const at = yield* firstSubmittedAt(row.id, row.events)
          out.push(
            at === undefined ? { unitId: row.id, level } : { unitId: row.id, level, firstSubmittedAt: at }
          )
        }
        return out
      })
    )

  return {
    get,
    find,
    insert,
    insertMany,
    update,
    remove,
    revisions,
    revision,
    list,
    consolidate,
    consolidateMany,
    reporting
  }
}

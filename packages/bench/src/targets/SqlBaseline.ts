/**
 * What the two SQL baselines share: a hand-written schema (one row per record with its JSON, the
 * columns the queries filter on, foreign keys, a long table of report figures for the rollup, and
 * the first submission's instant kept on the report for completeness), the rows each record
 * becomes, and the queries, with `?` placeholders that the PostgreSQL baseline renumbers.
 *
 * @since 0.1.0
 */
import type {
  Directive,
  DvkModel,
  Period,
  Programme,
  Report,
  Succession,
  Unit,
  ValidationRule
} from "@danvan/core"
import { Directive as DirectiveModule, DvkModel as DvkModelModule } from "@danvan/core"
import * as Hand from "./Hand.ts"
import type { ConsolidationResult, RollupResult } from "./Target.ts"

/** The tables, in creation order. @since 0.1.0 */
export const schema = (json: "TEXT" | "JSONB" = "TEXT") => [
  `CREATE TABLE reference (kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id))`,
  `CREATE TABLE units (id TEXT PRIMARY KEY, type TEXT NOT NULL, level TEXT NOT NULL, code TEXT, valid_from TEXT NOT NULL, valid_until TEXT, doc ${json} NOT NULL)`,
  `CREATE TABLE unit_parents (unit_id TEXT NOT NULL REFERENCES units (id), parent_id TEXT NOT NULL REFERENCES units (id), valid_from TEXT NOT NULL, valid_until TEXT, PRIMARY KEY (unit_id, valid_from))`,
  `CREATE INDEX unit_parents_parent ON unit_parents (parent_id, unit_id)`,
  `CREATE TABLE successions (id TEXT PRIMARY KEY, predecessor_id TEXT NOT NULL REFERENCES units (id), successor_id TEXT NOT NULL REFERENCES units (id), effective_date TEXT NOT NULL, carries_history INTEGER NOT NULL, doc ${json} NOT NULL)`,
  `CREATE INDEX successions_predecessor ON successions (predecessor_id)`,
  `CREATE TABLE directives (id TEXT PRIMARY KEY, programme TEXT NOT NULL, effective_from TEXT NOT NULL, effective_until TEXT, number_key TEXT NOT NULL UNIQUE, doc ${json} NOT NULL)`,
  `CREATE TABLE directive_replaces (directive_id TEXT NOT NULL REFERENCES directives (id), replaced_id TEXT NOT NULL REFERENCES directives (id), PRIMARY KEY (directive_id, replaced_id))`,
  `CREATE TABLE models (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units (id), phase_id TEXT NOT NULL, field_id TEXT NOT NULL, status TEXT NOT NULL, replica_of TEXT REFERENCES models (id), doc ${json} NOT NULL)`,
  `CREATE INDEX models_unit ON models (unit_id)`,
  `CREATE TABLE reports (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units (id), period_id TEXT NOT NULL, programme TEXT NOT NULL, status TEXT NOT NULL, revision INTEGER NOT NULL, first_submitted_at TEXT, version INTEGER NOT NULL, doc ${json} NOT NULL, UNIQUE (unit_id, period_id, programme))`,
  `CREATE INDEX reports_period ON reports (period_id, programme, status)`,
  `CREATE TABLE report_figures (report_id TEXT NOT NULL REFERENCES reports (id), indicator TEXT NOT NULL, value BIGINT NOT NULL, PRIMARY KEY (report_id, indicator))`,
  `CREATE TABLE report_revisions (report_id TEXT NOT NULL REFERENCES reports (id), revision INTEGER NOT NULL, doc ${json} NOT NULL, PRIMARY KEY (report_id, revision))`,
  `CREATE TABLE audit (id TEXT PRIMARY KEY, at TEXT NOT NULL, subject_id TEXT NOT NULL, doc ${json} NOT NULL)`
]

/** @since 0.1.0 */
export const unitRow = (u: Unit.Unit) =>
  [
    u.id,
    u.type,
    Hand.levelOf(u.type),
    u.code ?? null,
    u.validFrom,
    u.validUntil ?? null,
    JSON.stringify(u)
  ] as const
/** @since 0.1.0 */
export const parentRows = (u: Unit.Unit) =>
  u.parents.map((l) => [u.id, l.parentId, l.from, l.until ?? null] as const)
/** @since 0.1.0 */
export const successionRow = (s: Succession.Succession) =>
  [
    s.id,
    s.predecessorId,
    s.successorId,
    s.effectiveDate,
    s.carriesHistory ? 1 : 0,
    JSON.stringify(s)
  ] as const
/** @since 0.1.0 */
export const directiveRow = (d: Directive.Directive) =>
  [
    d.id,
    d.programme,
    d.effectiveFrom,
    d.effectiveUntil ?? null,
    DirectiveModule.numberingKey(d),
    JSON.stringify(d)
  ] as const
/** @since 0.1.0 */
export const replaceRows = (d: Directive.Directive) => d.replaces.map((r) => [d.id, r] as const)
/** @since 0.1.0 */
export const modelRow = (m: DvkModel.DvkModel) =>
  [
    m.id,
    m.unitId,
    m.phaseId,
    m.fieldId,
    DvkModelModule.statusOf(m),
    m.replicaOf ?? null,
    JSON.stringify(m)
  ] as const

/** The instant of a report's first submission. @since 0.1.0 */
export const firstSubmitted = (r: Pick<Report.Report, "events">): string | null => {
  for (const e of r.events) if (e._tag === "Submitted") return e.at
  return null
}

/** @since 0.1.0 */
export const reportRow = (r: Report.Report) =>
  [
    r.id,
    r.unitId,
    r.periodId,
    r.programme,
    r.status,
    r.revision,
    firstSubmitted(r),
    1,
    JSON.stringify(r)
  ] as const
/** @since 0.1.0 */
export const figureRows = (r: Report.Report) =>
  Hand.figureRows(r.content.figures).map(([k, v]) => [r.id, k, v] as const)
/** @since 0.1.0 */
export const revisionRow = (v: Report.ReportRevision) => [v.reportId, v.revision, JSON.stringify(v)] as const

/** Column lists of the insert statements. @since 0.1.0 */
export const inserts = {
  reference: ["reference", "kind, id, doc", 3],
  units: ["units", "id, type, level, code, valid_from, valid_until, doc", 7],
  parents: ["unit_parents", "unit_id, parent_id, valid_from, valid_until", 4],
  successions: ["successions", "id, predecessor_id, successor_id, effective_date, carries_history, doc", 6],
  directives: ["directives", "id, programme, effective_from, effective_until, number_key, doc", 6],
  replaces: ["directive_replaces", "directive_id, replaced_id", 2],
  models: ["models", "id, unit_id, phase_id, field_id, status, replica_of, doc", 7],
  reports: [
    "reports",
    "id, unit_id, period_id, programme, status, revision, first_submitted_at, version, doc",
    9
  ],
  figures: ["report_figures", "report_id, indicator, value", 3],
  revisions: ["report_revisions", "report_id, revision, doc", 3],
  audit: ["audit", "id, at, subject_id, doc", 4]
} as const

/** @since 0.1.0 */
export type Table = keyof typeof inserts

/** `INSERT INTO t (cols) VALUES (?, ?), (?, ?)` for `rows` rows. @since 0.1.0 */
export const insertSql = (table: Table, rows: number) => {
  const [name, columns, arity] = inserts[table]
  const one = `(${Array.from({ length: arity }, () => "?").join(", ")})`
  return `INSERT INTO ${name} (${columns}) VALUES ${Array.from({ length: rows }, () => one).join(", ")}`
}

const valid = (alias: string) =>
  `${alias}.valid_from <= ? AND (${alias}.valid_until IS NULL OR ? < ${alias}.valid_until)`

/**
 * The jurisdiction of the roots as of a date, as a recursive CTE named `j`. Parameters: the
 * roots, then the date three times over.
 *
 * @since 0.1.0
 */
export const jurisdictionCte = (roots: number) => `j (id) AS (
  SELECT u.id FROM units u WHERE u.id IN (${Array.from({ length: roots }, () => "?").join(", ")}) AND ${valid("u")}
  UNION
  SELECT p.unit_id FROM unit_parents p JOIN j ON p.parent_id = j.id JOIN units c ON c.id = p.unit_id
  WHERE ${valid("p")} AND ${valid("c")}
)`

/** Parameters of {@link jurisdictionCte}. @since 0.1.0 */
export const jurisdictionParams = (roots: ReadonlyArray<string>, asOf: string) => [
  ...roots,
  asOf,
  asOf,
  asOf,
  asOf,
  asOf,
  asOf
]

/**
 * The rollup in one statement: the jurisdiction; the history carriers of units outside it
 * (history-carrying successions in force by the date, each step later than the last; the last
 * step wins); the counted reports; and the sums of their figures by indicator. Rows with kind
 * `c` are counted reports, rows with kind `t` totals. Parameters: {@link jurisdictionParams},
 * the date, the date, the period, the programme.
 *
 * @since 0.1.0
 */
export const rollupSql = (roots: number) => `WITH RECURSIVE ${jurisdictionCte(roots)},
carrier (unit_id, carrier_id, effective, depth) AS (
  SELECT s.predecessor_id, s.successor_id, s.effective_date, 1 FROM successions s
  WHERE s.carries_history = 1 AND s.effective_date <= ?
  UNION ALL
  SELECT c.unit_id, s.successor_id, s.effective_date, c.depth + 1 FROM carrier c JOIN successions s ON s.predecessor_id = c.carrier_id
  WHERE s.carries_history = 1 AND s.effective_date <= ? AND s.effective_date > c.effective
),
last_carrier AS (
  SELECT c.unit_id, c.carrier_id FROM carrier c
  WHERE NOT EXISTS (SELECT 1 FROM carrier d WHERE d.unit_id = c.unit_id AND d.depth > c.depth)
),
counted AS (
  SELECT r.id AS report_id, r.unit_id, r.unit_id AS counted_under FROM reports r JOIN j ON j.id = r.unit_id
  WHERE r.period_id = ? AND r.programme = ? AND r.status = 'approved'
  UNION ALL
  SELECT r.id, r.unit_id, t.carrier_id FROM reports r JOIN last_carrier t ON t.unit_id = r.unit_id JOIN j ON j.id = t.carrier_id
  WHERE r.period_id = ? AND r.programme = ? AND r.status = 'approved' AND r.unit_id NOT IN (SELECT id FROM j)
)
SELECT 'c' AS kind, k.report_id, k.unit_id, k.counted_under, NULL AS indicator, NULL AS total FROM counted k
UNION ALL
SELECT 't', NULL, NULL, NULL, f.indicator, SUM(f.value) FROM counted k JOIN report_figures f ON f.report_id = k.report_id
GROUP BY f.indicator`

/** Parameters of {@link rollupSql}. @since 0.1.0 */
export const rollupParams = (
  roots: ReadonlyArray<string>,
  asOf: string,
  periodId: string,
  programme: string
) => [...jurisdictionParams(roots, asOf), asOf, asOf, periodId, programme, periodId, programme]

/**
 * Completeness: every unit of the jurisdiction but the root, with its level and the first
 * submission of its report of the period (if any). Parameters: {@link jurisdictionParams}, the
 * period, the programme, the root.
 *
 * @since 0.1.0
 */
export const completenessSql = `SELECT u.id, u.level, r.first_submitted_at FROM j JOIN units u ON u.id = j.id
  LEFT JOIN reports r ON r.unit_id = u.id AND r.period_id = ? AND r.programme = ?
  WHERE u.id <> ?`

/** A row of {@link completenessSql}. @since 0.1.0 */
export type CompletenessRow = {
  readonly id: string
  readonly level: Unit.UnitLevel
  readonly first_submitted_at: string | null
}

/**
 * The consolidation use case's answer from the rollup of the root and the rows of
 * {@link completenessSql}: each unit missing, late or on time against its level's deadline, and the
 * programme's rules the totals break.
 *
 * @since 0.1.0
 */
export const consolidation = (
  rollup: RollupResult,
  rows: ReadonlyArray<CompletenessRow>,
  q: { readonly programme: Programme.Programme; readonly periodId: Period.PeriodId },
  deadline: ReturnType<typeof Hand.deadlines>,
  rules: ReadonlyArray<ValidationRule.ValidationRule>
): ConsolidationResult => {
  let missing = 0
  let late = 0
  let onTime = 0
  for (const row of rows) {
    if (row.first_submitted_at === null) missing++
    else if (Hand.dayInVietnam(row.first_submitted_at) <= deadline(q.programme, q.periodId, row.level))
      onTime++
    else late++
  }
  const violations = Hand.violations(
    rules.filter((x) => x.programme === q.programme),
    rollup.totals
  )
  return { ...rollup, expected: rows.length, missing, late, onTime, violations }
}

/** The jurisdiction's ids, ordered. @since 0.1.0 */
export const jurisdictionSql = (roots: number) =>
  `WITH RECURSIVE ${jurisdictionCte(roots)} SELECT id FROM j ORDER BY id`

/**
 * Directives in force on a date: effective, not ended, not replaced by one in effect by then.
 * Parameters: the date four times.
 *
 * @since 0.1.0
 */
export const inForceSql = `SELECT d.id FROM directives d
  WHERE d.effective_from <= ? AND (d.effective_until IS NULL OR ? < d.effective_until)
  AND NOT EXISTS (SELECT 1 FROM directive_replaces x JOIN directives n ON n.id = x.directive_id WHERE x.replaced_id = d.id AND n.effective_from <= ?)
  ORDER BY d.effective_from, d.id`

/** What a submission writes. @since 0.1.0 */
export interface Submission {
  readonly at: string
  readonly revision: number
  readonly report: object
  readonly rev: object
  readonly audit: { readonly id: string }
}

/** What a submission writes, computed by hand from the stored report. @since 0.1.0 */
export const submission = (
  doc: Report.Report,
  actor: unknown,
  unitId: string,
  level: ReturnType<typeof Hand.levelOf>,
  deadline: (
    programme: Report.Report["programme"],
    periodId: Report.Report["periodId"],
    level: ReturnType<typeof Hand.levelOf>
  ) => string,
  now: Date
): Submission => {
  if (doc.unitId !== unitId) throw new Error(`the actor does not act for ${doc.unitId}`)
  if (doc.status !== "draft" && doc.status !== "returned" && doc.status !== "reopened")
    throw new Error(`report ${doc.id} is ${doc.status}`)
  if (!Hand.consistent(doc.content.figures)) throw new Error(`report ${doc.id}: inconsistent figures`)
  const at = now.toISOString()
  const onTime = Hand.dayInVietnam(at) <= deadline(doc.programme, doc.periodId, level)
  const revision = doc.revision + 1
  const report = {
    ...doc,
    status: "submitted",
    revision,
    events: [...doc.events, { _tag: "Submitted", at, by: actor, revision, onTime }],
    version: doc.version + 1
  }
  const rev = {
    reportId: doc.id,
    revision,
    content: doc.content,
    submittedAt: at,
    submittedBy: actor,
    onTime
  }
  const audit = {
    id: `audit-${doc.id}-${revision}`,
    at,
    actor,
    action: "report.submitted",
    subjectKind: "report",
    subjectId: doc.id,
    summary: `submitted ${doc.programme} report ${doc.periodId} of unit ${doc.unitId} as revision ${revision}`
  }
  return { at, revision, report, rev, audit }
}

/** A report's state, to check the `load` scenario: one row per report id. @since 0.1.0 */
export const stateSql = `SELECT r.id, r.status, r.revision, (SELECT COUNT(*) FROM report_revisions v WHERE v.report_id = r.id) AS revisions
  FROM reports r WHERE r.id = ?`

/**
 * The in-memory baseline: the same records in plain `Map`s and arrays, with the indexes a
 * hand-written program would keep (children by parent, reports by period and programme, a report
 * per unit, period and programme), and loops for every query. Records are kept as given (no
 * copy, no encoding), which is the fastest an in-memory store can be.
 *
 * @since 0.1.0
 */
import type { Actor, CalendarDate, Directive, DvkModel, Ids, Report, Succession, Unit } from "@danvan/core"
import { Directive as DirectiveModule } from "@danvan/core"
import type { Plan } from "../generate/Plan.ts"
import type { ProvinceChunk } from "../generate/Province.ts"
import * as Hand from "./Hand.ts"
import type {
  ConsolidationResult,
  Counted,
  ReportState,
  RollupQuery,
  RollupResult,
  Target
} from "./Target.ts"

/** A stored report: the record, as a plain object once submitted by the baseline. @since 0.1.0 */
export type StoredReport =
  | Report.Report
  | (Omit<Report.Report, "events"> & { readonly events: ReadonlyArray<unknown> })

const validOn = (u: Unit.Unit, d: string) =>
  u.validFrom <= d && (u.validUntil === undefined || d < u.validUntil)

const parentOn = (u: Unit.Unit, d: string): string | undefined => {
  for (const l of u.parents) if (l.from <= d && (l.until === undefined || d < l.until)) return l.parentId
  return undefined
}

/**
 * The records and indexes, shared by the in-memory and the JSON-file baselines.
 *
 * @since 0.1.0
 */
export class State {
  readonly units = new Map<string, Unit.Unit>()
  readonly children = new Map<string, Array<string>>()
  readonly successionsFrom = new Map<string, Array<Succession.Succession>>()
  readonly models = new Map<string, DvkModel.DvkModel>()
  readonly reports = new Map<string, StoredReport>()
  readonly slots = new Map<string, string>()
  readonly byPeriod = new Map<string, Set<string>>()
  readonly revisions = new Map<string, Array<unknown>>()
  readonly directives: Array<Directive.Directive> = []
  readonly numberKeys = new Set<string>()
  readonly audit: Array<unknown> = []
  readonly reference: Array<unknown> = []
  rules: ReadonlyArray<Plan["rules"][number]> = []
  readonly deadline = Hand.deadlines()

  addStatic(plan: Plan): number {
    this.reference.push(...plan.fields, ...plan.regimes, ...plan.rules)
    this.rules = plan.rules
    for (const d of plan.directives) this.addDirective(d)
    return plan.fields.length + plan.regimes.length + plan.rules.length + plan.directives.length
  }

  addUnits(chunk: ProvinceChunk): number {
    for (const u of chunk.units) {
      if (this.units.has(u.id)) throw new Error(`duplicate unit ${u.id}`)
      for (const l of u.parents) {
        if (!this.units.has(l.parentId)) throw new Error(`unit ${u.id}: missing parent ${l.parentId}`)
        const list = this.children.get(l.parentId)
        if (list === undefined) this.children.set(l.parentId, [u.id])
        else list.push(u.id)
      }
      this.units.set(u.id, u)
    }
    for (const s of chunk.successions) {
      const list = this.successionsFrom.get(s.predecessorId)
      if (list === undefined) this.successionsFrom.set(s.predecessorId, [s])
      else list.push(s)
    }
    return chunk.units.length + chunk.successions.length
  }

  addModels(chunk: ProvinceChunk): number {
    for (const m of chunk.models) {
      if (this.models.has(m.id) || !this.units.has(m.unitId)) throw new Error(`model ${m.id} refused`)
      if (m.replicaOf !== undefined && !this.models.has(m.replicaOf))
        throw new Error(`model ${m.id}: missing source`)
      this.models.set(m.id, m)
    }
    return chunk.models.length
  }

  addReports(chunk: ProvinceChunk): number {
    let n = 0
    for (const { report: r, revisions } of chunk.reports) {
      const slot = `${r.unitId}|${r.periodId}|${r.programme}`
      if (this.reports.has(r.id) || this.slots.has(slot) || !this.units.has(r.unitId))
        throw new Error(`report ${r.id} refused`)
      this.reports.set(r.id, r)
      this.slots.set(slot, r.id)
      const key = `${r.periodId}|${r.programme}`
      const set = this.byPeriod.get(key)
      if (set === undefined) this.byPeriod.set(key, new Set([r.id]))
      else set.add(r.id)
      if (revisions.length > 0) this.revisions.set(r.id, [...revisions])
      n += 1 + revisions.length
    }
    return n
  }

  addDirective(d: Directive.Directive) {
    const key = DirectiveModule.numberingKey(d)
    if (this.numberKeys.has(key)) throw new Error(`directive ${d.id}: number already used`)
    this.numberKeys.add(key)
    this.directives.push(d)
  }

  addDirectives(chunk: ProvinceChunk): number {
    for (const d of chunk.directives) this.addDirective(d)
    return chunk.directives.length
  }

  /** The jurisdiction as of a date, breadth first over the children index. */
  jurisdictionSet(roots: ReadonlyArray<string>, asOf: string, into = new Set<string>()): Set<string> {
    const queue: Array<string> = []
    for (const root of roots) {
      const u = this.units.get(root)
      if (u !== undefined && validOn(u, asOf) && !into.has(root)) {
        into.add(root)
        queue.push(root)
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!
      for (const c of this.children.get(id) ?? []) {
        if (into.has(c)) continue
        const child = this.units.get(c)!
        if (validOn(child, asOf) && parentOn(child, asOf) === id) {
          into.add(c)
          queue.push(c)
        }
      }
    }
    return into
  }

  /** The unit carrying a unit's history as of a date: history-carrying links, each later than the last. */
  carrier(unitId: string, asOf: string): string {
    let current = unitId
    let since = ""
    for (;;) {
      let next: Succession.Succession | undefined
      for (const s of this.successionsFrom.get(current) ?? []) {
        if (s.carriesHistory && s.effectiveDate <= asOf && s.effectiveDate > since) {
          if (next === undefined || s.effectiveDate < next.effectiveDate) next = s
        }
      }
      if (next === undefined) return current
      current = next.successorId
      since = next.effectiveDate
    }
  }

  rollup(query: RollupQuery): RollupResult {
    const j = this.jurisdictionSet(query.roots, query.asOf)
    const totals: Record<string, number> = {}
    const counted: Array<Counted> = []
    for (const id of this.byPeriod.get(`${query.periodId}|${query.programme}`) ?? []) {
      const r = this.reports.get(id)!
      if (r.status !== "approved") continue
      let under: string | undefined = j.has(r.unitId) ? r.unitId : undefined
      if (under === undefined && this.successionsFrom.has(r.unitId)) {
        const c = this.carrier(r.unitId, query.asOf)
        if (j.has(c)) under = c
      }
      if (under === undefined) continue
      Hand.addFigures(totals, r.content.figures)
      counted.push({ reportId: r.id, unitId: r.unitId, countedUnder: under })
    }
    counted.sort((a, b) => Hand.ascending(a.unitId, b.unitId) || Hand.ascending(a.reportId, b.reportId))
    return { totals, counted }
  }

  consolidate(query: Omit<RollupQuery, "roots"> & { readonly root: Ids.UnitId }): ConsolidationResult {
    const rollup = this.rollup({ ...query, roots: [query.root] })
    let expected = 0
    let missing = 0
    let late = 0
    let onTime = 0
    for (const id of this.jurisdictionSet([query.root], query.asOf)) {
      if (id === query.root) continue
      expected++
      const reportId = this.slots.get(`${id}|${query.periodId}|${query.programme}`)
      const report = reportId === undefined ? undefined : this.reports.get(reportId)
      let first: string | undefined
      for (const e of (report?.events ?? []) as ReadonlyArray<{
        readonly _tag: string
        readonly at: string
      }>) {
        if (e._tag === "Submitted") {
          first = e.at
          break
        }
      }
      if (first === undefined) missing++
      else if (
        Hand.dayInVietnam(first) <=
        this.deadline(query.programme, query.periodId, Hand.levelOf(this.units.get(id)!.type))
      )
        onTime++
      else late++
    }
    const rules = this.rules.filter((r) => r.programme === query.programme)
    return { ...rollup, expected, missing, late, onTime, violations: Hand.violations(rules, rollup.totals) }
  }

  jurisdiction(root: string, asOf: string): ReadonlyArray<string> {
    return [...this.jurisdictionSet([root], asOf)].sort(Hand.ascending)
  }

  directivesInForce(on: string): ReadonlyArray<string> {
    const replaced = new Set<string>()
    for (const d of this.directives) if (d.effectiveFrom <= on) for (const r of d.replaces) replaced.add(r)
    return this.directives
      .filter(
        (d) =>
          d.effectiveFrom <= on &&
          (d.effectiveUntil === undefined || on < d.effectiveUntil) &&
          !replaced.has(d.id)
      )
      .sort((a, b) => Hand.ascending(a.effectiveFrom, b.effectiveFrom) || Hand.ascending(a.id, b.id))
      .map((d) => d.id)
  }

  /** Submits a report in memory; returns what a durable store would write. */
  /** The stored state of reports, read back by the `load` scenario's check. */
  states(ids: ReadonlyArray<string>): Array<ReportState> {
    return ids.map((id) => {
      const r = this.reports.get(id)
      if (r === undefined) throw new Error(`no report ${id}`)
      return { id, status: r.status, revision: r.revision, revisions: this.revisions.get(id)?.length ?? 0 }
    })
  }

  submit(actor: Actor.Actor, reportId: string, now: Date) {
    const r = this.reports.get(reportId)
    if (r === undefined) throw new Error(`no report ${reportId}`)
    if (r.unitId !== actor.unitId) throw new Error(`${actor.personId} does not act for ${r.unitId}`)
    if (r.status !== "draft" && r.status !== "returned" && r.status !== "reopened")
      throw new Error(`report ${reportId} is ${r.status}`)
    if (!Hand.consistent(r.content.figures)) throw new Error(`report ${reportId}: inconsistent figures`)
    const at = now.toISOString()
    const unit = this.units.get(r.unitId)!
    const onTime = Hand.dayInVietnam(at) <= this.deadline(r.programme, r.periodId, Hand.levelOf(unit.type))
    const revision = r.revision + 1
    const submitted: StoredReport = {
      ...r,
      status: "submitted",
      revision,
      events: [...r.events, { _tag: "Submitted", at, by: actor, revision, onTime }],
      version: r.version + 1
    }
    const rev = { reportId, revision, content: r.content, submittedAt: at, submittedBy: actor, onTime }
    const audit = {
      id: `audit-${reportId}-${revision}`,
      at,
      actor,
      action: "report.submitted",
      subjectKind: "report",
      subjectId: reportId,
      summary: `submitted ${r.programme} report ${r.periodId} of unit ${r.unitId} as revision ${revision}`
    }
    this.reports.set(reportId, submitted)
    const list = this.revisions.get(reportId)
    if (list === undefined) this.revisions.set(reportId, [rev])
    else list.push(rev)
    this.audit.push(audit)
    return { report: submitted, revision: rev, audit }
  }
}

/**
 * The in-memory baseline target.
 *
 * @since 0.1.0
 */
export const make = (): Target => {
  const state = new State()
  return {
    adapter: "memory",
    implementation: "baseline",
    importStatic: async (plan) => state.addStatic(plan),
    importUnits: async (chunk) => state.addUnits(chunk),
    importModels: async (chunk) => state.addModels(chunk),
    importReports: async (chunk) => state.addReports(chunk),
    importDirectives: async (chunk) => state.addDirectives(chunk),
    finishImport: async () => {},
    settle: async () => {},
    rollup: async (query) => state.rollup(query),
    consolidate: async (_actor, query) => state.consolidate(query),
    jurisdiction: async (root, asOf: CalendarDate.CalendarDate) => state.jurisdiction(root, asOf),
    directivesInForce: async (on) => state.directivesInForce(on),
    submit: async (actor, reportId) => {
      state.submit(actor, reportId, new Date())
    },
    states: async (ids) => state.states(ids),
    // Nothing here can be busy: one process, one map.
    retryable: () => false,
    close: async () => {}
  }
}

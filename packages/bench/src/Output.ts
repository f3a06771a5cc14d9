/**
 * The results of a run as a Markdown table per adapter (each figure for danvan and its baseline,
 * their ratio, and whether the two gave the same answers, and the answers the generator knows),
 * the targets and where each stands, and the JSON of everything measured.
 *
 * @since 0.1.0
 */
import type { VariantResult } from "./csv/CsvImport.ts"
import type { CsvList } from "./csv/CsvList.ts"
import type { Options } from "./Options.ts"
import type { Answer, TargetResult, Timing } from "./Run.ts"
import type { AdapterName } from "./targets/Target.ts"

/** A target that failed to run, and why. @since 0.1.0 */
export interface Failure {
  readonly adapter: AdapterName | "csv"
  readonly implementation: string
  readonly error: string
}

/** The CSV import scenario: the list written and each variant's measurements. @since 0.1.0 */
export interface CsvReport {
  readonly list: CsvList
  readonly results: ReadonlyArray<VariantResult>
}

/** @since 0.1.0 */
export interface RunReport {
  readonly startedAt: string
  readonly options: Omit<Options, "pgUrl" | "out">
  readonly machine: {
    readonly node: string
    readonly cpus: string
    readonly cores: number
    readonly memory: number
    readonly platform: string
  }
  readonly wallSeconds: number
  readonly results: ReadonlyArray<TargetResult>
  readonly csv?: CsvReport
  readonly failures: ReadonlyArray<Failure>
}

const mib = (bytes: number) => bytes / 2 ** 20
const fmt = (x: number | undefined, digits = 0) =>
  x === undefined || Number.isNaN(x)
    ? "–"
    : x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
const ms = (x: number | undefined) =>
  x === undefined ? "–" : x < 1 ? fmt(x, 3) : x < 100 ? fmt(x, 2) : fmt(x, 0)
/** danvan / baseline; none when the baseline is at most `floor` (a heap of a few bytes). */
const ratio = (a: number | undefined, b: number | undefined, floor = 0) =>
  a === undefined || b === undefined || Math.abs(b) <= floor ? "–" : (a / b).toFixed(a / b < 0.1 ? 3 : 2)

interface Row {
  readonly scenario: string
  readonly unit: string
  readonly danvan?: number
  readonly baseline?: number
  readonly format: (x: number | undefined) => string
  readonly check: string
  /** No ratio when the baseline is at most this (a heap of a few bytes). */
  readonly floor?: number
}

const agree = (
  d: Answer | undefined,
  b: Answer | undefined,
  expected?: { readonly size: number; readonly totals?: string }
) => {
  if (d === undefined || b === undefined) return "–"
  const problems: Array<string> = []
  if (d.digest !== b.digest) problems.push(`danvan and baseline differ (${d.size} vs ${b.size})`)
  if (expected !== undefined) {
    for (const [who, a] of [
      ["danvan", d],
      ["baseline", b]
    ] as const) {
      if (a.size !== expected.size || (expected.totals !== undefined && a.totals !== expected.totals)) {
        problems.push(`${who} ≠ generated (${a.size} vs ${expected.size})`)
      }
    }
  }
  return problems.length === 0 ? "✓ same" : `✗ ${problems.join("; ")}`
}

/**
 * The `load` scenario's check: each side's submitted reports read back as the generator expects
 * (every one submitted exactly once, none failed), and danvan's the same as the baseline's.
 *
 * @since 0.1.0
 */
export const loadCheck = (d: TargetResult["concurrency"], b: TargetResult["concurrency"]): string => {
  if (d === undefined || b === undefined) return "–"
  const problems: Array<string> = []
  for (const [who, l] of [
    ["danvan", d],
    ["baseline", b]
  ] as const) {
    const failed = l.inProcess.failed + (l.processes?.failed ?? 0)
    if (failed > 0)
      problems.push(
        `${who}: ${failed} submissions failed (${l.inProcess.firstError ?? l.processes?.firstError})`
      )
    if (l.problems.length > 0) problems.push(`${who}: ${l.problems.join(", ")}`)
    if (l.stored.size !== l.expected.size || l.stored.digest !== l.expected.digest)
      problems.push(`${who} ≠ generated (${l.stored.size} vs ${l.expected.size})`)
  }
  if (d.stored.digest !== b.stored.digest)
    problems.push(`danvan and baseline differ (${d.stored.size} vs ${b.stored.size})`)
  return problems.length === 0 ? "✓ same" : `✗ ${problems.join("; ")}`
}

const rate = (k: { readonly records: number; readonly ms: number } | undefined) =>
  k === undefined || k.ms === 0 ? undefined : (k.records / k.ms) * 1000

/** The rows of one adapter. @since 0.1.0 */
export const rows = (d: TargetResult | undefined, b: TargetResult | undefined): ReadonlyArray<Row> => {
  const out: Array<Row> = []
  const count = (x: number | undefined) => fmt(x)
  const sameCount = (a: number | undefined, c: number | undefined) =>
    a === undefined || c === undefined ? "–" : a === c ? "✓ same records" : `✗ ${a} vs ${c} records`
  for (const [kind, label] of [
    ["units", "import units + successions"],
    ["models", "import models"],
    ["reports", "import reports + revisions"],
    ["directives", "import directives"]
  ] as const) {
    out.push({
      scenario: label,
      unit: "records/s",
      ...opt("danvan", rate(d?.import.kinds[kind])),
      ...opt("baseline", rate(b?.import.kinds[kind])),
      format: count,
      check: sameCount(d?.import.kinds[kind].records, b?.import.kinds[kind].records)
    })
  }
  out.push({
    scenario: "import finish (JSON write / compaction)",
    unit: "s",
    ...opt("danvan", d === undefined ? undefined : d.import.kinds.finish.ms / 1000),
    ...opt("baseline", b === undefined ? undefined : b.import.kinds.finish.ms / 1000),
    format: (x) => fmt(x, 2),
    check: "–"
  })
  out.push({
    scenario: "**import, all records**",
    unit: "records/s",
    ...opt("danvan", rate(d?.import.total)),
    ...opt("baseline", rate(b?.import.total)),
    format: count,
    check: sameCount(d?.import.total.records, b?.import.total.records)
  })
  const time = (
    label: string,
    f: (r: TargetResult) => Timing | undefined,
    expected?: (r: TargetResult) => { readonly size: number; readonly totals?: string }
  ) => {
    const td = d === undefined ? undefined : f(d)
    const tb = b === undefined ? undefined : f(b)
    if (td === undefined && tb === undefined) return
    const e = (d ?? b) === undefined || expected === undefined ? undefined : expected((d ?? b)!)
    out.push({
      scenario: label,
      unit: "ms",
      ...opt("danvan", td?.ms.median),
      ...opt("baseline", tb?.ms.median),
      format: ms,
      check: agree(td?.answer, tb?.answer, e)
    })
  }
  const size = (r: TargetResult | undefined, f: (r: TargetResult) => Timing | undefined) => {
    const t = r === undefined ? undefined : f(r)
    return t === undefined ? "" : ` (${fmt(t.answer.size)})`
  }
  time(
    `**rollup, whole country**${size(d ?? b, (r) => r.rollup?.country)} reports`,
    (r) => r.rollup?.country,
    (r) => r.expected.country
  )
  time(
    `rollup, largest province${size(d ?? b, (r) => r.rollup?.province)} reports`,
    (r) => r.rollup?.province,
    (r) => r.expected.province
  )
  time("consolidation use case, province", (r) => r.rollup?.useCase)
  time(
    `jurisdiction, province${size(d ?? b, (r) => r.queries?.jurisdictionProvince)} units`,
    (r) => r.queries?.jurisdictionProvince,
    (r) => ({ size: r.expected.jurisdictionProvince })
  )
  time(
    `jurisdiction, district${size(d ?? b, (r) => r.queries?.jurisdictionDistrict)} units`,
    (r) => r.queries?.jurisdictionDistrict,
    (r) => ({ size: r.expected.jurisdictionDistrict })
  )
  time(
    `directives in force${size(d ?? b, (r) => r.queries?.directives)}`,
    (r) => r.queries?.directives,
    (r) => r.expected.directives
  )
  // The first call of each query (not part of the median above), for danvan and the baseline alike.
  const first = (label: string, f: (r: TargetResult) => Timing | undefined) => {
    const td = d === undefined ? undefined : f(d)
    const tb = b === undefined ? undefined : f(b)
    if (td?.firstMs === undefined && tb?.firstMs === undefined) return
    out.push({
      scenario: `${label}, first call`,
      unit: "ms",
      ...opt("danvan", td?.firstMs),
      ...opt("baseline", tb?.firstMs),
      format: ms,
      check: agree(td?.answer, tb?.answer)
    })
  }
  first("jurisdiction, province", (r) => r.queries?.jurisdictionProvince)
  first("directives in force", (r) => r.queries?.directives)
  if (d?.submit !== undefined || b?.submit !== undefined) {
    for (const [label, key] of [
      ["**submit one report, median**", "median"],
      ["submit one report, p95", "p95"],
      ["submit one report, max", "max"]
    ] as const) {
      out.push({
        scenario:
          label + (key === "median" ? ` (${d?.submit?.ms.count ?? b?.submit?.ms.count} reports)` : ""),
        unit: "ms",
        ...opt("danvan", d?.submit?.ms[key]),
        ...opt("baseline", b?.submit?.ms[key]),
        format: ms,
        check: "–"
      })
    }
    // What the p95 is made of: CPU time (the scheduler, when far below the wall time), GC pauses,
    // and how long the scenario waited for the bench's own collection to finish (rows left out of
    // results recorded before they were).
    const recorded = <T>(
      label: string,
      pick: (r: TargetResult) => T | undefined,
      value: (t: T) => number,
      detail?: (t: T) => string
    ) => {
      const [td, tb] = [d, b].map((r) => (r === undefined ? undefined : pick(r)))
      if (td === undefined && tb === undefined) return
      out.push({
        scenario: label,
        unit: "ms",
        ...opt("danvan", td === undefined ? undefined : value(td)),
        ...opt("baseline", tb === undefined ? undefined : value(tb)),
        format: ms,
        check:
          detail === undefined
            ? "–"
            : [d, b]
                .flatMap((r) => {
                  const t = r === undefined ? undefined : pick(r)
                  return t === undefined ? [] : [`${r!.implementation}: ${detail(t)}`]
                })
                .join("; ")
      })
    }
    recorded(
      "submit one report, CPU time p95",
      (r) => r.submit?.cpuMs,
      (t) => t.p95
    )
    recorded(
      "submit, GC pauses in the scenario (count, ms)",
      (r) => r.submit?.gc,
      (t) => t.ms,
      (t) =>
        `${t.pauses}, longest ${ms(t.longestMs)} ms, in ${t.slowestWithPause} of the ${t.slowest} slowest`
    )
    recorded(
      "submit, wait for the collection's background work before it",
      (r) => r.submit?.settled,
      (t) => t.waitedMs,
      (t) => `${ms(t.backgroundCpuMs)} ms of other threads' CPU`
    )
  }
  if (d?.concurrency !== undefined || b?.concurrency !== undefined) {
    const check = loadCheck(d?.concurrency, b?.concurrency)
    for (const [phase, words] of [
      ["inProcess", "at once"],
      ["processes", "at once from 4 processes"]
    ] as const) {
      const dl = d?.concurrency?.[phase]
      const bl = b?.concurrency?.[phase]
      if (dl === undefined && bl === undefined) continue
      const n = dl?.submissions ?? bl?.submissions
      out.push(
        {
          scenario: `**load: ${fmt(n)} submissions ${words}, throughput**`,
          unit: "submissions/s",
          ...opt("danvan", dl?.throughput),
          ...opt("baseline", bl?.throughput),
          format: (x) => fmt(x),
          check
        },
        {
          scenario: `load ${words}, median`,
          unit: "ms",
          ...opt("danvan", dl?.ms.median),
          ...opt("baseline", bl?.ms.median),
          format: ms,
          check: "–"
        },
        {
          scenario: `load ${words}, p95`,
          unit: "ms",
          ...opt("danvan", dl?.ms.p95),
          ...opt("baseline", bl?.ms.p95),
          format: ms,
          check: "–"
        },
        {
          scenario: `load ${words}, retries (retryable errors)`,
          unit: "count",
          ...opt("danvan", dl?.retries),
          ...opt("baseline", bl?.retries),
          format: (x) => fmt(x),
          check: "–",
          floor: 0
        }
      )
    }
  }
  const memory = (label: string, f: (r: TargetResult) => number | undefined) => {
    if ((d === undefined || f(d) === undefined) && (b === undefined || f(b) === undefined)) return
    out.push({
      scenario: label,
      unit: "MiB",
      ...opt("danvan", d === undefined ? undefined : mibOf(f(d))),
      ...opt("baseline", b === undefined ? undefined : mibOf(f(b))),
      format: count,
      check: "–",
      floor: 1
    })
  }
  memory("RSS before the import", (r) => r.rssBeforeImport)
  memory("peak RSS, import", (r) => r.import.peakRss)
  memory("RSS after the import (after GC)", (r) => r.import.rssAfter)
  memory("JS heap held after the import (after GC)", (r) => Math.max(0, r.import.heapRetained))
  memory("peak RSS, rollup", (r) => r.rollup?.peakRss)
  memory("peak RSS, queries", (r) => r.queries?.peakRss)
  memory("peak RSS, submit", (r) => r.submit?.peakRss)
  memory("peak RSS, load", (r) => r.concurrency?.peakRss)
  memory("**peak RSS of the process**", peakOf)
  return out
}

/** The process's peak: the largest of the scenarios' peaks and what the process reported. @since 0.1.0 */
export const peakOf = (r: TargetResult): number =>
  Math.max(
    r.maxRss,
    r.import.peakRss,
    r.rollup?.peakRss ?? 0,
    r.queries?.peakRss ?? 0,
    r.submit?.peakRss ?? 0,
    r.concurrency?.peakRss ?? 0
  )

const mibOf = (bytes: number | undefined) => (bytes === undefined ? undefined : mib(bytes))

function opt<K extends "danvan" | "baseline">(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>)
}

const table = (rs: ReadonlyArray<Row>) => [
  "| scenario | unit | danvan | baseline | danvan / baseline | answers |",
  "| --- | --- | ---: | ---: | ---: | --- |",
  ...rs.map(
    (r) =>
      `| ${r.scenario} | ${r.unit} | ${r.format(r.danvan)} | ${r.format(r.baseline)} | ${ratio(r.danvan, r.baseline, r.floor)} | ${r.check} |`
  )
]

const find = (results: ReadonlyArray<TargetResult>, adapter: AdapterName, implementation: string) =>
  results.find((r) => r.adapter === adapter && r.implementation === implementation)

/** Where each target of issue 9 stands in this run. @since 0.1.0 */
export const targets = (report: RunReport): ReadonlyArray<string> => {
  const lines: Array<string> = []
  const r = report.results
  const mark = (ok: boolean | undefined) => (ok === undefined ? "–" : ok ? "met" : "**missed**")
  for (const adapter of ["sqlite", "postgres"] as const) {
    const d = rate(find(r, adapter, "danvan")?.import.total)
    const b = rate(find(r, adapter, "baseline")?.import.total)
    if (d !== undefined && b !== undefined) {
      lines.push(
        `| bulk import ≥ 0.5 × baseline throughput, ${adapter} | ${ratio(d, b)} × (${fmt(d)} vs ${fmt(b)} records/s) | ${mark(d / b >= 0.5)} |`
      )
    }
  }
  for (const adapter of ["memory", "sqlite", "postgres", "json"] as const) {
    const d = find(r, adapter, "danvan")?.rollup?.country.ms.median
    const b = find(r, adapter, "baseline")?.rollup?.country.ms.median
    if (d !== undefined && b !== undefined) {
      lines.push(
        `| national rollup ≤ 2 × baseline time, ${adapter} | ${ratio(d, b)} × (${ms(d)} vs ${ms(b)} ms) | ${mark(d / b <= 2)} |`
      )
    }
  }
  for (const adapter of ["memory", "sqlite"] as const) {
    const d = find(r, adapter, "danvan")?.submit?.ms.median
    if (d !== undefined)
      lines.push(`| one submission < 5 ms median, ${adapter} | ${ms(d)} ms | ${mark(d < 5)} |`)
  }
  const json = find(r, "json", "danvan")
  if (json?.submit !== undefined) {
    lines.push(
      `| JSON submission flat in store size | median ${ms(json.submit.ms.median)} ms, p95 ${ms(json.submit.ms.p95)} ms with ${fmt(json.import.total.records)} records stored | compare across scales |`
    )
  }
  const memory = find(r, "memory", "danvan")
  if (memory !== undefined) {
    const peak = mib(peakOf(memory))
    lines.push(
      `| full in-memory country < 1 GiB peak | ${fmt(peak)} MiB at scale ${report.options.scale} | ${report.options.scale < 1 ? "only at scale 1" : mark(peak < 1024)} |`
    )
  }
  return lines.length === 0 ? [] : ["| target | this run | status |", "| --- | --- | --- |", ...lines]
}

/**
 * The Markdown report of a run.
 *
 * @since 0.1.0
 */
export const markdown = (report: RunReport): string => {
  const r = report.results
  const first = r[0]
  const lines: Array<string> = [
    `# danvan benchmark: scale ${report.options.scale}, seed ${report.options.seed}`,
    "",
    `${report.startedAt}; Node ${report.machine.node}; ${report.machine.cores} × ${report.machine.cpus}; ${fmt(mib(report.machine.memory))} MiB; ${report.wallSeconds.toFixed(0)} s in all.`,
    first === undefined
      ? ""
      : `Data: ${first.provinces} ${first.provinces === 1 ? "province" : "provinces"}, ${fmt(first.import.total.records)} records (${fmt(first.import.kinds.units.records)} units and successions, ${fmt(first.import.kinds.models.records)} models, ${fmt(first.import.kinds.reports.records)} reports and revisions, ${fmt(first.import.kinds.directives.records + first.import.kinds.static.records)} directives and reference records). Memory: ${first.memoryMethod}, each target in its own process.`,
    ""
  ]
  for (const adapter of report.options.adapters) {
    const d = find(r, adapter, "danvan")
    const b = find(r, adapter, "baseline")
    if (d === undefined && b === undefined) continue
    lines.push(`## ${adapter}`, "", ...table(rows(d, b)), "")
    const load = [d, b]
      .filter((x) => x !== undefined)
      .map((x) => `${x!.implementation} ${x!.load[0].toFixed(1)}–${x!.load[1].toFixed(1)}`)
    lines.push(`Load average (1 min) while running: ${load.join(", ")}.`, "")
    const uc = d?.rollup?.useCase.completeness ?? b?.rollup?.useCase.completeness
    if (uc !== undefined) lines.push(`Consolidation use case, province: ${uc}.`, "")
  }
  if (report.csv !== undefined) lines.push(...csvSection(report.csv))
  const t = targets(report)
  if (t.length > 0) lines.push("## Targets", "", ...t, "")
  if (report.failures.length > 0) {
    lines.push("## Failures", "")
    for (const f of report.failures)
      lines.push(`- ${f.adapter} ${f.implementation}: ${f.error.split("\n")[0]}`)
    lines.push("")
  }
  return lines.join("\n")
}

/**
 * The CSV import's table: each variant's time, throughput and peak memory, against reading the
 * file alone; and whether both imports found the same units and the rows the generator spoiled.
 *
 * @since 0.1.0
 */
export const csvSection = (csv: CsvReport): ReadonlyArray<string> => {
  const { list } = csv
  const read = csv.results.find((r) => r.variant === "read")
  const imports = csv.results.filter((r) => r.variant !== "read")
  const expected = list.provinces + list.districts + list.communes
  const check = (r: VariantResult) => {
    const problems: Array<string> = []
    if (r.records !== expected) problems.push(`${fmt(r.records)} units, ${fmt(expected)} expected`)
    if (r.rejected !== list.badCodes) problems.push(`${r.rejected} rejected, ${list.badCodes} expected`)
    if (imports.some((o) => o.digest !== r.digest)) problems.push("the two imports differ")
    return problems.length === 0 ? "✓" : `✗ ${problems.join("; ")}`
  }
  const label: Record<string, string> = {
    read: "read and decode the file (baseline)",
    chunks: "`fromStatisticsCsvChunks` (file stream)",
    text: "`fromStatisticsCsv` (whole text)"
  }
  return [
    "## Statistics-office CSV import",
    "",
    `A three-tier unit list of ${fmt(list.bytes / 1e6, 1)} MB: ${fmt(list.rows)} rows (${list.provinces} provinces, ${list.districts} districts, ${fmt(list.communes + list.badCodes)} communes, ${list.badCodes} with a code that lost its leading zeros), with the export's English-name and notes columns. Each variant in a process of its own.`,
    "",
    "| variant | time, s | MB/s | vs baseline | peak RSS, MiB | RSS before, MiB | units | rejected | check |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...csv.results.map(
      (r) =>
        `| ${label[r.variant] ?? r.variant} | ${fmt(r.ms / 1000, 2)} | ${fmt(list.bytes / 1e6 / (r.ms / 1000), 1)} | ${r.variant === "read" ? "–" : ratio(r.ms, read?.ms)} | ${fmt(mib(r.peakRss))} | ${fmt(mib(r.rssBefore))} | ${r.variant === "read" ? "–" : fmt(r.records)} | ${r.variant === "read" ? "–" : fmt(r.rejected)} | ${r.variant === "read" ? `${fmt(r.records)} lines` : check(r)} |`
    ),
    ""
  ]
}

/**
 * One compact table of a run: the headline figures per adapter as `danvan / baseline (ratio)`, for
 * documents that compare scales.
 *
 * @since 0.1.0
 */
export const summary = (report: RunReport): string => {
  const r = report.results
  const adaptersRun = report.options.adapters.filter(
    (a) => find(r, a, "danvan") !== undefined || find(r, a, "baseline") !== undefined
  )
  const cell = (
    d: number | undefined,
    b: number | undefined,
    format: (x: number | undefined) => string,
    floor: number
  ) => `${format(d)} / ${format(b)} (${ratio(d, b, floor)})`
  const metrics: ReadonlyArray<
    readonly [string, (x: TargetResult) => number | undefined, (x: number | undefined) => string, number?]
  > = [
    ["import, records/s", (x) => rate(x.import.total), (x) => fmt(x)],
    ["national rollup, ms", (x) => x.rollup?.country.ms.median, ms],
    ["province rollup, ms", (x) => x.rollup?.province.ms.median, ms],
    ["consolidation use case, ms", (x) => x.rollup?.useCase.ms.median, ms],
    ["jurisdiction of the province, ms", (x) => x.queries?.jurisdictionProvince.ms.median, ms],
    ["directives in force, ms", (x) => x.queries?.directives.ms.median, ms],
    ["submit, median ms", (x) => x.submit?.ms.median, ms],
    ["submit, p95 ms", (x) => x.submit?.ms.p95, ms],
    ["load at once, submissions/s", (x) => x.concurrency?.inProcess.throughput, (x) => fmt(x)],
    ["load at once, p95 ms", (x) => x.concurrency?.inProcess.ms.p95, ms],
    ["load from 4 processes, submissions/s", (x) => x.concurrency?.processes?.throughput, (x) => fmt(x)],
    ["load from 4 processes, p95 ms", (x) => x.concurrency?.processes?.ms.p95, ms],
    ["peak RSS, MiB", (x) => mib(peakOf(x)), (x) => fmt(x)],
    ["JS heap held by the store, MiB", (x) => Math.max(0, mib(x.import.heapRetained)), (x) => fmt(x), 1]
  ]
  const lines = [
    `| danvan / baseline (ratio) | ${adaptersRun.join(" | ")} |`,
    `| --- | ${adaptersRun.map(() => "---").join(" | ")} |`
  ]
  for (const [label, f, format, floor = 0] of metrics) {
    const cells = adaptersRun.map((a) => {
      const d = find(r, a, "danvan")
      const b = find(r, a, "baseline")
      return cell(d === undefined ? undefined : f(d), b === undefined ? undefined : f(b), format, floor)
    })
    lines.push(`| ${label} | ${cells.join(" | ")} |`)
  }
  const answers = adaptersRun.flatMap((a) =>
    rows(find(r, a, "danvan"), find(r, a, "baseline"))
      .filter((row) => row.check.startsWith("✗"))
      .map((row) => `${a}: ${row.scenario}: ${row.check}`)
  )
  lines.push(
    "",
    answers.length === 0
      ? "Every answer agreed between danvan, the baseline and the generator."
      : `Answers that differ: ${answers.join("; ")}.`
  )
  return lines.join("\n")
}

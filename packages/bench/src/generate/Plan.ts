/**
 * What a run generates: the provinces a scale selects from the real unit list, and the data every
 * store gets before the provinces (model fields, reporting regimes, validation rules, national
 * directives).
 *
 * The unit list is the statistics office's three-tier list of early 2025
 * (`../shared/domain/units/units-2024-three-tier.json`: 63 provinces, 696 district-level units,
 * 10,035 communes), read in place. A scale below 1 takes a subset of whole provinces whose
 * territorial units add up to about that share of the country, chosen by the seed; everything
 * generated below them (grassroots units, models, reports) follows from the communes, so it
 * scales in proportion.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Directive, Regime, ValidationRule } from "@danvan/core"
import { ModelField, Validation } from "@danvan/core"
import { regimeOf } from "./Calendar.ts"
import { nationalDirectives } from "./Directives.ts"
import * as Random from "./Random.ts"

/** The unit list, relative to the repository's root. @since 0.1.0 */
export const defaultUnitsFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../shared/domain/units/units-2024-three-tier.json"
)

/** A province of the dataset, as read. @since 0.1.0 */
export interface SourceProvince {
  readonly Code: string
  readonly Name: string
  readonly FullName: string
  readonly District?: ReadonlyArray<{ readonly Ward?: ReadonlyArray<unknown> | null }> | null
}

/** @since 0.1.0 */
export interface PlanOptions {
  readonly scale: number
  readonly seed: number
  readonly unitsFile?: string
}

/** @since 0.1.0 */
export interface Plan {
  readonly scale: number
  readonly seed: number
  /** The selected provinces, in the order they are generated and imported. */
  readonly provinces: ReadonlyArray<SourceProvince>
  /** Ordinal of each selected province in the whole list (stable across scales). */
  readonly ordinals: ReadonlyArray<number>
  readonly territorialTotal: number
  readonly territorialSelected: number
  readonly fields: ReadonlyArray<ModelField.ModelField>
  readonly regimes: ReadonlyArray<Regime.ReportingRegime>
  readonly rules: ReadonlyArray<ValidationRule.ValidationRule>
  readonly directives: ReadonlyArray<Directive.Directive>
}

/** The territorial units of a province: itself, its districts and their communes. @since 0.1.0 */
export const territorialSize = (p: SourceProvince): number =>
  1 + (p.District ?? []).reduce((n, d) => n + 1 + (d.Ward ?? []).length, 0)

/**
 * The provinces a scale takes: going through the provinces in an order drawn from the seed, each
 * one no larger than 1.5 × the share whose addition brings the territorial units closer to
 * `scale` of the country's; at least one (the one closest in size to the share when none
 * qualifies). Scale 1 takes all. The result is in the list's order.
 *
 * @since 0.1.0
 */
export const selectProvinces = (
  all: ReadonlyArray<SourceProvince>,
  scale: number,
  seed: number
): ReadonlyArray<number> => {
  const sizes = all.map(territorialSize)
  const total = sizes.reduce((a, b) => a + b, 0)
  if (scale >= 1) return all.map((_, i) => i)
  const target = scale * total
  const rng = Random.forKey(seed, "provinces")
  const order = all.map((_, i) => ({ i, key: rng.next() })).sort((a, b) => a.key - b.key)
  const chosen: Array<number> = []
  let sum = 0
  for (const { i } of order) {
    const size = sizes[i]!
    if (size <= 1.5 * target && Math.abs(sum + size - target) < Math.abs(sum - target)) {
      chosen.push(i)
      sum += size
    }
  }
  if (chosen.length === 0) {
    let best = 0
    for (let i = 1; i < all.length; i++) {
      if (Math.abs(sizes[i]! - target) < Math.abs(sizes[best]! - target)) best = i
    }
    chosen.push(best)
  }
  return chosen.sort((a, b) => a - b)
}

/** Reads the unit list. @since 0.1.0 */
export const readUnitList = (file: string): ReadonlyArray<SourceProvince> => {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/u, ""))
  if (!Array.isArray(parsed)) throw new Error(`${file} is not an array of provinces`)
  return parsed as ReadonlyArray<SourceProvince>
}

/**
 * The plan of a run.
 *
 * @since 0.1.0
 */
export const make = (options: PlanOptions): Plan => {
  const file = options.unitsFile ?? defaultUnitsFile
  if (!fs.existsSync(file)) {
    throw new Error(
      `the unit list ${file} is missing: the benchmark reads the statistics office's list from ../shared/domain/units/ beside the repository (or pass --units FILE)`
    )
  }
  const all = readUnitList(file)
  const ordinals = selectProvinces(all, options.scale, options.seed)
  const fields = ModelField.defaults
  return {
    scale: options.scale,
    seed: options.seed,
    provinces: ordinals.map((i) => all[i]!),
    ordinals,
    territorialTotal: all.reduce((n, p) => n + territorialSize(p), 0),
    territorialSelected: ordinals.reduce((n, i) => n + territorialSize(all[i]!), 0),
    fields,
    regimes: [regimeOf.DVK, regimeOf.QCDC],
    rules: Validation.defaultRules,
    directives: nationalDirectives()
  }
}

/**
 * The typed indicator sets a report carries, one per programme.
 *
 * DVK figures follow what provincial DVK reports count (models registered by field, how many are
 * new, rated effective, commended, replicated; exemplary cases "điển hình" beside models); QCDC
 * figures follow what Law 10/2022/QH15 asks communes, agencies and employers to do and report:
 * citizen receptions and direct dialogues (Art. 12, 47, 64; Decree 59/2023/NĐ-CP), complaints and
 * denunciations received and resolved, supervision and questioning by People's Councils.
 *
 * `extra` holds a province's own indicators (counts) without any schema change in the stores, keyed
 * by an indicator code (`hoGiaDinh`); the Vietnamese label a report shows for it ("Hộ gia đình")
 * lives apart, in the app's {@link IndicatorLabels}. Every key of `extra`, `byField` and `byStatus`
 * is checked: one that fails its check is an error naming the key, never dropped.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { FieldId, IdString } from "../kernel/Ids.ts"
import { name as nameSchema } from "../kernel/Text.ts"
import { ModelStatus } from "../model/DvkModel.ts"
import { searchKey } from "../text/SearchKey.ts"

/**
 * A count: a non-negative safe integer.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Count = Schema.Int.pipe(
  Schema.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(Number.MAX_SAFE_INTEGER))
)
/**
 * @category models
 * @since 0.1.0
 */
export type Count = typeof Count.Type

/**
 * The code of a province's own indicator: an identifier (1 to 128 printable ASCII characters
 * without spaces), so that it is a safe key in every store and a path in validation rules
 * (`extra.hoGiaDinh`). Its label is not its code: see {@link IndicatorLabels} and
 * {@link codeFromLabel}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const IndicatorCode = IdString.pipe(
  Schema.annotate({
    message:
      'an indicator code is 1 to 128 printable ASCII characters without spaces, such as hoGiaDinh; a Vietnamese label such as "Hộ gia đình" belongs in the indicator labels'
  })
)

/**
 * Extra counts keyed by an indicator code of the province's choosing. Every key is decoded (the key
 * schema transforms from any string), so a key that is not a code is an error naming it: a
 * `Schema.Record` whose key schema only has a check selects the keys that pass and silently drops
 * the others.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Extra = Schema.Record(Schema.String.pipe(Schema.decodeTo(IndicatorCode)), Count)

const statuses: ReadonlySet<string> = new Set(ModelStatus.literals)

/** Counts for every model status: an unknown status is an error naming it, a missing one too. */
const ByStatus = Schema.Record(Schema.String, Count).pipe(
  Schema.check(
    Schema.makeFilter((counts: Readonly<Record<string, number>>) => {
      const unknown = Object.keys(counts).filter((k) => !statuses.has(k))
      return unknown.map((k) => ({
        path: [k],
        issue: `${JSON.stringify(k)} is not a model status (${ModelStatus.literals.join(", ")})`
      }))
    })
  ),
  Schema.decodeTo(Schema.Record(ModelStatus, Count))
)

/**
 * DVK figures. `models` is the total of models being carried out; `byField` and `byStatus` are
 * breakdowns of it (each sums to `models`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DvkFigures = Schema.TaggedStruct("DVK", {
  models: Count,
  byField: Schema.Record(Schema.String.pipe(Schema.decodeTo(FieldId)), Count),
  byStatus: ByStatus,
  newModels: Count,
  effective: Count,
  commended: Count,
  replicated: Count,
  exemplaryCases: Count,
  extra: Extra
})
/**
 * @category models
 * @since 0.1.0
 */
export type DvkFigures = typeof DvkFigures.Type

/**
 * QCDC figures.
 *
 * @category schemas
 * @since 0.1.0
 */
export const QcdcFigures = Schema.TaggedStruct("QCDC", {
  citizenReceptions: Count,
  directDialogues: Count,
  complaintsReceived: Count,
  complaintsResolved: Count,
  denunciationsReceived: Count,
  denunciationsResolved: Count,
  supervisionSessions: Count,
  questioningSessions: Count,
  extra: Extra
})
/**
 * @category models
 * @since 0.1.0
 */
export type QcdcFigures = typeof QcdcFigures.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const Figures = Schema.Union([DvkFigures, QcdcFigures])
/**
 * @category models
 * @since 0.1.0
 */
export type Figures = typeof Figures.Type

/**
 * A report's figures as a flat map from indicator path to count: `models`, `byField.economy`,
 * `byStatus.commended`, `extra.<code>`, … The flat form is what stores sum in a rollup and what
 * validation rules refer to, so a new indicator needs no schema change.
 *
 * @category conversions
 * @since 0.1.0
 */
export const flatten = (figures: Figures): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(figures)) {
    if (key === "_tag") continue
    if (typeof value === "number") out[key] = value
    else for (const [sub, n] of Object.entries(value as Record<string, number>)) out[`${key}.${sub}`] = n
  }
  return out
}

/**
 * Adds flat figures into an accumulator (in place) and returns it.
 *
 * @category combinators
 * @since 0.1.0
 */
export const addFlat = (into: Record<string, number>, figures: Readonly<Record<string, number>>) => {
  for (const [k, v] of Object.entries(figures)) into[k] = (into[k] ?? 0) + v
  return into
}

/**
 * Adds a report's figures into flat totals (in place) and returns them: the same as
 * `addFlat(into, flatten(figures))`, without building the flat copy, so a rollup summing
 * thousands of reports allocates one accumulator rather than one object per report.
 *
 * @category combinators
 * @since 0.1.0
 */
export const addFigures = (into: Record<string, number>, figures: Figures) => {
  const record = figures as Readonly<Record<string, unknown>>
  for (const key of Object.keys(record)) {
    if (key === "_tag") continue
    const value = record[key]
    if (typeof value === "number") into[key] = (into[key] ?? 0) + value
    else {
      const nested = value as Readonly<Record<string, number>>
      for (const sub of Object.keys(nested)) {
        const path = `${key}.${sub}`
        into[path] = (into[path] ?? 0) + nested[sub]!
      }
    }
  }
  return into
}

/**
 * Flat totals summed report by report: `add` counts a report's figures, `flat` gives
 * the sums by indicator path, the same as {@link addFigures} into one accumulator over the same
 * reports. A breakdown's counts (`byField`, `byStatus`, `extra`) are summed under their own keys
 * and joined into paths once per path when read, so a rollup of thousands of reports builds no
 * path string per report (decision record 0048).
 *
 * @category models
 * @since 0.1.0
 */
export interface Totals {
  /** Adds a report's figures into the sums. */
  readonly add: (figures: Figures) => void
  /** The sums by indicator path, as a fresh object. */
  readonly flat: () => Record<string, number>
}

/**
 * Empty {@link Totals}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const totals = (): Totals => {
  const counts = new Map<string, number>()
  const breakdowns = new Map<string, Map<string, number>>()
  return {
    add: (figures) => {
      const record = figures as Readonly<Record<string, unknown>>
      for (const key of Object.keys(record)) {
        if (key === "_tag") continue
        const value = record[key]
        if (typeof value === "number") counts.set(key, (counts.get(key) ?? 0) + value)
        else {
          const nested = value as Readonly<Record<string, number>>
          let sums = breakdowns.get(key)
          if (sums === undefined) {
            sums = new Map()
            breakdowns.set(key, sums)
          }
          for (const sub of Object.keys(nested)) sums.set(sub, (sums.get(sub) ?? 0) + nested[sub]!)
        }
      }
    },
    flat: () => {
      const out: Record<string, number> = {}
      for (const [key, n] of counts) out[key] = (out[key] ?? 0) + n
      for (const [key, sums] of breakdowns) {
        for (const [sub, n] of sums) {
          const path = `${key}.${sub}`
          out[path] = (out[path] ?? 0) + n
        }
      }
      return out
    }
  }
}

// ---------------------------------------------------------------------------------------------
// labels
// ---------------------------------------------------------------------------------------------

/**
 * The label of an indicator: one line of Vietnamese text, at most 200 characters.
 *
 * @category schemas
 * @since 0.1.0
 */
export const IndicatorLabel = nameSchema({ maxLength: 200 })

/**
 * The path of an indicator in flat figures (`models`, `byField.economy`, `extra.hoGiaDinh`): a
 * name of at most 64 letters and digits, then optionally a dot and a key.
 *
 * @category schemas
 * @since 0.1.0
 */
export const IndicatorPath = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      /^[A-Za-z][A-Za-z0-9]{0,63}(\.[\x21-\x7e]{1,128})?$/u.test(s)
        ? undefined
        : `an indicator path is a name, then optionally a dot and a code, such as extra.hoGiaDinh, got ${JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)}`
    )
  )
)

/**
 * The labels an app shows for indicators, by {@link IndicatorPath}: `{ "extra.hoGiaDinh": "Hộ gia
 * đình" }`. Kept apart from the figures, so a label can be any Vietnamese text (within its limit)
 * while the stored keys stay codes; a path or a label that fails its check is an error naming it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const IndicatorLabels = Schema.Record(
  Schema.String.pipe(Schema.decodeTo(IndicatorPath)),
  IndicatorLabel
)
/**
 * @category models
 * @since 0.1.0
 */
export type IndicatorLabels = typeof IndicatorLabels.Type

/**
 * The label to show for an indicator path: the app's label if it has one, else the path itself.
 *
 * @category formatting
 * @since 0.1.0
 */
export const labelOf = (path: string, labels: IndicatorLabels = {}): string =>
  Object.hasOwn(labels, path) ? (labels[path] as string) : path

/**
 * A code for an indicator from its Vietnamese label, for apps that let users name indicators:
 * tones and marks dropped, đ written d, words joined in camel case (`"Hộ gia đình"` →
 * `"hoGiaDinh"`, `"Số hộ nghèo (2024)"` → `"soHoNgheo2024"`). Always a valid
 * {@link IndicatorCode}; `"indicator"` for a label with no letter or digit.
 *
 * @category conversions
 * @since 0.1.0
 */
export const codeFromLabel = (label: string): string => {
  const words = searchKey(label)
    .split(/[^a-z0-9]+/u)
    .filter((w) => w !== "")
  const code = words.map((w, i) => (i === 0 ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`)).join("")
  const start = /^[a-z]/u.test(code) ? code : `i${code}`
  return code === "" ? "indicator" : start.slice(0, 128)
}

/**
 * Building units from the records of either format, and sorting them against the units already
 * stored (see `UnitImport`).
 *
 * Unit types come from the word that starts the full name: Tỉnh, Thành phố (a province or a
 * centrally-run city); Huyện, Quận, Thị xã, Thành phố (district level; a "Thành phố" under a
 * province is a provincial city, under a centrally-run city a municipal city); Xã, Phường, Thị trấn,
 * Đặc khu (commune level). Names are stored in NFC without that word (`Unit.fullName` puts it
 * back), and must be sensible Vietnamese names (`Text.vietnameseNameProblem`).
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as CalendarDate from "../../kernel/CalendarDate.ts"
import { UnitId } from "../../kernel/Ids.ts"
import { describeThrown, limits, vietnameseNameProblem } from "../../kernel/Text.ts"
import { codeLength, type ParentLink, twoTierSince, Unit, type UnitType } from "../Unit.ts"
import {
  type Change,
  type ChangedField,
  defaultId,
  type IdKey,
  type ImportOptions,
  type ImportResult,
  InvalidImportOptions,
  type Rejection,
  show
} from "./Types.ts"

// ---------------------------------------------------------------------------------------------
// Unit types from full names
// ---------------------------------------------------------------------------------------------

/** Longer words first, so "Thị trấn" is not read as an unknown word starting "Thị". */
const typeWords = [
  "Thành phố",
  "Thị trấn",
  "Thị xã",
  "Đặc khu",
  "Tỉnh",
  "Huyện",
  "Quận",
  "Phường",
  "Xã"
] as const
type TypeWord = (typeof typeWords)[number]

/** The type word a full name starts with (any case, NFC or NFD), and the rest of the name. */
const splitTypeWord = (fullName: string): { readonly word: TypeWord; readonly rest: string } | undefined => {
  const s = fullName.normalize("NFC").trim()
  const lower = s.toLowerCase()
  for (const word of typeWords) {
    const w = word.toLowerCase()
    if (lower === w) return { word, rest: "" }
    if (lower.startsWith(w) && /\s/u.test(s.charAt(w.length))) return { word, rest: s.slice(w.length).trim() }
  }
  return undefined
}

const provinceTypes: Partial<Record<TypeWord, UnitType>> = { Tỉnh: "province", "Thành phố": "centralCity" }
const districtTypes: Partial<Record<TypeWord, UnitType>> = {
  Huyện: "ruralDistrict",
  Quận: "urbanDistrict",
  "Thị xã": "districtTown",
  "Thành phố": "provincialCity"
}
const communeTypes: Partial<Record<TypeWord, UnitType>> = {
  Xã: "commune",
  Phường: "ward",
  "Thị trấn": "townlet",
  "Đặc khu": "specialZone"
}
const wordsOf = (types: Partial<Record<TypeWord, UnitType>>) => Object.keys(types).join(", ")

/**
 * The territorial levels a file holds.
 *
 * @category models
 * @since 0.1.0
 */
export type TerritorialLevel = "province" | "district" | "commune"

const levelWords: Readonly<Record<TerritorialLevel, Partial<Record<TypeWord, UnitType>>>> = {
  province: provinceTypes,
  district: districtTypes,
  commune: communeTypes
}

/** The full name without its leading type word, or as it is when it does not start with it. */
const nameWithout = (fullName: string, word: TypeWord): string => {
  const split = splitTypeWord(fullName)
  return split !== undefined && split.word === word ? split.rest : fullName.normalize("NFC").trim()
}

// ---------------------------------------------------------------------------------------------
// Building units
// ---------------------------------------------------------------------------------------------

/**
 * A record read from a file, before checks.
 *
 * @category models
 * @since 0.1.0
 */
export interface Draft {
  readonly record: string
  readonly level: TerritorialLevel
  readonly code: string
  /** The full name (with its type word), which gives the type. */
  readonly fullName: string
  /** The short name, when the source gives one; else taken from the full name. */
  readonly name?: string
  /** The type word given separately (the CSV's level column), which wins over the full name's. */
  readonly typeWord?: string
  /** Codes the record states for its parents, to check against the enclosing records. */
  readonly statedParentCode?: string
}

/**
 * The outcome of building one record: a unit, or the reason it was not imported.
 *
 * @category models
 * @since 0.1.0
 */
export type Built = { readonly unit: Unit } | { readonly rejectedAs: string }

const decodeUnit = Schema.decodeUnknownResult(Unit)
const decodeUnitId = Schema.decodeUnknownResult(UnitId)
const decodeDate = Schema.decodeUnknownResult(CalendarDate.CalendarDate)

/**
 * An import in progress: what it was asked, what it built and rejected so far.
 *
 * @category models
 * @since 0.1.0
 */
export interface Context {
  readonly validFrom: CalendarDate.CalendarDate
  readonly validUntil: CalendarDate.CalendarDate | undefined
  readonly idOf: (key: IdKey) => string
  readonly existing: ReadonlyArray<Unit>
  readonly units: Array<Unit>
  readonly rejected: Array<Rejection>
  /** Records already given each id and each code (per level), for duplicates. */
  readonly ids: Map<string, string>
  readonly codes: Map<string, string>
}

const invalid = (reason: string) => Result.fail(new InvalidImportOptions({ reason }))

const describeValue = (value: unknown) =>
  value === null ? "null" : typeof value === "string" ? show(value) : `a ${typeof value}`

/** A unit as a repository returns it (checked by shape, so a unit of another copy of the package passes). */
const isStoredUnit = (u: unknown): u is Unit =>
  typeof u === "object" &&
  u !== null &&
  typeof (u as Unit).id === "string" &&
  typeof (u as Unit).version === "number" &&
  Array.isArray((u as Unit).parents)

/** Reads the options a caller gave (whatever they are), or says what is wrong with them. */
const readOptions = (options: ImportOptions): Result.Result<Context, InvalidImportOptions> => {
  if (typeof options !== "object" || options === null) {
    return invalid(`the options must be an object with at least validFrom, got ${describeValue(options)}`)
  }
  const validFrom = decodeDate(options.validFrom)
  if (Result.isFailure(validFrom)) {
    return invalid(`validFrom must be a date written YYYY-MM-DD, got ${describeValue(options.validFrom)}`)
  }
  const until = options.validUntil === undefined ? undefined : decodeDate(options.validUntil)
  if (until !== undefined && Result.isFailure(until)) {
    return invalid(`validUntil must be a date written YYYY-MM-DD, got ${describeValue(options.validUntil)}`)
  }
  const validUntil = until?.success
  if (validUntil !== undefined && validUntil <= validFrom.success) {
    return invalid(
      `the units would be valid from ${validFrom.success} until ${validUntil}: the end must come after the start`
    )
  }
  if (options.idOf !== undefined && typeof options.idOf !== "function") {
    return invalid(
      `idOf must be a function from a unit's level, code and start to its id, got ${describeValue(options.idOf)}`
    )
  }
  const existing = options.existing ?? []
  if (!Array.isArray(existing) || !existing.every(isStoredUnit)) {
    return invalid("existing must be an array of units (as a UnitRepository returns them)")
  }
  return Result.succeed({
    validFrom: validFrom.success,
    validUntil,
    idOf: options.idOf ?? defaultId,
    existing,
    units: [],
    rejected: [],
    ids: new Map(),
    codes: new Map()
  })
}

/**
 * Starts an import: checks the options, whatever the caller passed (a getter that throws, a
 * proxy, a string where a date belongs), into an `InvalidImportOptions`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeContext = (options: ImportOptions): Result.Result<Context, InvalidImportOptions> => {
  try {
    return readOptions(options)
  } catch (error) {
    return invalid(`the options cannot be read: ${describeThrown(error)}`)
  }
}

/**
 * Records a rejection.
 *
 * @category combinators
 * @since 0.1.0
 */
export const reject = (ctx: Context, draft: Pick<Draft, "record" | "code">, reason: string): Built => {
  ctx.rejected.push({ record: draft.record, ...(draft.code === "" ? {} : { code: draft.code }), reason })
  return { rejectedAs: draft.record }
}

/** Names longer than this (before normalising) are refused without looking further. */
const rawNameLimit = 4 * limits.name

/** Why a name as given in the file cannot name a unit, if it cannot. */
const nameProblemOf = (what: string, value: string): string | undefined => {
  if (value.length > rawNameLimit) {
    return `the ${what} is ${value.length} characters long; a unit's name has at most ${limits.name}`
  }
  const problem = vietnameseNameProblem(value)
  return problem === undefined ? undefined : `the ${what} ${show(value)} is not a sensible name: ${problem}`
}

/** The id the caller's scheme gives, or why there is none. */
const idOf = (ctx: Context, key: IdKey): Result.Result<UnitId, string> => {
  let raw: unknown
  try {
    raw = ctx.idOf(key)
  } catch (error) {
    return Result.fail(`the id scheme failed: ${describeThrown(error)}`)
  }
  const id = decodeUnitId(raw)
  return Result.isFailure(id)
    ? Result.fail(
        `the id scheme gave ${typeof raw === "string" ? show(raw) : describeValue(raw)}, which is not an id: ${id.failure.message}`
      )
    : Result.succeed(id.success)
}

/**
 * Checks one record and builds its unit under `parent` (a built parent, a rejected one, or none
 * for a province).
 *
 * @category constructors
 * @since 0.1.0
 */
export const build = (ctx: Context, draft: Draft, parent: Built | undefined): Built => {
  if (parent !== undefined && "rejectedAs" in parent) {
    return reject(ctx, draft, `the record above it, ${parent.rejectedAs}, was rejected`)
  }
  const parentUnit = parent?.unit
  const code = draft.code.trim()
  const digits = codeLength[draft.level] as number
  if (code.length !== digits || !/^\d+$/u.test(code)) {
    const hint =
      /^\d+$/u.test(code) && code.length < digits ? " (a spreadsheet may have dropped its leading zeros)" : ""
    return reject(ctx, draft, `a ${draft.level} code has ${digits} digits, got ${show(code)}${hint}`)
  }
  if (
    draft.statedParentCode !== undefined &&
    parentUnit !== undefined &&
    draft.statedParentCode !== parentUnit.code
  ) {
    return reject(
      ctx,
      draft,
      `it states parent code ${show(draft.statedParentCode)} but sits under ${parentUnit.code} in the file`
    )
  }
  const badName =
    nameProblemOf("name", draft.fullName) ??
    (draft.name === undefined || draft.name.trim() === ""
      ? undefined
      : nameProblemOf("short name", draft.name))
  if (badName !== undefined) return reject(ctx, draft, badName)
  // The type: from the separate type word if given, else from the full name.
  const words = levelWords[draft.level]
  const split = splitTypeWord(draft.fullName)
  const typeWord = draft.typeWord === undefined || draft.typeWord.trim() === "" ? undefined : draft.typeWord
  const given = typeWord === undefined ? undefined : splitTypeWord(typeWord)
  const word = given?.word ?? split?.word
  if (typeWord !== undefined && (given === undefined || given.rest !== "")) {
    return reject(
      ctx,
      draft,
      `the level ${show(typeWord.normalize("NFC").trim())} is not one of ${wordsOf(words)}`
    )
  }
  const typeOf = word === undefined ? undefined : words[word]
  if (word === undefined || typeOf === undefined) {
    return reject(
      ctx,
      draft,
      `the name ${show(draft.fullName.normalize("NFC").trim())} does not start with a ${draft.level}-level unit type (${wordsOf(words)})`
    )
  }
  const type: UnitType =
    typeOf === "provincialCity" && parentUnit?.type === "centralCity" ? "municipalCity" : typeOf
  // The two-tier structure from 01/07/2025 (Resolution 202/2025/QH15; Law 72/2025/QH15).
  if (draft.level === "district" && (ctx.validUntil === undefined || ctx.validUntil > twoTierSince)) {
    return reject(
      ctx,
      draft,
      `district-level units were abolished on ${twoTierSince} (Law 72/2025/QH15), so they cannot be valid ${ctx.validUntil === undefined ? "with no end" : `until ${ctx.validUntil}`}: import three-tier data as valid until ${twoTierSince} at the latest`
    )
  }
  if (
    given !== undefined &&
    split !== undefined &&
    words[split.word] !== undefined &&
    split.word !== given.word
  ) {
    return reject(
      ctx,
      draft,
      `the name ${show(draft.fullName.normalize("NFC").trim())} says ${split.word} but the level says ${given.word}`
    )
  }
  if (draft.level === "commune" && parentUnit !== undefined) {
    const parentIsProvince = parentUnit.type === "province" || parentUnit.type === "centralCity"
    if (parentIsProvince && ctx.validFrom < twoTierSince) {
      return reject(
        ctx,
        draft,
        `before ${twoTierSince} a commune sits under a district-level unit, and this one sits directly under a province from ${ctx.validFrom}: import two-tier data as valid from ${twoTierSince} or later`
      )
    }
  }
  const name =
    (draft.name ?? "").normalize("NFC").trim() ||
    (given === undefined ? (split?.rest ?? "") : nameWithout(draft.fullName, word))
  if (name === "") return reject(ctx, draft, "it has no name")
  if (name.length > limits.name) {
    return reject(
      ctx,
      draft,
      `the name is ${name.length} characters long; a unit's name has at most ${limits.name}`
    )
  }
  const codeKey = `${draft.level}:${code}`
  const codeSeen = ctx.codes.get(codeKey)
  if (codeSeen !== undefined) return reject(ctx, draft, `code ${code} is already used by ${codeSeen}`)
  const id = idOf(ctx, { level: draft.level, code, validFrom: ctx.validFrom })
  if (Result.isFailure(id)) return reject(ctx, draft, id.failure)
  const idSeen = ctx.ids.get(id.success)
  if (idSeen !== undefined)
    return reject(ctx, draft, `the id scheme gave id ${id.success}, already given to ${idSeen}`)
  const link =
    parentUnit === undefined
      ? []
      : [
          {
            parentId: parentUnit.id,
            from: ctx.validFrom,
            ...(ctx.validUntil === undefined ? {} : { until: ctx.validUntil })
          }
        ]
  const unit = decodeUnit({
    id: id.success,
    type,
    name,
    code,
    validFrom: ctx.validFrom,
    ...(ctx.validUntil === undefined ? {} : { validUntil: ctx.validUntil }),
    parents: link,
    version: 0
  })
  if (Result.isFailure(unit)) return reject(ctx, draft, unit.failure.message)
  ctx.codes.set(codeKey, draft.record)
  ctx.ids.set(id.success, draft.record)
  ctx.units.push(unit.success)
  return { unit: unit.success }
}

// ---------------------------------------------------------------------------------------------
// Diffing against the stored units
// ---------------------------------------------------------------------------------------------

const sameLinks = (a: ReadonlyArray<ParentLink>, b: ReadonlyArray<ParentLink>): boolean =>
  a.length === b.length &&
  a.every((l, i) => {
    const m = b[i] as ParentLink
    return l.parentId === m.parentId && l.from === m.from && l.until === m.until
  })

/** What differs between a stored unit and the imported one. */
const changedFields = (old: Unit, unit: Unit): Array<ChangedField> => {
  const fields: Array<ChangedField> = []
  if (old.type !== unit.type) fields.push("type")
  if (old.name !== unit.name) fields.push("name")
  if (old.code !== unit.code) fields.push("code")
  if (old.validFrom !== unit.validFrom) fields.push("validFrom")
  if (old.validUntil !== unit.validUntil) fields.push("validUntil")
  if (!sameLinks(old.parents, unit.parents)) fields.push("parents")
  return fields
}

/**
 * Sorts the built units into added, changed and unchanged against the existing ones.
 *
 * @category constructors
 * @since 0.1.0
 */
export const finish = (ctx: Context): ImportResult => {
  const before = new Map<UnitId, Unit>()
  for (const unit of ctx.existing) before.set(unit.id, unit)
  const added: Array<Unit> = []
  const changed: Array<Change> = []
  const unchanged: Array<Unit> = []
  const imported: Array<Unit> = []
  for (const unit of ctx.units) {
    const old = before.get(unit.id)
    if (old === undefined) {
      added.push(unit)
      imported.push(unit)
      continue
    }
    const fields = changedFields(old, unit)
    if (fields.length === 0) {
      unchanged.push(old)
      imported.push(old)
    } else {
      const after = new Unit({
        id: unit.id,
        type: unit.type,
        name: unit.name,
        ...(unit.code === undefined ? {} : { code: unit.code }),
        validFrom: unit.validFrom,
        ...(unit.validUntil === undefined ? {} : { validUntil: unit.validUntil }),
        parents: unit.parents,
        version: old.version
      })
      changed.push({ before: old, after, fields })
      imported.push(after)
    }
  }
  return { added, changed, unchanged, rejected: ctx.rejected, imported }
}

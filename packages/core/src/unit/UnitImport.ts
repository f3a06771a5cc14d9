/**
 * Importing the country's (or a province's) administrative units from the two formats they are
 * published in:
 * - the public dataset "vietnamese-provinces-database" (JSON): an array of provinces, each with
 *   `District: [...]` whose items have `Ward: [...]` (three tiers, before 01/07/2025), or with
 *   `Wards: [...]` carrying `ProvinceCode` (two tiers, from 01/07/2025);
 * - the statistics office's CSV export (danh mục hành chính): one row per commune, columns
 *   province code, province name, district code, district name, commune code, commune name,
 *   level; the district columns are empty for two-tier data.
 *
 * The statistics office's codes have 2 digits for a province, 3 for a district and 5 for a commune
 * (Decision 124/2004/QĐ-TTg; from 2025 Decision 19/2025/QĐ-TTg). The files carry no dates, so the
 * caller says from when (and until when) the imported units are valid, and the parent of every
 * unit is stored as a dated link, never derived from a code.
 *
 * Unit types come from the word that starts the full name: Tỉnh, Thành phố (a province or a
 * centrally-run city); Huyện, Quận, Thị xã, Thành phố (district level; a "Thành phố" under a
 * province is a provincial city, under a centrally-run city a municipal city); Xã, Phường, Thị trấn,
 * Đặc khu (commune level). Names are stored in NFC without that word (`Unit.fullName` puts it
 * back).
 *
 * Two kinds of problem are told apart:
 * - a file or record that does not have the expected shape (not JSON, a field missing or of the
 *   wrong type, a CSV row with too few columns, an unclosed quote) fails the whole import with a
 *   typed {@link MalformedImport} that names the record; nothing is imported;
 * - a well-formed record whose content cannot be accepted (an unknown unit type, a code with the
 *   wrong number of digits, a district-level unit valid on or after 01/07/2025, a code used twice)
 *   is listed in `rejected` with its reason, together with the records below it, and the rest is
 *   imported.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { UnitId } from "../kernel/Ids.ts"
import { Text } from "../kernel/Text.ts"
import { codeLength, type ParentLink, twoTierSince, Unit, type UnitLevel, type UnitType } from "./Unit.ts"

// ---------------------------------------------------------------------------------------------
// Options, results and errors
// ---------------------------------------------------------------------------------------------

/**
 * What an id scheme is given to name a unit.
 *
 * @since 0.1.0
 */
export interface IdKey {
  readonly level: UnitLevel
  readonly code: string
  readonly validFrom: CalendarDate.CalendarDate
}

/**
 * The default id scheme: `vn-<code>-<validFrom>`, for example `vn-00004-2025-07-01`.
 *
 * The validity start is part of the id because the statistics office reuses codes: after the
 * rearrangement of 01/07/2025 (Resolution 202/2025/QH15; codes of Decision 19/2025/QĐ-TTg) all 34
 * province codes and all but a handful of the 3,321 commune codes were codes of units that existed
 * before, for different territories. Importing the 2024 and the 2026 snapshots side by side thus
 * gives distinct units; importing the same snapshot again with the same `validFrom` gives the same
 * ids, so differences show up as `changed`. Codes of different levels have different lengths, so
 * they never collide.
 *
 * @since 0.1.0
 */
export const defaultId = (key: IdKey): string => `vn-${key.code}-${key.validFrom}`

/**
 * How to import.
 *
 * @since 0.1.0
 */
export interface ImportOptions {
  /** The first day the imported units are valid. */
  readonly validFrom: CalendarDate.CalendarDate
  /** The day they stop being valid (exclusive); absent for units still current. */
  readonly validUntil?: CalendarDate.CalendarDate
  /** The id of each unit; {@link defaultId} when absent. */
  readonly idOf?: (key: IdKey) => string
  /** Units already stored: imported units with the same id are reported as changed or unchanged. */
  readonly existing?: ReadonlyArray<Unit>
}

/**
 * A record that was not imported, and why.
 *
 * @since 0.1.0
 */
export interface Rejection {
  /** Where the record is: `provinces[3].District[2] (code 004)`, `line 7 (commune 00004)`. */
  readonly record: string
  readonly code?: string
  readonly reason: string
}

/** @since 0.1.0 */
export type ChangedField = "type" | "name" | "code" | "validFrom" | "validUntil" | "parents"

/**
 * An existing unit the import changes: `after` keeps the version of `before`, ready for
 * `UnitRepository.update`.
 *
 * @since 0.1.0
 */
export interface Change {
  readonly before: Unit
  readonly after: Unit
  readonly fields: ReadonlyArray<ChangedField>
}

/**
 * What an import found.
 *
 * @since 0.1.0
 */
export interface ImportResult {
  /** Units with no existing unit of the same id (version 0: the store assigns 1 on insert). */
  readonly added: ReadonlyArray<Unit>
  readonly changed: ReadonlyArray<Change>
  readonly unchanged: ReadonlyArray<Unit>
  readonly rejected: ReadonlyArray<Rejection>
  /** Every imported unit as it reads after the import, in file order (parents first). */
  readonly imported: ReadonlyArray<Unit>
}

/**
 * The file, or one of its records, does not have the expected shape. Nothing was imported.
 *
 * @since 0.1.0
 */
export class MalformedImport extends DanvanError.TaggedError<MalformedImport>()("MalformedImport", {
  record: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `cannot import units: ${this.record} is malformed: ${this.detail}`
  }
}

/**
 * The options cannot describe a validity (it ends on or before it starts).
 *
 * @since 0.1.0
 */
export class InvalidImportOptions extends DanvanError.TaggedError<InvalidImportOptions>()(
  "InvalidImportOptions",
  {
    reason: Schema.String
  }
) {
  override get message(): string {
    return `cannot import units: ${this.reason}`
  }
}

/** @since 0.1.0 */
export type ImportError = MalformedImport | InvalidImportOptions

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

const levelWords: Readonly<Record<"province" | "district" | "commune", Partial<Record<TypeWord, UnitType>>>> =
  {
    province: provinceTypes,
    district: districtTypes,
    commune: communeTypes
  }

// ---------------------------------------------------------------------------------------------
// Building units
// ---------------------------------------------------------------------------------------------

type TerritorialLevel = "province" | "district" | "commune"

/** A record read from a file, before checks. */
interface Draft {
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

/** The outcome of building one record: a unit, or the reason it was not imported. */
type Built = { readonly unit: Unit } | { readonly rejectedAs: string }

const decodeUnit = Schema.decodeUnknownResult(Unit)
const decodeUnitId = Schema.decodeUnknownResult(UnitId)

interface Context {
  readonly validFrom: CalendarDate.CalendarDate
  readonly validUntil: CalendarDate.CalendarDate | undefined
  readonly idOf: (key: IdKey) => string
  readonly units: Array<Unit>
  readonly rejected: Array<Rejection>
  /** Records already given each id and each code (per level), for duplicates. */
  readonly ids: Map<string, string>
  readonly codes: Map<string, string>
}

const makeContext = (options: ImportOptions): Result.Result<Context, InvalidImportOptions> => {
  if (options.validUntil !== undefined && options.validUntil <= options.validFrom) {
    return Result.fail(
      new InvalidImportOptions({
        reason: `the units would be valid from ${options.validFrom} until ${options.validUntil}: the end must come after the start`
      })
    )
  }
  return Result.succeed({
    validFrom: options.validFrom,
    validUntil: options.validUntil,
    idOf: options.idOf ?? defaultId,
    units: [],
    rejected: [],
    ids: new Map(),
    codes: new Map()
  })
}

const reject = (ctx: Context, draft: Pick<Draft, "record" | "code">, reason: string): Built => {
  ctx.rejected.push({ record: draft.record, ...(draft.code === "" ? {} : { code: draft.code }), reason })
  return { rejectedAs: draft.record }
}

const showCode = (code: string) => JSON.stringify(code)

/**
 * Checks one record and builds its unit under `parent` (a built parent, a rejected one, or none
 * for a province).
 */
const build = (ctx: Context, draft: Draft, parent: Built | undefined): Built => {
  if (parent !== undefined && "rejectedAs" in parent) {
    return reject(ctx, draft, `the record above it, ${parent.rejectedAs}, was rejected`)
  }
  const parentUnit = parent?.unit
  const code = draft.code.trim()
  const digits = codeLength[draft.level] as number
  if (!new RegExp(`^\\d{${digits}}$`, "u").test(code)) {
    const hint =
      /^\d+$/u.test(code) && code.length < digits ? " (a spreadsheet may have dropped its leading zeros)" : ""
    return reject(ctx, draft, `a ${draft.level} code has ${digits} digits, got ${showCode(code)}${hint}`)
  }
  if (
    draft.statedParentCode !== undefined &&
    parentUnit !== undefined &&
    draft.statedParentCode !== parentUnit.code
  ) {
    return reject(
      ctx,
      draft,
      `it states parent code ${showCode(draft.statedParentCode)} but sits under ${parentUnit.code} in the file`
    )
  }
  // The type: from the separate type word if given, else from the full name.
  const words = levelWords[draft.level]
  const split = splitTypeWord(draft.fullName)
  const given =
    draft.typeWord === undefined || draft.typeWord.trim() === "" ? undefined : splitTypeWord(draft.typeWord)
  const word = given?.word ?? split?.word
  if (
    draft.typeWord !== undefined &&
    draft.typeWord.trim() !== "" &&
    (given === undefined || given.rest !== "")
  ) {
    return reject(
      ctx,
      draft,
      `the level ${JSON.stringify(draft.typeWord.normalize("NFC").trim())} is not one of ${wordsOf(words)}`
    )
  }
  const typeOf = word === undefined ? undefined : words[word]
  if (word === undefined || typeOf === undefined) {
    return reject(
      ctx,
      draft,
      `the name ${JSON.stringify(draft.fullName.normalize("NFC").trim())} does not start with a ${draft.level}-level unit type (${wordsOf(words)})`
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
      `the name ${JSON.stringify(draft.fullName.normalize("NFC").trim())} says ${split.word} but the level says ${given.word}`
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
  const codeKey = `${draft.level}:${code}`
  const codeSeen = ctx.codes.get(codeKey)
  if (codeSeen !== undefined) return reject(ctx, draft, `code ${code} is already used by ${codeSeen}`)
  const rawId = ctx.idOf({ level: draft.level, code, validFrom: ctx.validFrom })
  const id = decodeUnitId(rawId)
  if (Result.isFailure(id)) {
    return reject(
      ctx,
      draft,
      `the id scheme gave ${JSON.stringify(rawId)}, which is not an id: ${id.failure.message}`
    )
  }
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

/** The full name without its leading type word, or as it is when it does not start with it. */
const nameWithout = (fullName: string, word: TypeWord): string => {
  const split = splitTypeWord(fullName)
  return split !== undefined && split.word === word ? split.rest : fullName.normalize("NFC").trim()
}

const sameLinks = (a: ReadonlyArray<ParentLink>, b: ReadonlyArray<ParentLink>): boolean =>
  a.length === b.length &&
  a.every((l, i) => {
    const m = b[i] as ParentLink
    return l.parentId === m.parentId && l.from === m.from && l.until === m.until
  })

/** Sorts the built units into added, changed and unchanged against the existing ones. */
const finish = (ctx: Context, existing: ReadonlyArray<Unit>): ImportResult => {
  const before = new Map<UnitId, Unit>()
  for (const unit of existing) before.set(unit.id, unit)
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
    const fields: Array<ChangedField> = []
    if (old.type !== unit.type) fields.push("type")
    if (old.name !== unit.name) fields.push("name")
    if (old.code !== unit.code) fields.push("code")
    if (old.validFrom !== unit.validFrom) fields.push("validFrom")
    if (old.validUntil !== unit.validUntil) fields.push("validUntil")
    if (!sameLinks(old.parents, unit.parents)) fields.push("parents")
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

// ---------------------------------------------------------------------------------------------
// The public dataset (JSON)
// ---------------------------------------------------------------------------------------------

const OptionalCode = Schema.optionalKey(Schema.NullOr(Schema.String))
const Children = Schema.optionalKey(Schema.NullOr(Schema.Array(Schema.Unknown)))
const named = { Code: Schema.String, Name: Schema.String, FullName: Schema.String }

/** A province of the dataset: three-tier with `District`, two-tier with `Wards`. @since 0.1.0 */
export const DatasetProvince = Schema.Struct({ ...named, District: Children, Wards: Children })
/** A district of the three-tier dataset. @since 0.1.0 */
export const DatasetDistrict = Schema.Struct({ ...named, ProvinceCode: OptionalCode, Ward: Children })
/** A commune of either dataset (`DistrictCode` in three tiers, `ProvinceCode` in two). @since 0.1.0 */
export const DatasetWard = Schema.Struct({ ...named, DistrictCode: OptionalCode, ProvinceCode: OptionalCode })
/** The file: an array of provinces. @since 0.1.0 */
export const DatasetFile = Schema.Array(Schema.Unknown)

const decodeFile = Schema.decodeUnknownResult(DatasetFile)
const decodeProvince = Schema.decodeUnknownResult(DatasetProvince)
const decodeDistrict = Schema.decodeUnknownResult(DatasetDistrict)
const decodeWard = Schema.decodeUnknownResult(DatasetWard)

const codeOf = (input: unknown): string | undefined =>
  typeof input === "object" && input !== null && "Code" in input && typeof input.Code === "string"
    ? input.Code
    : undefined

const label = (path: string, input: unknown) => {
  const code = codeOf(input)
  return code === undefined ? path : `${path} (code ${code})`
}

const decodeRecord = <A>(
  decode: (input: unknown) => Result.Result<A, Schema.SchemaError>,
  path: string,
  input: unknown
): Result.Result<A, MalformedImport> => {
  const r = decode(input)
  return Result.isFailure(r)
    ? Result.fail(new MalformedImport({ record: label(path, input), detail: r.failure.message }))
    : Result.succeed(r.success)
}

type Province = typeof DatasetProvince.Type
type District = typeof DatasetDistrict.Type
type Ward = typeof DatasetWard.Type
type DecodedTree = ReadonlyArray<{
  readonly path: string
  readonly province: Province
  readonly districts: ReadonlyArray<{
    readonly path: string
    readonly district: District
    readonly wards: DecodedWards
  }>
  readonly wards: DecodedWards
}>

type DecodedWards = ReadonlyArray<{ path: string; ward: Ward }>

/** Decodes a list of communes (`Ward` of a district, `Wards` of a two-tier province) at `path`. */
const decodeWards = (
  path: string,
  list: ReadonlyArray<unknown> | null | undefined
): Result.Result<DecodedWards, MalformedImport> => {
  const out: Array<{ path: string; ward: Ward }> = []
  for (const [k, w] of (list ?? []).entries()) {
    const wPath = `${path}[${k}]`
    const ward = decodeRecord(decodeWard, wPath, w)
    if (Result.isFailure(ward)) return Result.fail(ward.failure)
    out.push({ path: wPath, ward: ward.success })
  }
  return Result.succeed(out)
}

/** Decodes the whole file first, so a malformed record anywhere fails before anything is built. */
const decodeTree = (input: unknown): Result.Result<DecodedTree, MalformedImport> => {
  const file = decodeFile(input)
  if (Result.isFailure(file)) {
    return Result.fail(
      new MalformedImport({
        record: "the file",
        detail: `expected an array of provinces: ${file.failure.message}`
      })
    )
  }
  const tree: Array<DecodedTree[number]> = []
  for (const [i, p] of file.success.entries()) {
    const path = `provinces[${i}]`
    const province = decodeRecord(decodeProvince, path, p)
    if (Result.isFailure(province)) return Result.fail(province.failure)
    const { District: districts, Wards: wards } = province.success
    if ((districts?.length ?? 0) > 0 && (wards?.length ?? 0) > 0) {
      return Result.fail(
        new MalformedImport({
          record: label(path, p),
          detail: "it has both District (three-tier) and Wards (two-tier); a province has one or the other"
        })
      )
    }
    if (districts === undefined && wards === undefined) {
      return Result.fail(
        new MalformedImport({
          record: label(path, p),
          detail: "it has neither District (three-tier data) nor Wards (two-tier data)"
        })
      )
    }
    const decodedDistricts: Array<DecodedTree[number]["districts"][number]> = []
    for (const [j, d] of (districts ?? []).entries()) {
      const dPath = `${path}.District[${j}]`
      const district = decodeRecord(decodeDistrict, dPath, d)
      if (Result.isFailure(district)) return Result.fail(district.failure)
      const dWards = decodeWards(`${dPath}.Ward`, district.success.Ward)
      if (Result.isFailure(dWards)) return Result.fail(dWards.failure)
      decodedDistricts.push({ path: dPath, district: district.success, wards: dWards.success })
    }
    const pWards = decodeWards(`${path}.Wards`, wards)
    if (Result.isFailure(pWards)) return Result.fail(pWards.failure)
    tree.push({ path, province: province.success, districts: decodedDistricts, wards: pWards.success })
  }
  return Result.succeed(tree)
}

/** The draft of a dataset record at `path`, with the parent code it states, if any. */
const draftOf = (
  path: string,
  level: TerritorialLevel,
  record: { readonly Code: string; readonly Name: string; readonly FullName: string },
  statedParentCode?: string | null
): Draft => ({
  record: label(path, record),
  level,
  code: record.Code,
  fullName: record.FullName,
  name: record.Name,
  ...(statedParentCode === null || statedParentCode === undefined ? {} : { statedParentCode })
})

/**
 * Imports units from the public dataset's JSON, already parsed (see {@link fromDatasetJson} for
 * text). Three-tier provinces (`District` / `Ward`) give provinces, district-level units and
 * communes; two-tier provinces (`Wards` with `ProvinceCode`) give provinces and communes directly
 * under them. A district's `Ward: null` (island districts without communes) is an empty list.
 *
 * @since 0.1.0
 */
export const fromDataset = (
  input: unknown,
  options: ImportOptions
): Result.Result<ImportResult, ImportError> => {
  const ctxResult = makeContext(options)
  if (Result.isFailure(ctxResult)) return Result.fail(ctxResult.failure)
  const ctx = ctxResult.success
  const tree = decodeTree(input)
  if (Result.isFailure(tree)) return Result.fail(tree.failure)
  for (const { path, province, districts, wards } of tree.success) {
    const p = build(ctx, draftOf(path, "province", province), undefined)
    for (const { path: dPath, district, wards: dWards } of districts) {
      const d = build(ctx, draftOf(dPath, "district", district, district.ProvinceCode), p)
      for (const { path: wPath, ward } of dWards)
        build(ctx, draftOf(wPath, "commune", ward, ward.DistrictCode), d)
    }
    for (const { path: wPath, ward } of wards)
      build(ctx, draftOf(wPath, "commune", ward, ward.ProvinceCode), p)
  }
  return Result.succeed(finish(ctx, options.existing ?? []))
}

const DatasetJson = Schema.fromJsonString(Schema.Unknown)
const decodeJson = Schema.decodeUnknownResult(DatasetJson)

/**
 * Imports units from the text of a dataset file (a leading byte order mark is ignored). Text that
 * is not JSON fails with {@link MalformedImport}.
 *
 * @since 0.1.0
 */
export const fromDatasetJson = (
  text: string,
  options: ImportOptions
): Result.Result<ImportResult, ImportError> => {
  const json = decodeJson(text.replace(/^\uFEFF/u, ""))
  if (Result.isFailure(json)) {
    return Result.fail(
      new MalformedImport({ record: "the file", detail: `it is not JSON: ${json.failure.message}` })
    )
  }
  return fromDataset(json.success, options)
}

// ---------------------------------------------------------------------------------------------
// The statistics office's CSV export
// ---------------------------------------------------------------------------------------------

interface CsvRecord {
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

/**
 * Splits CSV text into records (RFC 4180): fields separated by `delimiter`, quoted with `"` (a
 * quote inside a quoted field is doubled), records ended by CRLF, LF or CR; a byte order mark is
 * ignored and blank lines are skipped.
 */
const parseCsv = (
  text: string,
  delimiter: string
): Result.Result<ReadonlyArray<CsvRecord>, MalformedImport> => {
  const s = text.replace(/^\uFEFF/u, "")
  const records: Array<CsvRecord> = []
  let fields: Array<string> = []
  let field = ""
  let line = 1
  let recordLine = 1
  let i = 0
  const endRecord = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0]?.trim() === "")) records.push({ line: recordLine, fields })
    fields = []
    field = ""
  }
  while (i < s.length) {
    const ch = s[i] as string
    if (ch === '"' && field.trim() === "") {
      // A quoted field.
      const startLine = line
      field = ""
      i++
      for (;;) {
        if (i >= s.length) {
          return Result.fail(
            new MalformedImport({ record: `line ${startLine}`, detail: "a quoted field is not closed" })
          )
        }
        const c = s[i] as string
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) line++
        field += c
        i++
      }
      const next = s[i]
      if (next !== undefined && next !== delimiter && next !== "\r" && next !== "\n") {
        return Result.fail(
          new MalformedImport({
            record: `line ${line}`,
            detail: `unexpected ${JSON.stringify(next)} after a closing quote; a quote inside a quoted field is written ""`
          })
        )
      }
      continue
    }
    if (ch === delimiter) {
      fields.push(field)
      field = ""
      i++
      continue
    }
    if (ch === "\r" || ch === "\n") {
      endRecord()
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1
      line++
      recordLine = line
      continue
    }
    field += ch
    i++
  }
  if (field !== "" || fields.length > 0) endRecord()
  return Result.succeed(records)
}

/** One row of the statistics office's export. @since 0.1.0 */
export const CsvRow = Schema.Struct({
  provinceCode: Schema.String,
  provinceName: Text,
  districtCode: Schema.String,
  districtName: Text,
  communeCode: Schema.String,
  communeName: Text,
  level: Text
})
const columns = [
  "provinceCode",
  "provinceName",
  "districtCode",
  "districtName",
  "communeCode",
  "communeName",
  "level"
] as const
const decodeRow = Schema.decodeUnknownResult(CsvRow)

/** A header names its columns; a data row has a digit in some code column. */
const isHeader = (fields: ReadonlyArray<string>) => [0, 2, 4].every((i) => !/\d/u.test(fields[i] ?? ""))

/**
 * How to read a CSV export.
 *
 * @since 0.1.0
 */
export interface CsvOptions extends ImportOptions {
  /** The field separator: `,` (default), or `;` for spreadsheets saved with a Vietnamese locale. */
  readonly delimiter?: string
}

/**
 * Imports units from the statistics office's CSV export: columns province code, province name,
 * district code, district name, commune code, commune name, level (extra columns, such as English
 * names, are ignored). A first row without digits in its code columns is a header. Province and
 * district names carry their type word (`Tỉnh Ninh Bình`, `Huyện Hoa Lư`, `Thành phố Hoa Lư`); the
 * level column (`Xã`, `Phường`, `Thị trấn`, `Đặc khu`) gives the commune's type, and a commune name
 * may carry it or not. The district columns are empty in two-tier data, and the commune columns in
 * a row that only lists a district without communes. A province or district repeated on later rows
 * must keep its name and parent, else that row is rejected.
 *
 * @since 0.1.0
 */
export const fromStatisticsCsv = (
  text: string,
  options: CsvOptions
): Result.Result<ImportResult, ImportError> => {
  const ctxResult = makeContext(options)
  if (Result.isFailure(ctxResult)) return Result.fail(ctxResult.failure)
  const ctx = ctxResult.success
  const parsed = parseCsv(text, options.delimiter ?? ",")
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
  const records = parsed.success
  const body = records.length > 0 && isHeader((records[0] as CsvRecord).fields) ? records.slice(1) : records
  // Decode every row before building anything, so a malformed row imports nothing.
  const rows: Array<{ line: number; row: typeof CsvRow.Type }> = []
  for (const { line, fields } of body) {
    if (fields.length < columns.length) {
      return Result.fail(
        new MalformedImport({
          record: `line ${line}`,
          detail: `it has ${fields.length} columns, expected ${columns.length} (province code, province name, district code, district name, commune code, commune name, level)`
        })
      )
    }
    const row = decodeRow(Object.fromEntries(columns.map((c, i) => [c, fields[i]])))
    if (Result.isFailure(row)) {
      return Result.fail(new MalformedImport({ record: `line ${line}`, detail: row.failure.message }))
    }
    rows.push({ line, row: row.success })
  }
  const provinces = new Map<string, { built: Built; name: string }>()
  const districts = new Map<string, { built: Built; name: string; provinceCode: string }>()
  for (const { line, row } of rows) {
    const provinceCode = row.provinceCode.trim()
    const districtCode = row.districtCode.trim()
    const communeCode = row.communeCode.trim()
    const at = (what: string, code: string) => `line ${line} (${what} ${code})`
    let province = provinces.get(provinceCode)
    if (province === undefined) {
      const built = build(
        ctx,
        {
          record: at("province", provinceCode),
          level: "province",
          code: provinceCode,
          fullName: row.provinceName
        },
        undefined
      )
      province = { built, name: row.provinceName }
      provinces.set(provinceCode, province)
    } else if (province.name !== row.provinceName) {
      reject(
        ctx,
        { record: `line ${line}`, code: communeCode },
        `province ${provinceCode} is named ${JSON.stringify(province.name)} on an earlier line but ${JSON.stringify(row.provinceName)} here`
      )
      continue
    }
    let parent: Built = province.built
    if (districtCode !== "" || row.districtName !== "") {
      let district = districts.get(districtCode)
      if (district === undefined) {
        const built = build(
          ctx,
          {
            record: at("district", districtCode),
            level: "district",
            code: districtCode,
            fullName: row.districtName
          },
          province.built
        )
        district = { built, name: row.districtName, provinceCode }
        if (districtCode !== "") districts.set(districtCode, district)
      } else if (district.name !== row.districtName || district.provinceCode !== provinceCode) {
        reject(
          ctx,
          { record: `line ${line}`, code: communeCode },
          `district ${districtCode} is ${JSON.stringify(district.name)} of province ${district.provinceCode} on an earlier line but ${JSON.stringify(row.districtName)} of province ${provinceCode} here`
        )
        continue
      }
      parent = district.built
    }
    if (communeCode === "" && row.communeName === "") continue
    build(
      ctx,
      {
        record: at("commune", communeCode),
        level: "commune",
        code: communeCode,
        fullName: row.communeName,
        typeWord: row.level
      },
      parent
    )
  }
  return Result.succeed(finish(ctx, options.existing ?? []))
}

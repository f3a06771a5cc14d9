/**
 * The public dataset "vietnamese-provinces-database" (JSON): an array of provinces, each with
 * `District: [...]` whose items have `Ward: [...]` (three tiers, before 01/07/2025), or with
 * `Wards: [...]` carrying `ProvinceCode` (two tiers, from 01/07/2025). The whole file is decoded
 * before anything is built, so a malformed record anywhere imports nothing.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { describeThrown, describeUntrusted, untrustedStringField } from "../../kernel/Text.ts"
import { build, type Draft, finish, makeContext, type TerritorialLevel } from "./Build.ts"
import { brief, type ImportError, type ImportOptions, type ImportResult, MalformedImport } from "./Types.ts"

const OptionalCode = Schema.optionalKey(Schema.NullOr(Schema.String))
const Children = Schema.optionalKey(Schema.NullOr(Schema.Array(Schema.Unknown)))
const named = { Code: Schema.String, Name: Schema.String, FullName: Schema.String }

/**
 * A province of the dataset: three-tier with `District`, two-tier with `Wards`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DatasetProvince = Schema.Struct({ ...named, District: Children, Wards: Children })
/**
 * A district of the three-tier dataset.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DatasetDistrict = Schema.Struct({ ...named, ProvinceCode: OptionalCode, Ward: Children })
/**
 * A commune of either dataset (`DistrictCode` in three tiers, `ProvinceCode` in two).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DatasetWard = Schema.Struct({ ...named, DistrictCode: OptionalCode, ProvinceCode: OptionalCode })
/**
 * The file: an array of provinces.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DatasetFile = Schema.Array(Schema.Unknown)

const decodeFile = Schema.decodeUnknownResult(DatasetFile)
const decodeProvince = Schema.decodeUnknownResult(DatasetProvince)
const decodeDistrict = Schema.decodeUnknownResult(DatasetDistrict)
const decodeWard = Schema.decodeUnknownResult(DatasetWard)

const codeOf = (input: unknown): string | undefined => untrustedStringField(input, "Code")

const label = (path: string, input: unknown) => {
  const code = codeOf(input)
  return code === undefined ? path : `${path} (code ${brief(code)})`
}

/**
 * A record whose reading threw (a getter, a proxy's trap, a revoked proxy): the schemas report what
 * is wrong with a value, but what reading it throws escapes them, so it is a `MalformedImport` too.
 */
const cannotRead = (path: string, error: unknown) =>
  new MalformedImport({
    record: path,
    detail: `it cannot be read: ${describeThrown(error)}`
  })

const decodeRecord = <A>(
  decode: (input: unknown) => Result.Result<A, Schema.SchemaError>,
  path: string,
  input: unknown
): Result.Result<A, MalformedImport> => {
  let r: Result.Result<A, Schema.SchemaError>
  try {
    r = decode(input)
  } catch (error) {
    return Result.fail(cannotRead(path, error))
  }
  return Result.isFailure(r)
    ? Result.fail(new MalformedImport({ record: label(path, input), detail: r.failure.message }))
    : Result.succeed(r.success)
}

type Province = typeof DatasetProvince.Type
type District = typeof DatasetDistrict.Type
type Ward = typeof DatasetWard.Type
type DecodedWards = ReadonlyArray<{ path: string; ward: Ward }>
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
  let file: Result.Result<ReadonlyArray<unknown>, Schema.SchemaError>
  try {
    file = decodeFile(input)
  } catch (error) {
    return Result.fail(cannotRead("the file", error))
  }
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
 * @category parsing
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
  return Result.succeed(finish(ctx))
}

const DatasetJson = Schema.fromJsonString(Schema.Unknown)
const decodeJson = Schema.decodeUnknownResult(DatasetJson)

/**
 * Why an input that should be a file's text is not, or `undefined` when it is a string.
 *
 * @category parsing
 * @since 0.1.0
 */
export const notText = (input: unknown): MalformedImport | undefined =>
  typeof input === "string"
    ? undefined
    : new MalformedImport({
        record: "the file",
        detail: `expected the file's text, got ${typeof input === "object" ? describeUntrusted(input) : `a ${typeof input}`}`
      })

/**
 * Imports units from the text of a dataset file (a leading byte order mark is ignored). Text that
 * is not JSON, or an input that is not text at all, fails with {@link MalformedImport}.
 *
 * @category parsing
 * @since 0.1.0
 */
export const fromDatasetJson = (
  text: string,
  options: ImportOptions
): Result.Result<ImportResult, ImportError> => {
  const wrong = notText(text)
  if (wrong !== undefined) return Result.fail(wrong)
  const json = decodeJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  if (Result.isFailure(json)) {
    return Result.fail(
      new MalformedImport({ record: "the file", detail: `it is not JSON: ${json.failure.message}` })
    )
  }
  return fromDataset(json.success, options)
}

/**
 * The statistics office's CSV export (danh mục hành chính): one row per commune, columns province
 * code, province name, district code, district name, commune code, commune name, level; the
 * district columns are empty for two-tier data.
 *
 * Rows are built as they are read, so a file of any size is imported holding only the units it
 * gives, never its text or its rows; a malformed row anywhere still fails the whole import, since
 * nothing is returned before the end.
 *
 * @since 0.1.0
 */
import { Effect, Result, Schema } from "effect"
import { describeThrown } from "../../kernel/Text.ts"
import { type Built, build, type Context, finish, makeContext, reject } from "./Build.ts"
import * as CsvReader from "./CsvReader.ts"
import { notText } from "./Dataset.ts"
import {
  brief,
  type CsvOptions,
  type ImportError,
  type ImportResult,
  ImportSourceFailed,
  InvalidImportOptions,
  MalformedImport,
  show
} from "./Types.ts"

/**
 * One row of the statistics office's export. Names are checked when the row is built: a name
 * that is not a sensible Vietnamese name rejects the row with its reason.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CsvRow = Schema.Struct({
  provinceCode: Schema.String,
  provinceName: Schema.String,
  districtCode: Schema.String,
  districtName: Schema.String,
  communeCode: Schema.String,
  communeName: Schema.String,
  level: Schema.String
})
/**
 * @category models
 * @since 0.1.0
 */
export type CsvRow = typeof CsvRow.Type

const columnCount = 7

/** A header names its columns; a data row has a digit in some code column. */
const isHeader = (fields: ReadonlyArray<string>) => [0, 2, 4].every((i) => !/\d/u.test(fields[i] ?? ""))

/**
 * An import of a CSV export read in chunks: `push` each chunk of text in order, then `end`.
 *
 * @category models
 * @since 0.1.0
 */
export interface StatisticsCsvImport {
  /** Reads the next chunk of the file's text; fails (and stops) at the first malformed record. */
  readonly push: (chunk: string) => Result.Result<void, MalformedImport>
  /** The end of the file: what the import found, or why the file is malformed. */
  readonly end: () => Result.Result<ImportResult, MalformedImport>
  /** The characters the CSV reader has looked at so far: linear in the text read. */
  readonly work: () => number
}

const delimiterOf = (options: CsvOptions): Result.Result<string, InvalidImportOptions> => {
  let delimiter: unknown
  try {
    delimiter = options.delimiter ?? ","
  } catch (error) {
    return Result.fail(
      new InvalidImportOptions({
        reason: `the options cannot be read: ${describeThrown(error)}`
      })
    )
  }
  return typeof delimiter === "string" && delimiter.length === 1 && !'"\r\n'.includes(delimiter)
    ? Result.succeed(delimiter)
    : Result.fail(
        new InvalidImportOptions({
          reason: `the delimiter must be one character other than a quote or a line break, such as "," or ";", got ${typeof delimiter === "string" ? show(delimiter) : typeof delimiter}`
        })
      )
}

/** Builds the units of one row (a commune, with its province and district the first time). */
const rowBuilder = (ctx: Context) => {
  const provinces = new Map<string, { built: Built; name: string }>()
  const districts = new Map<string, { built: Built; name: string; provinceCode: string }>()
  return (line: number, fields: ReadonlyArray<string>): void => {
    const [provinceName, districtName, communeName, level] = [fields[1], fields[3], fields[5], fields[6]] as [
      string,
      string,
      string,
      string
    ]
    const provinceCode = (fields[0] as string).trim()
    const districtCode = (fields[2] as string).trim()
    const communeCode = (fields[4] as string).trim()
    const at = (what: string, code: string) => `line ${line} (${what} ${brief(code)})`
    let province = provinces.get(provinceCode)
    if (province === undefined) {
      const built = build(
        ctx,
        {
          record: at("province", provinceCode),
          level: "province",
          code: provinceCode,
          fullName: provinceName
        },
        undefined
      )
      province = { built, name: provinceName }
      provinces.set(provinceCode, province)
    } else if (province.name !== provinceName) {
      reject(
        ctx,
        { record: `line ${line}`, code: communeCode },
        `province ${brief(provinceCode)} is named ${show(province.name)} on an earlier line but ${show(provinceName)} here`
      )
      return
    }
    let parent: Built = province.built
    if (districtCode !== "" || districtName !== "") {
      let district = districts.get(districtCode)
      if (district === undefined) {
        const built = build(
          ctx,
          {
            record: at("district", districtCode),
            level: "district",
            code: districtCode,
            fullName: districtName
          },
          province.built
        )
        district = { built, name: districtName, provinceCode }
        if (districtCode !== "") districts.set(districtCode, district)
      } else if (district.name !== districtName || district.provinceCode !== provinceCode) {
        reject(
          ctx,
          { record: `line ${line}`, code: communeCode },
          `district ${brief(districtCode)} is ${show(district.name)} of province ${brief(district.provinceCode)} on an earlier line but ${show(districtName)} of province ${brief(provinceCode)} here`
        )
        return
      }
      parent = district.built
    }
    if (communeCode === "" && communeName === "") return
    build(
      ctx,
      {
        record: at("commune", communeCode),
        level: "commune",
        code: communeCode,
        fullName: communeName,
        typeWord: level
      },
      parent
    )
  }
}

/**
 * Starts an import of a CSV export read in chunks (see {@link fromStatisticsCsv} for the columns
 * and the rules): for files too large to hold as one string. Fails at once when the options
 * cannot describe an import.
 *
 * @category constructors
 * @since 0.1.0
 */
export const statisticsCsvImport = (
  options: CsvOptions
): Result.Result<StatisticsCsvImport, InvalidImportOptions> => {
  const ctxResult = makeContext(options)
  if (Result.isFailure(ctxResult)) return Result.fail(ctxResult.failure)
  const delimiter = delimiterOf(options)
  if (Result.isFailure(delimiter)) return Result.fail(delimiter.failure)
  const ctx = ctxResult.success
  const buildRow = rowBuilder(ctx)
  let first = true
  const reader = CsvReader.make(delimiter.success, ({ line, fields }) => {
    const header = first && isHeader(fields)
    first = false
    if (header) return undefined
    if (fields.length < columnCount) {
      return new MalformedImport({
        record: `line ${line}`,
        detail: `it has ${fields.length} columns, expected ${columnCount} (province code, province name, district code, district name, commune code, commune name, level)`
      })
    }
    buildRow(line, fields)
    return undefined
  })
  const push = (chunk: string): Result.Result<void, MalformedImport> => {
    const wrong = notText(chunk)
    const error = wrong ?? reader.push(chunk)
    return error === undefined ? Result.void : Result.fail(error)
  }
  return Result.succeed({
    push,
    end: () => {
      const error = reader.end()
      return error === undefined ? Result.succeed(finish(ctx)) : Result.fail(error)
    },
    work: reader.work
  })
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
 * Text that is not a CSV file of that shape (an unclosed quote, a row with too few columns), or an
 * input that is not text at all, fails with `MalformedImport` naming the line.
 *
 * @category parsing
 * @since 0.1.0
 */
export const fromStatisticsCsv = (
  text: string,
  options: CsvOptions
): Result.Result<ImportResult, ImportError> => {
  const csv = statisticsCsvImport(options)
  if (Result.isFailure(csv)) return Result.fail(csv.failure)
  const pushed = csv.success.push(text)
  return Result.isFailure(pushed) ? Result.fail(pushed.failure) : csv.success.end()
}

/**
 * Imports units from a CSV export read chunk by chunk (a file stream, a fetch body): chunks of
 * text, or of UTF-8 bytes (a byte order mark is ignored, bytes that are not UTF-8 fail with
 * `MalformedImport`). Memory stays that of the units imported, whatever the size of the file; see
 * {@link fromStatisticsCsv} for the columns and the rules. A source that fails while it is read
 * fails with {@link ImportSourceFailed}.
 *
 * ```ts
 * import { createReadStream } from "node:fs"
 * import { Unit, UnitImport } from "@danvan/core"
 * import { Effect } from "effect"
 *
 * const result = await Effect.runPromise(
 *   UnitImport.fromStatisticsCsvChunks(createReadStream("danh-muc.csv"), { validFrom: Unit.twoTierSince })
 * )
 * console.log(`${result.imported.length} units, ${result.rejected.length} rows rejected`)
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const fromStatisticsCsvChunks = (
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: CsvOptions
): Effect.Effect<ImportResult, ImportError | ImportSourceFailed> =>
  Effect.flatMap(Effect.fromResult(statisticsCsvImport(options)), (csv) =>
    Effect.flatMap(
      Effect.tryPromise({
        try: async (signal): Promise<Result.Result<ImportResult, MalformedImport>> => {
          const decoder = new TextDecoder("utf-8", { fatal: true })
          let bytesRead = 0
          const decode = (bytes: Uint8Array | undefined): Result.Result<string, MalformedImport> => {
            try {
              const text = bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true })
              bytesRead += bytes?.length ?? 0
              return Result.succeed(text)
            } catch {
              return Result.fail(
                new MalformedImport({
                  record: "the file",
                  detail: `it is not UTF-8 text (within the first ${bytesRead + (bytes?.length ?? 0)} bytes): save it as "CSV UTF-8"`
                })
              )
            }
          }
          for await (const chunk of chunks) {
            if (signal.aborted) break
            const text =
              typeof chunk === "string"
                ? Result.succeed(chunk)
                : chunk instanceof Uint8Array
                  ? decode(chunk)
                  : Result.fail(notText(chunk) as MalformedImport)
            if (Result.isFailure(text)) return Result.fail(text.failure)
            const pushed = csv.push(text.success)
            if (Result.isFailure(pushed)) return Result.fail(pushed.failure)
          }
          const rest = decode(undefined)
          if (Result.isFailure(rest)) return Result.fail(rest.failure)
          const pushed = csv.push(rest.success)
          return Result.isFailure(pushed) ? Result.fail(pushed.failure) : csv.end()
        },
        catch: (error) => new ImportSourceFailed({ reason: describeThrown(error) })
      }),
      Effect.fromResult
    )
  )

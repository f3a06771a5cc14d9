/**
 * Rows decoded with schemas, after `effect/sql`'s `SqlSchema`: each table declares one codec from
 * its row (the columns as the drivers return them) to the domain record, and the repositories
 * decode what they select and encode what they insert with it, instead of mapping columns by hand.
 *
 * A codec is a `Schema.Struct` of the columns with their SQL encodings, piped into the domain
 * schema: the columns below say how each engine stores a value (JSON as text, integers that
 * PostgreSQL returns as `bigint` or numeric text, booleans SQLite stores as `1`/`0`, `NULL` for an
 * absent optional value), and the domain schema checks the record's rules, so a row changed by hand
 * fails to decode with the domain's own words. A row that does not decode is `StoreCorrupt` naming
 * its table and key; a record that does not encode (built around the constructors) is a
 * `ConstraintViolation`, never a defect.
 *
 * @internal
 */
import { Checked, StoreError } from "@danvan/core"
import { Effect, Option, Result, Schema, SchemaAST, SchemaGetter, SchemaIssue } from "effect"
import { corrupt } from "./Db.ts"

/**
 * An integer column: SQLite and PostgreSQL's `INTEGER` give a number, PostgreSQL's `BIGINT` and
 * aggregates a `bigint` or numeric text (SQLite keeps text written into an integer column by hand:
 * it is refused here). Written as a number; the domain schema checks its range.
 */
export const Integer = Schema.Union([Schema.Number, Schema.BigInt, Schema.String]).pipe(
  Schema.decodeTo(Schema.Int, {
    decode: SchemaGetter.transform((value: number | bigint | string) =>
      typeof value === "string" ? (value.trim() === "" ? Number.NaN : Number(value)) : Number(value)
    ),
    encode: SchemaGetter.transform((value: number) => value)
  })
)

/**
 * A boolean column: PostgreSQL gives `true`/`false`, SQLite (which has no boolean) `1`/`0`.
 * Written as a boolean (the SQLite client binds it as `1`/`0`).
 */
export const Bool = Schema.Union([Schema.Boolean, Schema.Literals([0, 1, 0n, 1n])]).pipe(
  Schema.decodeTo(Schema.Boolean, {
    decode: SchemaGetter.transform(
      (value: boolean | 0 | 1 | 0n | 1n) => value === true || Number(value) === 1
    ),
    encode: SchemaGetter.transform((value: boolean) => value)
  })
)

const parseJson = (input: string, options: SchemaAST.ParseOptions) => {
  try {
    return Effect.succeed(JSON.parse(input) as unknown)
  } catch {
    return Effect.fail(new SchemaIssue.InvalidValue({ expected: "a valid JSON string" }, input, options))
  }
}

const stringifyJson = (input: unknown, options: SchemaAST.ParseOptions) => {
  let output: string | undefined
  try {
    output = JSON.stringify(input)
  } catch {
    output = undefined
  }
  return output === undefined
    ? Effect.fail(new SchemaIssue.InvalidValue({ expected: "a JSON-serializable value" }, input, options))
    : Effect.succeed(output)
}

/**
 * A JSON text column (both engines store it as `TEXT`); the domain schema decodes what it holds.
 * `Schema.fromJsonString`'s getters, with the same issues, but eager: they return an `Exit`, so a
 * row's parse stays an `Exit` too and runs without a fiber of its own (`Effect.try` made every
 * report's decode and encode one, decision record 0067).
 */
export const Json = Schema.String.annotate({ expected: "a string that will be decoded as JSON" }).pipe(
  Schema.decodeTo(Schema.Unknown, {
    decode: SchemaGetter.transformEffect(parseJson),
    encode: SchemaGetter.transformEffect(stringifyJson)
  })
)

/**
 * A nullable column for an optional key: `NULL` reads as an absent key, an absent key is written
 * as `NULL`.
 */
export const nullable = <S extends Schema.Top>(column: S) =>
  Schema.NullOr(column).pipe(
    Schema.decodeTo(Schema.optionalKey(Schema.toType(column)), {
      decode: SchemaGetter.transformOptional(Option.filter((value) => value !== null)),
      encode: SchemaGetter.transformOptional((value) => (Option.isNone(value) ? Option.some(null) : value))
    })
  ) as unknown as Schema.decodeTo<Schema.optionalKey<Schema.toType<S>>, Schema.NullOr<S>>

/**
 * The decoder of a table's rows: a row that does not decode is `StoreCorrupt` naming the table and
 * the row's key (`key` reads it from the raw row, so a damaged row is still named). `all` decodes a
 * result set in one parse of `Schema.Array(codec)` rather than one parse (and one fiber) per row,
 * which is most of what a read of many small records costs (decision record 0036); when that
 * fails, the rows are decoded one by one to name the first that does not decode, as before.
 */
export interface Decoder<A, I> {
  (row: I): Effect.Effect<A, StoreError.StoreCorrupt>
  readonly all: (rows: ReadonlyArray<I>) => Effect.Effect<ReadonlyArray<A>, StoreError.StoreCorrupt>
}

/** The {@link Decoder} of a table's rows. */
export const decoder = <A, I>(
  codec: Schema.Codec<A, I>,
  table: string,
  key: (row: I) => string
): Decoder<A, I> => {
  const run = Schema.decodeUnknownResult(codec)
  const runAll = Schema.decodeUnknownResult(Schema.Array(codec))
  const one = (row: I): Result.Result<A, StoreError.StoreCorrupt> => {
    const result = run(row)
    return Result.isSuccess(result)
      ? Result.succeed(result.success)
      : Result.fail(corrupt(table, key(row), result.failure.message))
  }
  const all = (rows: ReadonlyArray<I>): Effect.Effect<ReadonlyArray<A>, StoreError.StoreCorrupt> => {
    const result = runAll(rows)
    if (Result.isSuccess(result)) return Effect.succeed(result.success)
    for (const row of rows) {
      const decoded = one(row)
      if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
    }
    // The array failed where no row does: report it against the table rather than lose it.
    return Effect.fail(corrupt(table, "result set", result.failure.message))
  }
  return Object.assign((row: I) => Effect.fromResult(one(row)), { all })
}

/**
 * The encoder of a table's rows: a record built with the schemas' constructors always encodes; one
 * that does not is a `ConstraintViolation` (`valid record`), never a defect.
 *
 * `domain` is the record kind's schema (`Unit.Unit`): a record `Checked` decoded with that very
 * schema is encoded with the checks off (decision record 0042). Its checks ran once, at the
 * caller's boundary, and it is deeply frozen since, so running them again could not fail; the
 * structure is still walked, so its row is the one the same record built any other way gets. Any
 * other value is encoded with every check, as before.
 */
export interface Encoder<A, I> {
  (value: A): Effect.Effect<I, StoreError.ConstraintViolation>
  /** Every record of a batch, in order, in one loop (no effect per record); the first failure wins. */
  readonly all: (values: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<I>, StoreError.ConstraintViolation>
  /** Whether `value` is a record `Checked` decoded with the kind's schema (never without `domain`). */
  readonly checked: (value: A) => boolean
}

/** Encoding options for a record whose checks already ran (see {@link Encoder}). */
const noChecks = { disableChecks: true } as const

/** The {@link Encoder} of a table's rows. */
export const encoder = <A, I>(
  codec: Schema.Codec<A, I>,
  entity: StoreError.Entity,
  domain?: Schema.Top
): Encoder<A, I> => {
  const run = Schema.encodeUnknownResult(codec)
  const checked = (value: A): boolean => domain !== undefined && Checked.isCheckedBy(domain, value)
  const one = (value: A): Result.Result<I, StoreError.ConstraintViolation> => {
    const result = run(value, checked(value) ? noChecks : undefined)
    return Result.isSuccess(result)
      ? Result.succeed(result.success)
      : Result.fail(
          new StoreError.ConstraintViolation({
            entity,
            constraint: "valid record",
            detail: result.failure.message
          })
        )
  }
  const all = (values: ReadonlyArray<A>): Effect.Effect<ReadonlyArray<I>, StoreError.ConstraintViolation> => {
    const out: Array<I> = new Array(values.length)
    for (let i = 0; i < values.length; i++) {
      const result = one(values[i] as A)
      if (Result.isFailure(result)) return Effect.fail(result.failure)
      out[i] = result.success
    }
    return Effect.succeed(out)
  }
  return Object.assign((value: A) => Effect.fromResult(one(value)), { all, checked })
}

/**
 * What an insert hands back for each record it wrote at `version`: a record the encoder's
 * `checked` vouches for is handed back as itself at that version (a shallow, frozen copy with the
 * same prototype, whose parts are the caller's frozen, checked parts: decision record 0042), so the
 * row is not decoded again; any other is decoded from the row it was written as, as a read would
 * decode it, in one batch (`Decoder.all`). Either way the caller gets a record that shares nothing
 * mutable with what it passed.
 */
export const written = <A extends { readonly version: number }, I>(
  values: ReadonlyArray<A>,
  rows: ReadonlyArray<I>,
  version: number,
  encode: Encoder<A, I>,
  decode: Decoder<A, I>
): Effect.Effect<ReadonlyArray<A>, StoreError.StoreCorrupt> => {
  const out: Array<A> = new Array(values.length)
  const others: Array<number> = []
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as A
    if (encode.checked(value)) out[i] = atVersion(value, version)
    else others.push(i)
  }
  if (others.length === 0) return Effect.succeed(out)
  return Effect.map(decode.all(others.map((i) => ({ ...(rows[i] as I), version }))), (decoded) => {
    for (let j = 0; j < others.length; j++) out[others[j] as number] = decoded[j] as A
    return out
  })
}

/** `value` with `version`: a frozen shallow copy with the same prototype (a domain class stays one). */
const atVersion = <A extends object>(value: A, version: number): A =>
  Object.freeze(Object.assign(Object.create(Object.getPrototypeOf(value)) as A, value, { version }))

/** The text of a key column read from a raw row, for naming a row that does not decode. */
export const keyText = (value: unknown): string => (typeof value === "string" ? value : String(value))

/**
 * Decodes the rows of `parent LEFT JOIN child`, sorted so that each parent's rows are consecutive,
 * as one row per parent whose `field` holds its child rows (`decode` is the parent table's decoder): the child's columns are those
 * selected with `prefix` (`l.parent_id AS l_parent_id`), given back without it, so a parent's
 * codec decodes it with its children in one go. `present` names the child column that is `NULL`
 * only for a parent with no child (the left join's empty row); `key` tells parent rows apart (the
 * id, unless one unit can appear twice, as in an ancestry walk over malformed data). Reading a
 * record and its child rows in one statement reads them from one snapshot, so a concurrent write is
 * never seen half done.
 */
export const decodeGrouped = <R extends Record<string, unknown>, I, A>(
  rows: ReadonlyArray<R>,
  options: {
    readonly prefix: string
    readonly present: string
    readonly field: string
    readonly key?: ((row: R) => unknown) | undefined
  },
  decode: Decoder<A, I>
): Effect.Effect<ReadonlyArray<A>, StoreError.StoreCorrupt> => {
  const { prefix, present, field } = options
  const key = options.key ?? ((row: R) => row.id)
  const out: Array<Record<string, unknown>> = []
  if (rows.length === 0) return decode.all([])
  // Which columns are the parent's and which the child's, worked out once for the result set: every
  // row of a statement has the same columns.
  const parentColumns: Array<string> = []
  const childColumns: Array<string> = []
  const childKeys: Array<string> = []
  for (const column in rows[0]) {
    if (column.startsWith(prefix)) {
      childColumns.push(column)
      childKeys.push(column.slice(prefix.length))
    } else parentColumns.push(column)
  }
  const presentColumn = `${prefix}${present}`
  let lastKey: unknown
  let children: Array<Record<string, unknown>> = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as R
    const k = key(row)
    if (i === 0 || lastKey !== k) {
      const parent: Record<string, unknown> = {}
      for (let c = 0; c < parentColumns.length; c++) {
        const column = parentColumns[c] as string
        parent[column] = row[column]
      }
      lastKey = k
      children = []
      parent[field] = children
      out.push(parent)
    }
    const presentValue = row[presentColumn]
    if (presentValue !== null && presentValue !== undefined) {
      const child: Record<string, unknown> = {}
      for (let c = 0; c < childColumns.length; c++)
        child[childKeys[c] as string] = row[childColumns[c] as string]
      children.push(child)
    }
  }
  return decode.all(out as unknown as ReadonlyArray<I>)
}

/**
 * A child row of one text column (`directive_replaces.replaced_id`, `coordination_parties.unit_id`)
 * read as its value, for a record that holds a list of ids.
 */
export const one = (column: string) =>
  Schema.Struct({ [column]: Schema.String } as Record<string, Schema.String>).pipe(
    Schema.decodeTo(Schema.String, {
      decode: SchemaGetter.transform((row: { readonly [column: string]: string }) => row[column] as string),
      encode: SchemaGetter.transform((value: string) => ({ [column]: value }))
    })
  )

/** `unitId` → `unit_id`: the column a field is stored in unless a table says otherwise. */
type SnakeCase<S extends string> = S extends `${infer H}${infer T}`
  ? `${Uppercase<H> extends H ? (Lowercase<H> extends H ? H : `_${Lowercase<H>}`) : H}${SnakeCase<T>}`
  : S

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * A table's columns, named by the domain's keys: each is stored in the column of its name in
 * snake case (`unitId` in `unit_id`) unless `renamed` says otherwise, so adding a column is one
 * line.
 */
export const columns = <
  const F extends Schema.Struct.Fields,
  const R extends { readonly [K in keyof F]?: string } = {}
>(
  fields: F,
  renamed?: R
) =>
  Schema.Struct(fields).pipe(
    Schema.encodeKeys(
      Object.fromEntries(
        Object.keys(fields).map((key) => [
          key,
          (renamed as Record<string, string> | undefined)?.[key] ?? snakeCase(key)
        ])
      ) as { readonly [K in keyof F]: K extends keyof R ? NonNullable<R[K]> : SnakeCase<K & string> }
    )
  )

/**
 * The columns a table's codec reads, for a `SELECT` list (`r.id, r.unit_id, …` with `alias`), so
 * a column added to the codec is selected without a second edit. Child rows a codec nests
 * (`links`, `memberships`, …) are not columns of the table and are left out.
 */
export const select = (codec: Schema.Top, alias: string, nested: ReadonlyArray<string> = []): string =>
  columnNames(codec, nested)
    .map((name) => `${alias}.${name}`)
    .join(", ")

/** The names of the columns a table's codec reads, without the child rows it nests (see {@link select}). */
export const columnNames = (codec: Schema.Top, nested: ReadonlyArray<string> = []): ReadonlyArray<string> => {
  const encoded = SchemaAST.toEncoded(codec.ast)
  if (!SchemaAST.isObjects(encoded)) throw new Error("a row codec is a struct of columns")
  return encoded.propertySignatures.map((p) => String(p.name)).filter((name) => !nested.includes(name))
}

/**
 * Where an app's store lives, read from its environment: one variable, `DANVAN_STORE`, names the
 * store, so the same build runs on a laptop, in CI and on the province's server.
 *
 * | `DANVAN_STORE` | store | adapter |
 * | --- | --- | --- |
 * | `memory` | in memory, gone when the process ends | `@danvan/store-memory` |
 * | `sqlite:<file>` (`sqlite:data/danvan.db`, `sqlite::memory:`) | SQLite in a file | `@danvan/store-sql` |
 * | `postgres://user@host:5432/db` (or `postgresql://…`) | PostgreSQL | `@danvan/store-sql` |
 * | `json:<directory>` | a directory of JSON lines | `@danvan/store-json` |
 *
 * This module is the grammar, defined once; each adapter's `layerConfig` reads it and opens the
 * stores it serves. The PostgreSQL URL is kept `Redacted`, so a password in it never reaches a log.
 *
 * @since 0.1.0
 */
import { Config, ConfigProvider, Effect, Layer, Redacted, Result, Schema, SchemaTransformation } from "effect"

/** The in-memory store. @category models @since 0.1.0 */
export class Memory extends Schema.TaggedClass<Memory>()("Memory", {}) {}

/** SQLite in a file (or `:memory:`). @category models @since 0.1.0 */
export class Sqlite extends Schema.TaggedClass<Sqlite>()("Sqlite", { filename: Schema.NonEmptyString }) {}

/** PostgreSQL at a connection URL. @category models @since 0.1.0 */
export class Postgres extends Schema.TaggedClass<Postgres>()("Postgres", {
  url: Schema.Redacted(Schema.String)
}) {}

/** A directory of JSON lines. @category models @since 0.1.0 */
export class Json extends Schema.TaggedClass<Json>()("Json", { directory: Schema.NonEmptyString }) {}

/** @category models @since 0.1.0 */
export const Location = Schema.Union([Memory, Sqlite, Postgres, Json])
/** @category models @since 0.1.0 */
export type Location = typeof Location.Type

/** The forms a location is written in, for messages. @category constants @since 0.1.0 */
export const forms = "memory, sqlite:<file>, postgres://user@host:port/database or json:<directory>"

const hidePassword = (text: string): string => text.replace(/\/\/([^:@/]*):[^@/]*@/u, "//$1:***@")

/**
 * Reads a location written as in `DANVAN_STORE`; the failure says what is accepted.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (text: string): Result.Result<Location, string> => {
  const trimmed = text.trim()
  const colon = trimmed.indexOf(":")
  const scheme = (colon < 0 ? trimmed : trimmed.slice(0, colon)).toLowerCase()
  const rest = colon < 0 ? "" : trimmed.slice(colon + 1)
  switch (scheme) {
    case "memory":
      if (rest === "") return Result.succeed(new Memory({}))
      break
    case "sqlite":
      if (rest !== "") return Result.succeed(new Sqlite({ filename: rest }))
      break
    case "postgres":
    case "postgresql":
      if (rest.startsWith("//") && rest.length > 2)
        return Result.succeed(new Postgres({ url: Redacted.make(trimmed) }))
      break
    case "json":
      if (rest !== "") return Result.succeed(new Json({ directory: rest }))
      break
  }
  // A URL's password must not reach the message.
  return Result.fail(`expected ${forms}, got ${JSON.stringify(hidePassword(trimmed))}`)
}

/**
 * Writes a location back as `DANVAN_STORE` reads it (with the PostgreSQL URL in clear: keep it
 * out of logs).
 *
 * @category formatting
 * @since 0.1.0
 */
export const format = (location: Location): string => {
  switch (location._tag) {
    case "Memory":
      return "memory"
    case "Sqlite":
      return `sqlite:${location.filename}`
    case "Postgres":
      return Redacted.value(location.url)
    case "Json":
      return `json:${location.directory}`
  }
}

/**
 * A location from its text form, for `Config.schema` and for decoding settings files.
 *
 * @category schemas
 * @since 0.1.0
 */
export const LocationFromString = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((text: string) => {
      const parsed = parse(text)
      return Result.isSuccess(parsed) ? undefined : parsed.failure
    })
  ),
  Schema.decodeTo(
    Schema.toType(Location),
    SchemaTransformation.transform({
      decode: (text: string) => Result.getOrThrow(parse(text)),
      encode: format
    })
  )
)

/**
 * The default name of the variable: `DANVAN_STORE`.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultName = "DANVAN_STORE"

/**
 * The store location in the app's configuration (by default the environment variable
 * `DANVAN_STORE`); a value that is not a location fails with a `ConfigError` saying what is
 * accepted.
 *
 * @category config
 * @since 0.1.0
 */
export const location = (name: string = defaultName): Config.Config<Location> =>
  Config.schema(LocationFromString, name)

/**
 * A location written for a message: as `DANVAN_STORE` reads it, without a password.
 *
 * @category formatting
 * @since 0.1.0
 */
export const describe = (location: Location): string => hidePassword(format(location))

const adapters: { readonly [T in Location["_tag"]]: string } = {
  Memory: "@danvan/store-memory (StoreMemory.layerConfig)",
  Sqlite: "@danvan/store-sql (StoreSql.layerConfig or StoreSqlite.layerConfig)",
  Postgres: "@danvan/store-sql (StoreSql.layerConfig or StorePg.layerConfig)",
  Json: "@danvan/store-json (StoreJson.layerConfig)"
}

/**
 * The `ConfigError` of an adapter's `layerConfig` given a location another adapter serves: it
 * names the location, what this adapter opens, and the adapter that opens the location.
 *
 * @category errors
 * @since 0.1.0
 */
export const wrongAdapter = (location: Location, adapter: string, opens: string): Config.ConfigError =>
  new Config.ConfigError(
    new ConfigProvider.SourceError({
      message: `the store location ${JSON.stringify(describe(location))} is not one ${adapter} opens (${opens}); ${adapters[location._tag]} opens it`
    })
  )

/**
 * An adapter's `layerConfig` from its own layer: reads the location (by default `DANVAN_STORE`),
 * opens it with `make` when it is of the kind the adapter serves (`accepts`), and otherwise fails
 * with {@link wrongAdapter}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const layerFor = <const T extends Location["_tag"], A, E, R>(
  serves: {
    /** The kind of location the adapter opens. */
    readonly accepts: T
    /** The adapter's name and what it opens, for the message (`"@danvan/store-json"`, `"json:<directory>"`). */
    readonly adapter: string
    readonly opens: string
    /** Where the location comes from; default {@link location}. */
    readonly location?: Config.Config<Location> | undefined
  },
  make: (location: Extract<Location, { readonly _tag: T }>) => Layer.Layer<A, E, R>
): Layer.Layer<A, E | Config.ConfigError, R> =>
  Layer.unwrap(
    Effect.flatMap(serves.location ?? location(), (found) =>
      found._tag === serves.accepts
        ? Effect.succeed(make(found as Extract<Location, { readonly _tag: T }>))
        : Effect.fail(wrongAdapter(found, serves.adapter, serves.opens))
    )
  )

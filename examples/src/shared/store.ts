/**
 * The `--store` option every example takes: where the data lives.
 *
 * | option | store |
 * | --- | --- |
 * | `memory` (default) | `@danvan/store-memory`: gone when the process ends |
 * | `sqlite:<file>` | `@danvan/store-sql`, SQLite in a file (created if absent) |
 * | `postgres:<url>` | `@danvan/store-sql`, PostgreSQL (`postgres://user@host:5432/db`) |
 * | `json:<directory>` | `@danvan/store-json`, a directory of JSON lines (created if absent) |
 */
import type { Store, StoreError } from "@danvan/core"
import { DanvanError } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StorePg } from "@danvan/store-sql/pg"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { type Layer, Schema } from "effect"

/** A store chosen on the command line. */
export type StoreChoice =
  | { readonly kind: "memory" }
  | { readonly kind: "sqlite"; readonly filename: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string }
  | { readonly kind: "json"; readonly directory: string }

/** The option could not be read; the message says what is accepted. */
export class StoreOptionError extends DanvanError.TaggedError<StoreOptionError>()("StoreOptionError", {
  option: Schema.String
}) {
  override get message(): string {
    return `--store ${JSON.stringify(this.option)} is not a store: use memory, sqlite:<file>, postgres:<url> or json:<directory>`
  }
}

/** Reads a `--store` value (and the PostgreSQL schema of `--pg-schema`, if any). */
export const parseStore = (option: string | undefined, pgSchema?: string): StoreChoice => {
  if (option === undefined || option === "memory") return { kind: "memory" }
  const colon = option.indexOf(":")
  const kind = colon < 0 ? option : option.slice(0, colon)
  const rest = colon < 0 ? "" : option.slice(colon + 1)
  if (rest === "") throw new StoreOptionError({ option })
  switch (kind) {
    case "sqlite":
      return { kind: "sqlite", filename: rest }
    case "postgres":
    case "postgresql":
      return {
        kind: "postgres",
        url: option.slice(colon + 1),
        ...(pgSchema === undefined ? {} : { schema: pgSchema })
      }
    case "json":
      return { kind: "json", directory: rest }
    default:
      throw new StoreOptionError({ option })
  }
}

/** The storage port of a chosen store, as a layer. */
export const layerOf = (choice: StoreChoice): Layer.Layer<Store.Store, StoreError.StoreFailure> => {
  switch (choice.kind) {
    case "memory":
      return StoreMemory.layer()
    case "sqlite":
      return StoreSqlite.layer({ filename: choice.filename })
    case "postgres":
      return StorePg.layer({
        url: choice.url,
        ...(choice.schema === undefined ? {} : { schema: choice.schema })
      })
    case "json":
      return StoreJson.layer({ directory: choice.directory })
  }
}

/** How a choice reads in output, without a PostgreSQL password. */
export const describeStore = (choice: StoreChoice): string => {
  switch (choice.kind) {
    case "memory":
      return "memory"
    case "sqlite":
      return `SQLite file ${choice.filename}`
    case "postgres": {
      const safe = choice.url.replace(/\/\/([^:@/]+):[^@/]*@/u, "//$1:***@")
      return `PostgreSQL ${safe}${choice.schema === undefined ? "" : ` (schema ${choice.schema})`}`
    }
    case "json":
      return `JSON directory ${choice.directory}`
  }
}

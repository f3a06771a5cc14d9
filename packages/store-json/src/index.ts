/**
 * `@danvan/store-json`: the storage port of `@danvan/core` in a directory of plain JSON lines:
 * human-readable, diff-friendly, crash-safe, one writer at a time across processes.
 *
 * @since 0.1.0
 */

export * as StoreJson from "./StoreJson.ts"

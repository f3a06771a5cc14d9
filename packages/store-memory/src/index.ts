/**
 * `@danvan/store-memory`: the in-memory storage adapter for danvan, and the engine the JSON-file
 * adapter builds on.
 *
 * @since 0.1.0
 */

export * as StoreMemory from "./StoreMemory.ts"

/**
 * The conformance suite: one function that registers, in vitest, every test a danvan storage
 * adapter must pass, after the shape of Effect's own shared `KeyValueStore` test suite.
 *
 * ```ts
 * import { StoreMemory } from "@danvan/store-memory"
 * import { conformance } from "@danvan/store-testkit"
 *
 * // In a vitest file of the adapter's package: a fresh store for every test.
 * conformance("in-memory store", () => StoreMemory.layer(), { modelBased: { numRuns: 25 } })
 * ```
 *
 * @since 0.1.0
 */
import type { Store, StoreError } from "@danvan/core"
import { describe } from "@effect/vitest"
import type { Layer } from "effect"
import * as Audit from "./suite/audit.ts"
import * as CheckedImport from "./suite/checkedImport.ts"
import * as Committees from "./suite/committees.ts"
import * as Concurrency from "./suite/concurrency.ts"
import * as DirectiveImport from "./suite/directiveImport.ts"
import * as Directives from "./suite/directives.ts"
import type { Settings, Suite } from "./suite/helpers.ts"
import * as ModelBased from "./suite/modelBased.ts"
import * as Models from "./suite/models.ts"
import * as ReferenceData from "./suite/referenceData.ts"
import * as ReportImport from "./suite/reportImport.ts"
import * as Reports from "./suite/reports.ts"
import * as Rollup from "./suite/rollup.ts"
import * as RoundTrip from "./suite/roundTrip.ts"
import * as Transactions from "./suite/transactions.ts"
import * as Units from "./suite/units.ts"

/**
 * Options of the suite. The defaults suit an in-memory store; a slow adapter lowers the runs.
 *
 * @category models
 * @since 0.1.0
 */
export interface ConformanceOptions {
  readonly modelBased?: {
    /** Command sequences per run (default 200). */
    readonly numRuns?: number
    /** The longest sequence (default 30 commands). */
    readonly maxCommands?: number
    /** Replays a failure: the seed fast-check printed. */
    readonly seed?: number
    /** Replays a failure: the path fast-check printed, with its seed. */
    readonly path?: string
  }
  /** Runs of the other property tests, such as rollup parity (default 100). */
  readonly propertyRuns?: number
  /** Fibers in the concurrency tests (default 16). */
  readonly fibers?: number
  /** Timeout of one example test in milliseconds (default 30 000; property tests get more). */
  readonly timeout?: number
  /**
   * Whether a read outside a transaction may run while a transaction is open (default true). An
   * adapter over a single connection (SQLite) queues the read behind the transaction, so the test
   * that checks that open transactions are invisible outside would wait forever: set false to
   * skip it.
   */
  readonly concurrentReadsDuringTransaction?: boolean
}

/**
 * Registers the whole conformance suite under `describe(name)`. `makeLayer` is called once per
 * test (and once per property-test run) and must give a fresh, empty store each time.
 *
 * ```ts
 * import { conformance } from "@danvan/store-testkit"
 * import { StoreMemory } from "@danvan/store-memory"
 *
 * conformance("store-memory", () => StoreMemory.layer())
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const conformance = (
  name: string,
  makeLayer: () => Layer.Layer<Store.Store, StoreError.StoreFailure>,
  options: ConformanceOptions = {}
): void => {
  const settings: Settings = {
    numRuns: options.modelBased?.numRuns ?? 200,
    maxCommands: options.modelBased?.maxCommands ?? 30,
    seed: options.modelBased?.seed,
    path: options.modelBased?.path,
    propertyRuns: options.propertyRuns ?? 100,
    fibers: options.fibers ?? 16,
    timeout: options.timeout ?? 30_000,
    concurrentReadsDuringTransaction: options.concurrentReadsDuringTransaction ?? true
  }
  const suite: Suite = { makeLayer, settings }
  describe(name, () => {
    Units.register(suite)
    Directives.register(suite)
    Committees.register(suite)
    Models.register(suite)
    Reports.register(suite)
    ReferenceData.register(suite)
    Audit.register(suite)
    Transactions.register(suite)
    Concurrency.register(suite)
    RoundTrip.register(suite)
    Rollup.register(suite)
    ReportImport.register(suite)
    DirectiveImport.register(suite)
    CheckedImport.register(suite)
    ModelBased.register(suite)
  })
}

/**
 * `@danvan/store-testkit`: the conformance suite every danvan storage adapter runs, with the
 * fast-check arbitraries and fixtures it uses.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Arbitraries from "./arbitraries.ts"
/** @since 0.1.0 */
export { type ConformanceOptions, conformance } from "./conformance.ts"
/** @since 0.1.0 */
export * as Fixtures from "./fixtures.ts"
/** @since 0.1.0 */
export * as ReferenceModel from "./model/Reference.ts"

/**
 * The published conformance suite against the deliberately wrong adapter of `Mutated.ts`; run by
 * `ConformanceDetects.test.ts` in a vitest of its own, which expects parts of it to fail.
 */
import { conformance } from "@danvan/store-testkit"
import { layer } from "./Mutated.ts"

conformance("mutated store-memory", layer, { modelBased: { numRuns: 100, seed: 15 } })

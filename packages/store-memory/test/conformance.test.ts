/**
 * The conformance suite on the in-memory store, model-based test included.
 */
import { conformance } from "@danvan/store-testkit"
import { StoreMemory } from "../src/index.ts"

conformance("store-memory", () => StoreMemory.layer())

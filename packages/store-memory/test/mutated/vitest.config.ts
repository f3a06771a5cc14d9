import { defineConfig } from "vitest/config"

const conditions = ["@danvan/source", "node", "import", "default"]

/** Runs only the mutated adapter's suite, resolving workspace packages from their sources. */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { root: import.meta.dirname, include: ["mutated.conformance.ts"] }
})

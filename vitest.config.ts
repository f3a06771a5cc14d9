import { defineConfig } from "vitest/config"
import type { Reporter, TestModule } from "vitest/node"

/**
 * One vitest run for the whole workspace, one project per package. Packages resolve each other's
 * sources through the "@danvan/source" export condition, so `pnpm test` needs no prior build.
 */
const conditions = ["@danvan/source", "node", "import", "default"]
const projects = [
  "core",
  "store-testkit",
  "store-memory",
  "store-sql",
  "store-json",
  "bench",
  "office",
  "integration",
  "http-api",
  "cli"
].map((name) => ({
  extends: true as const,
  test: { name, root: `packages/${name}`, include: ["test/**/*.test.ts"] }
}))

/** Ends the run with one plain line, `N passed, N failed, N skipped`, that any CI can read. */
const summaryLine: Reporter = {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const module of testModules) {
      // A file that fails outside any test (an import or a suite body that throws) fails the run.
      if (module.state() === "failed" && module.errors().length > 0) failed++
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
    if (process.env.DANVAN_PG_SKIPPED !== undefined)
      process.stdout.write(`${process.env.DANVAN_PG_SKIPPED}\n`)
  }
}

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    reporters: ["default", summaryLine],
    globalSetup: ["./vitest.postgres.ts"],
    projects: [
      ...projects,
      { extends: true, test: { name: "examples", root: "examples", include: ["test/**/*.test.ts"] } },
      { extends: true, test: { name: "app", root: "examples/app", include: ["test/**/*.test.ts"] } }
    ]
  }
})

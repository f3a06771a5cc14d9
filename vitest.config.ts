import { defineConfig } from "vitest/config"

/**
 * One vitest run for the whole workspace, one project per package. Packages resolve each other's
 * sources through the "@danvan/source" export condition, so `pnpm test` needs no prior build.
 */
const conditions = ["@danvan/source", "node", "import", "default"]
const projects = ["core", "store-testkit", "store-memory", "store-sql", "store-json"].map((name) => ({
  extends: true as const,
  test: { name, root: `packages/${name}`, include: ["test/**/*.test.ts"] }
}))

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      ...projects,
      { extends: true, test: { name: "examples", root: "examples", include: ["test/**/*.test.ts"] } }
    ]
  }
})

/**
 * The conformance suite catches an adapter that names a rule its own way (issue 15): the published
 * suite runs, in a vitest of its own, against the in-memory store with one refusal misnamed
 * (`mutated/Mutated.ts`: a unit inserted under a missing parent is refused as `unit exists`
 * instead of `parent unit exists`). The example test of that refusal and the model-based test must
 * fail, each saying which name it expected; the test of the same rule on update, which the mutation
 * leaves alone, must pass.
 *
 * It lives here rather than in store-testkit because it needs a real adapter, and store-testkit
 * depending on store-memory would make the workspace cyclic again.
 */
import { execFile } from "node:child_process"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "@effect/vitest"

interface Assertion {
  readonly title: string
  readonly status: string
  readonly failureMessages: ReadonlyArray<string>
}

const root = join(import.meta.dirname, "..", "..", "..")
const config = join(import.meta.dirname, "mutated", "vitest.config.ts")
const vitest = join(root, "node_modules", "vitest", "vitest.mjs")

const runMutated = async (pattern: string): Promise<ReadonlyArray<Assertion>> => {
  const dir = await mkdtemp(join(tmpdir(), "danvan-mutated-"))
  const output = join(dir, "results.json")
  try {
    // The run fails (exit code 1) when a test fails, which is what this test expects.
    await promisify(execFile)(
      process.execPath,
      [vitest, "run", "--config", config, "--reporter=json", `--outputFile=${output}`, "-t", pattern],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 }
    ).catch(() => undefined)
    const report = JSON.parse(await readFile(output, "utf8")) as {
      readonly testResults: ReadonlyArray<{ readonly assertionResults: ReadonlyArray<Assertion> }>
    }
    return report.testResults.flatMap((r) => r.assertionResults)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe("the conformance suite against an adapter that misnames one rule", () => {
  it("fails the example and model-based tests of that rule, naming the expected constraint", async () => {
    const results = await runMutated(
      "insert is all or nothing: a missing parent|update to a parent that does not exist|random sequences"
    )
    const byTitle = (start: string) => results.find((r) => r.title.startsWith(start))
    const insert = byTitle("insert is all or nothing: a missing parent")
    const update = byTitle("update to a parent that does not exist")
    const modelBased = byTitle("100 random sequences")
    // Only the three tests the pattern names ran; the rest of the suite was skipped.
    expect(results.filter((r) => r.status === "passed" || r.status === "failed").length).toBe(3)
    expect(insert?.status).toBe("failed")
    expect(insert?.failureMessages.join("\n")).toContain(
      'expected a ConstraintViolation of "parent unit exists", got "unit exists"'
    )
    expect(update?.status).toBe("passed")
    expect(modelBased?.status).toBe("failed")
    const report = modelBased?.failureMessages.join("\n") ?? ""
    expect(report).toContain('{"tag":"insertUnits"')
    expect(report).toContain(
      'the adapter: {"_tag":"ConstraintViolation","entity":"unit","constraint":"unit exists"}; the model: {"_tag":"ConstraintViolation","entity":"unit","constraint":"parent unit exists"}'
    )
  }, 300_000)
})

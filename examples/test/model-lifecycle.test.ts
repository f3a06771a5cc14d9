/**
 * The model-lifecycle example: every allowed step succeeds and every refused one fails with the
 * typed error of its rule.
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { StoreMemory } from "@danvan/store-memory"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { story } from "../src/model-lifecycle/lifecycle.ts"

const outcome = (line: string) => {
  const match = /^([✓✗]) (.+?): (?:now (\w+)|(\w+): )/u.exec(line)
  return match === null ? line : `${match[1]} ${match[2]} → ${match[3] ?? match[4]}`
}

describe("model-lifecycle example", () => {
  it("takes a model from registration to replication, and names each refused step's error", async () => {
    const lines = await Effect.runPromise(Effect.provide(story, StoreMemory.layer()))
    expect(lines.map(outcome)).toEqual([
      "Registering",
      "✗ a registration dated before its phase (2015) → OutsidePhase",
      "✗ Trường Yên registering a model for Ninh Hải → OutsideJurisdiction",
      "✓ Ninh Hải registers its model for 2016-2020 → registered",
      "Carrying out and evaluating",
      "✗ commended before any evaluation → InvalidTransition",
      "✓ started on 01/10/2016 → inProgress",
      "✗ evaluated on a date before its start → EventOutOfOrder",
      "✗ a commune evaluating its neighbour's model (which, outside its jurisdiction, it cannot see) → NotFound",
      "✓ the district rates it excellent → evaluated",
      "Commending and replicating",
      "✓ the province commends it (Bằng khen) → commended",
      "✓ Trường Yên replicates it → replicated",
      "A model that did not work",
      "✓ Trường Yên registers a second model → registered",
      "✓ rated ineffective → evaluated",
      "✗ the district tries to replicate the ineffective model → SourceNotEffective",
      "✓ discontinued → discontinued",
      "✗ evaluated again after it stopped → InvalidTransition"
    ])
    // Every refusal carries the rule's own message, in plain words.
    expect(lines.find((l) => l.includes("SourceNotEffective"))).toContain(
      "only models rated effective are replicated"
    )
  })

  it("prints the same story as a command", () => {
    const result = spawnSync(
      process.execPath,
      ["--conditions=@danvan/source", "src/model-lifecycle/main.ts"],
      {
        cwd: fileURLToPath(new URL("..", import.meta.url)),
        encoding: "utf8"
      }
    )
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain("✓ Trường Yên replicates it: now replicated")
    expect(result.stdout).toContain("✗ evaluated again after it stopped: InvalidTransition:")
  })
})

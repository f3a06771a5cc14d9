/**
 * What a writer keeps in memory: nothing of the records it wrote once they are durable (the
 * engine's state is the only copy; decision record 0050). A file of its own, because it turns on
 * `gc()` in its worker.
 */
import * as v8 from "node:v8"
import * as vm from "node:vm"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Load from "../src/Load.ts"
import * as Writer from "../src/Writer.ts"
import { tempDir } from "./support/store.ts"

describe("the records a writer wrote", () => {
  // `gc` of this process, to see whether anything still holds a committed record's encoding.
  v8.setFlagsFromString("--expose-gc")
  const gc = vm.runInNewContext("gc") as () => void

  it.effect("are not held by the writer once durable: the engine's state is the only copy", () =>
    Effect.gen(function* () {
      const directory = tempDir("held")
      const loaded = yield* Load.load(directory, { retries: 0 })
      const writer = yield* Writer.open(directory, loaded, Effect.succeed([]), { compactAfter: 1000 })
      const refs: Array<WeakRef<object>> = []
      // Made outside this generator, whose frame could hold the last one.
      const commitOne = (i: number) => {
        const record = { id: `u-${i}`, name: "Xã Gia Viễn", parts: [{ n: i }] }
        refs.push(new WeakRef(record))
        return writer.commit([{ entity: "unit", op: "put", key: `u-${i}`, record }])
      }
      for (let i = 0; i < 3; i++) yield* commitOne(i)
      expect((yield* writer.status).seq).toBe(3)
      // A WeakRef holds its target until the current job ends.
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 0)))
      gc()
      expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined])
    }).pipe(Effect.scoped)
  )
})

/**
 * One writer per store, across processes: the writer holds `writer.lock`, a small JSON file
 * naming it (pid, host, when the process started, when it took the lock, and a random token).
 *
 * - Taking the lock creates the file with `O_CREAT | O_EXCL` (`open(…, "wx")`), which exactly one
 *   process wins, on every local file system including FAT on a USB stick (unlike `link`).
 * - A lock whose holder is alive makes the opener fail at once with `StoreUnavailable` naming the
 *   holder. Alive means: on this host, `process.kill(pid, 0)` does not fail with `ESRCH` (a pid
 *   reused by another process also looks alive: the safe side; the message says how to remove
 *   the file by hand). A holder on another host (a store on a shared folder) cannot be checked,
 *   so it counts as alive. A lock naming this very process counts as alive only if this process
 *   took it (a previous run with the same pid, common in containers, is dead).
 * - A stale lock (its holder is dead) is removed under a recovery marker named after the stale
 *   lock's token, `writer.lock.<token>.recover`, itself taken with `O_EXCL`: of several processes
 *   recovering at once exactly one removes the stale lock, and only after checking, while holding
 *   the marker, that the lock still carries that token. Then every process races for a fresh
 *   `O_EXCL` create as usual. A marker left by a recoverer that died is recovered the same way,
 *   one level deeper.
 * - A lock file that cannot be read as a holder (a process died between creating and writing it)
 *   is treated as stale once it is unchanged after a short wait.
 * - The lock is removed when the store's scope closes, only if it still carries our token.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { StoreError } from "@danvan/core"
import { Effect, Result, Schema, type Scope } from "effect"
import * as Canonical from "./Canonical.ts"
import { codeOf, unavailable, writeAll } from "./Files.ts"
import { files, sha256 } from "./Format.ts"

/** Who holds a lock. @since 0.1.0 */
export const Holder = Schema.Struct({
  pid: Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))),
  host: Schema.String,
  startedAt: Schema.String,
  acquiredAt: Schema.String,
  token: Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f-]{8,64}$/)))
})
/** @since 0.1.0 */
export type Holder = typeof Holder.Type

/** Tokens of the locks this process holds. */
const held = new Set<string>()

const processStartedAt = new Date(Date.now() - process.uptime() * 1000).toISOString()

/** How long an unreadable lock must stay unchanged before it counts as abandoned. */
const unreadableGraceMillis = 250
/** How long to wait while another process is recovering a stale lock. */
const recoveringWaitMillis = 20
const maxAttempts = 50
const maxMarkerDepth = 4

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

const newHolder = (): Holder => ({
  pid: process.pid,
  host: os.hostname(),
  startedAt: processStartedAt,
  acquiredAt: new Date().toISOString(),
  token: globalThis.crypto.randomUUID()
})

type Observed =
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Held"; readonly holder: Holder; readonly identity: string }
  | { readonly _tag: "Unreadable"; readonly identity: string }

const decodeHolder = Schema.decodeUnknownResult(Holder)

/** Reads a lock (or marker) file. */
const observe = async (file: string): Promise<Observed> => {
  let bytes: Buffer
  try {
    bytes = await fs.readFile(file)
  } catch (error) {
    if (codeOf(error) === "ENOENT") return { _tag: "Missing" }
    throw error
  }
  const json = Canonical.parse(bytes.toString("utf8"))
  const holder = Result.isSuccess(json) ? decodeHolder(json.success) : undefined
  return holder !== undefined && Result.isSuccess(holder)
    ? { _tag: "Held", holder: holder.success, identity: holder.success.token }
    : { _tag: "Unreadable", identity: `x${sha256(bytes).slice(0, 32)}` }
}

const identityOf = (observed: Observed): string | undefined =>
  observed._tag === "Missing" ? undefined : observed.identity

/** Creates `file` with the holder in it, failing with `false` when it exists. */
const createExclusive = async (file: string, holder: Holder): Promise<boolean> => {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, "wx")
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false
    throw error
  }
  try {
    await writeAll(handle, Buffer.from(`${JSON.stringify(holder)}\n`, "utf8"))
    await handle.sync()
    await handle.close()
  } catch (error) {
    await handle.close().catch(() => undefined)
    await fs.unlink(file).catch(() => undefined)
    throw error
  }
  return true
}

/** Whether the process a holder names can still be running. */
const liveness = (holder: Holder): "alive" | "dead" | "elsewhere" => {
  if (holder.host !== os.hostname()) return "elsewhere"
  if (holder.pid === process.pid) return held.has(holder.token) ? "alive" : "dead"
  try {
    process.kill(holder.pid, 0)
    return "alive"
  } catch (error) {
    return codeOf(error) === "ESRCH" ? "dead" : "alive"
  }
}

class Locked {
  readonly reason: string
  constructor(reason: string) {
    this.reason = reason
  }
}

const lockedBy = (directory: string, holder: Holder, elsewhere: boolean): Locked =>
  new Locked(
    `the store at ${directory} is open for writing by process ${holder.pid} on ${holder.host} (since ${holder.acquiredAt})${
      elsewhere ? "; it runs on another host, so whether it is still running cannot be checked from here" : ""
    }: close it first, or, only if that process is certainly gone, delete ${path.join(directory, files.lock)}`
  )

/**
 * Removes `file` if it still has `identity`, under a marker only one process can hold. Returns
 * normally whether or not it removed it: the caller looks again.
 */
const removeStale = async (file: string, identity: string, depth: number): Promise<void> => {
  if (depth >= maxMarkerDepth) {
    throw new Locked(
      `${file} is stale but recovery markers abandoned by crashed processes block its removal: delete ${file} and the ${path.basename(file)}.*.recover files by hand`
    )
  }
  const marker = `${file}.${identity}.recover`
  const me = newHolder()
  // Registered before the marker exists, so that no fiber of this process takes it for abandoned.
  held.add(me.token)
  let created = false
  try {
    created = await createExclusive(marker, me)
  } finally {
    if (!created) held.delete(me.token)
  }
  if (!created) {
    const other = await observe(marker)
    if (other._tag === "Held" && liveness(other.holder) !== "dead") {
      await sleep(recoveringWaitMillis)
      return
    }
    if (other._tag === "Unreadable") {
      await sleep(unreadableGraceMillis)
      const again = await observe(marker)
      if (identityOf(again) !== other.identity) return
    }
    if (other._tag !== "Missing") await removeStale(marker, other.identity, depth + 1)
    return
  }
  try {
    const current = await observe(file)
    if (identityOf(current) === identity) {
      await fs.unlink(file).catch((error: unknown) => {
        if (codeOf(error) !== "ENOENT") throw error
      })
    }
  } finally {
    held.delete(me.token)
    await fs.unlink(marker).catch(() => undefined)
  }
}

/** Removes recovery markers left by crashed recoverers, once we hold the lock. */
const removeAbandonedMarkers = async (directory: string): Promise<void> => {
  const names = await fs.readdir(directory).catch(() => [] as Array<string>)
  for (const name of names) {
    if (name.startsWith(`${files.lock}.`) && name.endsWith(".recover")) {
      const marker = path.join(directory, name)
      const observed = await observe(marker).catch(() => undefined)
      if (observed?._tag === "Held" && liveness(observed.holder) !== "dead") continue
      await fs.unlink(marker).catch(() => undefined)
    }
  }
}

const take = async (directory: string): Promise<Holder> => {
  const file = path.join(directory, files.lock)
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const me = newHolder()
    held.add(me.token)
    let created = false
    try {
      created = await createExclusive(file, me)
    } finally {
      if (!created) held.delete(me.token)
    }
    if (created) {
      await removeAbandonedMarkers(directory)
      return me
    }
    const observed = await observe(file)
    switch (observed._tag) {
      case "Missing":
        continue
      case "Held": {
        const state = liveness(observed.holder)
        if (state !== "dead") throw lockedBy(directory, observed.holder, state === "elsewhere")
        await removeStale(file, observed.identity, 0)
        continue
      }
      case "Unreadable": {
        await sleep(unreadableGraceMillis)
        const again = await observe(file)
        if (identityOf(again) === observed.identity) await removeStale(file, observed.identity, 0)
        continue
      }
    }
  }
  throw new Locked(`could not take ${file}: other processes kept taking and releasing it`)
}

const release = async (directory: string, holder: Holder): Promise<void> => {
  const file = path.join(directory, files.lock)
  try {
    const current = await observe(file)
    if (current._tag === "Held" && current.holder.token === holder.token) await fs.unlink(file)
  } finally {
    held.delete(holder.token)
  }
}

/**
 * Takes the writer lock of a store directory for the life of the scope, or fails at once with
 * `StoreUnavailable` naming the process that holds it.
 *
 * @since 0.1.0
 */
export const acquire = (directory: string): Effect.Effect<Holder, StoreError.StoreUnavailable, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => take(directory),
      catch: (error) =>
        error instanceof Locked
          ? new StoreError.StoreUnavailable({ reason: "Locked", detail: error.reason })
          : unavailable(`cannot take the lock of ${directory}`, error)
    }),
    (holder) => Effect.promise(() => release(directory, holder).catch(() => undefined))
  )

/**
 * Who holds the lock of a store directory now, if anyone (for tools and tests).
 *
 * @since 0.1.0
 */
export const holderOf = (directory: string): Effect.Effect<Holder | undefined, StoreError.StoreUnavailable> =>
  Effect.tryPromise({
    try: async () => {
      const observed = await observe(path.join(directory, files.lock))
      return observed._tag === "Held" ? observed.holder : undefined
    },
    catch: (error) => unavailable(`cannot read the lock of ${directory}`, error)
  })

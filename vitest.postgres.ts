/**
 * Whether the PostgreSQL server the tests use answers, decided once per test run (vitest's global
 * setup): without one, the PostgreSQL suites are skipped and the run ends with one line saying why,
 * so `pnpm test` passes on a machine with no PostgreSQL; with `DANVAN_REQUIRE_PG=1` (as `.ci/run` sets it) the run
 * fails instead, so CI never skips them silently. Tests read the answer from
 * `DANVAN_PG_AVAILABLE` (`1` or `0`).
 */
import { connect } from "node:net"

const defaultUrl = "postgres://postgres@127.0.0.1:5432/postgres"

/** Host and port of a PostgreSQL URL, or why it cannot be read. */
const address = (url: string): { readonly host: string; readonly port: number } | string => {
  try {
    const parsed = new URL(url)
    return { host: parsed.hostname || "127.0.0.1", port: Number(parsed.port || 5432) }
  } catch {
    return `DANVAN_PG_URL is not a URL`
  }
}

/** Resolves to `undefined` when something accepts connections at the address, else to why not. */
const probe = (host: string, port: number): Promise<string | undefined> =>
  new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (why: string | undefined) => {
      socket.destroy()
      resolve(why)
    }
    socket.setTimeout(2000, () => done("no answer within 2 s"))
    socket.once("connect", () => done(undefined))
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message))
  })

let decided: Promise<void> | undefined

const decide = async (): Promise<void> => {
  if (process.env.DANVAN_PG_AVAILABLE === "0" || process.env.DANVAN_PG_AVAILABLE === "1") return
  const url = process.env.DANVAN_PG_URL ?? defaultUrl
  const at = address(url)
  const why = typeof at === "string" ? at : await probe(at.host, at.port)
  if (why === undefined) {
    process.env.DANVAN_PG_AVAILABLE = "1"
    return
  }
  const where =
    typeof at === "string" ? url.replace(/\/\/([^:@/]*):[^@/]*@/u, "//$1:***@") : `${at.host}:${at.port}`
  if (process.env.DANVAN_REQUIRE_PG === "1") {
    throw new Error(`DANVAN_REQUIRE_PG=1, but PostgreSQL at ${where} is not reachable (${why})`)
  }
  process.env.DANVAN_PG_AVAILABLE = "0"
  // The summary reporter (vitest.config.ts) prints it under the run's last line.
  process.env.DANVAN_PG_SKIPPED = `PostgreSQL at ${where} is not reachable (${why}): its suites were skipped. Start it (bash .ci/postgres) or set DANVAN_PG_URL; DANVAN_REQUIRE_PG=1 fails instead.`
}

export default function setup(): Promise<void> {
  decided ??= decide()
  return decided
}

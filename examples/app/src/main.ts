/**
 * Starts the app:
 *
 *     pnpm app                                  # SQLite in .danvan-data/app.db, http://127.0.0.1:8080
 *     DANVAN_STORE=postgres://postgres@127.0.0.1:5432/danvan pnpm app
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | `DANVAN_STORE` | the database (`sqlite:<file>` or a `postgres://` URL; see `store.ts`) | SQLite in `.danvan-data/app.db` |
 * | `PORT`, `HOST` | where to listen (`PORT=0`: any free port) | `8080`, `127.0.0.1` |
 * | `DANVAN_SECURE_COOKIES` | `1` behind HTTPS: the session cookie is `Secure` | off |
 * | `DANVAN_DEMO` | `0` hides the demonstration accounts on the sign-in page | shown |
 *
 * The first start seeds the database (a minute or so); later starts find it seeded.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { stderr } from "../../src/shared/progress.ts"
import * as App from "./app.ts"
import * as Store from "./store.ts"

const store = Store.parse(process.env.DANVAN_STORE)
if (store === undefined) {
  process.stderr.write(
    `DANVAN_STORE=${JSON.stringify(process.env.DANVAN_STORE)} names no database: use sqlite:<file> or postgres://user@host:5432/db\n`
  )
  process.exit(2)
}
const port = Number(process.env.PORT ?? "8080")
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT=${JSON.stringify(process.env.PORT)} is not a port number\n`)
  process.exit(2)
}
process.stderr.write(`store: ${Store.describe(store)}\n`)

Layer.launch(
  App.layer({
    store,
    port,
    host: process.env.HOST ?? "127.0.0.1",
    secureCookies: process.env.DANVAN_SECURE_COOKIES === "1",
    demo: process.env.DANVAN_DEMO !== "0",
    progress: stderr
  })
).pipe(
  Effect.tapCause((cause) => Effect.logError("the app stopped", cause)),
  NodeRuntime.runMain
)

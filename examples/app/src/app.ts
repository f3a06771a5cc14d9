/**
 * The app as one layer: the database (`store.ts`), the accounts beside it, the demonstration data
 * on first start (`seed.ts`), and the routes (`server.ts`) served over HTTP.
 */
import { createServer } from "node:http"
import type { Store as CoreStore } from "@danvan/core"
import { NodeHttpServer } from "@effect/platform-node"
import { Layer } from "effect"
import { HttpRouter } from "effect/http"
import type { Progress } from "../../src/shared/progress.ts"
import * as Accounts from "./accounts.ts"
import { seed } from "./seed.ts"
import * as Server from "./server.ts"
import * as Store from "./store.ts"

/** Where and how the app runs. */
export interface AppOptions extends Server.Options {
  readonly store: Store.StoreChoice
  readonly port: number
  readonly host: string
  /** Where the seeding reports its progress. */
  readonly progress: Progress
}

/** The store and the accounts, seeded with the demonstration data when empty. */
export const data = (
  options: Pick<AppOptions, "store" | "progress">
): Layer.Layer<CoreStore.Store | Accounts.Accounts, unknown> =>
  Layer.effectDiscard(seed(options.progress)).pipe(
    Layer.provideMerge(Accounts.layer),
    Layer.provideMerge(Store.layer(options.store))
  )

/** The app, listening on `options.port` (0 for any free port). */
export const layer = (options: AppOptions): Layer.Layer<never, unknown> =>
  HttpRouter.serve(Server.routes(options)).pipe(
    Layer.provide(data(options)),
    Layer.provide(NodeHttpServer.layer(createServer, { port: options.port, host: options.host }))
  )

/**
 * The sample of docs/http-api.md ("Serving it"), compiled and run by `example.test.ts`: keep the
 * two the same.
 */
import { type Actor, Policy } from "@danvan/core"
import { ApiError, ApiServer, Authentication } from "@danvan/http-api"
import { StoreMemory } from "@danvan/store-memory"
import { Effect, Layer, Redacted } from "effect"
import { HttpRouter, HttpServer } from "effect/http"

/** Who each API token belongs to: in a real app, a table of hashed tokens or an identity provider. */
const tokens: Readonly<Record<string, Actor.ActorInput>> = {
  "token-of-an": { personId: "can-bo-01", name: "Nguyễn Văn An", unitId: "vn-37", role: "officer" }
}

export const AuthenticatorLive = Layer.succeed(Authentication.Authenticator, {
  authenticate: ({ scheme, token }) => {
    const actor = scheme === "bearer" ? tokens[Redacted.value(token)] : undefined
    return actor === undefined
      ? Effect.fail(new ApiError.Unauthenticated({ reason: "unknown token" }))
      : Effect.succeed({ actor })
  }
})

/** The API's routes over a memory store, with the default roles and no central unit. */
const Routes = ApiServer.layer({ policy: Policy.defaults }).pipe(
  Layer.provide([StoreMemory.layer(), AuthenticatorLive])
)

/** The API as a Fetch handler, `(request: Request) => Promise<Response>`, with no socket. */
export const web = HttpRouter.toWebHandler(Routes.pipe(Layer.provide(HttpServer.layerServices)))

/**
 * Who is calling: the app authenticates, the library authorises.
 *
 * danvan does not sign anyone in. Every endpoint that acts for someone declares the
 * {@link Authentication} middleware, which reads the request's credential (a session cookie
 * named {@link sessionCookieName}, or an `Authorization: Bearer` token) and hands it to the app's
 * {@link Authenticator}: the app looks the credential up in its own accounts (a session table, a
 * signed cookie, an identity provider's token) and answers with the {@link Actor.ActorInput} the
 * person acts as, or fails with {@link ApiError.Unauthenticated}. The use cases then check that
 * actor against the policy and the jurisdiction, exactly as for any other caller.
 *
 * ```ts
 * import { ApiError, Authentication } from "@danvan/http-api"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const AuthenticatorLive = Layer.succeed(Authentication.Authenticator, {
 *   authenticate: ({ scheme, token }) =>
 *     scheme === "bearer" && Redacted.value(token) === "demo"
 *       ? Effect.succeed({ actor: { personId: "p-1", name: "Nguyễn Văn An", unitId: "vn-37", role: "officer" } })
 *       : Effect.fail(new ApiError.Unauthenticated({ reason: "unknown token" }))
 * })
 * ```
 *
 * A cookie is sent by the browser on its own, so an app that accepts the cookie on a change
 * (`POST`, `PUT`) must also guard against cross-site request forgery: the {@link Credential}
 * carries the request so the authenticator can check a CSRF token header or the `Origin`.
 *
 * @since 0.1.0
 */
import { type Actor, Danvan } from "@danvan/core"
import { Clock, Context, Effect, Layer, Redacted } from "effect"
import { HttpServerRequest } from "effect/http"
import { HttpApiMiddleware, HttpApiSecurity } from "effect/http-api"
import * as ApiError from "./ApiError.ts"

/**
 * The name of the session cookie the API accepts.
 *
 * @category constants
 * @since 0.1.0
 */
export const sessionCookieName = "danvan_session"

/**
 * The session cookie, as a security scheme of the OpenAPI document.
 *
 * @category security
 * @since 0.1.0
 */
export const sessionCookie = HttpApiSecurity.apiKey({ key: sessionCookieName, in: "cookie" })

/**
 * A credential the request carries: the scheme it came by, the token (never logged), and the
 * request itself (for a CSRF check, a client certificate header set by a proxy, …).
 *
 * @category models
 * @since 0.1.0
 */
export interface Credential {
  readonly scheme: "cookie" | "bearer"
  readonly token: Redacted.Redacted<string>
  readonly request: HttpServerRequest.HttpServerRequest
}

/**
 * Who the credential belongs to: the actor the person acts as, and optionally the clock their
 * requests run at (`now`, as the Promise facade's option of that name: an account that
 * back-fills an earlier period's records, a demonstration replaying a past date). Without `now`,
 * the system clock.
 *
 * @category models
 * @since 0.1.0
 */
export interface Authenticated {
  readonly actor: Actor.ActorInput
  readonly now?: () => Date
}

/**
 * The app's authentication: turns a credential into the actor of the request.
 *
 * @category services
 * @since 0.1.0
 */
export class Authenticator extends Context.Service<
  Authenticator,
  {
    readonly authenticate: (credential: Credential) => Effect.Effect<Authenticated, ApiError.Unauthenticated>
  }
>()("@danvan/http-api/Authenticator") {}

/**
 * The actor of the current request, as the {@link Authenticator} answered.
 *
 * @category services
 * @since 0.1.0
 */
export class CurrentActor extends Context.Service<CurrentActor, Actor.ActorInput>()(
  "@danvan/http-api/CurrentActor"
) {}

/**
 * The middleware of every endpoint that acts for someone: the session cookie or a bearer token,
 * tried in that order; 401 {@link ApiError.Unauthenticated} when neither is accepted.
 *
 * @category middleware
 * @since 0.1.0
 */
export class Authentication extends HttpApiMiddleware.Service<Authentication, { provides: CurrentActor }>()(
  "@danvan/http-api/Authentication",
  {
    error: ApiError.unauthenticated,
    security: { cookie: sessionCookie, bearer: HttpApiSecurity.bearer }
  }
) {}

/**
 * The {@link Authentication} middleware over the app's {@link Authenticator}: a missing credential
 * is refused without asking the app; an accepted one provides {@link CurrentActor} (and the
 * account's clock) to the endpoint.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer: Layer.Layer<Authentication, never, Authenticator> = Layer.effect(
  Authentication,
  Effect.gen(function* () {
    const authenticator = yield* Authenticator
    const run = <A, E, R>(
      httpEffect: Effect.Effect<A, E, R>,
      scheme: Credential["scheme"],
      token: Redacted.Redacted<string>
    ) =>
      Effect.gen(function* () {
        const request = yield* HttpServerRequest.HttpServerRequest
        const who = yield* authenticator.authenticate({ scheme, token, request })
        const withActor = Effect.provideService(httpEffect, CurrentActor, who.actor)
        return yield* who.now === undefined
          ? withActor
          : Effect.provideService(withActor, Clock.Clock, Danvan.clockFrom(who.now))
      })
    return Authentication.of({
      cookie: (httpEffect, { credential }) =>
        Redacted.value(credential) === ""
          ? Effect.fail(new ApiError.Unauthenticated({ reason: `no ${sessionCookieName} cookie` }))
          : run(httpEffect, "cookie", credential),
      // Tried after the cookie, whose failure the middleware would otherwise hide behind this
      // one's: without a bearer token, the request's cookie answers (its own reason, a CSRF
      // check say), so the caller learns why the cookie was refused.
      bearer: (httpEffect, { credential }) =>
        Effect.gen(function* () {
          if (Redacted.value(credential) !== "") return yield* run(httpEffect, "bearer", credential)
          const cookie = (yield* HttpServerRequest.HttpServerRequest).cookies[sessionCookieName]
          if (cookie === undefined || cookie === "") {
            return yield* new ApiError.Unauthenticated({
              reason: `no ${sessionCookieName} cookie and no bearer token`
            })
          }
          return yield* run(httpEffect, "cookie", Redacted.make(cookie))
        })
    })
  })
)

/**
 * The app's authentication, as the HTTP API asks for it (`Authentication.Authenticator`): the
 * session cookie (or the same token as a bearer token, for scripts) names a session in the
 * accounts' table, whose account gives the actor.
 *
 * A browser sends the cookie by itself, also with a request another site makes it send, so a
 * change made with the cookie must carry the session's CSRF token (the `x-csrf-token` header the
 * page's script sets, or the `_csrf` field of a form), and an `Origin` header, when present, must
 * be this app's. The cookie is `SameSite=Lax` besides. A bearer token is never sent by a browser
 * on its own, so it needs neither.
 */
import { timingSafeEqual } from "node:crypto"
import { ApiError, Authentication } from "@danvan/http-api"
import { Effect, Layer, Option, Redacted } from "effect"
import type { HttpServerRequest } from "effect/http"
import { type Account, Accounts, type Session, sessionHours } from "./accounts.ts"

/** The session cookie's name (the one the API's security scheme names). */
export const cookieName = Authentication.sessionCookieName

/** The `Set-Cookie` value of a new session. `secure` adds `Secure` (behind HTTPS). */
export const sessionCookie = (token: string, secure: boolean) =>
  `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${sessionHours * 3600}${secure ? "; Secure" : ""}`

/** The `Set-Cookie` value that removes the session cookie. */
export const clearedCookie = (secure: boolean) =>
  `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`

const vietnamOffset = 7 * 3_600_000
const day = 86_400_000

/**
 * The clock of an account that works on another day: that day, at the time of day it is now in
 * Vietnam, so the steps taken in a session keep their order.
 */
export const nowOf = (account: Account): (() => Date) | undefined => {
  const worksOn = account.worksOn
  if (worksOn === undefined) return undefined
  const midnight = Date.parse(`${worksOn}T00:00:00+07:00`)
  return () => new Date(midnight + ((((Date.now() + vietnamOffset) % day) + day) % day))
}

/** The day an account works on, in Vietnam (YYYY-MM-DD). */
export const workingDay = (account: Account): string =>
  account.worksOn ?? new Date(Date.now() + vietnamOffset).toISOString().slice(0, 10)

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"])

/** Why a change made with the cookie is refused, or `undefined` when it passes the CSRF checks. */
export const csrfProblem = (
  request: HttpServerRequest.HttpServerRequest,
  session: Session,
  formToken?: string
): string | undefined => {
  if (safeMethods.has(request.method)) return undefined
  const origin = request.headers.origin
  const host = request.headers.host
  if (origin !== undefined && host !== undefined && origin !== "null") {
    let originHost: string
    try {
      originHost = new URL(origin).host
    } catch {
      return "the request's Origin is not a URL"
    }
    if (originHost !== host) return `a change from another site (${originHost}) is refused`
  }
  const token = request.headers["x-csrf-token"] ?? formToken
  if (token === undefined || token === "")
    return "a change made with the session cookie must carry its CSRF token"
  return sameText(token, session.csrf) ? undefined : "the CSRF token is not this session's"
}

/** The session of the request's cookie, if it is live. */
export const sessionOf = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.gen(function* () {
    const token = request.cookies[cookieName]
    if (token === undefined || token === "") return Option.none<{ token: string; session: Session }>()
    const session = yield* (yield* Accounts).session(token)
    return Option.map(session, (s) => ({ token, session: s }))
  })

/** The app's answer to the API's question "who is this?". */
export const AuthenticatorLive: Layer.Layer<Authentication.Authenticator, never, Accounts> = Layer.effect(
  Authentication.Authenticator,
  Effect.gen(function* () {
    const accounts = yield* Accounts
    return Authentication.Authenticator.of({
      authenticate: ({ scheme, token, request }) =>
        Effect.gen(function* () {
          const found = yield* accounts
            .session(Redacted.value(token))
            .pipe(
              Effect.mapError(
                () => new ApiError.Unauthenticated({ reason: "the sessions cannot be read now" })
              )
            )
          if (Option.isNone(found)) {
            return yield* new ApiError.Unauthenticated({ reason: "the session has ended or does not exist" })
          }
          const session = found.value
          if (scheme === "cookie") {
            const problem = csrfProblem(request, session)
            if (problem !== undefined) return yield* new ApiError.Unauthenticated({ reason: problem })
          }
          const now = nowOf(session.account)
          return { actor: session.account.actor, ...(now === undefined ? {} : { now }) }
        })
    })
  })
)

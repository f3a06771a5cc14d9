/**
 * The app from the outside, over HTTP, as started by its users: signing in and out, the session
 * cookie's attributes, the CSRF checks on the cookie, bearer tokens, passwords stored hashed, a
 * second start that does not seed again, and the same app on PostgreSQL.
 */
import { join } from "node:path"
import { PgClient } from "@effect/sql-pg"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import fc from "fast-check"
import { hashPassword, verifyPassword } from "../src/accounts.ts"
import { password, type RunningApp, scratch, startApp } from "./support.ts"

/** Signs in with the sign-in form; the session token, or the response when refused. */
const signIn = async (url: string, username: string, secret = password) => {
  const response = await fetch(`${url}/dang-nhap`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password: secret }).toString()
  })
  const cookie = response.headers.get("set-cookie") ?? ""
  const token = /danvan_session=([^;]*)/u.exec(cookie)?.[1]
  return { response, cookie, token }
}

/** The CSRF token of a signed-in page. */
const csrfOf = async (url: string, token: string) => {
  const page = await (await fetch(`${url}/`, { headers: { cookie: `danvan_session=${token}` } })).text()
  return /name="csrf-token" content="([^"]+)"/u.exec(page)?.[1] ?? ""
}

describe("over SQLite", { timeout: 120_000 }, () => {
  const folder = scratch("danvan-app-http")
  const store = `sqlite:${join(folder.dir, "app.db")}`
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ DANVAN_STORE: store })
  }, 300_000)
  afterAll(async () => {
    await app?.stop()
    folder.remove()
  })

  it("sends a visitor without a session to the sign-in page, and refuses a wrong password", async () => {
    const home = await fetch(`${app.url}/`, { redirect: "manual" })
    expect(home.status).toBe(303)
    expect(home.headers.get("location")).toBe("/dang-nhap")
    const wrong = await signIn(app.url, "xa.giahoa", "not-the-password")
    expect(wrong.response.status).toBe(401)
    expect(wrong.token).toBeUndefined()
    const unknown = await signIn(app.url, "nobody-here")
    expect(unknown.response.status).toBe(401)
  })

  it("opens a session in an HttpOnly, SameSite cookie, and closes it on sign-out", async () => {
    const { response, cookie, token } = await signIn(app.url, "xa.giahoa")
    expect(response.status).toBe(303)
    expect(cookie).toMatch(/HttpOnly/u)
    expect(cookie).toMatch(/SameSite=Lax/u)
    expect(cookie).toMatch(/Path=\//u)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/u)
    const me = await fetch(`${app.url}/api/reports`, { headers: { cookie: `danvan_session=${token}` } })
    expect(me.status).toBe(200)
    const csrf = await csrfOf(app.url, token as string)
    const out = await fetch(`${app.url}/dang-xuat`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `danvan_session=${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf }).toString()
    })
    expect(out.status).toBe(303)
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/u)
    const after = await fetch(`${app.url}/api/reports`, { headers: { cookie: `danvan_session=${token}` } })
    expect(after.status).toBe(401)
  })

  it("refuses a change made with the cookie without its CSRF token or from another site", async () => {
    const { token } = await signIn(app.url, "xa.giahoa")
    const csrf = await csrfOf(app.url, token as string)
    const body = JSON.stringify({
      unitId: "vn-14467-2016-01-01",
      programme: "DVK",
      periodId: "2016S2",
      regimeId: "party-calendar-months"
    })
    const post = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/reports`, {
        method: "POST",
        headers: { cookie: `danvan_session=${token}`, "content-type": "application/json", ...headers },
        body
      })
    const bare = await post({})
    expect(bare.status).toBe(401)
    expect(((await bare.json()) as { reason: string }).reason).toContain("CSRF")
    const forged = await post({ "x-csrf-token": "x".repeat(43) })
    expect(forged.status).toBe(401)
    const elsewhere = await post({ "x-csrf-token": csrf, origin: "https://evil.example" })
    expect(elsewhere.status).toBe(401)
    const fine = await post({ "x-csrf-token": csrf })
    expect(fine.status).toBe(201)
  })

  it("accepts the session token as a bearer token, with no CSRF token", async () => {
    const { token } = await signIn(app.url, "huyen.giavien")
    const response = await fetch(`${app.url}/api/reports?periodId=2017S1`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(response.status).toBe(200)
    const page = (await response.json()) as { items: ReadonlyArray<{ unitId: string }> }
    expect(page.items.map((r) => r.unitId)).toContain("vn-373-2016-01-01")
  })

  it("answers a page asked with a period that does not exist with a 400 in Vietnamese", async () => {
    const { token } = await signIn(app.url, "tinh.ninhbinh")
    const page = await fetch(`${app.url}/?ky=2017X9`, { headers: { cookie: `danvan_session=${token}` } })
    expect(page.status).toBe(400)
    expect(await page.text()).toContain("Yêu cầu không hợp lệ")
  })

  it("serves the OpenAPI document and its reference page", async () => {
    const spec = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { openapi: string }
    expect(spec.openapi).toBe("3.1.0")
    expect((await fetch(`${app.url}/api/docs`)).status).toBe(200)
  })

  it("does not seed a second time", async () => {
    await app.stop()
    app = await startApp({ DANVAN_STORE: store })
    expect(app.output()).not.toContain("demonstration accounts")
    expect((await signIn(app.url, "tinh.ninhbinh")).response.status).toBe(303)
  })
})

describe("passwords", () => {
  it("are stored as a salted scrypt hash that only the password matches", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 12, maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (p, q) => {
          const stored = await Effect.runPromise(hashPassword(p))
          expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/u)
          expect(stored).not.toContain(p)
          expect(await Effect.runPromise(verifyPassword(p, stored))).toBe(true)
          expect(await Effect.runPromise(verifyPassword(q, stored))).toBe(
            p.normalize("NFC") === q.normalize("NFC")
          )
        }
      ),
      { numRuns: 5 }
    )
    const a = await Effect.runPromise(hashPassword("same"))
    const b = await Effect.runPromise(hashPassword("same"))
    expect(a).not.toBe(b)
  }, 60_000)
})

const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const admin = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient>) =>
  Effect.runPromise(Effect.provide(effect, PgClient.layer({ url: Redacted.make(pgUrl) })))

describe("over PostgreSQL", { timeout: 120_000 }, () => {
  const database = `danvan_app_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`
  let app: RunningApp
  beforeAll(async () => {
    await admin(Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE DATABASE ${sql(database)}`))
    const url = new URL(pgUrl)
    url.pathname = `/${database}`
    app = await startApp({ DANVAN_STORE: url.toString() })
  }, 300_000)
  afterAll(async () => {
    await app?.stop()
    await admin(
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql`DROP DATABASE IF EXISTS ${sql(database)} WITH (FORCE)`)
    )
  })

  it("seeds, signs in and serves the pages and the API from PostgreSQL", async () => {
    expect(app.output()).toContain("store: PostgreSQL")
    const { token } = await signIn(app.url, "tinh.ninhbinh.moi")
    expect(token).toBeDefined()
    const page = await (
      await fetch(`${app.url}/?ky=2026S1`, { headers: { cookie: `danvan_session=${token}` } })
    ).text()
    expect(page).toContain("Tỉnh Ninh Bình")
    expect(page).toMatch(/đã duyệt <strong data-count="approved">2[0-9]<\/strong>/u)
    const reports = await fetch(`${app.url}/api/reports?periodId=2026S1&limit=5`, {
      headers: { authorization: `Bearer ${token}` }
    })
    const body = (await reports.json()) as { items: ReadonlyArray<unknown>; next?: string }
    expect(body.items).toHaveLength(5)
    expect(body.next).toBeTypeOf("string")
  })
})

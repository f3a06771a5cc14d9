/**
 * Accounts and sessions, in the app's own tables beside the danvan store.
 *
 * An account is a person who signs in: a username, a password, and the actor they act as (the
 * person, the unit they are an officer of, and their role in the policy). danvan does not sign
 * anyone in; it checks what the actor may do.
 *
 * - Passwords are hashed with scrypt (`node:crypto`, N = 2^15, r = 8, p = 1, a 16-byte random
 *   salt), and compared in constant time (`timingSafeEqual`); an unknown username costs the same
 *   hash as a known one, so the answer's timing does not tell which usernames exist.
 * - A session is a random 256-bit token in an HttpOnly, SameSite=Lax cookie; the table keeps only
 *   its SHA-256, so a copy of the database opens no session. Each session has its own CSRF token,
 *   which every change must echo in a header or a form field. Sessions end after
 *   {@link sessionHours} hours, or when their person signs out.
 * - `works_on` is a day an account's requests run on instead of today: the demonstration accounts
 *   of Ninh Bình 2017 replay the first half of 2017 (`Authentication.Authenticated.now`).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto"
import type { Actor } from "@danvan/core"
import { Context, Effect, Layer, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"

/** How long a session lasts. */
export const sessionHours = 8

/** Who an account acts as: `Actor.ActorInput` as plain fields. */
export type ActorFields = typeof Actor.ActorInput.Encoded

/** An account and who it acts as. */
export interface Account {
  readonly username: string
  readonly actor: ActorFields
  /** The day its requests run on (YYYY-MM-DD), when not today. */
  readonly worksOn?: string
}

/** A signed-in session. */
export interface Session {
  readonly account: Account
  readonly csrf: string
  readonly expiresAt: Date
}

const cost = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const keyLength = 32

const derive = (password: string, salt: Buffer) =>
  Effect.callback<Buffer, Error>((resume) => {
    scrypt(password.normalize("NFC"), salt, keyLength, cost, (error, key) =>
      resume(error === null ? Effect.succeed(key) : Effect.fail(error))
    )
  })

/** A password's stored form: `scrypt$N$r$p$salt$hash`, base64url. */
export const hashPassword = (password: string): Effect.Effect<string> =>
  Effect.gen(function* () {
    const salt = randomBytes(16)
    const key = yield* Effect.orDie(derive(password, salt))
    return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$")
  })

/** A stored form no password matches, hashed for unknown usernames so both take as long. */
const decoy = `scrypt$${cost.N}$${cost.r}$${cost.p}$${Buffer.alloc(16).toString("base64url")}$${Buffer.alloc(keyLength).toString("base64url")}`

/** Whether `password` matches the stored form, compared in constant time. */
export const verifyPassword = (password: string, stored: string): Effect.Effect<boolean> =>
  Effect.gen(function* () {
    const [scheme, n, r, p, salt, hash] = stored.split("$")
    if (scheme !== "scrypt" || salt === undefined || hash === undefined) return false
    if (Number(n) !== cost.N || Number(r) !== cost.r || Number(p) !== cost.p) return false
    const expected = Buffer.from(hash, "base64url")
    const key = yield* Effect.orDie(derive(password, Buffer.from(salt, "base64url")))
    return expected.length === key.length && timingSafeEqual(expected, key)
  })

const digest = (token: string) => createHash("sha256").update(token).digest("base64url")

interface AccountRow {
  readonly username: string
  readonly password_hash: string
  readonly person_id: string
  readonly name: string
  readonly unit_id: string
  readonly role: string
  readonly works_on: string | null
}

const accountOf = (row: AccountRow): Account => ({
  username: row.username,
  actor: { personId: row.person_id, name: row.name, unitId: row.unit_id, role: row.role },
  ...(row.works_on === null ? {} : { worksOn: row.works_on })
})

/** The accounts and sessions. */
export class Accounts extends Context.Service<
  Accounts,
  {
    /** Adds an account, or replaces the one with the same username. */
    readonly put: (account: Account, password: string) => Effect.Effect<void, SqlError>
    readonly count: Effect.Effect<number, SqlError>
    /** The account whose username and password these are. */
    readonly verify: (username: string, password: string) => Effect.Effect<Option.Option<Account>, SqlError>
    /** Opens a session: the token for the cookie, and the session. */
    readonly open: (
      account: Account
    ) => Effect.Effect<{ readonly token: string; readonly session: Session }, SqlError>
    /** The live session of a token. */
    readonly session: (token: string) => Effect.Effect<Option.Option<Session>, SqlError>
    readonly close: (token: string) => Effect.Effect<void, SqlError>
  }
>()("@danvan/example-app/Accounts") {}

/** The tables, created when missing. */
const migrate = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE IF NOT EXISTS app_account (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    role TEXT NOT NULL,
    works_on TEXT
  )`
  yield* sql`CREATE TABLE IF NOT EXISTS app_session (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES app_account (username) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`
})

/** The accounts in the database of the ambient SQL client. */
export const layer: Layer.Layer<Accounts, SqlError, SqlClient.SqlClient> = Layer.effect(
  Accounts,
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* migrate
    const find = (username: string) =>
      Effect.map(sql<AccountRow>`SELECT * FROM app_account WHERE username = ${username}`, (rows) => rows[0])
    return Accounts.of({
      put: (account, password) =>
        Effect.gen(function* () {
          const hash = yield* hashPassword(password)
          const a = account.actor
          yield* sql.withTransaction(
            Effect.gen(function* () {
              yield* sql`DELETE FROM app_account WHERE username = ${account.username}`
              yield* sql`INSERT INTO app_account (username, password_hash, person_id, name, unit_id, role, works_on)
                VALUES (${account.username}, ${hash}, ${a.personId}, ${a.name}, ${a.unitId}, ${a.role}, ${account.worksOn ?? null})`
            })
          )
        }),
      count: Effect.map(sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM app_account`, (rows) =>
        Number(rows[0]?.n ?? 0)
      ),
      verify: (username, password) =>
        Effect.gen(function* () {
          const row = yield* find(username.trim())
          const ok = yield* verifyPassword(password, row?.password_hash ?? decoy)
          return row !== undefined && ok ? Option.some(accountOf(row)) : Option.none()
        }),
      open: (account) =>
        Effect.gen(function* () {
          const token = randomBytes(32).toString("base64url")
          const csrf = randomBytes(32).toString("base64url")
          const expiresAt = new Date(Date.now() + sessionHours * 3_600_000)
          yield* sql`DELETE FROM app_session WHERE expires_at < ${new Date().toISOString()}`
          yield* sql`INSERT INTO app_session (token_hash, username, csrf, expires_at)
            VALUES (${digest(token)}, ${account.username}, ${csrf}, ${expiresAt.toISOString()})`
          return { token, session: { account, csrf, expiresAt } }
        }),
      session: (token) =>
        Effect.gen(function* () {
          const rows = yield* sql<AccountRow & { csrf: string; expires_at: string }>`
            SELECT a.*, s.csrf, s.expires_at FROM app_session s JOIN app_account a ON a.username = s.username
            WHERE s.token_hash = ${digest(token)}`
          const row = rows[0]
          if (row === undefined || new Date(row.expires_at) <= new Date()) return Option.none()
          return Option.some({ account: accountOf(row), csrf: row.csrf, expiresAt: new Date(row.expires_at) })
        }),
      close: (token) => Effect.asVoid(sql`DELETE FROM app_session WHERE token_hash = ${digest(token)}`)
    })
  })
)

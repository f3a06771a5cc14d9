/**
 * A small province for the API's tests, an authenticator of bearer tokens, and the API served as
 * a Fetch handler (no socket) over a store.
 *
 * Ninh Bình (`vn-37`) of 2017 with the districts Gia Viễn (`vn-373`: the communes Gia Hòa and
 * Gia Thủy) and Hoa Lư (`vn-374`: Trường Yên), and Nam Định (`vn-36`). Every actor's requests run
 * on 05/07/2017, after the first half of 2017 closed.
 */
import {
  type Actor,
  ModelField,
  ReferenceData,
  Regime,
  type Store,
  UnitRepository,
  Units
} from "@danvan/core"
import { ApiError, ApiServer, Authentication } from "@danvan/http-api"
import { Effect, Layer, Redacted, Schema } from "effect"
import { HttpRouter, HttpServer } from "effect/http"

export const ids = {
  province: "vn-37",
  giaVien: "vn-373",
  hoaLu: "vn-374",
  giaHoa: "vn-14467",
  giaThuy: "vn-14470",
  truongYen: "vn-14533",
  otherProvince: "vn-36"
} as const

const since = "2000-01-01"
const unit = (id: string, type: string, name: string, code: string, parentId?: string) => ({
  id,
  type,
  name,
  code,
  validFrom: since,
  parents: parentId === undefined ? [] : [{ parentId, from: since }],
  version: 0
})

/** The world's units as `Units.importUnits` takes them (and the API's `importUnits` body). */
export const worldUnits = {
  units: [
    unit(ids.province, "province", "Ninh Bình", "37"),
    unit(ids.otherProvince, "province", "Nam Định", "36"),
    unit(ids.giaVien, "ruralDistrict", "Gia Viễn", "373", ids.province),
    unit(ids.hoaLu, "ruralDistrict", "Hoa Lư", "374", ids.province),
    unit(ids.giaHoa, "commune", "Gia Hòa", "14467", ids.giaVien),
    unit(ids.giaThuy, "commune", "Gia Thủy", "14470", ids.giaVien),
    unit(ids.truongYen, "commune", "Trường Yên", "14533", ids.hoaLu)
  ],
  successions: []
}

/** Stores the world's units and reference data straight through the storage port. */
export const seedWorld: Effect.Effect<void, unknown, Store.Store> = Effect.gen(function* () {
  const { units } = Schema.decodeUnknownSync(Units.ImportUnitsInput)(worldUnits)
  yield* (yield* UnitRepository).insert(units)
  const reference = yield* ReferenceData
  yield* reference.putRegime(Regime.defaults.party)
  for (const field of ModelField.defaults) yield* reference.putField(field)
})

const person = (personId: string, unitId: string, role: string): Actor.ActorInput => ({
  personId,
  name: `Cán bộ ${personId}`,
  unitId,
  role
})

/** The bearer tokens the test authenticator accepts, and who each one is. */
export const tokens = {
  communeOfficer: person("p-gia-hoa-1", ids.giaHoa, "officer"),
  communeOfficer2: person("p-gia-hoa-2", ids.giaHoa, "officer"),
  communeViewer: person("p-gia-hoa-3", ids.giaHoa, "viewer"),
  giaThuyOfficer: person("p-gia-thuy-1", ids.giaThuy, "officer"),
  giaThuyOfficer2: person("p-gia-thuy-2", ids.giaThuy, "officer"),
  districtOfficer: person("p-gia-vien-1", ids.giaVien, "officer"),
  districtLeader: person("p-gia-vien-2", ids.giaVien, "leader"),
  otherDistrictLeader: person("p-hoa-lu-1", ids.hoaLu, "leader"),
  provinceLeader: person("p-ninh-binh-1", ids.province, "leader"),
  provinceAdmin: person("p-ninh-binh-2", ids.province, "administrator"),
  /** The district's officer acting as the province's leader: one person in two roles. */
  twoHats: person("p-gia-vien-1", ids.province, "leader")
} as const

export type Token = keyof typeof tokens

/** The day every authenticated request runs on. */
export const today = new Date("2017-07-05T03:00:00Z")

/** Accepts the bearer tokens of {@link tokens}; refuses every cookie. */
export const AuthenticatorTest = Layer.succeed(Authentication.Authenticator, {
  authenticate: ({ scheme, token }) => {
    const actor = scheme === "bearer" ? tokens[Redacted.value(token) as Token] : undefined
    return actor === undefined
      ? Effect.fail(new ApiError.Unauthenticated({ reason: `unknown ${scheme} credential` }))
      : Effect.succeed({ actor, now: () => today })
  }
})

/** The API as a Fetch handler over `store`, seeded with the world when `seed` is true. */
export const serve = (store: Layer.Layer<Store.Store, unknown>, seed = true) => {
  const seeded = seed ? Layer.effectDiscard(seedWorld).pipe(Layer.provideMerge(store)) : store
  return HttpRouter.toWebHandler(
    ApiServer.layer().pipe(
      Layer.provide([seeded, AuthenticatorTest]),
      Layer.provide(HttpServer.layerServices)
    ) as Layer.Layer<never>,
    { disableLogger: true }
  )
}

/** A JSON value as a test reads it, field by field. */
// biome-ignore lint/suspicious/noExplicitAny: the tests read response bodies by their documented fields
export type Json = any

/** A JSON response as a test reads it. */
export interface Answer {
  readonly status: number
  readonly body: Json
}

/** Calls the handler: `token` as a bearer token, `body` as JSON. */
export const call =
  (handler: (request: Request) => Promise<Response>) =>
  async (method: string, path: string, options: { token?: Token; body?: unknown } = {}): Promise<Answer> => {
    const headers: Record<string, string> = {}
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    if (options.body !== undefined) headers["content-type"] = "application/json"
    const response = await handler(
      new Request(`http://danvan.test${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
      })
    )
    const text = await response.text()
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
  }

/**
 * The OpenAPI document: valid OpenAPI 3.1 by an independent validator, served as generated, with
 * every endpoint's error statuses, its security, and error bodies that carry a message; and a
 * typed client over a real socket that decodes an error back into core's class.
 */
import { StoreError } from "@danvan/core"
import { ApiServer, DanvanApi } from "@danvan/http-api"
import { StoreMemory } from "@danvan/store-memory"
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, expect, it, layer } from "@effect/vitest"
import { Validator } from "@seriousme/openapi-schema-validator"
import { Effect, Layer } from "effect"
import { HttpClient, HttpClientRequest, HttpRouter } from "effect/http"
import { HttpApiClient, OpenApi } from "effect/http-api"
import { AuthenticatorTest, call, type Json, seedWorld, serve } from "./fixture.ts"

const spec = OpenApi.fromApi(DanvanApi.Api) as unknown as {
  openapi: string
  paths: Record<
    string,
    Record<string, { operationId: string; security?: unknown; responses: Record<string, Json> }>
  >
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, unknown> }
}

const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, ...operation }))
)
const operation = (id: string) => {
  const found = operations.find((o) => o.operationId === id)
  if (found === undefined) throw new Error(`no operation ${id}`)
  return found
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(spec as unknown as Record<string, unknown>)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(spec.openapi).toBe("3.1.0")
  })

  it("is the document the server serves", async () => {
    const web = serve(StoreMemory.layer(), false)
    try {
      const served = await call(web.handler)("GET", "/api/openapi.json")
      expect(served.status).toBe(200)
      expect(served.body).toEqual(JSON.parse(JSON.stringify(spec)))
    } finally {
      await web.dispose()
    }
  })

  it("names one operation per endpoint, and secures exactly those that act for someone", () => {
    const ids = operations.map((o) => o.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain("reports.submitReport")
    expect(operation("reports.submitReport").security).toEqual([{ cookie: [] }, { bearer: [] }])
    expect(operation("units.searchUnits").security).toEqual([])
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(["bearer", "cookie"])
  })

  it("lists each error status of an endpoint", () => {
    const statuses = (id: string) => Object.keys(operation(id).responses).sort()
    expect(statuses("reports.submitReport")).toEqual(["200", "401", "403", "404", "409", "422", "500", "503"])
    expect(statuses("reports.createReport")).toEqual(["201", "401", "403", "404", "409", "422", "500", "503"])
    expect(statuses("units.searchUnits")).toEqual(["200", "422", "500", "503"])
    const conflicts = JSON.stringify(operation("reports.editReport").responses["409"])
    expect(conflicts).toContain("VersionConflict")
  })

  it("gives every error body its fields and a message", () => {
    const conflict = spec.components.schemas.VersionConflict
    expect(conflict.required).toEqual(
      expect.arrayContaining(["_tag", "entity", "id", "expected", "actual", "message"])
    )
    const forbidden = Object.keys(spec.components.schemas).filter((name) =>
      ["NotPermitted", "OutsideJurisdiction", "SeparationOfDuties"].includes(name)
    )
    expect(forbidden.sort()).toEqual(["NotPermitted", "OutsideJurisdiction", "SeparationOfDuties"])
  })

  it("documents the paging of a list", () => {
    const parameters = (operation("reports.reports") as unknown as { parameters: Array<{ name: string }> })
      .parameters
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["after", "limit", "periodId"]))
  })
})

const ServerTest = HttpRouter.serve(
  ApiServer.layer().pipe(
    Layer.provide([
      Layer.effectDiscard(seedWorld).pipe(Layer.provideMerge(StoreMemory.layer())),
      AuthenticatorTest
    ])
  ),
  { disableLogger: true, disableListenLog: true }
).pipe(Layer.provideMerge(NodeHttpServer.layerTest))

layer(ServerTest)("a typed client over a socket", (it) => {
  it.effect("reads, and gets core's own error class back", () =>
    Effect.gen(function* () {
      const client = yield* HttpApiClient.make(DanvanApi.Api, {
        transformClient: HttpClient.mapRequest(HttpClientRequest.bearerToken("communeOfficer"))
      })
      const unit = yield* client.units.unit({ params: { unitId: "vn-37" as never } })
      assert.strictEqual(unit.name, "Ninh Bình")
      const missing = yield* client.reports
        .report({ params: { reportId: "nope" as never } })
        .pipe(Effect.flip)
      assert.instanceOf(missing, StoreError.NotFound)
      assert.strictEqual(missing._tag === "NotFound" ? missing.message : "", 'no report with id "nope"')
    })
  )
})

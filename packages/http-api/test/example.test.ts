/**
 * The sample of docs/http-api.md runs as the doc says, and is the same code as the doc shows.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { web } from "./example.ts"
import { call } from "./fixture.ts"

describe("the documented sample", () => {
  it("serves the API with its authenticator", async () => {
    try {
      const api = call(web.handler)
      expect((await api("GET", "/api/reports")).status).toBe(401)
      const request = new Request("http://danvan.test/api/reports", {
        headers: { authorization: "Bearer token-of-an" }
      })
      const known = await web.handler(request)
      // the token is accepted: the officer lists its own unit's reports (none yet in this empty store)
      expect(known.status).toBe(200)
      expect(await known.json()).toEqual({ items: [] })
    } finally {
      await web.dispose()
    }
  })

  it("is the code docs/http-api.md shows", () => {
    const doc = readFileSync(new URL("../../../docs/http-api.md", import.meta.url), "utf8")
    const source = readFileSync(new URL("./example.ts", import.meta.url), "utf8")
    const code = source.slice(source.indexOf("import "))
    expect(doc).toContain(code.trim())
  })
})

/**
 * The API over a real store (memory, and SQLite for the workflow), through Fetch requests: every
 * facade operation is an endpoint, authentication is required where the facade takes an actor,
 * each kind of error has its status and a typed body, paging follows the cursors, and hostile
 * input never reaches a 500.
 */
import { Danvan, Ids, Page } from "@danvan/core"
import { DanvanApi } from "@danvan/http-api"
import { StoreMemory } from "@danvan/store-memory"
import { StorePg } from "@danvan/store-sql/pg"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { Fixtures } from "@danvan/store-testkit"
import { PgClient } from "@effect/sql-pg"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import fc from "fast-check"
import { type Answer, call, ids, serve, type Token, tokens } from "./fixture.ts"

const dvk = (models: number) => ({
  figures: Fixtures.dvkFigures({
    models,
    byField: { [Ids.FieldId.make("economy")]: models },
    byStatus: { inProgress: models }
  }),
  achievements: "Triển khai mô hình",
  shortcomings: "",
  nextTasks: ""
})

const newReport = (unitId: string, id: string) => ({
  id,
  unitId,
  programme: "DVK",
  periodId: "2017S1",
  regimeId: "party-calendar-months"
})

describe("the endpoints", () => {
  it("are the facade's operations, one each, named as the operation", () => {
    const endpoints = Object.values(DanvanApi.Api.groups).flatMap((group) => Object.keys(group.endpoints))
    const operations = [...Object.keys(Danvan.actingUseCases), ...Object.keys(Danvan.openUseCases)]
    expect([...endpoints].sort()).toEqual([...operations].sort())
  })
})

describe.each([
  ["memory", () => StoreMemory.layer()],
  ["SQLite", () => StoreSqlite.layer({ filename: ":memory:" })]
])("over %s", (_name, store) => {
  let web: ReturnType<typeof serve>
  let api: ReturnType<typeof call>
  beforeAll(() => {
    web = serve(store())
    api = call(web.handler)
  })
  afterAll(() => web.dispose())

  it("refuses every acting endpoint without a credential, and a credential the app does not accept", async () => {
    for (const path of ["/api/reports", "/api/models", "/api/audit", "/api/units/vn-37/committees"]) {
      const anonymous = await api("GET", path)
      expect(anonymous.status, path).toBe(401)
      expect(anonymous.body._tag).toBe("Unauthenticated")
      expect(anonymous.body.message).toMatch(/^sign in first/)
    }
    const forged = await api("GET", "/api/reports", { token: "nobody" as Token })
    expect(forged.status).toBe(401)
    expect(forged.body.reason).toContain("unknown bearer credential")
  })

  it("serves the public data without a credential", async () => {
    expect((await api("GET", `/api/units/${ids.province}`)).body.name).toBe("Ninh Bình")
    expect((await api("GET", "/api/reference/regimes")).body.map((r: { id: string }) => r.id)).toContain(
      "party-calendar-months"
    )
    expect((await api("GET", "/api/directives/in-force?on=2017-06-30")).status).toBe(200)
  })

  it("answers which directives apply to a unit on a date: its district's, not another district's", async () => {
    const plan = (id: string, unitId: string, token: "districtOfficer" | "communeOfficer") =>
      api("POST", "/api/directives", {
        token,
        body: {
          id,
          number: { _tag: "Party", number: 3, typeCode: "KH", issuer: "HU" },
          issuedBy: { _tag: "Unit", unitId, body: "partyCommittee" },
          title: "Kế hoạch thực hiện phong trào thi đua Dân vận khéo năm 2017",
          programme: "DVK",
          issuedOn: "2017-02-01",
          effectiveFrom: "2017-02-01",
          replaces: [],
          tasks: []
        }
      })
    expect((await plan("hu-gia-vien-3", ids.giaVien, "districtOfficer")).status).toBe(201)
    const applicable = (unitId: string) =>
      api("GET", `/api/directives/applicable?unitId=${unitId}&on=2017-06-30&programme=DVK`)
    const giaHoa = await applicable(ids.giaHoa)
    expect(giaHoa.status).toBe(200)
    expect(giaHoa.body.map((d: { id: string }) => d.id)).toContain("hu-gia-vien-3")
    const truongYen = await applicable(ids.truongYen)
    expect(truongYen.body.map((d: { id: string }) => d.id)).not.toContain("hu-gia-vien-3")
    expect((await api("GET", "/api/directives/applicable?unitId=vn-37&on=30/06/2017")).status).toBe(422)
  })

  it("runs the workflow: the commune submits, its district approves, the province counts it", async () => {
    const created = await api("POST", "/api/reports", {
      token: "communeOfficer",
      body: newReport(ids.giaHoa, "r-workflow")
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: "draft", revision: 0 })
    const edited = await api("PUT", "/api/reports/r-workflow/content", {
      token: "communeOfficer",
      body: { version: created.body.version, content: dvk(12) }
    })
    expect(edited.status).toBe(200)
    const submitted = await api("POST", "/api/reports/r-workflow/submit", {
      token: "communeOfficer",
      body: { version: edited.body.version }
    })
    expect(submitted.status).toBe(200)
    expect(submitted.body.revision).toMatchObject({ revision: 1, onTime: true })
    const approved = await api("POST", "/api/reports/r-workflow/approve", {
      token: "districtLeader",
      body: { version: submitted.body.report.version }
    })
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe("approved")
    const consolidated = await api(
      "GET",
      `/api/consolidation?rootId=${ids.province}&periodId=2017S1&programme=DVK&regimeId=party-calendar-months&levels=commune`,
      { token: "provinceLeader" }
    )
    expect(consolidated.status).toBe(200)
    expect(consolidated.body.consolidation.totals.models).toBe(12)
    expect(consolidated.body.completeness).toMatchObject({ expected: 3, onTime: [ids.giaHoa] })
    expect(consolidated.body.own).toBeNull()
    const history = await api("GET", "/api/reports/r-workflow/history", { token: "provinceLeader" })
    expect(history.body.revisions).toHaveLength(1)
    const revision = await api("GET", "/api/reports/r-workflow/revisions/1", { token: "districtLeader" })
    expect(revision.body.content.figures.models).toBe(12)
  })

  const expectError = (answer: Answer, status: number, tag: string) => {
    expect(answer.body?._tag, JSON.stringify(answer.body)).toBe(tag)
    expect(answer.status).toBe(status)
    expect(typeof answer.body.message).toBe("string")
  }

  it("follows up a directive's tasks: progress in a report, a 422 for a task not assigned, the counts per task", async () => {
    const registered = await api("POST", "/api/directives", {
      token: "districtOfficer",
      body: {
        id: "tb-gia-vien-7",
        number: { _tag: "Party", number: 7, typeCode: "TB", issuer: "HU" },
        issuedBy: { _tag: "Unit", unitId: ids.giaVien, body: "partyCommittee" },
        title: "Thông báo kết luận về tiếp công dân",
        programme: "OTHER",
        issuedOn: "2017-01-10",
        effectiveFrom: "2017-01-10",
        replaces: [],
        tasks: [
          {
            id: "t-ubnd",
            description: "UBND các xã tăng cường tiếp công dân.",
            assignees: [
              { _tag: "Bodies", body: "peoplesCommittee", levels: ["commune"], within: ids.giaVien }
            ]
          },
          {
            id: "t-huyen",
            description: "UBND huyện sơ kết việc tiếp công dân.",
            assignees: [{ _tag: "Unit", unitId: ids.giaVien }]
          }
        ]
      }
    })
    expect(registered.status).toBe(201)
    const progress = (taskId: string) => [
      { directiveId: "tb-gia-vien-7", taskId, status: "inProgress", note: "Đang triển khai" }
    ]
    const refused = await api("POST", "/api/reports", {
      token: "giaThuyOfficer",
      body: {
        ...newReport(ids.giaThuy, "r-tasks-refused"),
        periodId: "2017Q1",
        content: { ...dvk(1), taskProgress: progress("t-huyen") }
      }
    })
    expect(refused.status).toBe(422)
    expect(refused.body._tag).toBe("InvalidTaskProgress")
    expect(refused.body.violations.map((v: { _tag: string }) => v._tag)).toEqual(["TaskNotAssigned"])
    const created = await api("POST", "/api/reports", {
      token: "giaThuyOfficer",
      body: {
        ...newReport(ids.giaThuy, "r-tasks"),
        periodId: "2017Q1",
        content: { ...dvk(1), taskProgress: progress("t-ubnd") }
      }
    })
    expect(created.status).toBe(201)
    expect(created.body.content.taskProgress).toEqual(progress("t-ubnd"))
    const submitted = await api("POST", "/api/reports/r-tasks/submit", {
      token: "giaThuyOfficer",
      body: { version: created.body.version }
    })
    expect(submitted.status).toBe(200)
    const followUp = await api(
      "GET",
      `/api/task-follow-up?rootId=${ids.giaVien}&directiveId=tb-gia-vien-7&periodId=2017Q1&programme=DVK&regimeId=party-calendar-months`,
      { token: "districtLeader" }
    )
    expect(followUp.status).toBe(200)
    expect(followUp.body.tasks[0]).toMatchObject({
      taskId: "t-ubnd",
      counts: { notStarted: 0, inProgress: 1, done: 0 },
      byStatus: { inProgress: [ids.giaThuy] },
      notReported: [ids.giaHoa]
    })
    expect(followUp.body.tasks[1]).toMatchObject({
      taskId: "t-huyen",
      assigned: [ids.giaVien],
      notReported: [ids.giaVien]
    })
    const tasks = (unitId: string) =>
      `/api/task-follow-up/tasks?unitId=${unitId}&periodId=2017Q1&programme=DVK&regimeId=party-calendar-months`
    const ofGiaThuy = await api("GET", tasks(ids.giaThuy), { token: "giaThuyOfficer" })
    expect(ofGiaThuy.status).toBe(200)
    expect(ofGiaThuy.body).toMatchObject({ unitId: ids.giaThuy, periodId: "2017Q1", reportId: "r-tasks" })
    expect(ofGiaThuy.body.tasks).toEqual([
      {
        directive: {
          id: "tb-gia-vien-7",
          number: { _tag: "Party", number: 7, typeCode: "TB", issuer: "HU" },
          title: "Thông báo kết luận về tiếp công dân"
        },
        task: registered.body.tasks[0],
        progress: progress("t-ubnd")[0]
      }
    ])
    const ofDistrict = await api("GET", tasks(ids.giaVien), { token: "districtLeader" })
    expect(ofDistrict.status).toBe(200)
    expect(ofDistrict.body.reportId).toBeUndefined()
    expect(ofDistrict.body.tasks.map((t: { task: { id: string } }) => t.task.id)).toEqual(["t-huyen"])
    expectError(
      await api("GET", tasks(ids.giaThuy), { token: "otherDistrictLeader" }),
      403,
      "OutsideJurisdiction"
    )
    expectError(
      await api("GET", tasks(ids.giaThuy).replace("2017Q1", "2017-Q9"), { token: "giaThuyOfficer" }),
      422,
      "InvalidInput"
    )
  })

  it("answers each kind of error with its status and a typed body", async () => {
    const draft = await api("POST", "/api/reports", {
      token: "giaThuyOfficer",
      body: newReport(ids.giaThuy, "r-errors")
    })
    expect(draft.status).toBe(201)
    const v = draft.body.version as number
    // 403: the role lacks the permission; the unit is not the actor's; one person on both sides
    expectError(
      await api("POST", "/api/reports", { token: "communeViewer", body: newReport(ids.giaHoa, "r-x") }),
      403,
      "NotPermitted"
    )
    expectError(
      await api("POST", "/api/reports", { token: "districtOfficer", body: newReport(ids.giaHoa, "r-y") }),
      403,
      "OutsideJurisdiction"
    )
    // 404: no such report, and a report outside what the actor may read (decision record 0011)
    expectError(await api("GET", "/api/reports/r-missing", { token: "giaThuyOfficer" }), 404, "NotFound")
    expectError(await api("GET", "/api/reports/r-errors", { token: "otherDistrictLeader" }), 404, "NotFound")
    // 409: a stale version; a step the status does not allow; a second report for the period
    const saved = await api("PUT", "/api/reports/r-errors/content", {
      token: "giaThuyOfficer",
      body: { version: v, content: dvk(3) }
    })
    expect(saved.status).toBe(200)
    const stale = await api("PUT", "/api/reports/r-errors/content", {
      token: "giaThuyOfficer2",
      body: { version: v, content: dvk(4) }
    })
    expectError(stale, 409, "VersionConflict")
    expect(stale.body).toMatchObject({ entity: "report", id: "r-errors", expected: v, actual: v + 1 })
    expectError(
      await api("POST", "/api/reports/r-errors/approve", {
        token: "districtLeader",
        body: { version: v + 1 }
      }),
      409,
      "InvalidReportTransition"
    )
    expectError(
      await api("POST", "/api/reports", { token: "giaThuyOfficer", body: newReport(ids.giaThuy, "r-twice") }),
      409,
      "ConstraintViolation"
    )
    // 422: a request the schemas reject, input the use case rejects, figures that do not add up
    const badVersion = await api("POST", "/api/reports/r-errors/submit", {
      token: "giaThuyOfficer",
      body: { version: -1 }
    })
    expectError(badVersion, 422, "InvalidInput")
    expect(badVersion.body.useCase).toBe("reports.submitReport")
    expectError(
      await api("GET", "/api/reports?periodId=2017H7", { token: "giaThuyOfficer" }),
      422,
      "InvalidInput"
    )
    const broken = { ...dvk(5), figures: { ...dvk(5).figures, models: 6 } }
    const inconsistent = await api("PUT", "/api/reports/r-errors/content", {
      token: "giaThuyOfficer",
      body: { version: v + 1, content: broken }
    })
    expect(inconsistent.status).toBe(200)
    expectError(
      await api("POST", "/api/reports/r-errors/submit", {
        token: "giaThuyOfficer",
        body: { version: v + 2 }
      }),
      422,
      "InconsistentFigures"
    )
  })

  it("refuses one person approving what they submitted (403 SeparationOfDuties)", async () => {
    const created = await api("POST", "/api/reports", {
      token: "districtOfficer",
      body: newReport(ids.giaVien, "r-district")
    })
    const submitted = await api("POST", "/api/reports/r-district/submit", {
      token: "districtOfficer",
      body: { version: created.body.version }
    })
    expect(submitted.status).toBe(200)
    expectError(
      await api("POST", "/api/reports/r-district/approve", {
        token: "twoHats",
        body: { version: submitted.body.report.version }
      }),
      403,
      "SeparationOfDuties"
    )
    expectError(
      await api("POST", "/api/reports/r-district/return", {
        token: "provinceLeader",
        body: { version: submitted.body.report.version, reason: "" }
      }),
      422,
      "ReasonRequired"
    )
    const approved = await api("POST", "/api/reports/r-district/approve", {
      token: "provinceLeader",
      body: { version: submitted.body.report.version }
    })
    expect(approved.body.status).toBe("approved")
  })

  it("pages through a list by its cursors, and refuses a cursor it did not issue", async () => {
    const all = await api("GET", "/api/units?asOf=2017-07-01")
    expect(all.body.items.length).toBe(7)
    const seen: Array<string> = []
    let next: string | undefined
    let pages = 0
    do {
      const query = next === undefined ? "limit=3" : `limit=3&after=${next}`
      const page = await api("GET", `/api/units?asOf=2017-07-01&${query}`)
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(3)
      seen.push(...page.body.items.map((u: { id: string }) => u.id))
      next = page.body.next
      pages++
    } while (next !== undefined && pages < 10)
    expect(seen).toEqual(all.body.items.map((u: { id: string }) => u.id))
    expect(pages).toBe(3)
    expectError(await api("GET", "/api/units?limit=0"), 422, "InvalidInput")
    expectError(await api("GET", `/api/units?limit=${Page.maxLimit + 1}`), 422, "InvalidInput")
    expectError(await api("GET", "/api/units?after=bm90LWEtY3Vyc29y"), 422, "InvalidInput")
    const jurisdiction = await api("GET", `/api/units/${ids.giaVien}/jurisdiction?asOf=2017-07-01&limit=2`)
    expect(jurisdiction.body.items).toHaveLength(2)
    expect(jurisdiction.body.next).toBeTypeOf("string")
  })

  it("never answers hostile input with a 500", async () => {
    const targets: ReadonlyArray<readonly [string, string, Token | undefined]> = [
      ["POST", "/api/reports", "communeOfficer"],
      ["PUT", "/api/reports/r-hostile/content", "communeOfficer"],
      ["POST", "/api/reports/r-hostile/submit", "communeOfficer"],
      ["POST", "/api/models", "communeOfficer"],
      ["POST", "/api/committees", "communeOfficer"],
      ["POST", "/api/directives", "communeOfficer"],
      ["POST", "/api/units/import", "provinceAdmin"],
      ["PUT", "/api/reference/regimes", "provinceAdmin"]
    ]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue(), async ([method, path, token], body) => {
        const answer = await api(method, path, { ...(token === undefined ? {} : { token }), body })
        expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400)
        expect(answer.status).toBeLessThan(500)
        expect(typeof answer.body?._tag).toBe("string")
      }),
      { numRuns: 60 }
    )
    for (const query of [
      "asOf=not-a-date",
      "levels=nation",
      `name=${"x".repeat(600)}`,
      `code=${"9".repeat(400)}`
    ]) {
      const answer = await api("GET", `/api/units?${query}`)
      expect(answer.status, query).toBe(422)
    }
  })

  it("keeps every actor to its jurisdiction on reads", async () => {
    const mine = await api("GET", `/api/reports?unitId=${ids.giaHoa}`, { token: "districtLeader" })
    expect(mine.status).toBe(200)
    expectError(
      await api("GET", `/api/reports?unitId=${ids.giaHoa}`, { token: "otherDistrictLeader" }),
      403,
      "OutsideJurisdiction"
    )
    expect(Object.keys(tokens)).toContain("twoHats")
  })
})

describe("a store that cannot be reached", () => {
  const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
  const database = `danvan_api_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`
  const admin = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient>) =>
    Effect.runPromise(Effect.provide(effect, PgClient.layer({ url: Redacted.make(pgUrl) })))
  let web: ReturnType<typeof serve> | undefined
  afterAll(async () => {
    await web?.dispose()
    await admin(
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql`DROP DATABASE IF EXISTS ${sql(database)} WITH (FORCE)`)
    )
  })

  it("answers 503 StoreUnavailable when its PostgreSQL database is gone", async () => {
    await admin(Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE DATABASE ${sql(database)}`))
    const url = new URL(pgUrl)
    url.pathname = `/${database}`
    web = serve(StorePg.layer({ url: url.toString() }))
    const api = call(web.handler)
    expect((await api("GET", `/api/units/${ids.province}`)).status).toBe(200)
    await admin(
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql`DROP DATABASE ${sql(database)} WITH (FORCE)`)
    )
    const down = await api("GET", `/api/reports/r-1`, { token: "communeOfficer" })
    expect(down.body?._tag, JSON.stringify(down.body)).toBe("StoreUnavailable")
    expect(down.status).toBe(503)
  }, 60_000)
})

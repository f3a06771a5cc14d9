/**
 * Every value is a bound parameter: names, texts and identifiers full of quotes, semicolons,
 * comment markers, placeholders and SQL keywords round-trip unchanged on every engine.
 */
import {
  AuditEntry,
  AuditLog,
  CommitteeRepository,
  Directive,
  DirectiveRepository,
  Ids,
  Report,
  ReportRepository,
  SteeringCommittee,
  type Store,
  Text,
  UnitRepository
} from "@danvan/core"
import { expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as fc from "fast-check"
import { describeEngine, engines, freshStore, pgAvailable } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const hostile = [
  "'",
  "''",
  '"',
  ";",
  "--",
  "/*",
  "*/",
  "\\",
  "%",
  "_",
  "?",
  "$1",
  ":name",
  "@p",
  "`",
  "DROP TABLE units;",
  "'); DELETE FROM reports; --",
  '" OR "1"="1',
  "SELECT * FROM sqlite_master",
  "UNION ALL SELECT",
  "COMMIT; BEGIN;",
  "Robert'); DROP TABLE audit_entries;--",
  "Ninh Bình",
  "Phó Chủ tịch HĐND tỉnh",
  "\t",
  "\n"
]

/** Text of hostile fragments and Vietnamese words, as the domain stores it (NFC, trimmed, non-empty). */
const hostileText = fc
  .array(fc.constantFrom(...hostile), { minLength: 1, maxLength: 6 })
  .map((parts) => Text.normalize(parts.join(" ")))
  .filter((s) => s.length > 0)

/**
 * Names of hostile fragments: one line with a letter or digit, as the domain's text policy asks of
 * a name (line breaks and tabs stay in the multi-line texts above).
 */
const hostileName = fc
  .array(fc.constantFrom(...hostile.filter((h) => !/[\t\n]/u.test(h))), { minLength: 1, maxLength: 6 })
  .map((parts) => Text.normalize(`${parts.join(" ")} Tổ 1`))

/**
 * Unit names are Vietnamese names (`Text.VietnameseName`): of the fragments above, those such a
 * name may hold (quotes, dashes, SQL words).
 */
const hostileUnitName = fc
  .array(fc.constantFrom(...hostile.filter((h) => Text.vietnameseNameProblem(`${h} Tổ 1`) === undefined)), {
    minLength: 1,
    maxLength: 6
  })
  .map((parts) => Text.normalize(`${parts.join(" ")} Tổ 1`))

/** Identifiers are printable ASCII without spaces, so quotes and semicolons are allowed in them too. */
const hostileId = fc
  .array(fc.constantFrom("'", '"', ";", "--", "/*", "x", "DROP", "\\", "%", "?", "$1", ")", "(", ","), {
    minLength: 1,
    maxLength: 8
  })
  .map((parts) => parts.join(""))

let counter = 0
const fresh = (id: string) => `${id}#${++counter}`

/** Runs a fast-check property whose body is an Effect over the store of the test's layer. */
const property = <Ts extends [unknown, ...Array<unknown>], E>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  body: (...values: Ts) => Effect.Effect<void, E, Store.Store>,
  numRuns: number
) =>
  Effect.flatMap(Effect.context<Store.Store>(), (context) =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(...arbitraries, (...values: Ts) =>
          Effect.runPromise(Effect.provideContext(body(...values), context))
        ),
        { numRuns }
      )
    )
  )

for (const engine of engines) {
  describeEngine(engine, () => {
    layer(freshStore(engine), { timeout: 120_000 })((it) => {
      it.effect(
        "units, committees, reports and audit entries keep hostile text and ids unchanged",
        () =>
          property(
            [hostileName, hostileText, hostileId, hostileUnitName],
            (name, text, rawId, unitName) =>
              Effect.gen(function* () {
                const units = yield* UnitRepository
                const committees = yield* CommitteeRepository
                const reports = yield* ReportRepository
                const audit = yield* AuditLog
                const unitId = fresh(rawId)
                const [unit] = yield* units.insert([F.unit(unitId, "province", unitName)])
                expect(unit?.name).toBe(unitName)
                expect((yield* units.get(Ids.UnitId.make(unitId))).name).toBe(unitName)

                const committee = new SteeringCommittee.SteeringCommittee({
                  ...F.committee(fresh(rawId), unitId, name),
                  memberships: [
                    new SteeringCommittee.Membership({
                      personId: Ids.PersonId.make(fresh(rawId)),
                      personName: name,
                      post: "head",
                      titles: [name, name],
                      from: F.d("2016-01-01")
                    })
                  ]
                })
                yield* committees.insert(committee)
                expect(yield* committees.get(committee.id)).toEqual(
                  new SteeringCommittee.SteeringCommittee({ ...committee, version: 1 })
                )

                const report = F.report(fresh(rawId), unitId, 2, {
                  achievements: text,
                  extra: { [rawId]: 3 }
                })
                yield* reports.insert(report)
                expect(yield* reports.get(report.id)).toEqual(new Report.Report({ ...report, version: 1 }))

                const entry = new AuditEntry.AuditEntry({
                  ...F.auditEntry(fresh(rawId), text),
                  subjectId: rawId
                })
                yield* audit.append([entry])
                const listed = yield* audit.list({ subjectId: rawId })
                expect(listed.items.some((e) => e.id === entry.id && e.summary === text)).toBe(true)
              }),
            25
          ),
        120_000
      )

      it.effect(
        "a directive's title, issuer name and number issuer keep hostile text",
        () =>
          property(
            [hostileText, hostileName],
            (title, issuerName) =>
              Effect.gen(function* () {
                const directives = yield* DirectiveRepository
                const directive = new Directive.Directive({
                  ...F.directive(fresh("d"), ++counter, { title }),
                  issuerName
                })
                yield* directives.insert(directive)
                expect(yield* directives.get(directive.id)).toEqual(
                  new Directive.Directive({ ...directive, version: 1 })
                )
              }),
            15
          ),
        120_000
      )
    })
  })
}

for (const engine of engines) {
  it.effect.skipIf(engine === "pg" && !pgAvailable)(
    `${engine}: a name holding the NUL character is refused by the domain before any engine sees it`,
    () =>
      Effect.gen(function* () {
        const units = yield* UnitRepository
        const name = "Ninh\u0000Bình"
        expect(() => F.unit("nul", "province", name)).toThrow("Schema validation failed")
        expect(Text.nameProblem(name)).toContain("NUL")
        expect(yield* units.getMany([Ids.UnitId.make("nul")])).toEqual([])
      }).pipe(Effect.provide(freshStore(engine)))
  )
}

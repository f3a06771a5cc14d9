/**
 * Bring your own store: the single-file adapter of `SingleFileStore.ts` at work. The first run
 * creates the file and records a commune's model; every later run finds it there, evaluates it
 * once, and shows that what an earlier process wrote is still there.
 *
 *     pnpm --filter @danvan/examples run custom-store [--file <path>]
 *
 * `pnpm --filter @danvan/examples run custom-store:conformance` runs the conformance suite on it.
 */
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { parseArgs } from "node:util"
import {
  type Actor,
  Configuration,
  type Danvan,
  ModelField,
  ModelRepository,
  Models,
  Page,
  Units
} from "@danvan/core"
import { Effect } from "effect"
import { cliArgs } from "../shared/cli.ts"
import { at, morningOf } from "../shared/clock.ts"
import { outputRoot } from "../shared/paths.ts"
import * as SingleFileStore from "./SingleFileStore.ts"

const communeId = "demo-commune-truong-yen"
const officer: Actor.ActorInput = {
  personId: "demo-officer",
  name: "Cán bộ xã Trường Yên",
  unitId: communeId,
  role: "officer"
}
/** The province's administrator, who sets the store up: its units, then its reference data. */
const admin: Actor.ActorInput = {
  personId: "demo-admin",
  name: "Quản trị hệ thống tỉnh",
  unitId: "demo-province",
  role: "administrator"
}

const units = [
  {
    id: "demo-province",
    type: "province",
    name: "Ninh Bình",
    code: "37",
    validFrom: "2016-01-01",
    parents: [],
    version: 0
  },
  {
    id: "demo-district",
    type: "ruralDistrict",
    name: "Hoa Lư",
    code: "374",
    validFrom: "2016-01-01",
    validUntil: "2025-07-01",
    parents: [{ parentId: "demo-province", from: "2016-01-01", until: "2025-07-01" }],
    version: 0
  },
  {
    id: communeId,
    type: "commune",
    name: "Trường Yên",
    code: "14533",
    validFrom: "2016-01-01",
    validUntil: "2025-07-01",
    parents: [{ parentId: "demo-district", from: "2016-01-01", until: "2025-07-01" }],
    version: 0
  }
] as const

/** One run against the file: what it found and what it did. */
export const once = (
  file: string
): Effect.Effect<
  ReadonlyArray<string>,
  Danvan.ErrorOf<"putField" | "importUnits" | "registerModel" | "startModel">
> =>
  Effect.gen(function* () {
    const lines: Array<string> = []
    const models = yield* ModelRepository
    const before = yield* Page.collect((page) => models.list({ unitId: communeId as never }, page))
    if (before.length === 0) {
      yield* Units.importUnits(admin, { units, successions: [] })
      for (const field of ModelField.defaults) yield* Configuration.putField(admin, field)
      const model = yield* Models.registerModel(officer, {
        id: "demo-model-du-lich",
        unitId: communeId,
        phaseId: "2016-2020",
        fieldId: "economy",
        registeredOn: "2017-03-01",
        content: { name: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An" }
      }).pipe(at(morningOf("2017-03-01")))
      lines.push(`created ${file} and registered "${model.content.name}" (version ${model.version})`)
    } else {
      const [model] = before
      lines.push(
        `found ${before.length} model in ${file}: "${model?.content.name}", ${model?.events.length} events`
      )
      if (model !== undefined && model.events.length === 1) {
        const started = yield* Models.startModel(officer, {
          modelId: model.id,
          version: model.version,
          on: "2017-03-15"
        })
        lines.push(`started it: now at version ${started.version}, ${started.events.length} events`)
      }
    }
    return lines
  }).pipe(Effect.provide(SingleFileStore.layer({ file })))

const main = async () => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: { file: { type: "string", default: join(outputRoot, "custom-store", "danvan.json") } }
  })
  mkdirSync(dirname(values.file), { recursive: true })
  for (const line of await Effect.runPromise(once(values.file))) process.stdout.write(`${line}\n`)
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}

/**
 * The shared conformance suite, on the JSON-file store: each store in a fresh temporary
 * directory, opened for writing (lock, files and fsyncs included).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { conformance } from "@danvan/store-testkit"
import { afterAll } from "@effect/vitest"
import { StoreJson } from "../src/index.ts"

const root = fs.mkdtempSync(path.join(os.tmpdir(), "danvan-json-conformance-"))
let stores = 0

afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

conformance("store-json", () => StoreJson.layer({ directory: path.join(root, String(++stores)) }))

/**
 * The process the harness starts for one variant of the CSV import (see `csv/CsvImport`): reads
 * the variant and the list file from its arguments and sends what it measured over IPC.
 *
 * @since 0.1.0
 */
import { measure, type Variant } from "./csv/CsvImport.ts"

const [variant, file] = process.argv.slice(2) as [Variant, string]

const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    if (process.send === undefined) {
      process.stdout.write(`${JSON.stringify(message)}\n`)
      resolve()
    } else process.send(message, () => resolve())
  })

measure(variant, file).then(
  async (result) => {
    await send({ ok: true, result })
    process.exit(0)
  },
  async (error: unknown) => {
    await send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    process.exit(1)
  }
)

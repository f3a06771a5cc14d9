/**
 * The process the harness starts for one target: reads its options from the first argument (JSON),
 * runs the scenarios, and sends the result to the parent over IPC.
 *
 * @since 0.1.0
 */
import { type RunOptions, run } from "./Run.ts"

const options = JSON.parse(process.argv[2] ?? "{}") as RunOptions

const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    if (process.send === undefined) {
      process.stdout.write(`${JSON.stringify(message)}\n`)
      resolve()
    } else process.send(message, () => resolve())
  })

run(options).then(
  async (result) => {
    await send({ ok: true, result })
    process.exit(0)
  },
  async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    await send({ ok: false, error: message })
    process.exit(1)
  }
)

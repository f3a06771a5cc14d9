/**
 * How a measuring process answers the harness: one message over IPC (or a line of JSON on standard
 * output when run by hand), then it exits.
 *
 * @since 0.1.0
 */

const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    if (process.send === undefined) {
      process.stdout.write(`${JSON.stringify(message)}\n`)
      resolve()
    } else process.send(message, () => resolve())
  })

/**
 * Sends `{ ok: true, result }` when the work succeeds, `{ ok: false, error }` when it fails, and
 * exits.
 *
 * @since 0.1.0
 */
export const answer = <A>(work: Promise<A>): void => {
  work.then(
    async (result) => {
      await send({ ok: true, result })
      process.exit(0)
    },
    async (error: unknown) => {
      await send({
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error)
      })
      process.exit(1)
    }
  )
}

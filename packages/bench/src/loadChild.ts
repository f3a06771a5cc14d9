/**
 * A worker of the `load` scenario on the SQL adapters: opens the store another process made (its
 * own connection or pool), tells the parent it is ready, waits for the go, submits its share of the
 * drafts all at once (`Load.submitAll`), and answers with what it measured.
 *
 * @since 0.1.0
 */
import { answer } from "./Ipc.ts"
import * as Load from "./Load.ts"
import * as BaselinePg from "./targets/BaselinePg.ts"
import * as BaselineSqlite from "./targets/BaselineSqlite.ts"
import * as Danvan from "./targets/Danvan.ts"

const job = JSON.parse(process.argv[2] ?? "{}") as Load.WorkerJob

const work = async () => {
  const target =
    job.implementation === "danvan"
      ? await Danvan.attach(job.adapter, job.location, job.pgUrl)
      : "filename" in job.location
        ? BaselineSqlite.attach(job.location.filename)
        : await BaselinePg.attach(job.pgUrl, job.location.schema)
  try {
    const go = new Promise<void>((resolve) => process.once("message", () => resolve()))
    process.send?.({ ready: true })
    await go
    return await Load.submitAll(target, job.seed, job.drafts)
  } finally {
    await target.close()
  }
}

answer(work())

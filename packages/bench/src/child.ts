/**
 * The process the harness starts for one target: reads its options from the first argument (JSON),
 * runs the scenarios, and sends the result to the parent over IPC.
 *
 * @since 0.1.0
 */
import { answer } from "./Ipc.ts"
import { type RunOptions, run } from "./Run.ts"

const options = JSON.parse(process.argv[2] ?? "{}") as RunOptions

answer(run(options))

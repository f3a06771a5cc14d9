/**
 * danvan without Effect (see `app.ts`).
 *
 *     pnpm --filter @danvan/examples run without-effect
 */
import { run } from "./app.ts"

try {
  for (const line of await run()) console.log(line)
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}

/**
 * The `pg` driver's `Client`, loaded from `pg/lib/client.js` rather than the package's entry: the
 * entry also builds a `Pool` class on `pg-pool`, which breaks when the process resolves packages
 * with the `import` condition (as the workspace's test runner does: `require("pg-pool")` then
 * returns its ES module wrapper, which cannot be extended). The bench needs only single clients.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import type pg from "pg"

/** @since 0.1.0 */
export const Client: typeof pg.Client = createRequire(import.meta.url)("pg/lib/client.js")

/** @since 0.1.0 */
export type Client = pg.Client
/** @since 0.1.0 */
export type QueryResultRow = pg.QueryResultRow

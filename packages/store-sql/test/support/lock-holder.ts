/**
 * Another process holding an SQLite database's write lock, for the contention tests (run with
 * `node lock-holder.ts <file>`): it opens the file, takes the write lock (`BEGIN IMMEDIATE`),
 * prints `locked`, holds the lock until it reads `release` on stdin, then rolls back, prints
 * `released` and exits.
 */
import { createInterface } from "node:readline"
import { DatabaseSync } from "node:sqlite"

const file = process.argv[2]
if (file === undefined) throw new Error("usage: lock-holder.ts <file>")
const db = new DatabaseSync(file, { timeout: 10_000 })
db.exec("BEGIN IMMEDIATE")
process.stdout.write("locked\n")
const lines = createInterface({ input: process.stdin })
lines.on("line", (line) => {
  if (line.trim() !== "release") return
  db.exec("ROLLBACK")
  db.close()
  process.stdout.write("released\n")
  lines.close()
})

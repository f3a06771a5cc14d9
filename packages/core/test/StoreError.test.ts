/**
 * Issue 14: "`StoreUnavailable` says whether a retry may succeed", with a closed set of reasons
 * and a message that names the cause in words.
 */
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { StoreError } from "../src/index.ts"

describe("StoreError.StoreUnavailable", () => {
  it("names its reason in words, its detail, and whether a retry may succeed", () => {
    const locked = new StoreError.StoreUnavailable({
      reason: "Locked",
      detail: "process 42 holds the write lock"
    })
    expect(locked.isRetryable).toBe(true)
    expect(locked.message).toBe(
      "store unavailable (locked by another process or connection; a retry may succeed): process 42 holds the write lock"
    )
    const missing = new StoreError.StoreUnavailable({ reason: "MissingDatabase", detail: 'no database "x"' })
    expect(missing.isRetryable).toBe(false)
    expect(missing.message).toBe('store unavailable (the database does not exist): no database "x"')
  })

  it("retries exactly the transient reasons", () => {
    const retryable = StoreError.UnavailableReason.literals.filter(StoreError.isRetryable)
    expect([...retryable].sort()).toEqual([
      "Conflict",
      "ConnectionLost",
      "ConnectionRefused",
      "Locked",
      "Timeout"
    ])
  })

  it("refuses a reason outside the closed set", () => {
    expect(() =>
      Schema.decodeUnknownSync(StoreError.StoreUnavailable)({
        _tag: "StoreUnavailable",
        reason: "cannot connect",
        detail: "x"
      })
    ).toThrow()
  })

  it("reads Node's system error codes", () => {
    const error = (code: string) => Object.assign(new Error(code), { code })
    expect(StoreError.reasonOfSystemError(error("ENOENT"))).toBe("MissingFolder")
    expect(StoreError.reasonOfSystemError(error("EACCES"))).toBe("PermissionDenied")
    expect(StoreError.reasonOfSystemError(error("ECONNREFUSED"))).toBe("ConnectionRefused")
    expect(StoreError.reasonOfSystemError(error("ECONNRESET"))).toBe("ConnectionLost")
    expect(StoreError.reasonOfSystemError(error("ENOSPC"))).toBe("DiskFull")
    expect(StoreError.reasonOfSystemError(error("EWHATEVER"))).toBe("Unknown")
    expect(StoreError.reasonOfSystemError("not an error")).toBe("Unknown")
  })

  it("gives Unknown, not a TypeError, for an error whose code cannot be read", () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {})
    revoke()
    const trapped = new Proxy(
      {},
      {
        has: () => {
          throw { toString: "" }
        }
      }
    )
    const getter = Object.defineProperty(new Error("x"), "code", {
      get: () => {
        throw new Error("no code")
      }
    })
    for (const error of [revoked, trapped, getter])
      expect(StoreError.reasonOfSystemError(error)).toBe("Unknown")
  })
})

/**
 * The rules the store enforces on every write (and on every record of a snapshot it loads), as
 * `Contract` in `@danvan/core` defines them: references to records that must exist, and values
 * that must be unique, checked in the contract's order. This module only gives the contract a
 * view of the store: its records, and its indexes for the unique values.
 *
 * @since 0.1.0
 */
import { Contract, type StoreError } from "@danvan/core"
import type { IndexName } from "./Indexes.ts"
import type { View } from "./State.ts"
import type { Stored } from "./Stored.ts"

type Violation = StoreError.ConstraintViolation

/** The index that holds each unique value of `Contract.uniqueKeys`. */
const uniqueIndex: { readonly [T in Contract.UniqueKey["_tag"]]: IndexName } = {
  DocumentNumber: "directiveNumbering",
  ReportSlot: "reportSlot"
}

/** The store as the contract reads it. @since 0.1.0 */
export const contractView = (view: View): Contract.View => ({
  has: (entity, key) => view.get(entity, key) !== undefined,
  holders: (unique) => view.lookup(uniqueIndex[unique._tag], unique.value)
})

/**
 * The first rule a write breaks (`Contract.check`), against the state before it.
 *
 * @since 0.1.0
 */
export const check = (view: View, writes: ReadonlyArray<Contract.Write>): Violation | undefined =>
  Contract.check(contractView(view), writes)

/**
 * The first rule a record breaks against a state that already holds it (a loaded snapshot).
 *
 * @since 0.1.0
 */
export const checkStored = (view: View, stored: Stored): Violation | undefined =>
  Contract.checkStored(contractView(view), stored.entity, stored.record)

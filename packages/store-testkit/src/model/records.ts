/**
 * Small helpers the reference model and the runner share: the id order both list records in, and
 * copying an immutable record at another version. Internal: not exported from the package.
 *
 * @since 0.1.0
 */

/** Code-unit order of ids, the order the storage port lists records in. @since 0.1.0 */
export const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** A copy of a record (a `Schema.Class` instance) at another version. @since 0.1.0 */
export const withVersion = <A extends { readonly version: number }>(record: A, version: number): A => {
  const Ctor = (record as unknown as { constructor: new (props: unknown) => A }).constructor
  return new Ctor({ ...record, version })
}

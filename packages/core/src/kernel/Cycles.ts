/**
 * Cycles in a directed graph, for the rules that forbid them: parent links that lead a unit back to
 * itself, successions that lead back to a unit, directives that replace themselves through their
 * replacements.
 *
 * @since 0.1.0
 */

/**
 * The cycles a depth-first search from `roots` meets, in the order it meets them: each as the
 * nodes on the search path from the node an edge leads back to, to the node the edge leaves (so
 * each node has an edge to the next, and the last to the first). Every cyclic part of the graph
 * reachable from the roots yields at least one; the same cycle may be met from several roots, so
 * callers remove the repeats in the way their report needs. Iterative, so deep graphs do not
 * overflow the stack.
 *
 * @category queries
 * @since 0.1.0
 */
export const find = <Id>(
  roots: Iterable<Id>,
  targets: (id: Id) => ReadonlyArray<Id>
): ReadonlyArray<ReadonlyArray<Id>> => {
  const state = new Map<Id, "open" | "done">()
  const cycles: Array<ReadonlyArray<Id>> = []
  for (const root of roots) {
    if (state.has(root)) continue
    // The search path and, for each node on it, the index of the next edge to follow.
    const path: Array<Id> = [root]
    const next: Array<number> = [0]
    state.set(root, "open")
    while (path.length > 0) {
      const top = path[path.length - 1] as Id
      const edges = targets(top)
      const i = next[next.length - 1] as number
      if (i >= edges.length) {
        state.set(top, "done")
        path.pop()
        next.pop()
        continue
      }
      next[next.length - 1] = i + 1
      const target = edges[i] as Id
      const s = state.get(target)
      if (s === "open") cycles.push(path.slice(path.indexOf(target)))
      else if (s === undefined) {
        state.set(target, "open")
        path.push(target)
        next.push(0)
      }
    }
  }
  return cycles
}

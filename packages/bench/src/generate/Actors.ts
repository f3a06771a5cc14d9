/**
 * The officers who act in the generated data: one per unit (its reports are drafted and submitted
 * by it), named from the seed, and the Central Mass Mobilisation Commission's officer who reviews
 * the provinces' reports.
 *
 * @since 0.1.0
 */
import { Actor, Ids } from "@danvan/core"
import { person } from "./Names.ts"
import * as Random from "./Random.ts"

/** The unit the central reviewer acts for (Ban Dân vận Trung ương); not a stored unit. @since 0.1.0 */
export const centralUnitId = Ids.UnitId.make("vn-bdvtw")

/** The acting officer of a unit, the same for the same seed. @since 0.1.0 */
export const actorOf = (seed: number, unitId: string): Actor.Actor =>
  new Actor.Actor(
    {
      personId: Ids.PersonId.make(`cb-${unitId}`),
      name: person(Random.forKey(seed, "actor", unitId)),
      unitId: Ids.UnitId.make(unitId),
      role: "officer"
    },
    { disableChecks: true }
  )

/** A memo of {@link actorOf}. @since 0.1.0 */
export const actors = (seed: number) => {
  const cache = new Map<string, Actor.Actor>()
  return (unitId: string): Actor.Actor => {
    let a = cache.get(unitId)
    if (a === undefined) {
      a = actorOf(seed, unitId)
      cache.set(unitId, a)
    }
    return a
  }
}

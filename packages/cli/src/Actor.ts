/**
 * Who the command line acts as. The library authorises every use case; the command line is the
 * console of whoever runs it on the server, so by default it acts as a central administrator,
 * `danvan-console` (a central unit of the policy, which need not be a stored unit: `Policy`), and
 * `--as <unitId> --role <role>` acts as a unit's officer, leader, viewer or administrator instead,
 * under the same policy (decision record 0028).
 *
 * @since 0.1.0
 */
import { type Actor, Ids, Policy } from "@danvan/core"
import { Option } from "effect"
import { Flag } from "effect/cli"

/**
 * The console's unit: a central unit of the command line's policy.
 *
 * @category constants
 * @since 0.1.0
 */
export const consoleUnitId = "danvan-console"

/**
 * The policy the command line's use cases check: the default roles, with the console as a central
 * unit.
 *
 * @category constants
 * @since 0.1.0
 */
export const policy: Policy.Policy = { ...Policy.defaults, centralUnits: [Ids.UnitId.make(consoleUnitId)] }

/**
 * The default actor: the console, as a central administrator.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultActor: Actor.ActorInput = {
  personId: "danvan-console",
  name: "danvan console",
  unitId: consoleUnitId,
  role: "administrator"
}

/**
 * The flags that choose the actor, shared by every command that runs a use case.
 *
 * @category flags
 * @since 0.1.0
 */
export const flags = {
  as: Flag.String("as").pipe(
    Flag.withDescription("act for this unit (its id) instead of as the console's central administrator"),
    Flag.withMetavar("unitId"),
    Flag.optional
  ),
  role: Flag.String("role").pipe(
    Flag.withDescription("the role to act in with --as: viewer, officer, leader or administrator"),
    Flag.optional
  )
}

/**
 * The actor the flags name: the console by default; `--as` with `--role` a unit's person. The
 * library decodes it (a bad unit id or role is its `InvalidInput`); `--role` without `--as`, or
 * `--as` without `--role`, is refused here.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromFlags = (input: {
  readonly as: Option.Option<string>
  readonly role: Option.Option<string>
}): Actor.ActorInput | string => {
  if (Option.isNone(input.as) && Option.isNone(input.role)) return defaultActor
  if (Option.isNone(input.as))
    return "--role needs --as <unitId>: the console acts as a central administrator"
  if (Option.isNone(input.role)) return "--as needs --role <role> (viewer, officer, leader or administrator)"
  return {
    personId: "danvan-console",
    name: "danvan console",
    unitId: input.as.value.normalize("NFC"),
    role: input.role.value
  }
}

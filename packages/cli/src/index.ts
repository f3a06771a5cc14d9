/**
 * `@danvan/cli`: the `danvan` command line, on effect's command-line modules. Install it and run
 * `danvan --help`; see `docs/cli.md`. The entry point also exports the command itself, for a
 * program that embeds it (`Command.runWith(danvan, { version })(args)`), with the exit codes and
 * the actor it acts as.
 *
 * @since 0.1.0
 */

/** Who the command line acts as: the console's central administrator, or `--as`/`--role`. @since 0.1.0 */
export * as Actor from "./Actor.ts"
/** The store integrity check of `danvan check`. @since 0.1.0 */
export * as Check from "./Check.ts"
/** The `danvan` command and its subcommands. @since 0.1.0 */
export * as Commands from "./Commands.ts"
/** The exit codes. @since 0.1.0 */
export * as ExitCode from "./ExitCode.ts"
/** Store locations: parsing `--store`, what is there, opening and migrating. @since 0.1.0 */
export * as Location from "./Location.ts"
/** Running the command with the process's arguments. @since 0.1.0 */
export * as Main from "./Main.ts"

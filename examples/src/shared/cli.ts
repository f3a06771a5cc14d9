/**
 * The command line's arguments, without a leading `--` (which `pnpm example -- --store …` passes
 * on to the script).
 */
export const cliArgs = (argv: ReadonlyArray<string> = process.argv.slice(2)): Array<string> =>
  argv[0] === "--" ? argv.slice(1) : [...argv]

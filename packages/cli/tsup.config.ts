import { packageBuild } from "../../tsup.base.ts"

// `bin.ts` is the `danvan` executable.
export default packageBuild(["src/index.ts", "src/bin.ts"])

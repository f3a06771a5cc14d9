import { packageBuild } from "../../tsup.base.ts"

// The `sqlite` and `pg` subpaths load one driver each (see the package README).
export default packageBuild(["src/index.ts", "src/sqlite.ts", "src/pg.ts"])

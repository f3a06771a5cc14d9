import { defineConfig } from "tsup"

/**
 * The one build every published package uses; a package names only its entry points.
 *
 * JavaScript only: the declarations are emitted per file by tsc (`tsconfig.build.json`), which
 * keeps every value a module exports (decision record 0007). "node:" stays on built-in modules
 * because `node:sqlite` exists only under that name.
 */
export const packageBuild = (entry: Array<string>) =>
  defineConfig({
    entry,
    format: ["esm"],
    dts: false,
    clean: true,
    sourcemap: true,
    target: "node22",
    removeNodeProtocol: false,
    tsconfig: "tsconfig.json"
  })

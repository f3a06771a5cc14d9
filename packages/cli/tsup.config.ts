import { defineConfig } from "tsup"

// JavaScript only: the declarations are emitted per file by tsc (tsconfig.build.json), which keeps
// every value a module exports (decision record 0007). `bin.ts` is the `danvan` executable.
export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm"],
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node22",
  // Keep "node:" on built-in modules: node:sqlite exists only under that name.
  removeNodeProtocol: false,
  tsconfig: "tsconfig.json"
})

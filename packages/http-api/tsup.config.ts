import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, declarationMap: false } },
  clean: true,
  sourcemap: true,
  target: "node22",
  tsconfig: "tsconfig.json"
})

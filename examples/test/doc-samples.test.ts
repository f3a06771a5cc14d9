/**
 * The docs check (`pnpm docs:check`) reads what it should: the samples inside doc comments, at
 * their line, and the exports that lack a category.
 */
import { describe, expect, it } from "vitest"
import { categories, categoryProblems, commentSamplesOf } from "../scripts/check-doc-samples.ts"

describe("the docs check", () => {
  it("takes the ```ts blocks out of doc comments, without their leading stars, at their line", () => {
    const source = [
      "/**",
      " * Reads a period.",
      " *",
      " * @example",
      " * ```ts",
      ' * import { Period } from "@danvan/core"',
      " *",
      ' * console.log(Period.parse("2017S1"))',
      " * ```",
      " */",
      "export const parse = () => 1",
      "  /**",
      "   * ```typescript",
      "   * const indented = true",
      "   * ```",
      "   */"
    ].join("\n")
    expect(commentSamplesOf("Period.ts", source)).toEqual([
      {
        doc: "Period.ts",
        line: 6,
        code: ['import { Period } from "@danvan/core"', "", 'console.log(Period.parse("2017S1"))'].join("\n")
      },
      { doc: "Period.ts", line: 14, code: "const indented = true" }
    ])
  })

  it("reports an export without a category, with one it does not know, and without @since", () => {
    const source = [
      "/**",
      " * @category models",
      " * @since 0.1.0",
      " */",
      "export interface Fine {}",
      "/** @since 0.1.0 */",
      "export const uncategorised = 1",
      "/**",
      " * @category helpers",
      " * @since 0.1.0",
      " */",
      "export const unknown = 2",
      "/**",
      " * @category constants",
      " */",
      "export const undated = 3",
      "const internal = 4"
    ].join("\n")
    expect(categoryProblems("M.ts", source)).toEqual([
      "M.ts:7: uncategorised has no @category",
      `M.ts:12: unknown has @category "helpers", not one of ${categories.join(", ")}`,
      "M.ts:16: undated has no @since"
    ])
  })

  it("counts an overloaded function once, and a schema and its type twice", () => {
    const tagged = (category: string) => ["/**", ` * @category ${category}`, " * @since 0.1.0", " */"]
    const source = [
      ...tagged("queries"),
      "export function at(a: string): string",
      "export function at(a: number): number",
      "export function at(a: unknown) { return a }",
      ...tagged("schemas"),
      'export const Post = Schema.Literals(["head"])',
      "export type Post = typeof Post.Type"
    ].join("\n")
    expect(categoryProblems("M.ts", source)).toEqual([
      "M.ts:13: Post has no @category",
      "M.ts:13: Post has no @since"
    ])
  })
})

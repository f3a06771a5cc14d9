import { Schema } from "effect"
export const Name = Schema.String.pipe(Schema.brand("Name"))
export type Name = typeof Name.Type

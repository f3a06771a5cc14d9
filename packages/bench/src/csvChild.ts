/**
 * The process the harness starts for one variant of the CSV import (see `csv/CsvImport`): reads
 * the variant and the list file from its arguments and sends what it measured over IPC.
 *
 * @since 0.1.0
 */
import { measure, type Variant } from "./csv/CsvImport.ts"
import { answer } from "./Ipc.ts"

const [variant, file] = process.argv.slice(2) as [Variant, string]

answer(measure(variant, file))

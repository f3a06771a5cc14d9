#!/usr/bin/env node
/**
 * The `danvan` executable.
 *
 * @since 0.1.0
 */
import { main } from "./Main.ts"

main()

/**
 * A CSV reader (RFC 4180) that takes its text in chunks and does work linear in it: each
 * character is looked at a bounded number of times, whatever the file holds (a name of 160,000
 * double quotes included), and only the record being read is held.
 *
 * Fields are separated by the delimiter and quoted with `"` (a quote inside a quoted field is
 * doubled); a quote opens a quoted field only at the start of a field (after spaces, which are
 * dropped), and is an ordinary character elsewhere; records end with CRLF, LF or CR; a byte order
 * mark at the start is ignored and blank lines are skipped. Lines are counted as a text editor
 * counts them (line breaks inside quoted fields included), so errors name the line to look at.
 *
 * @since 0.1.0
 */
import { MalformedImport } from "./Types.ts"

/**
 * One record, and the line it starts on.
 *
 * @category models
 * @since 0.1.0
 */
export interface CsvRecord {
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

/**
 * @category models
 * @since 0.1.0
 */
export interface CsvReader {
  /** Reads the next chunk of text, passing each whole record on; stops at the first error. */
  readonly push: (chunk: string) => MalformedImport | undefined
  /** The end of the text: passes on the last record, or fails on a quoted field left open. */
  readonly end: () => MalformedImport | undefined
  /** The line the reader has reached. */
  readonly line: () => number
  /** The characters read so far, each counted once per look: the reader's work. */
  readonly work: () => number
}

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/** Where the reader is. */
const State = {
  /** At the start of a field, having seen only spaces (kept, in case no quote follows). */
  FieldStart: 0,
  /** Inside an unquoted field. */
  Unquoted: 1,
  /** Inside a quoted field. */
  Quoted: 2,
  /** Just after a quote inside a quoted field: `"` makes it a literal quote, else it closed the field. */
  QuoteInQuoted: 3,
  /** After a closed quoted field: only a delimiter or a line end may follow. */
  AfterQuoted: 4
} as const
type State = (typeof State)[keyof typeof State]

const isSpace = (c: string) => /\s/u.test(c)

/**
 * A reader that passes each record to `onRecord`, which may stop the reading with an error.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (
  delimiter: string,
  onRecord: (record: CsvRecord) => MalformedImport | undefined
): CsvReader => {
  const delim = delimiter.charCodeAt(0)
  let state: State = State.FieldStart
  let field = ""
  let fields: Array<string> = []
  let line = 1
  let recordLine = 1
  let quoteLine = 1
  /** The last character read inside a quoted field was a CR (so a LF after it ends no new line). */
  let crInQuotes = false
  /** A record just ended with a CR: a LF right after it belongs to that line end. */
  let skipLf = false
  let started = false
  let work = 0
  let stopped: MalformedImport | undefined

  const stop = (error: MalformedImport | undefined) => {
    stopped ??= error
    return stopped
  }

  const endRecord = (): MalformedImport | undefined => {
    fields.push(field)
    const record = fields
    fields = []
    field = ""
    state = State.FieldStart
    if (record.length === 1 && (record[0] as string).trim() === "") return undefined
    return onRecord({ line: recordLine, fields: record })
  }

  /** Counts the line breaks of `s[from, to)`, which is inside a quoted field. */
  const countQuotedLines = (s: string, from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k)
      if (c === CR) {
        line++
        crInQuotes = true
      } else {
        if (c === LF && !crInQuotes) line++
        crInQuotes = false
      }
    }
    work += to - from
  }

  const push = (chunk: string): MalformedImport | undefined => {
    if (stopped !== undefined) return stopped
    let s = chunk
    if (!started && s.length > 0) {
      started = true
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
    }
    const n = s.length
    let i = 0
    while (i < n) {
      const c = s.charCodeAt(i)
      if (skipLf) {
        skipLf = false
        if (c === LF) {
          i++
          work++
          continue
        }
      }
      switch (state) {
        case State.Quoted: {
          const q = s.indexOf('"', i)
          const to = q === -1 ? n : q
          countQuotedLines(s, i, to)
          field += s.slice(i, to)
          if (q === -1) {
            i = n
          } else {
            i = q + 1
            work++
            state = State.QuoteInQuoted
          }
          continue
        }
        case State.QuoteInQuoted: {
          if (c === QUOTE) {
            field += '"'
            crInQuotes = false
            i++
            work++
            state = State.Quoted
            continue
          }
          state = State.AfterQuoted
          continue
        }
        case State.AfterQuoted: {
          if (c !== delim && c !== CR && c !== LF) {
            return stop(
              new MalformedImport({
                record: `line ${line}`,
                detail: `unexpected ${JSON.stringify(s[i])} after a closing quote; a quote inside a quoted field is written ""`
              })
            )
          }
          break
        }
        case State.FieldStart: {
          if (c === QUOTE) {
            field = ""
            state = State.Quoted
            quoteLine = line
            crInQuotes = false
            i++
            work++
            continue
          }
          if (c !== delim && c !== CR && c !== LF) {
            if (!isSpace(s[i] as string)) state = State.Unquoted
            field += s[i]
            i++
            work++
            continue
          }
          break
        }
        case State.Unquoted: {
          if (c === delim || c === CR || c === LF) break
          let j = i + 1
          while (j < n) {
            const d = s.charCodeAt(j)
            if (d === delim || d === CR || d === LF) break
            j++
          }
          field += s.slice(i, j)
          work += j - i
          i = j
          continue
        }
      }
      // A delimiter or a line end, after a field of any kind.
      i++
      work++
      if (c === delim) {
        fields.push(field)
        field = ""
        state = State.FieldStart
        continue
      }
      const error = endRecord()
      line++
      recordLine = line
      if (c === CR) skipLf = true
      if (error !== undefined) return stop(error)
    }
    return undefined
  }

  const end = (): MalformedImport | undefined => {
    if (stopped !== undefined) return stopped
    if (state === State.Quoted) {
      return stop(
        new MalformedImport({ record: `line ${quoteLine}`, detail: "a quoted field is not closed" })
      )
    }
    const error = field !== "" || fields.length > 0 ? endRecord() : undefined
    return stop(error) ?? undefined
  }

  return { push, end, line: () => line, work: () => work }
}

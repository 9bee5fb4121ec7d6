import { parseAnsi, PLAIN, type AnsiSegment, type AnsiStyle } from './ansi'

/** Display lines longer than this are split, so a 10 MiB line still renders as rows of bounded width. */
export const MAX_LINE_CHARS = 2000

/**
 * A log as display lines, parsed once as text arrives: complete lines are kept, the last unfinished
 * line is re-parsed on each append (it may end inside an escape sequence). The SGR state carries
 * from line to line like a terminal's. Mutable on purpose: a 10 MiB log is appended to in place, and
 * the store only bumps a revision.
 */
export class LogBuffer {
  private readonly complete: AnsiSegment[][] = []
  private tail = ''
  private tailStyle: AnsiStyle = PLAIN
  private tailLines: AnsiSegment[][] = []
  private chars = 0

  append(text: string): void {
    if (text === '') return
    this.chars += text.length
    const joined = this.tail + text
    const parts = joined.split('\n')
    this.tail = parts.pop() ?? ''
    let style = this.tailStyle
    for (const part of parts) {
      const parsed = parseAnsi(overwrite(part), style)
      style = parsed.style
      for (const line of wrap(parsed.segments)) this.complete.push(line)
    }
    this.tailStyle = style
    this.tailLines = this.tail === '' ? [] : wrap(parseAnsi(overwrite(this.tail), style).segments)
  }

  get lineCount(): number {
    return this.complete.length + this.tailLines.length
  }

  /** Characters received (before parsing). */
  get length(): number {
    return this.chars
  }

  line(index: number): readonly AnsiSegment[] {
    return index < this.complete.length ? (this.complete[index] ?? []) : (this.tailLines[index - this.complete.length] ?? [])
  }

  /** The plain text of a line (for copying and tests). */
  text(index: number): string {
    return this.line(index)
      .map((segment) => segment.text)
      .join('')
  }

  /** Every line holding `query` (case-insensitive), over the whole log, not only the lines on screen. */
  search(query: string): number[] {
    const needle = query.toLowerCase()
    if (needle === '') return []
    const found: number[] = []
    for (let index = 0; index < this.lineCount; index++) {
      if (this.text(index).toLowerCase().includes(needle)) found.push(index)
    }
    return found
  }

  /** The whole log as plain text (escape sequences removed), one line per display row. */
  plainText(): string {
    const lines: string[] = []
    for (let index = 0; index < this.lineCount; index++) lines.push(this.text(index))
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`
  }
}

/** A carriage return (a progress bar redrawing) keeps what was written after the last one. */
function overwrite(line: string): string {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line
  const at = trimmed.lastIndexOf('\r')
  return at === -1 ? trimmed : trimmed.slice(at + 1)
}

/** Split a line's segments into rows of at most MAX_LINE_CHARS characters. */
function wrap(segments: readonly AnsiSegment[]): AnsiSegment[][] {
  const total = segments.reduce((sum, segment) => sum + segment.text.length, 0)
  if (total <= MAX_LINE_CHARS) return [segments as AnsiSegment[]]
  const rows: AnsiSegment[][] = [[]]
  let room = MAX_LINE_CHARS
  for (const segment of segments) {
    let text = segment.text
    while (text.length > 0) {
      const piece = text.slice(0, room)
      ;(rows[rows.length - 1] as AnsiSegment[]).push({ text: piece, style: segment.style })
      text = text.slice(piece.length)
      room -= piece.length
      if (room === 0) {
        rows.push([])
        room = MAX_LINE_CHARS
      }
    }
  }
  if ((rows[rows.length - 1] as AnsiSegment[]).length === 0) rows.pop()
  return rows
}

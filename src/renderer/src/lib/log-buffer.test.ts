import { describe, expect, it } from 'vitest'
import { LogBuffer, MAX_LINE_CHARS } from './log-buffer'

const lines = (buffer: LogBuffer) => Array.from({ length: buffer.lineCount }, (_, i) => buffer.text(i))

describe('LogBuffer', () => {
  it('keeps complete lines and re-reads the unfinished one as text arrives', () => {
    const buffer = new LogBuffer()
    buffer.append('one\ntw')
    expect(lines(buffer)).toEqual(['one', 'tw'])
    buffer.append('o\nthree\n')
    expect(lines(buffer)).toEqual(['one', 'two', 'three'])
  })

  it('parses an escape sequence split between appends', () => {
    const buffer = new LogBuffer()
    buffer.append('\x1b[3')
    buffer.append('1mred\n')
    expect(buffer.line(0)).toEqual([{ text: 'red', style: expect.objectContaining({ fg: 'var(--ansi-1)' }) }])
  })

  it('handles CRLF and carriage-return redraws', () => {
    const buffer = new LogBuffer()
    buffer.append('a\r\n10%\r50%\r100%\ndone')
    expect(lines(buffer)).toEqual(['a', '100%', 'done'])
  })

  it('splits very long lines into rows of bounded width', () => {
    const buffer = new LogBuffer()
    buffer.append(`${'x'.repeat(MAX_LINE_CHARS * 2 + 5)}\nnext\n`)
    expect(lines(buffer).map((line) => line.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS, 5, 4])
  })

  it('takes 10 MiB in 1 MiB slices quickly', () => {
    const buffer = new LogBuffer()
    const slice = `${'\x1b[32mok\x1b[0m line of build output that is fairly long\n'.repeat(18_000)}`
    const started = Date.now()
    for (let i = 0; i < 10; i++) buffer.append(slice)
    expect(buffer.lineCount).toBe(180_000)
    expect(buffer.text(179_999)).toBe('ok line of build output that is fairly long')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('searches every line, case-insensitively, and gives the whole log as plain text', () => {
    const buffer = new LogBuffer()
    buffer.append('\x1b[31mERROR\x1b[0m one\nfine\nan error two\nunfinished')
    expect(buffer.search('error')).toEqual([0, 2])
    expect(buffer.search('')).toEqual([])
    expect(buffer.plainText()).toBe('ERROR one\nfine\nan error two\nunfinished\n')
  })
})

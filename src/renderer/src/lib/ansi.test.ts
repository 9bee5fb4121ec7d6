import { describe, expect, it } from 'vitest'
import { applySgr, paletteColor, parseAnsi, PLAIN } from './ansi'

const texts = (line: string) => parseAnsi(line).segments.map((segment) => segment.text)

describe('ANSI SGR parser', () => {
  it('splits a line into styled segments: 16 colours and bold', () => {
    const { segments } = parseAnsi('plain \x1b[1;31mbold red\x1b[0m back')
    expect(segments.map((s) => [s.text, s.style.fg, s.style.bold])).toEqual([
      ['plain ', null, false],
      ['bold red', 'var(--ansi-1)', true],
      [' back', null, false]
    ])
  })

  it('reads bright, background, 256-colour and 24-bit colours', () => {
    expect(applySgr(PLAIN, '92').fg).toBe('var(--ansi-10)')
    expect(applySgr(PLAIN, '104').bg).toBe('var(--ansi-12)')
    expect(applySgr(PLAIN, '38;5;196').fg).toBe('rgb(255, 0, 0)')
    expect(applySgr(PLAIN, '48;5;232').bg).toBe('rgb(8, 8, 8)')
    expect(applySgr(PLAIN, '38;2;10;20;30').fg).toBe('rgb(10, 20, 30)')
    expect(applySgr(applySgr(PLAIN, '1;33'), '22;39')).toEqual(PLAIN)
    expect(paletteColor(16)).toBe('rgb(0, 0, 0)')
  })

  it('carries the style across lines like a terminal', () => {
    const first = parseAnsi('\x1b[32mgreen starts')
    const second = parseAnsi('still green\x1b[m', first.style)
    expect(second.segments[0]?.style.fg).toBe('var(--ansi-2)')
    expect(second.style).toBe(PLAIN)
  })

  it('drops every other escape and control sequence, keeping the text as text', () => {
    expect(texts('\x1b[2K\x1b[1Gcleared')).toEqual(['cleared'])
    expect(texts('\x1b]0;window title\x07after')).toEqual(['after'])
    expect(texts('bell\x07 and nul\x00 gone')).toEqual(['bell and nul gone'])
    expect(texts('<script>alert(1)</script>')).toEqual(['<script>alert(1)</script>'])
    expect(texts('tab\tkept')).toEqual(['tab\tkept'])
  })
})

import { describe, it, expect } from 'vitest'
import { LineSplitter } from './line-splitter'

function split(chunks: readonly Buffer[]): string[] {
  const lines: string[] = []
  const splitter = new LineSplitter((line) => lines.push(line))
  for (const chunk of chunks) splitter.push(chunk)
  splitter.end()
  return lines
}

describe('LineSplitter', () => {
  it('joins lines split across chunks and flushes the last partial line', () => {
    expect(split([Buffer.from('Collect'), Buffer.from('ing x\r\nInstall'), Buffer.from('ed\nlast')])).toEqual(['Collecting x', 'Installed', 'last'])
  })

  it('keeps a multi-byte character split between chunks', () => {
    const bytes = Buffer.from('héllo ✓\n')
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8)])).toEqual(['héllo ✓'])
  })

  it('keeps empty lines and emits nothing for no output', () => {
    expect(split([Buffer.from('a\n\nb\n')])).toEqual(['a', '', 'b'])
    expect(split([])).toEqual([])
  })
})

import { describe, it, expect } from 'vitest'
import { BoundedOutput, DEFAULT_MAX_OUTPUT_BYTES, truncationNotice } from './bounded'

const bytes = (count: number, fill = 'x'): Buffer => Buffer.from(fill.repeat(count))

describe('BoundedOutput: the eight log-writer cases of spec §5.8', () => {
  it('limit 1024 with 13 bytes → intact, total 13', () => {
    const out = new BoundedOutput('stdout', 1024)
    out.push(Buffer.from('Hello, world!'))
    expect(out.text()).toBe('Hello, world!')
    expect(out.truncated).toBe(false)
    expect(out.totalBytes).toBe(13)
    expect(out.bytesTruncated).toBe(0)
  })

  it('limit 178 with 50 bytes → fits, not truncated', () => {
    const out = new BoundedOutput('stdout', 178)
    out.push(bytes(50))
    expect(out.truncated).toBe(false)
    expect(out.text()).toBe('x'.repeat(50))
  })

  it('limit 148 with 45 bytes → truncated, contains [OUTPUT TRUNCATED, total 45', () => {
    const out = new BoundedOutput('stdout', 148)
    out.push(bytes(45))
    expect(out.truncated).toBe(true)
    expect(out.text()).toContain('[OUTPUT TRUNCATED')
    expect(out.text()).toBe('x'.repeat(20) + truncationNotice('stdout'))
    expect(out.totalBytes).toBe(45)
    expect(out.bytesTruncated).toBe(25)
  })

  it('limit 148 with writes of 6+7+6+7 bytes → truncated, total 26', () => {
    const out = new BoundedOutput('stdout', 148)
    for (const size of [6, 7, 6, 7]) out.push(bytes(size))
    expect(out.truncated).toBe(true)
    expect(out.totalBytes).toBe(26)
    expect(out.keptBytes).toBe(20)
    expect(out.text()).toBe('x'.repeat(20) + truncationNotice('stdout'))
  })

  it('limit 143 on stderr → the notice says stderr exceeded size limit', () => {
    const out = new BoundedOutput('stderr', 143)
    out.push(bytes(40))
    expect(out.text()).toContain('stderr exceeded size limit')
    expect(out.text().endsWith('\n\n[OUTPUT TRUNCATED: stderr exceeded size limit]\n')).toBe(true)
  })

  it('limit 138 with exactly 10 bytes → not truncated', () => {
    const out = new BoundedOutput('stdout', 138)
    out.push(bytes(10))
    expect(out.truncated).toBe(false)
    expect(out.bytesTruncated).toBe(0)
  })

  it('limit 138 with 11 bytes → truncated, bytes_truncated = 1', () => {
    const out = new BoundedOutput('stdout', 138)
    out.push(bytes(11))
    expect(out.truncated).toBe(true)
    expect(out.bytesTruncated).toBe(1)
  })

  it('empty → "", total 0', () => {
    const out = new BoundedOutput('stdout', 1024)
    out.push(Buffer.alloc(0))
    expect(out.text()).toBe('')
    expect(out.totalBytes).toBe(0)
    expect(out.truncated).toBe(false)
  })
})

describe('BoundedOutput details', () => {
  it('returns exactly what it appended: the kept part, then the notice once, then nothing', () => {
    const out = new BoundedOutput('stdout', 138)
    expect(out.push(bytes(8, 'a')).toString()).toBe('aaaaaaaa')
    expect(out.push(bytes(5, 'b')).toString()).toBe('bb' + truncationNotice('stdout'))
    expect(out.push(bytes(5, 'c')).length).toBe(0)
    expect(out.text()).toBe('aaaaaaaabb' + truncationNotice('stdout'))
    expect(out.bytesTruncated).toBe(8)
  })

  it('adds the notice even when the limit is hit exactly before the next chunk', () => {
    const out = new BoundedOutput('stdout', 138)
    out.push(bytes(10))
    expect(out.truncated).toBe(false)
    expect(out.push(bytes(1)).toString()).toBe(truncationNotice('stdout'))
  })

  it('decodes lossy UTF-8, including a character cut by the limit', () => {
    const out = new BoundedOutput('stdout', 128 + 4)
    out.push(Buffer.from('ab€'))
    expect(out.text().startsWith('ab\uFFFD')).toBe(true)
    const bad = new BoundedOutput('stdout', 1024)
    bad.push(Buffer.from([0x66, 0xff, 0x6f]))
    expect(bad.text()).toBe('f\uFFFDo')
  })

  it('keeps a byte-at-a-time writer in one buffer and never over the cap', () => {
    const out = new BoundedOutput('stdout', 4096)
    for (let i = 0; i < 10_000; i++) out.push(Buffer.from('y'))
    expect(out.content().length).toBe(4096 - 128 + truncationNotice('stdout').length)
    expect(out.totalBytes).toBe(10_000)
  })

  it('defaults to 10 MiB and tolerates a cap below the reserve', () => {
    expect(new BoundedOutput('stdout').maxBytes).toBe(DEFAULT_MAX_OUTPUT_BYTES)
    const tiny = new BoundedOutput('stdout', 10)
    tiny.push(bytes(3))
    expect(tiny.text()).toBe(truncationNotice('stdout'))
  })
})

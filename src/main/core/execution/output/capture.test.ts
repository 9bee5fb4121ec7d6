import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, it, expect } from 'vitest'
import { OutputCapture } from './capture'
import { truncationNotice } from './bounded'
import { Redactor } from '../secrets/redact'
import { runSecrets } from '../secrets/run-secrets'

const dir = mkdtempSync(join(tmpdir(), 'attune-capture-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const open = (maxBytes: number, secrets: string[] = [], logPath: string | null = null, batches: string[] = []) =>
  OutputCapture.openSync({ stream: 'stdout', maxBytes, redactor: new Redactor(secrets), logPath, onOutput: (_s, text) => batches.push(text), batchIntervalMs: 5 })

describe('OutputCapture', () => {
  it('never splits a multi-byte character across pieces', async () => {
    const batches: string[] = []
    const capture = open(1024, [], null, batches)
    const euro = Buffer.from('€uro')
    capture.push(euro.subarray(0, 1))
    capture.push(euro.subarray(1, 2))
    capture.push(euro.subarray(2))
    capture.end()
    expect(capture.text()).toBe('€uro')
    expect(batches.join('')).toBe('€uro')
    expect(batches.join('')).not.toContain('\uFFFD')
  })

  it('decodes invalid bytes lossily', async () => {
    const capture = open(1024)
    capture.push(Buffer.from([0x61, 0xc3, 0x28, 0xff, 0x62]))
    capture.end()
    expect(capture.text()).toBe('a\uFFFD(\uFFFDb')
  })

  it('with no secrets, the text is the log exactly, whatever the chunks: split and invalid sequences, a cut inside a character', async () => {
    const logPath = join(dir, 'plain.log')
    const batches: string[] = []
    const capture = open(40 + 128, [], logPath, batches)
    const bytes = Buffer.concat([Buffer.from('a€b'), Buffer.from([0xe2, 0x82]), Buffer.from('c\xff'), Buffer.from([0xf0, 0x9f]), Buffer.from('d'.repeat(26)), Buffer.from('😀end')])
    for (let at = 0; at < bytes.length; at += 3) capture.push(bytes.subarray(at, at + 3))
    capture.end()
    await capture.closeLog(1000)
    expect(capture.text()).toContain('[OUTPUT TRUNCATED')
    expect(capture.text()).toBe(readFileSync(logPath, 'utf8'))
    expect(capture.text()).toBe(batches.join(''))
    expect(capture.rawText()).toBe(capture.text())
  })

  it('masks a secret split across chunks in the log, the batches and the text; keeps raw bytes for parsing', async () => {
    const logPath = join(dir, 'secret.log')
    const batches: string[] = []
    const capture = open(1024, ['secret-123'], logPath, batches)
    capture.push(Buffer.from('key=secr'))
    capture.push(Buffer.from('et-123\n'))
    capture.end()
    await capture.closeLog(1000)
    expect(capture.text()).toBe('key=***\n')
    expect(batches.join('')).toBe('key=***\n')
    expect(readFileSync(logPath, 'utf8')).toBe('key=***\n')
    expect(capture.bounded.text()).toBe('key=secret-123\n')
  })

  it('masks every encoding of a non-ASCII secret split byte by byte (log, batches and text)', async () => {
    const logPath = join(dir, 'encoded.log')
    const batches: string[] = []
    const { texts } = runSecrets({ token: { type: 'string', secret: true } }, { token: 'Pässwörd/🔑' })
    const capture = OutputCapture.openSync({ stream: 'stdout', maxBytes: 4096, redactor: new Redactor(texts), logPath, onOutput: (_s, text) => batches.push(text), batchIntervalMs: 5 })
    const printed = ['Pässwörd/🔑', 'P\\u00e4ssw\\u00f6rd/\\ud83d\\udd11', 'P\\u00E4ssw\\u00F6rd\\/\\uD83D\\uDD11', encodeURIComponent('Pässwörd/🔑'), Buffer.from('Pässwörd/🔑').toString('base64')]
    const bytes = Buffer.from(printed.map((form) => `<${form}>\n`).join(''))
    for (let i = 0; i < bytes.length; i++) capture.push(bytes.subarray(i, i + 1))
    capture.end()
    await capture.closeLog(1000)
    const expected = '<***>\n'.repeat(printed.length)
    expect(capture.text()).toBe(expected)
    expect(batches.join('')).toBe(expected)
    expect(readFileSync(logPath, 'utf8')).toBe(expected)
  })

  it('masks the start of a secret that the cap cut off, then shows the notice', async () => {
    const capture = open(128 + 12, ['secret-123'])
    capture.push(Buffer.from('value: secret-123 and more'))
    capture.end()
    expect(capture.text()).toBe(`value: ***${truncationNotice('stdout')}`)
    expect(capture.text()).not.toContain('secr')
  })

  it('writes the capped text to the log file', async () => {
    const logPath = join(dir, 'capped.log')
    const capture = open(138, [], logPath)
    capture.push(Buffer.from('0123456789abcdef'))
    capture.end()
    expect(await capture.closeLog(1000)).toBe(true)
    expect(readFileSync(logPath, 'utf8')).toBe(`0123456789${truncationNotice('stdout')}`)
  })

  it('reports a log that cannot be written as incomplete, without throwing', async () => {
    const capture = open(1024, [], join(dir, 'capped.log', 'not-a-dir', 'x.log'))
    capture.push(Buffer.from('a'))
    capture.end()
    expect(await capture.closeLog(1000)).toBe(false)
    expect(capture.text()).toBe('a')
  })
})

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { interpreterStateSync, isDirectorySync } from './fs-probes'

const root = mkdtempSync(join(tmpdir(), 'attune-fs-probes-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('isDirectorySync', () => {
  it('is true for a folder and a link to one, and false, never throwing, for everything else', () => {
    mkdirSync(join(root, 'folder'))
    symlinkSync(join(root, 'folder'), join(root, 'to-folder'))
    writeFileSync(join(root, 'file'), '')
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'))
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'))
    expect(isDirectorySync(join(root, 'folder'))).toBe(true)
    expect(isDirectorySync(join(root, 'to-folder'))).toBe(true)
    expect(isDirectorySync(join(root, 'file'))).toBe(false)
    expect(isDirectorySync(join(root, 'missing'))).toBe(false)
    // ENOTDIR, ELOOP and ENAMETOOLONG: an env dir that cannot be a folder reads as missing, as before.
    expect(isDirectorySync(join(root, 'file', 'env'))).toBe(false)
    expect(isDirectorySync(join(root, 'loop-a'))).toBe(false)
    expect(isDirectorySync(join(root, 'x'.repeat(5000)))).toBe(false)
  })
})

describe('interpreterStateSync', () => {
  it('tells an existing interpreter, a dangling link and a missing one apart', () => {
    writeFileSync(join(root, 'python3'), '')
    symlinkSync(join(root, 'gone'), join(root, 'dangling'))
    expect(interpreterStateSync(join(root, 'python3'))).toEqual({ kind: 'exists', path: join(root, 'python3') })
    expect(interpreterStateSync(join(root, 'dangling'))).toEqual({ kind: 'dangling', path: join(root, 'dangling'), target: join(root, 'gone') })
    expect(interpreterStateSync(join(root, 'nothing'))).toEqual({ kind: 'missing', path: join(root, 'nothing') })
  })
})

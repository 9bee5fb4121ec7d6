import { statSync, utimesSync, writeFileSync, renameSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileIdentitySync, type FileIdentity, type ProbeOutcome } from '../discovery'
import { openDatabaseSync, type Db } from './database'
import { SqliteProbeCache } from './probe-cache-repository'
import { createTempDir, type TempDir } from './test-support/temp-dir'

let temp: TempDir
let db: Db
let cache: SqliteProbeCache

beforeEach(() => {
  temp = createTempDir()
  db = openDatabaseSync(temp.path('home.db'))
  cache = new SqliteProbeCache(db)
})
afterEach(() => {
  if (db.open) db.close()
  temp.dispose()
})

const identity: FileIdentity = { realPath: '/usr/bin/python3.12', size: 6_000_000, mtimeMs: 1_700_000_000_123.456, ino: 4_242 }
const args = ['--version'] as const
const outcome: ProbeOutcome = { exitCode: 0, stdout: 'Python 3.12.1\n', stderr: 'a warning\n', timedOut: false, spawnError: null, cached: false }

describe('SqliteProbeCache', () => {
  it('misses when nothing is stored', () => {
    expect(cache.get(identity, args)).toBeUndefined()
  })

  it('hits with the stored outcome, marked cached, for the same identity and args', () => {
    cache.set(identity, args, outcome)
    expect(cache.get({ ...identity }, ['--version'])).toEqual({ ...outcome, cached: true })
  })

  it.each([
    ['real path', { realPath: '/usr/local/bin/python3.12' }],
    ['size', { size: identity.size + 1 }],
    ['mtime', { mtimeMs: identity.mtimeMs + 0.001 }],
    ['inode', { ino: identity.ino + 1 }]
  ] as const)('misses when the %s differs', (_what, change) => {
    cache.set(identity, args, outcome)
    expect(cache.get({ ...identity, ...change }, args)).toBeUndefined()
  })

  it('keys by args: other args miss, each args keeps its own outcome', () => {
    cache.set(identity, ['--version'], outcome)
    expect(cache.get(identity, ['-V'])).toBeUndefined()
    expect(cache.get(identity, [])).toBeUndefined()
    cache.set(identity, ['-c', 'print(1)'], { ...outcome, stdout: '1\n' })
    expect(cache.get(identity, ['--version'])?.stdout).toBe('Python 3.12.1\n')
    expect(cache.get(identity, ['-c', 'print(1)'])?.stdout).toBe('1\n')
  })

  it('replaces the entry of a path when the file changed', () => {
    cache.set(identity, args, outcome)
    const replaced = { ...identity, size: 1, ino: 7 }
    cache.set(replaced, args, { ...outcome, stdout: 'Python 3.12.2\n' })
    expect(cache.get(identity, args)).toBeUndefined()
    expect(cache.get(replaced, args)?.stdout).toBe('Python 3.12.2\n')
    expect(db.prepare('SELECT count(*) AS n FROM probe_cache').get()).toEqual({ n: 1 })
  })

  it('keeps a non-zero exit code and empty output', () => {
    cache.set(identity, args, { ...outcome, exitCode: 2, stdout: '', stderr: '' })
    expect(cache.get(identity, args)).toMatchObject({ exitCode: 2, stdout: '', stderr: '', cached: true })
  })

  it('persists across close and reopen', () => {
    cache.set(identity, args, outcome)
    db.close()
    db = openDatabaseSync(temp.path('home.db'))
    cache = new SqliteProbeCache(db)
    expect(cache.get(identity, args)).toEqual({ ...outcome, cached: true })
  })

  it('clear() forgets everything', () => {
    cache.set(identity, args, outcome)
    cache.clear()
    expect(cache.get(identity, args)).toBeUndefined()
  })

  it('works with identities of real files: a touched or replaced file misses', () => {
    const file = temp.path('python3')
    writeFileSync(file, '#!/bin/sh\necho Python 3.12.1\n', { mode: 0o755 })
    const first = fileIdentitySync(file)
    if (!first) throw new Error('no identity')
    cache.set(first, args, outcome)
    expect(cache.get(fileIdentitySync(file) ?? first, args)).toEqual({ ...outcome, cached: true })

    const mtime = statSync(file).mtime
    utimesSync(file, mtime, new Date(mtime.getTime() + 10_000))
    const touched = fileIdentitySync(file)
    expect(touched?.mtimeMs).not.toBe(first.mtimeMs)
    expect(cache.get(touched ?? first, args)).toBeUndefined()

    // Same path, same size, same mtime, but a different file (inode) moved into place.
    const twin = temp.path('python3.new')
    writeFileSync(twin, '#!/bin/sh\necho Python 3.12.1\n', { mode: 0o755 })
    utimesSync(twin, mtime, new Date(first.mtimeMs))
    renameSync(twin, file)
    const replaced = fileIdentitySync(file)
    expect(replaced).toMatchObject({ realPath: first.realPath, size: first.size })
    expect(replaced?.ino).not.toBe(first.ino)
    expect(cache.get(replaced ?? first, args)).toBeUndefined()
  })
})

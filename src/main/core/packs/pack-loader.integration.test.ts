import { execFileSync } from 'node:child_process'
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_PACK_FILE_BYTES } from './pack-loader-files'
import { CORE_RUNNERS, createTestPack, type TestPack } from './pack-loader-fixture'
import { loadPackSync } from './pack-loader'

let pack: TestPack | undefined

function testPack(packYaml?: string | null): TestPack {
  pack = createTestPack(packYaml)
  return pack
}
afterEach(() => {
  pack?.dispose()
  pack = undefined
})

const GOOD_ACTION = 'ref: demo.good\nentry_point: good.sh\n'

describe('the pack folder and pack.yaml', () => {
  it('loads a pack: fields, realpath dir, actions, watched files', () => {
    const p = testPack('ref: demo\nlabel: Demo\ndescription: A demo\nversion: "1.0.0"\n')
    p.write('actions/good.yaml', GOOD_ACTION)
    p.write('actions/good.sh', 'echo good\n')
    p.write('runtimes/deno.yaml', 'ref: demo.deno\nname: Deno\n')
    const link = p.temp.path('link-to-pack')
    symlinkSync(p.dir, link)
    const loaded = loadPackSync(link, CORE_RUNNERS)
    if ('error' in loaded) throw new Error(loaded.error.message)
    expect(loaded).toMatchObject({ ref: 'demo', label: 'Demo', description: 'A demo', version: '1.0.0', dir: p.dir, problems: [] })
    expect(loaded.actions.map((a) => a.ref)).toEqual(['demo.good'])
    expect(loaded.runtimes.map((r) => r.ref)).toEqual(['demo.deno'])
    expect(loaded.watchedFiles).toEqual([
      p.path('pack.yaml'),
      p.path('runtimes', 'deno.yaml'),
      p.path('actions', 'good.yaml'),
      p.path('requirements.txt'),
      p.path('package.json')
    ])
  })

  it('a pack with no actions folder loads with no actions and no problems', () => {
    const loaded = testPack().load()
    expect(loaded.actions).toEqual([])
    expect(loaded.problems).toEqual([])
  })

  it('a missing pack.yaml is the error (naming a pack.yml when there is one)', () => {
    const p = testPack(null)
    expect(p.loadError()).toEqual({
      file: p.path('pack.yaml'),
      field: null,
      line: null,
      severity: 'error',
      message: "does not exist: a pack folder needs a pack.yaml with at least 'ref'"
    })
    p.write('pack.yml', 'ref: demo\n')
    expect(p.loadError().message).toContain("(there is a pack.yml: Attune reads only 'pack.yaml')")
  })

  it('a folder that does not exist, or a file, is the error', () => {
    const p = testPack()
    const missing = p.temp.path('nope')
    expect(loadPackSync(missing, CORE_RUNNERS)).toEqual({ error: expect.objectContaining({ file: missing, message: 'cannot be opened as a pack folder: it does not exist' }) })
    expect(loadPackSync(p.path('pack.yaml'), CORE_RUNNERS)).toEqual({ error: expect.objectContaining({ message: 'is not a folder; a pack is a folder with a pack.yaml' }) })
  })

  it('a YAML syntax error in pack.yaml is the error, with its line', () => {
    const p = testPack('ref: demo\nlabel: "unclosed\n')
    expect(p.loadError()).toMatchObject({ file: p.path('pack.yaml'), line: 2, message: expect.stringMatching(/^YAML syntax error: /) })
  })

  it('an invalid pack ref is the error', () => {
    const p = testPack('ref: Demo.Pack\n')
    expect(p.loadError()).toMatchObject({ file: p.path('pack.yaml'), field: 'ref', line: 1, message: expect.stringContaining("'Demo.Pack' is not a valid pack ref") })
  })

  it('a pack.yaml over 1 MiB is refused unread', () => {
    const p = testPack(`ref: demo\n# ${'x'.repeat(MAX_PACK_FILE_BYTES)}\n`)
    expect(p.loadError().message).toMatch(/^is \d+ bytes; pack files over 1048576 bytes \(1 MiB\) are refused without being read$/)
  })

  it('a pack.yaml that is not UTF-8 is the error', () => {
    const p = testPack(null)
    p.write('pack.yaml', Buffer.from([0x72, 0x65, 0x66, 0x3a, 0x20, 0xff, 0xfe, 0x0a]))
    expect(p.loadError().message).toBe('is not UTF-8 text (it contains bytes that are not valid UTF-8); the file is not read')
  })

  it('a pack.yaml that links out of the pack is the error', () => {
    const p = testPack(null)
    writeFileSync(p.temp.path('elsewhere.yaml'), 'ref: demo\n')
    p.link('pack.yaml', p.temp.path('elsewhere.yaml'))
    expect(p.loadError().message).toContain('outside the pack folder')
  })

  it('warnings in pack.yaml are problems of a pack that loads', () => {
    const loaded = testPack('ref: demo\nversion: "1.0"\n').load()
    expect(loaded.version).toBe('1.0')
    expect(loaded.problems).toEqual([expect.objectContaining({ field: 'version', severity: 'warning' })])
  })
})

describe('files in actions/: guards, and the rest of the pack still loads', () => {
  function withGood(): TestPack {
    const p = testPack()
    p.write('actions/good.yaml', GOOD_ACTION)
    p.write('actions/good.sh', 'echo good\n')
    return p
  }

  function expectGoodLoaded(p: TestPack): ReturnType<TestPack['load']> {
    const loaded = p.load()
    expect(loaded.actions.map((a) => a.ref)).toEqual(['demo.good'])
    return loaded
  }

  it('an action file over 1 MiB is refused unread', () => {
    const p = withGood()
    const huge = p.write('actions/huge.yaml', `ref: demo.huge\nentry_point: good.sh\n# ${'x'.repeat(MAX_PACK_FILE_BYTES)}\n`)
    expect(expectGoodLoaded(p).problems).toEqual([
      { file: huge, field: null, line: null, severity: 'error', message: expect.stringMatching(/^is \d+ bytes; pack files over 1048576 bytes/) }
    ])
  })

  it('an action file with non-UTF-8 bytes is a problem', () => {
    const p = withGood()
    const latin1 = p.write('actions/latin1.yaml', Buffer.from('ref: demo.caf\xe9\nentry_point: good.sh\n', 'latin1'))
    expect(expectGoodLoaded(p).problems).toEqual([
      { file: latin1, field: null, line: null, severity: 'error', message: 'is not UTF-8 text (it contains bytes that are not valid UTF-8); the file is not read' }
    ])
  })

  it('a YAML syntax error in an action file names its line', () => {
    const p = withGood()
    const broken = p.write('actions/broken.yaml', 'ref: demo.broken\nentry_point: good.sh\nlabel: a: b\n')
    expect(expectGoodLoaded(p).problems).toEqual([{ file: broken, field: null, line: 3, severity: 'error', message: expect.stringMatching(/^YAML syntax error: /) }])
  })

  it('symlink loops in actions/ do not hang: a looping file is a problem, a looping folder is skipped', () => {
    const p = withGood()
    const loop = p.link('actions/loop.yaml', 'loop.yaml')
    p.link('actions/a.yaml', 'b.yaml')
    p.link('actions/b.yaml', 'a.yaml')
    p.link('actions/again.yml', '.')
    p.link('actions/sub', '.')
    const loaded = expectGoodLoaded(p)
    expect(loaded.problems.map((problem) => [problem.file, problem.message])).toEqual([
      [p.path('actions', 'a.yaml'), 'is skipped: is a symbolic link loop (following it never reaches a file)'],
      [p.path('actions', 'b.yaml'), 'is skipped: is a symbolic link loop (following it never reaches a file)'],
      [loop, 'is skipped: is a symbolic link loop (following it never reaches a file)']
    ])
  })

  it('an action file that links out of the pack is skipped', () => {
    const p = withGood()
    writeFileSync(p.temp.path('outside.yaml'), 'ref: demo.outside\nentry_point: good.sh\n')
    const link = p.link('actions/outside.yaml', p.temp.path('outside.yaml'))
    expect(expectGoodLoaded(p).problems).toEqual([
      expect.objectContaining({ file: link, severity: 'error', message: expect.stringContaining('outside the pack folder') })
    ])
  })

  it('a named pipe called .yaml is a problem, not a hang', () => {
    const p = withGood()
    const fifo = p.path('actions', 'pipe.yaml')
    execFileSync('mkfifo', [fifo])
    expect(expectGoodLoaded(p).problems).toEqual([expect.objectContaining({ file: fifo, message: 'is skipped: it is a named pipe, not a file' })])
  })

  it('skips non-YAML files, sub-folders (actions/workflows/) and warns about upper-case extensions', () => {
    const p = withGood()
    p.write('actions/README.md', '# not an action\n')
    p.write('actions/workflows/deploy.yaml', 'ref: demo.deploy\nentry_point: good.sh\n')
    p.write('actions/shout.YAML', 'ref: demo.shout\nentry_point: good.sh\n')
    mkdirSync(p.path('actions', 'folder.yaml'))
    expect(expectGoodLoaded(p).problems).toEqual([
      {
        file: p.path('actions', 'shout.YAML'),
        field: null,
        line: null,
        severity: 'warning',
        message: "is ignored: Attune reads only files ending in '.yaml' or '.yml' (lower-case)"
      }
    ])
  })

  it('an actions path that is a file is a problem', () => {
    const p = testPack()
    p.write('actions', 'not a folder')
    expect(p.load().problems).toEqual([expect.objectContaining({ file: p.path('actions'), message: 'is not a folder; nothing in it is loaded' })])
  })

  it('an action file that is empty or not a mapping is skipped with a problem', () => {
    const p = withGood()
    p.write('actions/empty.yaml', '# nothing\n')
    p.write('actions/list.yaml', '- ref: demo.x\n')
    expect(expectGoodLoaded(p).problems.map((problem) => problem.message)).toEqual([
      "an action file must be a mapping with at least 'ref' and 'entry_point', found nothing; skipped",
      "an action file must be a mapping with at least 'ref' and 'entry_point', found a list; skipped"
    ])
  })
})

describe('runtimes/*.yaml', () => {
  it('reserved ATTUNE_ env vars are errors naming the field and line; the runtime still loads without them', () => {
    const p = testPack()
    const file = p.write(
      'runtimes/tool.yaml',
      ['ref: demo.tool', 'name: Tool', 'execution_config:', '  interpreter: {binary: tool}', '  env_vars:', '    ATTUNE_API_URL: http://evil', '    TOOL_HOME: "{pack_dir}/tool"'].join('\n')
    )
    const loaded = p.load()
    expect(loaded.runtimes.map((r) => r.ref)).toEqual(['demo.tool'])
    expect(loaded.runtimes[0]?.executionConfig.env_vars).toEqual({ TOOL_HOME: '{pack_dir}/tool' })
    expect(loaded.problems).toEqual([
      {
        file,
        field: 'execution_config.env_vars.ATTUNE_API_URL',
        line: 6,
        severity: 'error',
        message: 'names starting with ATTUNE_ are reserved for the worker; this variable is ignored'
      }
    ])
  })

  it("a runtime of another pack, a duplicate ref and a broken file are problems; the rest loads", () => {
    const p = testPack()
    p.write('runtimes/a.yaml', 'ref: demo.tool\n')
    const twin = p.write('runtimes/b.yaml', 'ref: demo.tool\n')
    const foreign = p.write('runtimes/c.yaml', 'ref: core.python\n')
    const broken = p.write('runtimes/d.yaml', 'ref: [\n')
    const loaded = p.load()
    expect(loaded.runtimes.map((r) => [r.ref, r.file])).toEqual([['demo.tool', p.path('runtimes', 'a.yaml')]])
    expect(loaded.problems).toEqual([
      { file: twin, field: 'ref', line: 1, severity: 'error', message: `'demo.tool' is already defined in ${p.path('runtimes', 'a.yaml')}; this file is skipped` },
      { file: foreign, field: 'ref', line: 1, severity: 'error', message: "'core.python' is not a runtime of this pack: a pack's runtime refs start with 'demo.'; the file is skipped" },
      expect.objectContaining({ file: broken, line: expect.any(Number), message: expect.stringMatching(/^YAML syntax error: /) })
    ])
  })
})

describe('the dir given', () => {
  it('is resolved to a realpath, and files under it keep that prefix', () => {
    const p = testPack()
    p.write('actions/good.yaml', GOOD_ACTION)
    p.write('actions/good.sh', 'echo good\n')
    const loaded = loadPackSync(join(p.dir, '.', 'actions', '..'), CORE_RUNNERS)
    if ('error' in loaded) throw new Error(loaded.error.message)
    expect(loaded.dir).toBe(realpathSync(p.dir))
    expect(loaded.actions[0]?.entryPath).toBe(join(loaded.dir, 'actions', 'good.sh'))
  })
})

import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnvView } from '../../../shared/domain/env'
import { captureIo } from '../../../../test-support/capture-io'
import { CATALOG_DIR } from '../../../../test-support/env-machine'
import { createTempDir, type TempDir } from '../store/test-support/temp-dir'
import { runCli } from '../../cli/run-cli'
import { writeWheel } from './env-test-kit'

/**
 * Optional: the "Done when" exactly, on this machine's own Pythons — 3.11 from /usr/bin or
 * pyenv, 3.12 and 3.13 from pyenv — found by discovery as a user's would be. Skipped with a reason
 * where they are missing. Only temp dirs are written; bytecode writing is off for every setup command
 * (passed through as an operator would, spec §5.5), so the installations stay as they were.
 */
function venvCapable(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import venv, ensurepip'], { stdio: 'ignore', env: { PYTHONDONTWRITEBYTECODE: '1' } })
    return true
  } catch {
    return false
  }
}

function pyenvPython(minor: string): string | null {
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions')
  if (!existsSync(versions)) return null
  const match = readdirSync(versions)
    .filter((name) => name.startsWith(`${minor}.`))
    .map((name) => join(versions, name, 'bin', `python${minor}`))
    .find((path) => existsSync(path) && venvCapable(path))
  return match ?? null
}

function whyNot(): string | null {
  for (const minor of ['3.12', '3.13']) if (pyenvPython(minor) === null) return `no venv-capable pyenv Python ${minor} (~/.pyenv/versions/${minor}.*)`
  if (!['/usr/bin/python3.11', '/bin/python3.11'].some((path) => existsSync(path) && venvCapable(path)) && pyenvPython('3.11') === null) {
    return 'no venv-capable Python 3.11 in /usr/bin, /bin or pyenv'
  }
  return null
}

const reason = whyNot()
if (reason) console.warn(`skipping the Done-when scenario on this machine's real Pythons: ${reason}`)

describe.skipIf(reason !== null).sequential('Done when, on this machine’s real Pythons 3.11–3.13 (optional)', () => {
  let temp: TempDir
  let env: Record<string, string>
  const cli = async (...argv: string[]): Promise<{ code: number; json: () => unknown; stderr: () => string }> => {
    const captured = captureIo(env)
    const code = await runCli(['--home', temp.path('home'), ...argv], captured.io, { catalogDir: CATALOG_DIR, examplePacksDir: null })
    return { code, json: captured.json, stderr: captured.stderr }
  }
  const run = (interpreter: string, ...args: string[]): string => execFileSync(interpreter, args, { encoding: 'utf8', env: { PYTHONDONTWRITEBYTECODE: '1' } }).trim()

  beforeAll(() => {
    temp = createTempDir('attune-real-pythons-')
    // PATH without version-manager shims: discovery finds pyenv's installations through HOME, as on a developer machine.
    env = { HOME: homedir(), PATH: '/usr/bin:/bin', ATTUNE__WORKER__PASSTHROUGH_ENV: 'PYTHONDONTWRITEBYTECODE', PYTHONDONTWRITEBYTECODE: '1' }
    writeWheel(pyenvPython('3.12') as string, temp.path('wheels'), 'tinydep', '1.0', 'VALUE = 42\n')
    const pack = temp.path('pack')
    mkdirSync(join(pack, 'actions'), { recursive: true })
    const files: Record<string, string> = {
      'pack.yaml': 'ref: realpy\n',
      'actions/hello.yaml': 'ref: realpy.hello\nrunner_type: python\nentry_point: hello.py\n',
      'actions/hello.py': '',
      'requirements.txt': `--no-index\n${temp.path('wheels', 'tinydep-1.0-py3-none-any.whl')}\n`
    }
    for (const [name, content] of Object.entries(files)) writeFileSync(join(pack, name), content)
  })
  afterAll(() => temp?.dispose())

  it(
    'packs add leaves python, python-3.11, python-3.12 and python-3.13 ready; each interpreter reports its version and imports the dependency; a second setup builds nothing',
    async () => {
      const added = await cli('packs', 'add', temp.path('pack'), '--json')
      expect(added.stderr()).toContain('[realpy core.python')
      expect(added.code).toBe(0)
      const { envs } = added.json() as { envs: EnvView[] }
      const byName = new Map(envs.map((e) => [e.dir.split('/').pop(), e]))
      expect([...byName.keys()].sort()).toEqual(['python', 'python-3.11', 'python-3.12', 'python-3.13'])
      for (const e of envs) {
        expect(e.status).toBe('ready')
        const interpreter = e.interpreter as string
        expect(interpreter.startsWith(e.dir)).toBe(true)
        if (e.version !== null) expect(run(interpreter, '--version')).toMatch(new RegExp(`^Python ${e.version.replace('.', '\\.')}\\.\\d+`))
        expect(run(interpreter, '-c', 'import sys, tinydep; print(sys.prefix, tinydep.VALUE)')).toBe(`${e.dir} 42`)
      }

      const again = await cli('envs', 'setup', '--json')
      expect(again.code).toBe(0)
      expect((again.json() as { envs: (EnvView & { action: string })[] }).envs.map((e) => [e.status, e.action])).toEqual(Array(4).fill(['ready', 'none']))
    },
    300_000
  )
})

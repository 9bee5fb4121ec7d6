import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, it, expect } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { runProcess } from './runtime'
import { FIFO_BATCH } from './stdin-pipe'
import { findPython, plainPythonConfig, ProcessTestRoot, SHELL_CONFIG } from './test-kit'

const root = ProcessTestRoot.create()
afterAll(() => root.dispose())
const python = findPython()
if ('skip' in python) console.warn(`python delivery scenarios skipped: ${python.skip}`)

root.pack('deliver', {
  'actions/cat.sh': 'cat\n',
  'actions/scratch.sh': 'ls -A "$SCRATCH_ROOT" | grep -c "^attune-run-" || true\n',
  'actions/pipe-cat.sh': '[ -p /dev/stdin ] && echo pipe\ncat\n',
  'actions/env.sh': 'echo "$ATTUNE_PARAMETER_DELIVERY|$ATTUNE_PARAMETER_FORMAT|${ATTUNE_PARAMETER_FILE:-none}"\n',
  'actions/file.sh': 'echo "mode=$(stat -c %a "$ATTUNE_PARAMETER_FILE")"\necho "stdin=[$(cat)]"\necho "path=$ATTUNE_PARAMETER_FILE"\ncat "$ATTUNE_PARAMETER_FILE"\n',
  'actions/no-read-slow.sh': 'sleep 0.7\n',
  'actions/no-read-fast.sh': 'exit 0\n',
  'actions/read.py': 'import sys, json\ndoc = json.loads(sys.stdin.readline())\nprint(json.dumps(doc, sort_keys=True))\n'
})

describe('parameter delivery (spec §5.6, scenarios 36–38)', () => {
  it('stdin json: the compact document and a newline, even for {}', async () => {
    expect((await runProcess(root.request('deliver', 'cat.sh', { parameters: { a: 1, b: 'x' } }))).stdout).toBe('{"a":1,"b":"x"}\n')
    expect((await runProcess(root.request('deliver', 'cat.sh'))).stdout).toBe('{}\n')
  })

  it('stdin: more runs at once than one batch of FIFOs each read their own document, through a real pipe', async () => {
    const runs = await Promise.all(
      Array.from({ length: FIFO_BATCH + 3 }, (_, n) => runProcess(root.request('deliver', 'pipe-cat.sh', { parameters: { n } })))
    )
    expect(runs.map((run) => run.stdout)).toEqual(runs.map((_, n) => `pipe\n{"n":${n}}\n`))
  })

  it('a run that writes no file (stdin delivery, a script file) makes no private folder; file delivery makes one', async () => {
    const executionEnv = { SCRATCH_ROOT: root.tmp }
    expect((await runProcess(root.request('deliver', 'scratch.sh', { executionEnv }))).stdout).toBe('0\n')
    expect((await runProcess(root.request('deliver', 'scratch.sh', { executionEnv, parameterDelivery: 'file' }))).stdout).toBe('1\n')
    expect(readdirSync(root.tmp).filter((name) => name.startsWith('attune-run-'))).toEqual([])
  })

  it('stdin yaml and dotenv', async () => {
    const yaml = await runProcess(root.request('deliver', 'cat.sh', { parameterFormat: 'yaml', parameters: { message: 'hi', count: 42 } }))
    expect(parseYaml(yaml.stdout)).toEqual({ message: 'hi', count: 42 })
    const dotenv = await runProcess(root.request('deliver', 'cat.sh', { parameterFormat: 'dotenv', parameters: { message: "It's a test", nested: { k: 'v' } } }))
    expect(dotenv.stdout).toBe("message='It'\\''s a test'\nnested.k='v'\n")
  })

  it('scenario 38: the process sees DELIVERY and FORMAT, and FILE only for file delivery', async () => {
    expect((await runProcess(root.request('deliver', 'env.sh'))).stdout).toBe('stdin|json|none\n')
    const file = await runProcess(root.request('deliver', 'env.sh', { parameterDelivery: 'file', parameterFormat: 'yaml' }))
    expect(file.stdout).toMatch(/^file\|yaml\|\/.+attune-params-[0-9a-f]+\n$/)
  })

  it('file delivery: mode 0400 in a private run folder of the OS temp dir, no trailing newline, stdin at EOF, removed afterwards', async () => {
    const result = await runProcess(root.request('deliver', 'file.sh', { parameterDelivery: 'file', parameters: { key: 'value' }, tempDir: undefined }))
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('mode=400')
    expect(lines[1]).toBe('stdin=[]')
    const path = (lines[2] ?? '').slice('path='.length)
    expect(path).toMatch(new RegExp(`^${tmpdir()}/attune-run-\\d+-[^/]+/attune-params-[0-9a-f]+$`))
    expect(lines.slice(3).join('\n')).toBe('{"key":"value"}')
    expect(existsSync(path)).toBe(false)
    expect(existsSync(dirname(path))).toBe(false)
  })

  it('file delivery in dotenv contains key and value (scenario 37)', async () => {
    const result = await runProcess(root.request('deliver', 'file.sh', { parameterDelivery: 'file', parameterFormat: 'dotenv', parameters: { key: 'value' } }))
    expect(result.stdout).toContain("key='value'")
  })

  it('a broken pipe is ignored for a quick successful run, reported for a slow one', async () => {
    const big = { blob: 'b'.repeat(1024 * 1024) }
    const quick = await runProcess(root.request('deliver', 'no-read-fast.sh', { parameters: big }))
    expect(quick).toMatchObject({ exitCode: 0, error: null, succeeded: true })
    const slow = await runProcess(root.request('deliver', 'no-read-slow.sh', { parameters: big }))
    expect(slow.exitCode).toBe(0)
    expect(slow.error).toMatch(/^Failed to write parameters to stdin: Broken pipe/)
  })

  it.skipIf('skip' in python)('python reads the JSON document from stdin', async () => {
    const py = 'python' in python ? python.python : ''
    const result = await runProcess(root.request('deliver', 'read.py', { runtimeName: 'python', baseConfig: plainPythonConfig(py), parameters: { n: 1, s: 'é' } }))
    expect(result.stdout).toBe('{"n": 1, "s": "\\u00e9"}\n')
  })
})

describe('inline shell helpers (spec §5.6, scenario 26)', () => {
  const inline = (code: string, parameters: Record<string, unknown>, schema: Record<string, { secret?: boolean }> | null = null) =>
    runProcess(root.request('deliver', 'inline', { codePath: null, code, parameters, parameterSchema: schema, baseConfig: SHELL_CONFIG }))

  it('defines the spec example variables exactly', async () => {
    const result = await inline(
      'echo "$name/$api_key/$PARAM_NAME/$PARAM_API_KEY/$test_api_url/$PARAM_TEST_API_URL"',
      { name: 'Alice', 'test.api_url': 'https://api.example.com/v1', api_key: 'secret-123' }
    )
    expect(result.stdout).toBe('Alice/secret-123/Alice/secret-123/https://api.example.com/v1/https://api.example.com/v1\n')
  })

  it('sends nothing on stdin, exports nothing, and unset inputs are empty', async () => {
    const result = await inline('echo "stdin=[$(cat)] env=[$(printenv name || true)] unset=[$nonexistent$PARAM_NONEXISTENT]"', { name: 'Alice' })
    expect(result.stdout).toBe('stdin=[] env=[] unset=[]\n')
  })

  it('writes the script in a private folder of its own (0700, not a shared inline_actions) and deletes both afterwards', async () => {
    const result = await inline('echo "$0"; stat -c %a "$0"; stat -c %a "$(dirname "$0")"', {})
    const [path, mode, dirMode] = result.stdout.trim().split('\n')
    expect(path).toMatch(new RegExp(`^${root.tmp}/attune-run-\\d+-[^/]+/exec_\\d+_[0-9a-f]+\\.sh$`))
    expect(mode).toBe('600')
    expect(dirMode).toBe('700')
    expect(existsSync(dirname(path ?? ''))).toBe(false)
    expect(readdirSync(root.tmp).filter((name) => name.startsWith('attune-'))).toEqual([])
  })

  it('never writes through a shared inline_actions folder another user could have made writable to all', async () => {
    const shared = join(root.tmp, 'attune', 'inline_actions')
    mkdirSync(shared, { recursive: true })
    chmodSync(shared, 0o777)
    const result = await inline('echo "$0"', {})
    expect(result.stdout.startsWith(shared)).toBe(false)
    expect(readdirSync(shared)).toEqual([])
  })

  it('quotes values safely', async () => {
    const result = await inline('echo "$q|$n|$o"', { q: "it's $(whoami) `id`", n: 5, o: { a: [1] } })
    expect(result.stdout).toBe('it\'s $(whoami) `id`|5|{"a":[1]}\n')
  })
})

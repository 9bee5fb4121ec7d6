import { readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, it, expect } from 'vitest'
import { runProcess } from './runtime'
import { findPython, plainPythonConfig, ProcessTestRoot, SHELL_CONFIG } from './test-kit'

const root = ProcessTestRoot.create()
afterAll(() => root.dispose())
const python = findPython()
if ('skip' in python) console.warn(`python scenarios skipped: ${python.skip}`)

describe('runProcess: shell actions (scenarios 24, 26, 34)', () => {
  root.pack('shellpack', {
    'actions/hello.sh': 'echo "Hello from a shell file"\n',
    'actions/greet.sh': 'echo "greet fallback"\n',
    'actions/pwd.sh': 'pwd\n',
    'actions/json.sh': 'echo "starting"\necho \'{"status": "ok", "count": 42}\'\n',
    // The failing scripts read their stdin first: a process that exits before the parameter write turns
    // it into a broken pipe, which spec §5.11 ranks above the exit code.
    'actions/fail.sh': 'read -r _ || true\necho "partial output"\necho "something broke" >&2\nexit 1\n',
    'actions/quiet-fail.sh': 'read -r _ || true\nexit 4\n',
    'actions/long-fail.sh': 'read -r _ || true\nfor i in 1 2 3 4 5 6; do echo "line $i" >&2; done\necho "Error: final reason" >&2\nexit 2\n'
  })

  it('runs a shell file: stdout has the echo, exit 0, no error', async () => {
    const result = await runProcess(root.request('shellpack', 'hello.sh'))
    expect(result).toMatchObject({ exitCode: 0, succeeded: true, error: null, stdout: 'Hello from a shell file\n', timedOut: false, cancelled: false, startFailure: null })
    expect(result.interpreter).toBe('/bin/bash')
    expect(result.pid).toBeGreaterThan(0)
  })

  it('scenario 29: summarises the command with names and counts only', async () => {
    const result = await runProcess(root.request('shellpack', 'hello.sh', { executionId: 29 }))
    expect(result.command).toMatch(/^executable=bash, argument_count=1, environment_override_count=\d+$/)
  })

  it('scenario 27: execution env reaches the process and overrides runtime values', async () => {
    const result = await runProcess(
      root.request('shellpack', 'x', {
        executionId: 42,
        codePath: null,
        code: 'printf "%s" "$LOG_LEVEL|$REGION|$ATTUNE_EXEC_ID"',
        baseConfig: { ...SHELL_CONFIG, env_vars: { LOG_LEVEL: 'info' } },
        executionEnv: { LOG_LEVEL: 'debug', REGION: 'eu-west-1', ATTUNE_EXEC_ID: 'bad' }
      })
    )
    expect(result.stdout).toBe('debug|eu-west-1|42')
    expect(result.warnings).toEqual(["execution env_vars: 'ATTUNE_EXEC_ID' is reserved (ATTUNE_*) and was ignored"])
  })

  it('logs names, counts and the pid, never parameter values', async () => {
    const lines: string[] = []
    await runProcess(
      root.request('shellpack', 'hello.sh', {
        executionId: 77,
        parameters: { token: 'do-not-log-me' },
        executionEnv: { ATTUNE_X: 'y', SECRETISH: 'do-not-log-me-either' },
        log: (level, message) => lines.push(`${level} ${message}`)
      })
    )
    expect(lines[0]).toBe("warn exec 77 (shellpack.hello): execution env_vars: 'ATTUNE_X' is reserved (ATTUNE_*) and was ignored")
    expect(lines[1]).toMatch(/^info exec 77 \(shellpack\.hello\): pid \d+: executable=bash, argument_count=1, environment_override_count=\d+$/)
    expect(lines[2]).toMatch(/^info exec 77 \(shellpack\.hello\): pid \d+: exit 0 in \d+ ms$/)
    expect(lines.join('\n')).not.toContain('do-not-log')
  })

  it('scenario 26: falls back to actions/<entry_point> when no code path is given', async () => {
    const result = await runProcess(root.request('shellpack', 'greet.sh', { codePath: null }))
    expect(result.stdout).toBe('greet fallback\n')
  })

  it('scenario 26: the working directory is the pack dir', async () => {
    const result = await runProcess(root.request('shellpack', 'pwd.sh'))
    expect(realpathSync(result.stdout.trim())).toBe(realpathSync(join(root.packs, 'shellpack')))
  })

  it('scenario 34: parses JSON after log lines, empties stdout, and the log file keeps what was printed', async () => {
    const request = root.request('shellpack', 'json.sh', { executionId: 34, outputFormat: 'json' })
    const result = await runProcess(request)
    expect(result.parsed).toEqual({ value: { status: 'ok', count: 42 } })
    expect(result.stdout).toBe('')
    expect(readFileSync(request.stdoutLogPath ?? '', 'utf8')).toBe('starting\n{"status": "ok", "count": 42}\n')
  })

  it('scenario 34: exit 1 with stderr → error set, stderr and stdout kept, nothing parsed', async () => {
    const result = await runProcess(root.request('shellpack', 'fail.sh', { outputFormat: 'json' }))
    expect(result).toMatchObject({ exitCode: 1, succeeded: false, error: 'something broke', stderr: 'something broke\n', stdout: 'partial output\n', parsed: null })
  })

  it('maps exit codes to errors (§5.11)', async () => {
    expect((await runProcess(root.request('shellpack', 'quiet-fail.sh'))).error).toBe('Command exited with code 4')
    expect((await runProcess(root.request('shellpack', 'long-fail.sh'))).error).toBe('Error: final reason')
  })

  it('scenario 26: runs inline shell code and a shell entry point that is code', async () => {
    const inline = await runProcess(root.request('shellpack', 'unused', { codePath: null, code: 'echo "inline $((6*7))"' }))
    expect(inline.stdout).toBe('inline 42\n')
    const entry = await runProcess(root.request('shellpack', 'echo "entry point as code"', { codePath: null }))
    expect(entry.stdout).toBe('entry point as code\n')
  })

  it('refuses an action with no executable content', async () => {
    const result = await runProcess(root.request('shellpack', 'missing.py', { codePath: null, runtimeName: 'python' }))
    expect(result).toMatchObject({ exitCode: -1, startFailure: 'invalid-action', pid: null })
    expect(result.error).toBe("No executable content found for action 'shellpack.missing' (entry point 'missing.py')")
  })

  it('runs direct inline code as <interpreter> -c <code>', async () => {
    const result = await runProcess(
      root.request('shellpack', 'x', { codePath: null, code: 'echo "args: $0"', baseConfig: { interpreter: { binary: '/bin/bash', args: ['--norc'] } } })
    )
    expect(result.stdout).toBe('args: /bin/bash\n')
    expect(result.command).toMatch(/^executable=bash, argument_count=2,/)
  })

  it('reports an unusable temp dir as a setup failure without throwing', async () => {
    const result = await runProcess(root.request('shellpack', 'hello.sh', { parameterDelivery: 'file', tempDir: join(root.root, 'no', 'such', 'dir') }))
    expect(result).toMatchObject({ exitCode: -1, startFailure: 'setup', pid: null })
    expect(result.error).toMatch(/^Could not prepare the run: ENOENT/)
  })

  it('starts nothing when cancelled during env setup', async () => {
    const controller = new AbortController()
    const result = await runProcess(
      root.request('shellpack', 'hello.sh', {
        signal: controller.signal,
        baseConfig: { ...SHELL_CONFIG, environment: { env_type: 'virtualenv', interpreter_path: '{env_dir}/bin/python3' } },
        prepareEnv: async () => controller.abort()
      })
    )
    expect(result).toMatchObject({ cancelled: true, pid: null, error: 'Execution cancelled by user' })
    expect(result.command).toMatch(/^executable=bash/)
  })

  it('accepts a timeout beyond what a timer can hold', async () => {
    const result = await runProcess(root.request('shellpack', 'hello.sh', { timeoutSeconds: 1e10 }))
    expect(result).toMatchObject({ exitCode: 0, timedOut: false })
  })

  it('reports a spawn failure without throwing', async () => {
    root.pack('badinterp', { 'actions/a.sh': 'echo', 'not-exec': 'plain file' })
    const result = await runProcess(root.request('badinterp', 'a.sh', { baseConfig: { interpreter: { binary: join(root.packs, 'badinterp', 'not-exec') } } }))
    expect(result).toMatchObject({ exitCode: -1, startFailure: 'spawn', succeeded: false })
    expect(result.error).toMatch(/^Failed to start '.*not-exec': permission denied \(EACCES\)$/)
  })
})

describe('runProcess: native actions (spec §5.13)', () => {
  root.pack('nativepack', { 'actions/tool': '#!/bin/sh\necho "native ok $1"\n', 'actions/noexec': '#!/bin/sh\necho no\n' }, ['actions/tool'])

  it('runs an executable file itself when the config is empty', async () => {
    const result = await runProcess(root.request('nativepack', 'tool', { runtimeName: 'native', baseConfig: {} }))
    expect(result).toMatchObject({ exitCode: 0, stdout: 'native ok \n', interpreter: null })
    expect(result.command).toMatch(/^executable=tool, argument_count=0, environment_override_count=\d+$/)
  })

  it('refuses a missing or non-executable file', async () => {
    const missing = await runProcess(root.request('nativepack', 'gone', { runtimeName: 'native', baseConfig: {}, codePath: join(root.packs, 'nativepack/actions/gone') }))
    expect(missing).toMatchObject({ startFailure: 'invalid-action', error: expect.stringMatching(/^Binary not found/) })
    const noexec = await runProcess(root.request('nativepack', 'noexec', { runtimeName: 'native', baseConfig: {} }))
    expect(noexec).toMatchObject({ startFailure: 'invalid-action', error: expect.stringContaining('is not executable') })
  })

  it('refuses inline code without an interpreter', async () => {
    const result = await runProcess(root.request('nativepack', 'x', { runtimeName: 'native', baseConfig: {}, codePath: null, code: 'echo' }))
    expect(result.startFailure).toBe('invalid-action')
  })
})

describe.skipIf('skip' in python)('runProcess: python actions (scenario 24)', () => {
  const py = 'python' in python ? python.python : ''
  root.pack('pypack', {
    'actions/ok.py': 'import sys, json\nparams = json.loads(sys.stdin.readline())\nprint("ok", params.get("n"))\n',
    'actions/uses_lib.py': 'import os\nimport helper\nprint(os.environ["PYTHONPATH"])\nprint(helper.greet())\n',
    'lib/helper.py': 'def greet():\n    return "helper imported"\n'
  })

  it('runs a python file', async () => {
    const result = await runProcess(root.request('pypack', 'ok.py', { runtimeName: 'python', baseConfig: plainPythonConfig(py), parameters: { n: 5 } }))
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ok 5\n', interpreter: py })
    expect(result.command).toMatch(/^executable=python3[.\d]*, argument_count=2,/)
  })

  it('prepends <pack_dir>/lib to PYTHONPATH and imports the helper from lib/', async () => {
    const request = root.request('pypack', 'uses_lib.py', { runtimeName: 'python', baseConfig: plainPythonConfig(py) })
    const result = await runProcess({ ...request, baselineEnv: { ...request.baselineEnv, PYTHONPATH: '/existing/pythonpath' } })
    expect(result.stdout).toContain(`${join(root.packs, 'pypack')}/lib:/existing/pythonpath`)
    expect(result.stdout).toContain('helper imported')
  })
})

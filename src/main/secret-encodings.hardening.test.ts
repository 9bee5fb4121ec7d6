import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../test-support/capture-io'
import { catalogOptions, writePack } from '../../test-support/env-machine'
import { recordFigure } from '../../test-support/hardening-figures'
import { everyVersion } from '../../test-support/hardening-kit'
import { RuntimeMachine } from '../../test-support/runtime-machine'
import { runCli } from './cli/run-cli'
import { executionLogPaths } from './core/execution/execution-views'

/**
 * Issue 9, finding 4: a real Python action prints its secret in the encodings actions use (json.dumps with
 * and without ensure_ascii, uppercase hex, escaped `/`, urllib quote/quote_plus/urlencode, lowercase hex,
 * base64 standard and URL-safe with and without padding, base64 of the value with a newline, shlex.quote) to
 * stdout and stderr and returns them as its result. None of them may reach stdout.log, stderr.log, the stored
 * result, the error text, the CLI's output or `executions show`; each line must read `<encoding>: ***`.
 */

/** The real python3 on PATH (its executable, not a shim), or '' when there is none: then the encodings tests say so and skip. */
const PYTHON = ((): string => {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
})()

const EMIT = String.raw`import base64, json, re, shlex, sys, urllib.parse
doc = json.loads(sys.stdin.readline())
s = doc['token']
b64 = lambda raw: base64.b64encode(raw.encode()).decode()
url64 = lambda raw: base64.urlsafe_b64encode(raw.encode()).decode()
forms = {
    'json.dumps': json.dumps(s),
    'json.dumps ensure_ascii=False': json.dumps(s, ensure_ascii=False),
    'json.dumps uppercase hex': re.sub(r'\\u([0-9a-f]{4})', lambda m: '\\u' + m.group(1).upper(), json.dumps(s)),
    'json.dumps escaped slash': json.dumps(s).replace('/', '\\/'),
    'quote': urllib.parse.quote(s),
    'quote safe=""': urllib.parse.quote(s, safe=''),
    'quote lowercase hex': re.sub(r'%[0-9A-F]{2}', lambda m: m.group(0).lower(), urllib.parse.quote(s, safe='')),
    'quote_plus': urllib.parse.quote_plus(s),
    'urlencode': urllib.parse.urlencode({'k': s})[2:],
    'b64encode': b64(s),
    'b64encode unpadded': b64(s).rstrip('='),
    'urlsafe_b64encode': url64(s),
    'urlsafe_b64encode unpadded': url64(s).rstrip('='),
    'b64encode of the value and a newline': b64(s + '\n'),
    'shlex.quote': shlex.quote(s),
}
for name, form in forms.items():
    print(name + ': ' + form)
    print(name + ': ' + form, file=sys.stderr)
if doc.get('fail'):
    sys.exit(3)
print(json.dumps({'forms': forms, 'name': doc.get('name')}))
`

/** Non-ASCII, astral (surrogate pairs), JSON and URL specials, quotes and HTML-sensitive characters. */
const CASES = ['Pässwörd', 'key🔑astral', 'tok/en"q\\b s+p', "it's <&> `x`"]

/** What Python prints for `secret`: run here, outside the workbench, as the leak list. */
function pythonForms(secret: string): Record<string, string> {
  const out = execFileSync(PYTHON, ['-c', EMIT], { input: `${JSON.stringify({ token: secret })}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] })
  return (JSON.parse(out.trim().split('\n').pop() as string) as { forms: Record<string, string> }).forms
}

let machine: RuntimeMachine
let checks = 0

beforeAll(async () => {
  if (PYTHON === '') return
  machine = RuntimeMachine.create()
  everyVersion(machine)
  writePack(machine, 'enc', {
    'actions/emit.yaml': 'ref: enc.emit\nrunner_type: shell\nentry_point: emit.sh\noutput_format: json\nparameters:\n  token: {type: string, secret: true, required: true}\n  name: {type: string}\n  fail: {type: boolean}\n',
    'actions/emit.sh': `exec '${PYTHON}' actions/emit.py\n`,
    'actions/emit.py': EMIT,
    'actions/greet.yaml': 'ref: enc.greet\nrunner_type: shell\nentry_point: greet.sh\noutput_format: json\nparameters:\n  api_token: {type: string, secret: true}\n  name: {type: string}\n',
    'actions/greet.sh': `exec '${PYTHON}' actions/greet.py\n`,
    'actions/greet.py': 'import json, sys\ndoc = json.loads(sys.stdin.readline())\nprint("greeting Ada, messages sent")\nprint(json.dumps({"messages": ["Hello, Ada"], "name": "Ada", "echo": {"api_token": doc["api_token"]}}))\n'
  })
  expect((await cli('packs', 'add', machine.path('packs/enc'))).code).toBe(0)
}, 60_000)
afterAll(() => {
  recordFigure('secret-encodings-checked', checks, `encodings of secrets checked: ${checks / CASES.length} encodings x ${CASES.length} secrets printed by a real python3 action, each masked in stdout.log, stderr.log, the result, the error, CLI output and executions show (more encoders, split at every point: secrets/forms.test.ts)`)
  machine?.dispose()
})

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIo(machine.env(['bin']))
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, catalogOptions(machine))
  return { code, stdout: captured.stdout(), stderr: captured.stderr() }
}

describe.skipIf(PYTHON === '')('a short secret (issue 9, finding 3)', () => {
  it.each(['e', 'Ada'])('never rewrites the result or the logs, is masked under its own name and is reported: %j', async (token) => {
    const run = await cli('run', 'enc.greet', '--params', JSON.stringify({ api_token: token, name: 'Ada' }), '--json')
    expect(run.code, run.stderr).toBe(0)
    const view = JSON.parse(run.stdout) as { id: number; result: unknown; warnings: string[] }
    expect(view.result).toEqual({ messages: ['Hello, Ada'], name: 'Ada', echo: { api_token: '***' } })
    expect(view.warnings).toContainEqual(expect.stringContaining("secret parameter 'api_token' is too short to mask in logs"))
    expect(readFileSync(executionLogPaths(`${machine.dataHome}/executions`, view.id).stdout, 'utf8')).toContain('greeting Ada, messages sent')
    const shown = await cli('executions', 'show', String(view.id))
    expect(shown.stdout).toContain('too short to mask in logs')
  })
})

describe.skipIf(PYTHON === '')('a secret printed by a real python3 in common encodings (skipped without python3 on PATH)', () => {
  it.each(CASES)('is masked everywhere: %j', async (secret) => {
    const forms = pythonForms(secret)
    expect(Object.keys(forms)).toHaveLength(15)
    const run = await cli('run', 'enc.emit', '--params', JSON.stringify({ token: secret, name: 'Ada' }), '--json')
    expect(run.code, run.stderr).toBe(0)
    const view = JSON.parse(run.stdout) as { id: number; result: { forms: Record<string, string>; name: string } }
    const failed = await cli('run', 'enc.emit', '--params', JSON.stringify({ token: secret, fail: true }))
    expect(failed.code).toBe(1)
    const failedId = Number(/Run (\d+)/.exec(failed.stderr)?.[1])
    const shown = [await cli('executions', 'show', String(view.id)), await cli('executions', 'show', String(view.id), '--json'), await cli('executions', 'show', String(failedId))]
    const failedView = JSON.parse((await cli('executions', 'show', String(failedId), '--json')).stdout) as { error: string; stderr: string }
    const logs = [view.id, failedId].flatMap((id) => {
      const paths = executionLogPaths(`${machine.dataHome}/executions`, id)
      return [readFileSync(paths.stdout, 'utf8'), readFileSync(paths.stderr, 'utf8')]
    })
    // The result is the action's document with each encoded value masked whole; the rest intact.
    expect(view.result.name).toBe('Ada')
    const everything = [run.stdout, run.stderr, failed.stdout, failed.stderr, ...shown.map((r) => r.stdout + r.stderr), JSON.stringify(failedView), ...logs].join('\n')
    for (const [name, form] of Object.entries(forms)) {
      expect(view.result.forms[name], name).toBe('***')
      for (const log of logs) expect(log.split('\n'), name).toContainEqual(expect.stringMatching(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ["']?\\*\\*\\*["']?$`)))
      expect(everything, `${name} leaked`).not.toContain(form)
      checks++
    }
    expect(failedView.error).toContain('***')
    expect(everything).not.toContain(secret)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExecutionView } from '../../shared/domain/execution'
import { captureIo, type CapturedIo } from '../../../test-support/capture-io'
import { linkTools, writePack } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { openWorkbench } from '../core/workbench'
import { runCli } from './run-cli'

/**
 * Per-run environment and context (spec §5.5): `--env K=V` are the execution's `env_vars` (set last, over
 * the runtime's; `ATTUNE_*` ignored with a warning, as in crates/worker runtime/process.rs and the
 * execution-env test of spec scenario 29), `--context K=V` become `ATTUNE_CONTEXT_<KEY>`. Both are kept
 * with the run, shown with it, and re-used by a re-run. A real shell action prints its environment.
 */
let machine: RuntimeMachine
let env: Record<string, string>

beforeEach(async () => {
  machine = RuntimeMachine.create()
  linkTools(machine, ['env', 'sort', 'grep'])
  env = machine.env(['bin'])
  writePack(machine, 'demo', {
    'actions/show.yaml': 'ref: demo.show\nrunner_type: shell\nentry_point: show.sh\n',
    'actions/show.sh': 'env | grep -E "^(REGION|LOG_LEVEL|ATTUNE_CONTEXT_|ATTUNE_EXEC_ID|ATTUNE_API_)" | sort\n'
  })
  expect((await cli('packs', 'add', machine.path('packs/demo'))).code).toBe(0)
})
afterEach(() => machine.dispose())

async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, machine.workbenchOptions({ examplePacksDir: null }))
  return { ...captured, code }
}

describe('run --env / --context', () => {
  it('passes env vars over the runtime’s, ignores ATTUNE_* with a warning, turns context into ATTUNE_CONTEXT_*', async () => {
    const result = await cli('run', 'demo.show', '--env', 'REGION=eu-west-1', '--env', 'LOG_LEVEL=debug=yes', '--env', 'ATTUNE_EXEC_ID=bad', '--context', 'user=bob', '--json')
    expect(result.code).toBe(0)
    const run = result.json() as ExecutionView
    const lines = run.stdout.trim().split('\n')
    expect(lines).toEqual([`ATTUNE_CONTEXT_USER=bob`, `ATTUNE_EXEC_ID=${run.id}`, 'LOG_LEVEL=debug=yes', 'REGION=eu-west-1'])
    expect(run.warnings).toContain("execution env_vars: 'ATTUNE_EXEC_ID' is reserved (ATTUNE_*) and was ignored")
    expect(run.options).toMatchObject({ env: { REGION: 'eu-west-1', LOG_LEVEL: 'debug=yes', ATTUNE_EXEC_ID: 'bad' }, context: { user: 'bob' } })

    const shown = await cli('executions', 'show', String(run.id))
    expect(shown.stdout()).toContain('  env vars:    REGION="eu-west-1" LOG_LEVEL="debug=yes" ATTUNE_EXEC_ID="bad"')
    expect(shown.stdout()).toContain('  context:     user="bob"')
  })

  it('re-runs with the same env vars and context', async () => {
    const first = (await cli('run', 'demo.show', '--env', 'REGION=us-east-2', '--context', 'tenant=acme', '--json')).json() as ExecutionView
    const workbench = openWorkbench({ home: machine.dataHome, env, ...machine.workbenchOptions({ examplePacksDir: null }) })
    try {
      await workbench.runtimes.ensureVerified()
      const again = await workbench.executions.wait(workbench.executions.rerun(first.id).id)
      expect(again.options).toMatchObject({ env: { REGION: 'us-east-2' }, context: { tenant: 'acme' } })
      expect(again.stdout).toContain('REGION=us-east-2')
      expect(again.stdout).toContain('ATTUNE_CONTEXT_TENANT=acme')
    } finally {
      workbench.close()
    }
  })

  it('passes the workbench’s ATTUNE_API_URL as a worker does; the token only to a run that asks; --api-url wins', async () => {
    env = { ...env, ATTUNE_API_URL: 'http://0.0.0.0:8080', ATTUNE_API_TOKEN: 'tok-api-secret' }
    const plain = (await cli('run', 'demo.show', '--json')).json() as ExecutionView
    expect(plain.stdout).toContain('ATTUNE_API_URL=http://127.0.0.1:8080\n')
    expect(plain.stdout).not.toContain('ATTUNE_API_TOKEN')

    const withToken = (await cli('run', 'demo.show', '--api-token', '--api-url', 'https://attune.example:9443', '--json')).json() as ExecutionView
    // The action has the token; what it prints of it is masked like a secret parameter.
    expect(withToken.stdout).toContain('ATTUNE_API_TOKEN=***')
    expect(withToken.stdout).not.toContain('tok-api-secret')
    expect(withToken.stdout).toContain('ATTUNE_API_URL=https://attune.example:9443')
    expect(withToken.options).toEqual(expect.objectContaining({ apiUrl: 'https://attune.example:9443', apiToken: true }))
    expect(JSON.stringify(withToken.options)).not.toContain('tok-api-secret')

    expect((await cli('run', 'demo.show', '--api-url', 'ftp://x')).code).toBe(2)
  })

  it('warns when the pack uses the Attune SDK and no API is configured', async () => {
    writePack(machine, 'demo', { 'requirements.txt': 'attune-sdk[sensor]>=0.1.0\n' })
    const run = (await cli('run', 'demo.show', '--json')).json() as ExecutionView
    expect(run.warnings.join('\n')).toContain('this action uses the Attune SDK (requirements.txt names attune-sdk[sensor]>=0.1.0), but no Attune API is configured')
    const configured = (await cli('run', 'demo.show', '--api-url', 'http://localhost:8080', '--json')).json() as ExecutionView
    expect(configured.warnings.join('\n')).not.toContain('Attune SDK')
  })

  it('refuses an assignment without a name, without echoing its value', async () => {
    const result = await cli('run', 'demo.show', '--env', 's3cr3t-value')
    expect(result.code).toBe(2)
    expect(result.stderr()).toContain("--env takes NAME=VALUE (e.g. --env REGION=eu-west-1); one value has no '='")
    expect(result.stdout() + result.stderr()).not.toContain('s3cr3t-value')
  })
})

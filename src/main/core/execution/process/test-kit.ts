import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../../shared/domain/execution-config'
import { findOnPathSync } from '../../discovery/find-on-path'
import { captureBaselineEnv } from '../../commands/baseline-env'
import { buildContextEnv } from '../command/child-env-context'
import type { ProcessRequest } from './types'

/** The catalog's shell config (spec §1.8): `/bin/bash`, temp_file inline code with helpers. */
export const SHELL_CONFIG: RuntimeExecutionConfig = {
  interpreter: { binary: '/bin/bash', args: [], file_extension: '.sh' },
  inline_execution: { strategy: 'temp_file', extension: '.sh', inject_shell_helpers: true }
}

/** A Python config without an env: `<python> -u`, PYTHONPATH prepended with `{pack_dir}/lib`. */
export function plainPythonConfig(python: string): RuntimeExecutionConfig {
  return {
    interpreter: { binary: python, args: ['-u'], file_extension: '.py' },
    env_vars: { PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib', separator: ':' } }
  }
}

/**
 * Test support for the process runtime (never imported by app code): a temp root holding packs, envs,
 * logs and a private temp dir, and a request builder with the worker's defaults.
 */
export class ProcessTestRoot {
  readonly packs: string
  readonly envs: string
  readonly logs: string
  readonly tmp: string
  private runs = 0

  private constructor(readonly root: string) {
    this.packs = join(root, 'packs')
    this.envs = join(root, 'runtime_envs')
    this.logs = join(root, 'logs')
    this.tmp = join(root, 'tmp')
    for (const dir of [this.packs, this.envs, this.logs, this.tmp]) mkdirSync(dir)
  }

  static create(): ProcessTestRoot {
    return new ProcessTestRoot(realpathSync(mkdtempSync(join(tmpdir(), 'attune-process-'))))
  }

  /** A pack folder with files (relative paths, folders created); returns the pack dir. */
  pack(ref: string, files: Readonly<Record<string, string>> = {}, executable: readonly string[] = []): string {
    const dir = join(this.packs, ref)
    mkdirSync(join(dir, 'actions'), { recursive: true })
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name)
      mkdirSync(join(path, '..'), { recursive: true })
      writeFileSync(path, content)
      if (executable.includes(name)) chmodSync(path, 0o755)
    }
    return dir
  }

  /** A request for `<pack>.<action>` running `actions/<entryPoint>` with the shell config; override anything. */
  request(packRef: string, entryPoint: string, overrides: Partial<ProcessRequest> = {}): ProcessRequest {
    const packDir = join(this.packs, packRef)
    const run = ++this.runs
    const executionId = overrides.executionId ?? run
    const actionRef = `${packRef}.${entryPoint.replace(/\.[^.]*$/, '')}`
    return {
      executionId,
      actionRef,
      packRef,
      packDir,
      runtimeName: 'shell',
      baseConfig: SHELL_CONFIG,
      baseEnvDir: join(this.envs, packRef, 'shell'),
      versionConfig: null,
      versionEnvDir: null,
      entryPoint,
      codePath: join(packDir, 'actions', entryPoint),
      parameters: {},
      parameterSchema: null,
      outputSchema: null,
      parameterDelivery: 'stdin',
      parameterFormat: 'json',
      outputFormat: 'text',
      timeoutSeconds: 30,
      baselineEnv: captureBaselineEnv(process.env),
      contextEnv: buildContextEnv({ executionId, actionRef, packRef }),
      stdoutLogPath: join(this.logs, `run-${run}.stdout.log`),
      stderrLogPath: join(this.logs, `run-${run}.stderr.log`),
      tempDir: this.tmp,
      killGraceMs: 2_000,
      ...overrides
    }
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}

/** A real python3 (PATH order, version-manager shims skipped), or why there is none. */
export function findPython(): { python: string } | { skip: string } {
  const python = findOnPathSync('python3', process.env.PATH ?? '', { skipShims: true })
  if (python === null) return { skip: 'no python3 on PATH' }
  try {
    execFileSync(python, ['-c', 'pass'])
    return { python }
  } catch {
    return { skip: `${python} does not run` }
  }
}

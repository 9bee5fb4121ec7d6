import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import type { InterpreterSource, VerificationDetail } from '../../../shared/domain/runtime'
import type { InterpreterFamily } from '../discovery'
import type { InterpreterResolver } from './interpreter-resolver'
import { checkCommand, locateBinary, type CheckedCommand, type ProbeContext } from './probe-check'
import { extractVerificationCommands } from './verification-commands'

/** The outcome of verifying one runtime version. */
export interface VersionVerification {
  readonly available: boolean
  readonly interpreter: string | null
  readonly source: InterpreterSource | null
  readonly sourceDetail: string | null
  readonly verification: VerificationDetail
  readonly reason: string | null
}

export interface VersionToVerify {
  readonly version: string
  readonly family: InterpreterFamily | null
  readonly executionConfig: RuntimeExecutionConfig
  readonly distributions: unknown
}

/**
 * `verify_single_version` (spec §3.1), with the version's own interpreter resolved for this machine.
 *
 * Commands run in priority order and the first that passes wins. Without commands: no interpreter
 * means "assumed available"; otherwise `<binary> --version` must exit 0.
 */
export async function verifyVersion(
  row: VersionToVerify,
  context: ProbeContext & { readonly resolver: InterpreterResolver; readonly pathValue: string }
): Promise<VersionVerification> {
  const binary = row.executionConfig.interpreter?.binary ?? ''
  const interpreter = context.resolver.resolve(binary, row.family, row.version)
  const resolved = {
    interpreter: interpreter.path,
    source: interpreter.source,
    sourceDetail: interpreter.path ? interpreter.detail : interpreter.reason
  }
  let commands = extractVerificationCommands(row.distributions)
  if (commands.length === 0) {
    if (binary === '') {
      const verification: VerificationDetail = { command: null, exitCode: null, matched: true, output: '', attempts: [] }
      return { available: true, ...resolved, verification, reason: null }
    }
    commands = [{ binary, args: ['--version'], exitCode: 0, pattern: null, priority: 0 }]
  }
  const attempts: CheckedCommand[] = []
  for (const command of commands) {
    const ownInterpreter = command.binary === binary
    const target = ownInterpreter ? interpreter.path : locateBinary(command.binary, context.pathValue)
    const checked = await checkCommand(command, target, context, ownInterpreter ? interpreter.reason : null)
    attempts.push(checked)
    if (checked.passed) break
  }
  const decisive = attempts.find((attempt) => attempt.passed) ?? attempts[attempts.length - 1]
  const verification: VerificationDetail = {
    command: decisive?.command ?? null,
    exitCode: decisive?.exitCode ?? null,
    matched: decisive?.matched ?? false,
    output: decisive?.output ?? '',
    attempts: attempts.map(({ command, exitCode, matched, outcome, cached }) => ({ command, exitCode, matched, outcome, cached }))
  }
  const available = attempts.some((attempt) => attempt.passed)
  return { available, ...resolved, verification, reason: available ? null : unavailableReason(attempts) }
}

/** "python3.12 --version: exited with 1, expected 0; python --version: ..." in priority order. */
export function unavailableReason(attempts: readonly CheckedCommand[]): string {
  return attempts.map((attempt) => `${attempt.command}: ${attempt.outcome}`).join('; ')
}

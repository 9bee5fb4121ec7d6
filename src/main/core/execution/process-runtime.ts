import { existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { templateVars } from '../envs/env-template'
import { buildChildEnv } from './child-env'
import { writeInlineFile } from './command-inline-file'
import { nativeFileProblem } from './command-native'
import { commandLine, commandSummary, inlinePlan, resolveActionSource } from './command-plan'
import { DEFAULT_MAX_OUTPUT_BYTES } from './output-bounded'
import { OutputCapture } from './output-capture'
import { prepareDelivery } from './parameter-delivery'
import { formatParameters } from './parameter-format'
import { secretTexts } from './parameter-schema'
import { resolveInterpreter, type ResolvedInterpreter } from './process-interpreter'
import { notStarted } from './process-not-started'
import { spawnFailureText, spawnRetrying } from './process-spawn'
import { openStdinPipe } from './process-stdin-pipe'
import { superviseProcess } from './process-supervisor'
import type { ProcessRequest, ProcessResult } from './process-types'
import { judgeRun } from './process-verdict'
import { Redactor } from './redact'
import { wrapWithShellHelpers } from './shell-helpers'

/** spec §5.2: the app default when no tier sets a usable timeout. */
const DEFAULT_TIMEOUT_SECONDS = 600
const DEFAULT_KILL_GRACE_MS = 10_000
const DEFAULT_LOG_FLUSH_MS = 1_000
/** After the process exits, how long an escaped descendant may keep its pipes open. */
const DRAIN_MS = 2_000

/**
 * Run one action process exactly as the worker's ProcessRuntime would (spec §5.3–5.11, §5.14).
 *
 * Resolves the config and interpreter (falling back from an unavailable version), builds the cleared
 * environment, delivers parameters, captures capped and redacted output to the log files, the live
 * listener and the result, enforces timeout and cancellation on the whole process group, then parses
 * and judges. Never throws for anything the action or its setup did: such failures come back in
 * `error` (with `startFailure` when nothing ran). Temp files are removed before it returns.
 */
export async function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  const started = Date.now()
  const warnings: string[] = []
  const log = safeLog(request)
  if (request.signal?.aborted) return notStarted({ started, warnings, error: 'Execution cancelled by user', cancelled: true })
  const resolution = await resolveInterpreter({
    actionRef: request.actionRef,
    packDir: request.packDir,
    versionConfig: request.versionConfig,
    versionEnvDir: request.versionEnvDir,
    baseConfig: request.baseConfig,
    baseEnvDir: request.baseEnvDir,
    baselinePath: request.baselineEnv.PATH ?? '',
    prepareEnv: request.prepareEnv
  })
  warnings.push(...resolution.warnings)
  if (!resolution.ok) return notStarted({ started, warnings, error: resolution.error, startFailure: 'setup' })
  const resolved = resolution.value
  const source = resolveActionSource({ ...request, code: request.code ?? null }, existsSync)
  const base = { started, warnings, resolved, versionUsed: request.versionConfig !== null && resolved.fallback === null }
  if (source === null) {
    return notStarted({ ...base, startFailure: 'invalid-action', error: `No executable content found for action '${request.actionRef}' (entry point '${request.entryPoint}')` })
  }
  if (resolved.interpreter === null) {
    const problem = source.kind === 'inline' ? `Action '${request.actionRef}' has inline code but runtime '${request.runtimeName}' has no interpreter` : await nativeFileProblem(source.path)
    if (problem !== null) return notStarted({ ...base, startFailure: 'invalid-action', error: problem })
  }
  const cleanups: (() => Promise<void>)[] = []
  try {
    return await execute(request, resolved, source, base, cleanups, log)
  } finally {
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
}

async function execute(
  request: ProcessRequest,
  resolved: ResolvedInterpreter,
  source: NonNullable<ReturnType<typeof resolveActionSource>>,
  base: { readonly started: number; readonly warnings: string[]; readonly resolved: ResolvedInterpreter; readonly versionUsed: boolean },
  cleanups: (() => Promise<void>)[],
  log: (level: 'info' | 'warn', message: string) => void
): Promise<ProcessResult> {
  const { warnings } = base
  const plan = inlinePlan(resolved.config)
  const helpersInjected = source.kind === 'inline' && plan.injectShellHelpers
  const tempDir = request.tempDir ?? tmpdir()
  const delivery = await prepareDelivery(request.parameterDelivery, formatParameters(request.parameters, request.parameterFormat), { tempDir, helpersInjected })
  cleanups.push(delivery.cleanup)
  let script: { readonly path: string } | { readonly inlineCode: string }
  if (source.kind === 'file') script = { path: source.path }
  else if (plan.strategy === 'temp_file') {
    const content = helpersInjected ? wrapWithShellHelpers(request.parameters, source.code) : source.code
    const file = await writeInlineFile(tempDir, request.executionId, plan.extension, content)
    cleanups.push(file.remove)
    script = { path: file.path }
  } else script = { inlineCode: source.code }
  const command = commandLine(resolved.interpreter, resolved.config.interpreter?.args ?? [], script)
  const childEnv = buildChildEnv({
    baseline: request.baselineEnv,
    context: request.contextEnv,
    runtimeEnvVars: resolved.config.env_vars ?? {},
    templateVars: templateVars({ config: resolved.config, packDir: request.packDir, envDir: resolved.envDir, envInterpreterExists: resolved.envInterpreterExists }),
    delivery: { mode: request.parameterDelivery, format: request.parameterFormat, file: delivery.file },
    execution: request.executionEnv ?? {}
  })
  warnings.push(...childEnv.warnings)
  for (const warning of warnings) log('warn', warning)
  const summary = commandSummary(command, childEnv.overrideCount)
  const redactor = new Redactor(secretTexts(request.parameterSchema, request.parameters))
  const capture = (stream: 'stdout' | 'stderr', maxBytes: number | undefined, logPath: string | null | undefined): Promise<OutputCapture> =>
    OutputCapture.open({ stream, maxBytes: maxBytes ?? DEFAULT_MAX_OUTPUT_BYTES, redactor, logPath: logPath ?? null, onOutput: request.onOutput })
  const captures = { stdout: await capture('stdout', request.maxStdoutBytes, request.stdoutLogPath), stderr: await capture('stderr', request.maxStderrBytes, request.stderrLogPath) }
  const cwd = isDirectorySync(request.packDir) ? request.packDir : undefined
  if (cwd === undefined) warnings.push(`pack folder ${request.packDir} does not exist; the action runs in the workbench's folder`)
  const pipe = delivery.stdinText === null ? null : await openStdinPipe(tempDir)
  const spawnStarted = Date.now()
  let child
  try {
    child = await spawnRetrying(command.executable, command.args, {
      cwd,
      env: childEnv.env,
      detached: true,
      stdio: [delivery.stdinText === null ? 'ignore' : (pipe?.childFd ?? 'pipe'), 'pipe', 'pipe'],
      windowsHide: true
    })
  } catch (error) {
    pipe?.writer.destroy()
    await Promise.all([captures.stdout.closeLog(0), captures.stderr.closeLog(0)])
    return notStarted({ ...base, startFailure: 'spawn', command: summary, error: `Failed to start '${command.executable}': ${spawnFailureText(error)}` })
  } finally {
    pipe?.closeChildEnd()
  }
  const stdinStream = pipe?.writer ?? child.stdin
  log('info', `pid ${child.pid}: ${summary}`)
  const timeoutSeconds = request.timeoutSeconds > 0 && Number.isFinite(request.timeoutSeconds) ? request.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS
  const exit = await superviseProcess(child, captures, {
    timeoutMs: timeoutSeconds * 1000,
    killGraceMs: request.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    signal: request.signal,
    stdin: delivery.stdinText === null || stdinStream === null ? null : { text: delivery.stdinText, stream: stdinStream, close: pipe === null ? 'end' : 'destroy' },
    drainMs: DRAIN_MS,
    onTerminate: (reason) => log('warn', `pid ${child.pid}: ${reason === 'timeout' ? `timed out after ${timeoutSeconds} s` : 'cancelled'}; terminating its process group`)
  })
  const durationMs = Date.now() - spawnStarted
  captures.stdout.end()
  captures.stderr.end()
  const flushMs = request.logFlushTimeoutMs ?? DEFAULT_LOG_FLUSH_MS
  const logsComplete = await Promise.all([captures.stdout.closeLog(flushMs), captures.stderr.closeLog(flushMs)])
  const verdict = judgeRun({
    ...exit,
    durationMs,
    timeoutSeconds,
    rawStdout: captures.stdout.bounded.text(),
    stdout: captures.stdout.text(),
    stderr: captures.stderr.text(),
    outputFormat: request.outputFormat,
    outputSchema: request.outputSchema,
    redactor
  })
  log('info', `pid ${child.pid}: exit ${verdict.exitCode} in ${durationMs} ms${verdict.error === null ? '' : ' with an error'}`)
  return {
    ...verdict,
    succeeded: verdict.exitCode === 0 && verdict.error === null,
    startFailure: null,
    timedOut: exit.timedOut,
    cancelled: exit.cancelled,
    durationMs,
    stdoutTruncated: captures.stdout.bounded.truncated,
    stderrTruncated: captures.stderr.bounded.truncated,
    stdoutBytesTruncated: captures.stdout.bounded.bytesTruncated,
    stderrBytesTruncated: captures.stderr.bounded.bytesTruncated,
    logsIncomplete: logsComplete.includes(false),
    interpreter: resolved.interpreter,
    configUsed: base.versionUsed ? 'version' : 'base',
    envDir: resolved.envDir,
    fallback: resolved.fallback,
    command: summary,
    pid: child.pid,
    warnings
  }
}

function isDirectorySync(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function safeLog(request: ProcessRequest): (level: 'info' | 'warn', message: string) => void {
  return (level, message) => {
    try {
      request.log?.(level, `exec ${String(request.executionId)} (${request.actionRef}): ${message}`)
    } catch {
      // Logging never fails a run.
    }
  }
}

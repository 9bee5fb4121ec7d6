import { existsSync } from 'node:fs'
import { isDirectorySync } from '../../envs/fs-probes'
import { tmpdir } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { nativeFileProblem } from '../command/native'
import { resolveActionSource } from '../command/plan'
import { DEFAULT_MAX_OUTPUT_BYTES } from '../output/bounded'
import { OutputCapture } from '../output/capture'
import { resolveInterpreter, type ResolvedInterpreter } from './interpreter'
import { notStarted } from './not-started'
import { bootTicksNow, pidsSince, reapRunAsync, type PidRange } from './orphan-reaper'
import { prepareRun, type PreparedRun } from './prepare'
import { openRunScratch } from './run-scratch'
import { spawnFailureText, spawnRetrying } from './spawn'
import { openOutputPipe, openStdinPipe } from './stdin-pipe'
import { superviseProcess } from './supervisor'
import { describeLeftovers, ProcessTree } from './tree'
import { DEFAULT_TIMEOUT_SECONDS, type ProcessRequest, type ProcessResult } from './types'
import { judgeRun } from './verdict'
import { Redactor } from '../secrets/redact'
import { runSecrets } from '../secrets/run-secrets'

const DEFAULT_KILL_GRACE_MS = 10_000
const DEFAULT_LOG_FLUSH_MS = 1_000
/** setTimeout's largest delay (~24.8 days); a longer timeout would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1
/** After the process exits, how long an escaped descendant may keep its pipes open. */
const DRAIN_MS = 2_000
/** How long one search for descendants that escaped the process group may take. */
const REAP_TIMEOUT_MS = 5_000
/**
 * A run at most this long has its leftovers looked for only among the pids handed out since it started
 * (`PidRange`); a longer one, whose pids may have wrapped round, has every process looked at.
 */
const SHORT_RUN_MS = 1_000

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
  for (const warning of resolution.warnings) log('warn', warning)
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
    let prepared: PreparedRun
    try {
      // Made when a file is first written (file delivery, an inline script): most runs need none.
      let scratch: Promise<string> | null = null
      const scratchDir = (): Promise<string> =>
        (scratch ??= openRunScratch(request.tempDir ?? tmpdir(), request.executionId).then((made) => {
          cleanups.push(made.remove)
          return made.dir
        }))
      prepared = await prepareRun(request, resolved, source, scratchDir, cleanups)
    } catch (error) {
      return notStarted({ ...base, startFailure: 'setup', error: `Could not prepare the run: ${error instanceof Error ? error.message : String(error)}` })
    }
    const later = [...prepared.warnings]
    if (!isDirectorySync(request.packDir)) later.push(`pack folder ${request.packDir} does not exist; the action runs in the workbench's folder`)
    warnings.push(...later)
    for (const warning of later) log('warn', warning)
    // A cancel that arrived during env setup or preparation: nothing is started.
    if (request.signal?.aborted) return notStarted({ ...base, command: prepared.summary, error: 'Execution cancelled by user', cancelled: true })
    return await execute(request, prepared, base, log)
  } finally {
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
}

async function execute(
  request: ProcessRequest,
  prepared: PreparedRun,
  base: { readonly started: number; readonly warnings: string[]; readonly resolved: ResolvedInterpreter; readonly versionUsed: boolean },
  log: (level: 'info' | 'warn', message: string) => void
): Promise<ProcessResult> {
  const { resolved, warnings } = base
  const { command, summary } = prepared
  const apiToken = request.contextEnv.ATTUNE_API_TOKEN
  const secrets = runSecrets(request.parameterSchema, request.parameters, apiToken === undefined ? [] : [apiToken])
  warnings.push(...secrets.warnings)
  const redactor = new Redactor(secrets.texts, secrets.names)
  const capture = (stream: 'stdout' | 'stderr', maxBytes: number | undefined, logPath: string | null | undefined): OutputCapture =>
    OutputCapture.openSync({ stream, maxBytes: maxBytes ?? DEFAULT_MAX_OUTPUT_BYTES, redactor, logPath: logPath ?? null, onOutput: request.onOutput })
  const stdoutCapture = capture('stdout', request.maxStdoutBytes, request.stdoutLogPath)
  const stderrCapture = capture('stderr', request.maxStderrBytes, request.stderrLogPath)
  const captures = { stdout: stdoutCapture, stderr: stderrCapture }
  const pipe = prepared.stdinText === null ? null : await openStdinPipe()
  // Output through pipes of ours read into one reused buffer (see `openOutputPipe`); Node's pipes where none can be made.
  const outputs = { stdout: await openOutputPipe((chunk) => captures.stdout.push(chunk)), stderr: await openOutputPipe((chunk) => captures.stderr.push(chunk)) }
  const endReaders = (): void => {
    outputs.stdout?.reader.destroy()
    outputs.stderr?.reader.destroy()
  }
  const spawnStarted = Date.now()
  let child
  try {
    child = await spawnRetrying(command.executable, command.args, {
      cwd: isDirectorySync(request.packDir) ? request.packDir : undefined,
      env: prepared.env,
      detached: true,
      stdio: [prepared.stdinText === null ? 'ignore' : (pipe?.childFd ?? 'pipe'), outputs.stdout?.childFd ?? 'pipe', outputs.stderr?.childFd ?? 'pipe'],
      windowsHide: true
    })
  } catch (error) {
    pipe?.writer.destroy()
    endReaders()
    await Promise.all([captures.stdout.closeLog(0), captures.stderr.closeLog(0)])
    return notStarted({ ...base, startFailure: 'spawn', command: summary, error: `Failed to start '${command.executable}': ${spawnFailureText(error)}` })
  } finally {
    pipe?.closeChildEnd()
    outputs.stdout?.closeChildEnd()
    outputs.stderr?.closeChildEnd()
  }
  const stdinStream = pipe?.writer ?? child.stdin
  const tree = ProcessTree.watch(child.pid)
  log('info', `pid ${child.pid}: ${summary}`)
  // When the run ended, in boot ticks, taken at the exit itself (the supervisor kills the leftovers then): the
  // wider sweep starts later, and a process started after this moment (a next run given the same id) is not its.
  let endedAt: number | null = null
  const timeoutSeconds = request.timeoutSeconds > 0 && Number.isFinite(request.timeoutSeconds) ? request.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS
  const exit = await superviseProcess(child, captures, {
    timeoutMs: Math.min(timeoutSeconds * 1000, MAX_TIMER_MS),
    killGraceMs: request.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    signal: request.signal,
    stdin: prepared.stdinText === null || stdinStream === null ? null : { text: prepared.stdinText, stream: stdinStream, close: pipe === null ? 'end' : 'destroy' },
    readers: { stdout: outputs.stdout?.reader ?? null, stderr: outputs.stderr?.reader ?? null },
    drainMs: DRAIN_MS,
    onTerminate: (reason) => log('warn', `pid ${child.pid}: ${reason === 'timeout' ? `timed out after ${timeoutSeconds} s` : 'cancelled'}; terminating its process group`),
    killLeftovers: () => {
      endedAt = bootTicksNow()
      const killed = tree?.killLeftovers() ?? []
      if (killed.length === 0) return
      warnings.push(describeLeftovers(killed))
      log('warn', `pid ${child.pid}: ${describeLeftovers(killed)}`)
    },
    reapEscaped: () => reapEscaped(prepared.env, endedAt, Date.now() - spawnStarted <= SHORT_RUN_MS ? child.pid : null, (pids) => log('warn', `pid ${child.pid}: killed ${pids.length} descendant(s) that had left its process group: ${pids.join(', ')}`))
  })
  const durationMs = Date.now() - spawnStarted
  captures.stdout.end()
  captures.stderr.end()
  const flushMs = request.logFlushTimeoutMs ?? DEFAULT_LOG_FLUSH_MS
  const logsComplete = await Promise.all([captures.stdout.closeLog(flushMs), captures.stderr.closeLog(flushMs)])
  for (const stream of ['stdout', 'stderr'] as const) {
    const problem = captures[stream].logProblem()
    // Spec §5.8: the run still succeeds, but what is kept of its output is cut short; say so.
    if (problem !== null) warnings.push(`the ${stream} log is incomplete (${problem}); the output kept with this run is cut short`)
  }
  const verdict = judgeRun({
    ...exit,
    durationMs,
    timeoutSeconds,
    rawStdout: captures.stdout.rawText(),
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

/**
 * Beyond the spec's group kill: descendants that left the process group (setsid, double fork) still
 * carry the run's ATTUNE_EXEC_ID and ATTUNE_RUNTIME_ENVS_DIR; no process outlives its run (Linux, /proc).
 * Another pass catches what forked during the one before. The result does not wait for it (see
 * `superviseProcess`); what it kills is logged. Those that also cleared their environment are caught by
 * the process tree (`tree.ts`).
 */
async function reapEscaped(env: Readonly<Record<string, string>>, endedAt: number | null, rootPid: number | null, report: (pids: readonly number[]) => void): Promise<void> {
  const id = env.ATTUNE_EXEC_ID
  const envsDir = env.ATTUNE_RUNTIME_ENVS_DIR
  if (!id || !envsDir) return
  for (let pass = 0; pass < 3; pass++) {
    // Read after `endedAt`: every process started before the run ended has a pid up to the last one.
    const pids: PidRange | null = rootPid === null ? null : pidsSince(rootPid)
    // A /proc read that hangs must not hold anything up.
    const killed = await Promise.race([reapRunAsync(id, envsDir, endedAt, pids), delay(REAP_TIMEOUT_MS, [], { ref: false })])
    if (killed.length === 0) return
    report(killed)
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

import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecutionView } from '../../../shared/domain/execution'
import type { ExecutionRecord } from '../store/execution-repository'

/** Where an execution's logs live: `executions/<id>/stdout.log|stderr.log` (DESIGN.md "Data home"). */
export function executionLogPaths(executionsDir: string, id: number): { dir: string; stdout: string; stderr: string; status: string } {
  const dir = join(executionsDir, String(id))
  return { dir, stdout: join(dir, 'stdout.log'), stderr: join(dir, 'stderr.log'), status: join(dir, 'status.json') }
}

/**
 * Remove what an earlier run with this id left on disk: a data home whose database was reset (or lost its last
 * commits in a power cut) keeps its `executions/` folder, and a new run given the same id must not show, or
 * append to, the old run's logs and status.
 */
export function clearRunFolderSync(executionsDir: string, id: number): void {
  rmSync(executionLogPaths(executionsDir, id).dir, { recursive: true, force: true })
}

/**
 * Mark a run finished on disk beside its logs, so `logs --follow` can end without the database
 * (which the running engine holds exclusively).
 */
export function writeFinalStatusSync(executionsDir: string, id: number, status: string): void {
  const paths = executionLogPaths(executionsDir, id)
  try {
    // The folder is there for every run but one recovered from a crash: make it only then.
    if (!existsSync(paths.dir)) mkdirSync(paths.dir, { recursive: true, mode: 0o700 })
    writeFileSync(paths.status, JSON.stringify({ id, status, finishedAt: new Date().toISOString() }), { mode: 0o600 })
  } catch {
    // Only `logs --follow` needs it. After a crash, the next engine to open the home writes it (`abandoned`).
  }
}

/** Read `[offset, offset + max)` of a file as UTF-8, ending on a whole character. */
export function readSliceSync(file: string, offset: number, max: number): { text: string; nextOffset: number; size: number } {
  if (!existsSync(file)) return { text: '', nextOffset: offset, size: 0 }
  const size = statSync(file).size
  if (offset >= size) return { text: '', nextOffset: offset, size }
  const length = Math.min(max, size - offset)
  const buffer = Buffer.alloc(length)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, buffer, 0, length, offset)
  } finally {
    closeSync(fd)
  }
  // Do not cut a multi-byte character: stop before a trailing partial sequence.
  let end = length
  if (offset + length < size) {
    let back = end - 1
    while (back >= 0 && back >= end - 4 && ((buffer[back] as number) & 0xc0) === 0x80) back--
    if (back >= 0 && ((buffer[back] as number) & 0x80) !== 0) {
      const lead = buffer[back] as number
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
      if (end - back < need) end = back
    }
  }
  return { text: buffer.subarray(0, end).toString('utf8'), nextOffset: offset + end, size }
}

const VIEW_OUTPUT_LIMIT = 10 * 1024 * 1024

/**
 * The stable JSON shape of a run; with `withOutput` the captured stdout/stderr are read from the logs, or
 * taken as given: the text of the complete logs, as the run that just ended captured it.
 */
export function toExecutionView(record: ExecutionRecord, executionsDir: string, withOutput: boolean | { readonly stdout: string; readonly stderr: string }): ExecutionView {
  const logs = executionLogPaths(executionsDir, record.id)
  const given = typeof withOutput === 'object' && Buffer.byteLength(withOutput.stdout) <= VIEW_OUTPUT_LIMIT && Buffer.byteLength(withOutput.stderr) <= VIEW_OUTPUT_LIMIT ? withOutput : null
  const read = (file: string): string => (given !== null ? (file === logs.stdout ? given.stdout : given.stderr) : withOutput ? readSliceSync(file, 0, VIEW_OUTPUT_LIMIT).text : '')
  return {
    id: record.id,
    action: record.actionRef,
    pack: record.packRef,
    status: record.status,
    exitCode: record.exitCode,
    runtime: record.runtimeRef,
    constraint: record.constraint,
    selectedVersion: record.selectedVersion,
    resolution: record.resolution,
    fallback: record.fallback,
    warnings: record.warnings,
    interpreter: record.interpreter,
    envDir: record.envDir,
    depsHash: record.depsHash,
    envIncomplete: record.envIncomplete,
    parameters: record.parameters,
    options: record.options,
    result: record.result,
    // Spec §5.9: when the output parsed, stdout is not repeated (the log file keeps it).
    stdout: record.stdoutParsed ? '' : read(logs.stdout),
    stderr: read(logs.stderr),
    stdoutTruncated: record.stdoutTruncated,
    stderrTruncated: record.stderrTruncated,
    durationMs: record.durationMs,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    error: record.error,
    matrixId: record.matrixId,
    rerunOf: record.rerunOf
  }
}

import type { ExecutionView } from '../../../shared/domain/execution'
import type { Api } from '../../../shared/ipc/contract'
import { badInput, WorkbenchError } from '../../core/errors'
import type { CliSession } from '../cli-session'
import { parseArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'

type Output = { stdout: string; stderr: string }

/**
 * `logs ID [--follow]`: stdout to stdout, stderr to stderr, read through the contract (`executions:log`
 * slices) in both modes. `--follow` reads again whenever the engine reports output or a status change for
 * the run, and ends when the run reaches a final status; `executions:wait` ends it too, and fails (exit 3)
 * when the engine answering over the socket stops.
 */
export async function logsCommand({ api, home }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['follow'], short: { f: 'follow' } })
  const id = Number(args.positionals[0])
  if (args.positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw badInput('usage: attune-workbench logs ID [--follow]')
  const follow = args.flags.has('follow')
  // Subscribed before the first read: output or a status change after it wakes the next read.
  const wakeup = follow ? watchRun(api, id) : null
  try {
    await knownRun(api, id, home)
    const read = tail(api, id)
    if (json && !follow) {
      printJson(io, { id, ...(await read()), finished: finalStatus(await knownRun(api, id, home)) })
      return EXIT.ok
    }
    // With --json, stdout carries one document at the end (the contract); the output streams to stderr meanwhile.
    const all = { stdout: '', stderr: '' }
    for (;;) {
      wakeup?.arm()
      const finished = finalStatus(await knownRun(api, id, home))
      const chunk = await read()
      all.stdout += chunk.stdout
      all.stderr += chunk.stderr
      if (chunk.stdout) (json ? io.stderr : io.stdout)(chunk.stdout)
      if (chunk.stderr) io.stderr(chunk.stderr)
      if (!wakeup || finished !== null) {
        // Its engine stopped while it ran: the engine that opened the home next marked it abandoned.
        if (wakeup && finished === 'abandoned') io.stderr(`\n(execution ${id} has no running engine: it did not finish and is marked abandoned)\n`)
        if (json) printJson(io, { id, ...all, finished })
        return EXIT.ok
      }
      await wakeup.next()
    }
  } finally {
    wakeup?.close()
  }
}

/** The run, or the error `logs` has always given for an id without one. */
async function knownRun(api: Api, id: number, home: string): Promise<ExecutionView> {
  try {
    return await api['executions:get']({ id, output: false })
  } catch (error) {
    if (error instanceof WorkbenchError && error.kind === 'bad-input') throw badInput(`no logs for execution ${id} in ${home} (see executions list)`)
    throw error
  }
}

/** Reads each stream from where the last read ended, in slices of at most 1 MiB, to its current end. */
function tail(api: Api, id: number): () => Promise<Output> {
  const offsets = { stdout: 0, stderr: 0 }
  return async () => {
    const out = { stdout: '', stderr: '' }
    for (const stream of ['stdout', 'stderr'] as const) {
      for (;;) {
        const slice = await api['executions:log']({ id, stream, offset: offsets[stream] })
        out[stream] += slice.text
        offsets[stream] = slice.nextOffset
        if (slice.text === '' || slice.nextOffset >= slice.size) break
      }
    }
    return out
  }
}

/**
 * Wakes a follower when the run prints or changes status, or when its end is known (`executions:wait`).
 * `arm` before reading, `next` after: what happened in between is not lost. An engine that stops makes
 * `next` throw the client's clear error.
 */
function watchRun(api: Api, id: number): { arm(): void; next(): Promise<void>; close(): void } {
  let woken = false
  let failure: unknown = null
  let wake = (): void => undefined
  const poke = (event: { readonly id: number }): void => {
    if (event.id !== id) return
    woken = true
    wake()
  }
  const unsubscribe = [api.on('log.chunk', poke), api.on('execution.updated', poke)]
  void api['executions:wait']({ id }).then(
    () => poke({ id }),
    (error: unknown) => {
      failure = error
      poke({ id })
    }
  )
  return {
    arm: () => {
      woken = false
    },
    next: async () => {
      if (!woken) await new Promise<void>((resolve) => (wake = resolve))
      wake = () => undefined
      if (failure !== null) throw failure
    },
    close: () => {
      for (const off of unsubscribe) off()
    }
  }
}

function finalStatus(run: ExecutionView): string | null {
  return run.status === 'requested' || run.status === 'running' ? null : run.status
}

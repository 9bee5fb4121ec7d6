import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExecutionView } from '../shared/domain/execution'
import { catalogOptions, linkTools, writePack } from '../../test-support/env-machine'
import { recordFigure } from '../../test-support/hardening-figures'
import { everyVersion } from '../../test-support/hardening-kit'
import { RuntimeMachine } from '../../test-support/runtime-machine'
import { openWorkbench, type Workbench } from './core/workbench'
import { createRouter } from './ipc/router'
import { sessionCookie } from './web-host/test-support/test-host'
import { openTestSocket, type TestSocket } from './web-host/test-support/test-socket'
import { startWebHost, type WebHost } from './web-host/web-host'

/**
 * Load (issue 6): 50 runs at once plus a matrix over every Python and every Node.js version, with two
 * subscribers (the engine's event bus and the browser host's WebSocket) that must see every status and
 * every byte of output, while the browser host keeps answering within a bound of its idle time.
 */
const RUNS = 50
const LINES = 300
const CAP = 10 * 1024 * 1024
const FLOOD_LINE = 'flood line: the same forty-six bytes, repeated\n'
const NOTICE = '\n\n[OUTPUT TRUNCATED: stdout exceeded size limit]\n'

let machine: RuntimeMachine
let workbench: Workbench
let host: WebHost
let client: MultiplexedSocket

const versionAction = (name: string, runner: string, extension: string, constraint: string): Record<string, string> => ({
  [`actions/${name}.yaml`]: `ref: load.${name}\nrunner_type: ${runner}\nruntime_version: "${constraint}"\nentry_point: ${name}.${extension}\n`,
  // The fakes run every script with /bin/sh, whatever its extension.
  [`actions/${name}.${extension}`]: `i=0\nwhile [ $i -lt ${LINES} ]; do echo "${name} line $i"; i=$((i + 1)); done\n`
})

beforeAll(async () => {
  machine = RuntimeMachine.create()
  everyVersion(machine)
  linkTools(machine, ['yes'])
  writePack(machine, 'load', {
    'actions/lines.yaml': `ref: load.lines
runner_type: shell
entry_point: lines.sh
parameter_format: dotenv
parameters:
  lines: {type: integer, required: true}
  tag: {type: string, required: true}
`,
    'actions/lines.sh': `eval "$(cat)"
i=0
while [ $i -lt $lines ]; do echo "$tag line $i"; i=$((i + 1)); done
i=0
while [ $i -lt $((lines / 10)) ]; do echo "$tag err $i" >&2; i=$((i + 1)); done
`,
    // More than the 10 MiB cap (spec §5.8): its log must be complete up to the cap, then the notice.
    'actions/flood.yaml': 'ref: load.flood\nrunner_type: shell\nentry_point: flood.sh\n',
    'actions/flood.sh': `yes '${FLOOD_LINE.trimEnd()}' | head -c ${CAP + 1024 * 1024}\n`,
    ...versionAction('py', 'python', 'py', '>=3.11'),
    ...versionAction('js', 'nodejs', 'js', '>=18')
  })
  const env = machine.env(['bin'])
  workbench = openWorkbench({ home: machine.dataHome, env, ...catalogOptions(machine, { maxConcurrentRuns: RUNS + 10, killGraceMs: 200 }) })
  const registered = await workbench.lifecycle.register(machine.path('packs/load'))
  expect(registered.envs.filter((e) => e.status !== 'ready')).toEqual([])
  const rendererDir = machine.path('renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<h1>workbench</h1>')
  const router = createRouter(workbench, { kind: 'browser', version: 'test', startup: () => ({ phase: 'ready', message: 'Ready' }) })
  host = await startWebHost({ rendererDir, router })
  const cookie = await sessionCookie(host)
  const upgrade = await openTestSocket(host.port, { Cookie: cookie })
  if (upgrade.kind !== 'open') throw new Error(`the browser host refused the socket: ${upgrade.status}`)
  client = multiplex(upgrade.socket, host.port, cookie)
}, 60_000)
afterAll(async () => {
  client?.close()
  await host?.close()
  workbench?.close()
  machine?.dispose()
})

describe('50 concurrent runs and a matrix over every version, with the browser host serving', () => {
  it('records every run, keeps every log complete up to the cap, loses no event, and the host stays responsive', async () => {
    // In-process subscriber: the engine's event bus.
    const bus = subscriberOf(workbench)
    client.reset()

    const idle = await sampleLatency(client, 30)

    const runs = Array.from({ length: RUNS - 1 }, (_, i) => workbench.executions.start('load.lines', { lines: LINES + i, tag: `r${i}` }))
    runs.push(workbench.executions.start('load.flood', {}))
    const python = workbench.matrix.start('load.py', {})
    const node = workbench.matrix.start('load.js', {})
    const all = [...runs, ...python.runs, ...node.runs]
    expect(python.runs.map((run) => run.options.version)).toEqual(['3.13', '3.12', '3.11'])
    expect(node.runs.map((run) => run.options.version)).toEqual(['22', '20', '18'])

    const finishing = Promise.all(all.map((run) => workbench.executions.wait(run.id)))
    let done = false
    void finishing.finally(() => (done = true))
    const loaded: number[] = []
    const http: number[] = []
    while (!done) {
      loaded.push(await client.roundTrip('app:info'))
      http.push(await client.httpIndex())
    }
    const finished: ExecutionView[] = await finishing
    await client.waitForFinals(all.map((run) => run.id))

    // Every run recorded with the right final status, on the right version.
    expect(finished.filter((run) => run.status !== 'completed').map((run) => [run.id, run.status, run.error])).toEqual([])
    expect(finished.map((run) => run.selectedVersion).slice(RUNS)).toEqual(['3.13', '3.12', '3.11', '22', '20', '18'])
    expect(workbench.executions.list({ limit: 1000 })).toHaveLength(all.length)

    // Every log complete: line counts of each stream, and the flood exactly up to the cap.
    for (const [i, run] of runs.slice(0, RUNS - 1).entries()) {
      expect(logLines(run.id, 'stdout'), `stdout of run ${run.id}`).toEqual(Array.from({ length: LINES + i }, (_, n) => `r${i} line ${n}`))
      expect(logLines(run.id, 'stderr')).toHaveLength(Math.floor((LINES + i) / 10))
    }
    const flood = finished[RUNS - 1] as ExecutionView
    expect(flood.stdoutTruncated).toBe(true)
    const floodLog = readLog(flood.id, 'stdout')
    const kept = CAP - 128
    expect(floodLog).toBe(FLOOD_LINE.repeat(Math.ceil(kept / FLOOD_LINE.length)).slice(0, kept) + NOTICE)
    for (const run of [...python.runs, ...node.runs]) expect(logLines(run.id, 'stdout')).toHaveLength(LINES)

    // No event lost, to either subscriber: one final status per run, and the live text equals the log files.
    let events = 0
    for (const subscriber of [bus, client]) {
      for (const run of all) {
        expect(subscriber.finals.get(run.id), `final statuses of run ${run.id}`).toEqual(['completed'])
        for (const stream of ['stdout', 'stderr'] as const) {
          expect(subscriber.text.get(`${run.id}:${stream}`) ?? '', `${stream} of run ${run.id} as pushed`).toBe(readLog(run.id, stream))
        }
      }
      events += subscriber.events()
    }

    // The browser host answered throughout.
    // The bound of the issue, for the typical call; the slowest calls get three times that, because the
    // suite shares two CPUs with the 56 runs' processes and with the other test files.
    const idleMs = median(idle)
    const bound = Math.max(10 * idleMs, 500)
    const p95 = percentile(loaded, 0.95)
    recordFigure('load-concurrent-runs', all.length, `${RUNS} runs (one past the 10 MiB cap) + a matrix over 3 Pythons and 3 Node.js versions, all at once; every status and log checked`)
    recordFigure('load-events', events, `events seen by the event bus and the browser socket together; 0 lost (finals and text per run vs the log files)`)
    recordFigure('load-host-latency-ms', Math.round(p95), `app:info over the WebSocket: idle median ${idleMs.toFixed(1)} ms; under load p50 ${median(loaded).toFixed(1)}, p95 ${p95.toFixed(1)}, max ${Math.max(...loaded).toFixed(1)} over ${loaded.length} calls (bound ${bound.toFixed(0)} for the median, 3× for p95); HTTP index under load p50 ${median(http).toFixed(1)}, p95 ${percentile(http, 0.95).toFixed(1)} ms`)
    expect(loaded.length).toBeGreaterThan(5)
    expect(median(loaded), `median of ${loaded.length} round trips under load`).toBeLessThanOrEqual(bound)
    expect(median(http), 'median of the HTTP index under load').toBeLessThanOrEqual(bound)
    expect(p95, `p95 of ${loaded.length} round trips under load`).toBeLessThanOrEqual(3 * bound)
    expect(percentile(http, 0.95), 'p95 of the HTTP index under load').toBeLessThanOrEqual(3 * bound)
  })
})

const readLog = (id: number, stream: 'stdout' | 'stderr'): string => readFileSync(join(machine.dataHome, 'executions', String(id), `${stream}.log`), 'utf8')
const logLines = (id: number, stream: 'stdout' | 'stderr'): string[] => readLog(id, stream).split('\n').filter(Boolean)

function median(values: readonly number[]): number {
  return percentile(values, 0.5)
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}

async function sampleLatency(socket: MultiplexedSocket, count: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < count; i++) samples.push(await socket.roundTrip('app:info'))
  return samples
}

/** What one subscriber saw: the final statuses per run and the pushed text per run and stream. */
interface Seen {
  readonly finals: Map<number, string[]>
  readonly text: Map<string, string>
  events(): number
}

function recorder(): Seen & { take(event: string, payload: Record<string, unknown>): void; clear(): void } {
  const finals = new Map<number, string[]>()
  const text = new Map<string, string>()
  let count = 0
  return {
    finals,
    text,
    events: () => count,
    take(event, payload) {
      count++
      const id = payload.id as number
      if (event === 'execution.updated' && !['requested', 'running'].includes(payload.status as string)) finals.set(id, [...(finals.get(id) ?? []), payload.status as string])
      if (event === 'log.chunk') text.set(`${id}:${payload.stream as string}`, (text.get(`${id}:${payload.stream as string}`) ?? '') + (payload.text as string))
    },
    clear() {
      finals.clear()
      text.clear()
      count = 0
    }
  }
}

function subscriberOf(wb: Workbench): Seen {
  const seen = recorder()
  wb.events.on('execution.updated', (payload) => seen.take('execution.updated', payload))
  wb.events.on('log.chunk', (payload) => seen.take('log.chunk', payload))
  return seen
}

/** The page's side of the socket: replies matched by id, events recorded as they come. */
interface MultiplexedSocket extends Seen {
  roundTrip(channel: string): Promise<number>
  httpIndex(): Promise<number>
  waitForFinals(ids: readonly number[]): Promise<void>
  reset(): void
  close(): void
}

function multiplex(socket: TestSocket, port: number, cookie: string): MultiplexedSocket {
  const seen = recorder()
  const waiting = new Map<number, () => void>()
  let nextId = 1
  socket.ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; event?: string; payload?: Record<string, unknown> }
    if (message.event !== undefined) seen.take(message.event, message.payload ?? {})
    else if (typeof message.id === 'number') waiting.get(message.id)?.()
  })
  return {
    ...seen,
    roundTrip(channel) {
      const id = nextId++
      const started = performance.now()
      return new Promise((resolve) => {
        waiting.set(id, () => {
          waiting.delete(id)
          resolve(performance.now() - started)
        })
        socket.send(JSON.stringify({ id, channel, input: {} }))
      })
    },
    httpIndex() {
      const started = performance.now()
      return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } }, (res) => {
          res.resume()
          res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`index answered ${res.statusCode}`))))
        })
        req.on('error', reject)
        req.end()
      })
    },
    async waitForFinals(ids) {
      const deadline = Date.now() + 10_000
      while (ids.some((id) => !seen.finals.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      // Text pushed after the last status (none is expected) would have arrived by now as well.
      await new Promise((resolve) => setTimeout(resolve, 100))
    },
    reset: () => seen.clear(),
    close() {
      socket.destroy()
    }
  }
}

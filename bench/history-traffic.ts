/**
 * The history's traffic per finished run, with 1,000 rows loaded: the real browser host (src/main/web-host/) on a
 * fresh data home, and a page's half in Node: the renderer's own WebSocket client (`createSocketApi`) and its own
 * history logic (`historyList`, what the executions store runs), wired to `execution.updated` as
 * `stores/event-wiring.ts` does. Bytes are counted on the TCP connection (frames as sent, both ways).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import WebSocket from 'ws'
import { homeLayout } from '../src/main/core/data-home'
import { openWorkbench, type Workbench } from '../src/main/core/workbench'
import { createRouter } from '../src/main/ipc/router'
import { sessionCookie, until } from '../src/main/web-host/test-support/test-host'
import { startWebHost, type WebHost } from '../src/main/web-host/web-host'
import { createSocketApi, type SocketApi } from '../src/renderer/src/api/socket-client'
import { pageApiUrl } from '../src/shared/ipc/socket-url'
import { historyList, type HistoryList, type HistoryState } from '../src/renderer/src/stores/history-list'
import { TRIVIAL_ACTION, writeTrivialPack } from './bench-pack'
import { summarize, type Summary } from './stats'

const ACTION = TRIVIAL_ACTION
/** An action printing 100 KB (1,000 lines of 100 bytes): what a run's output costs a page that shows the history. */
const CHATTY_ACTION = 'bench_pack.chatty'
const FINAL = new Set(['completed', 'failed', 'timeout', 'cancelled', 'abandoned'])

/** What crossed the page's socket during one sample. */
export interface Exchange {
  readonly bytes: number
  /** Requests by channel and events by name, e.g. `executions:get ×2`. */
  readonly messages: ReadonlyMap<string, number>
}

export interface TrafficFigures {
  /** One refetch of the whole loaded list (the behaviour before the history followed events). */
  readonly refetch: Summary
  /** A run started from this page (the run dialog's `executions:start`), until its row shows the end. */
  readonly startedHere: Summary
  /** A run started elsewhere (another tab, the CLI): only its events and what the page asks because of them. */
  readonly startedElsewhere: Summary
  /** The same for a run printing 100 KB: its output is sent only to pages that read its log (`?log-chunks=read`). */
  readonly chattyElsewhere: Summary
  readonly lastRun: Exchange
}

/** Counts every byte and message of the page's socket; the page's code (`createSocketApi`) sees a plain WebSocket. */
class Meter {
  raw: Socket | null = null
  readonly pending = new Set<number>()
  messages = new Map<string, number>()

  bytes(): number {
    return this.raw === null ? 0 : this.raw.bytesRead + this.raw.bytesWritten
  }

  count(key: string): void {
    this.messages.set(key, (this.messages.get(key) ?? 0) + 1)
  }
}

/** The browser's `WebSocket` for `createSocketApi`: `ws`'s client with the page's cookie and origin, reporting to `meter`. */
function pageSocketClass(meter: Meter, cookie: string, origin: string): new (url: string) => WebSocket {
  return class PageSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { Cookie: cookie, Origin: origin } })
      this.on('upgrade', (response) => (meter.raw = response.socket as Socket))
      this.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; event?: string }
        if (typeof message.event === 'string') meter.count(message.event)
        else if (typeof message.id === 'number') meter.pending.delete(message.id)
      })
    }

    override send(data: string): void {
      const message = JSON.parse(data) as { id: number; channel: string }
      meter.pending.add(message.id)
      meter.count(message.channel)
      super.send(data)
    }
  }
}

/** A data home whose history holds `rows` runs: one real run of the trivial action, recorded again `rows - 1` times. */
async function seededHome(root: string, rows: number): Promise<string> {
  const home = join(root, 'traffic-home')
  const workbench = openWorkbench({ home })
  try {
    const pack = writeTrivialPack(root)
    writeFileSync(join(pack, 'actions', 'chatty.yaml'), `ref: ${CHATTY_ACTION}\nrunner_type: shell\nentry_point: chatty.sh\n`)
    writeFileSync(join(pack, 'actions', 'chatty.sh'), '#!/bin/bash\nfor i in $(seq 1000); do printf "%099d\\n" "$i"; done\n')
    await workbench.lifecycle.register(pack)
    await workbench.executions.run(ACTION, {})
  } finally {
    workbench.close()
  }
  const db = new Database(homeLayout(home, {}).database)
  const columns = (db.prepare('PRAGMA table_info(execution)').all() as { name: string }[]).map((c) => c.name).filter((name) => name !== 'id')
  const copy = db.prepare(`INSERT INTO execution (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM execution WHERE id = 1`)
  db.transaction(() => {
    for (let i = 1; i < rows; i++) copy.run()
  })()
  db.close()
  return home
}

/** The page: the renderer's socket client and history logic, with `rows` loaded as a user scrolling down would. */
async function openPage(host: WebHost, meter: Meter, rows: number): Promise<{ socket: SocketApi; history: HistoryList; state: () => HistoryState }> {
  const origin = `http://127.0.0.1:${host.port}`
  Object.assign(globalThis, { WebSocket: pageSocketClass(meter, await sessionCookie(host), origin) })
  // The URL the renderer connects to (api/api-client.ts).
  const socket = createSocketApi(pageApiUrl(new URL(origin)))
  let state: HistoryState = { list: [], listLoaded: false, listError: null, filter: { action: null, status: null }, hasMore: false }
  const history = historyList({ api: () => socket.api, get: () => state, set: (partial) => (state = { ...state, ...partial }) })
  // stores/event-wiring.ts → executions store onExecutionUpdated → history.onExecutionUpdated.
  socket.api.on('execution.updated', (event) => history.onExecutionUpdated(event.id))
  await history.refreshList()
  while (state.list.length < rows && state.hasMore) await history.loadMore()
  if (state.list.length !== rows || state.listError) throw new Error(`the page loaded ${state.list.length} rows (${state.listError?.message ?? 'no error'})`)
  return { socket, history, state: () => state }
}

/** Bytes and messages while `work` runs and until `settled` holds with no request unanswered and the socket quiet. */
async function exchange(meter: Meter, work: () => Promise<void>, settled: () => boolean): Promise<Exchange> {
  meter.messages = new Map()
  const before = meter.bytes()
  await work()
  await until(() => settled() && meter.pending.size === 0, 30_000)
  // Anything still on its way (a late event, a request it causes) belongs to this run too.
  for (let last = -1; last !== meter.bytes(); ) {
    last = meter.bytes()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await until(() => meter.pending.size === 0, 30_000)
  }
  return { bytes: meter.bytes() - before, messages: meter.messages }
}

export async function measureTraffic(root: string, rows: number, runs: number): Promise<TrafficFigures> {
  const workbench: Workbench = openWorkbench({ home: await seededHome(root, rows) })
  const rendererDir = join(root, 'renderer')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<h1>bench</h1>')
  const router = createRouter(workbench, { kind: 'browser', version: 'bench', startup: () => ({ phase: 'ready', message: 'Ready' }) })
  const host = await startWebHost({ rendererDir, router })
  const meter = new Meter()
  try {
    const page = await openPage(host, meter, rows)
    const shown = (id: number): boolean => {
      const row = page.state().list[0]
      return row?.id === id && FINAL.has(row.status) && row.finishedAt === workbench.executions.get(id, false).finishedAt
    }
    const refetch: number[] = []
    const here: number[] = []
    const elsewhere: number[] = []
    const chatty: number[] = []
    let lastRun: Exchange | null = null
    for (let i = 0; i < runs; i++) {
      // The old behaviour: the whole loaded list asked again (1,000 rows: the most one request asks for).
      refetch.push((await exchange(meter, () => page.history.refreshList(), () => true)).bytes)
      let id = 0
      // As the store's `start` (stores/executions-store.ts `launched`): executions:start; the row comes from events.
      lastRun = await exchange(meter, async () => void (id = (await page.socket.api['executions:start']({ action: ACTION, parameters: {}, options: {} })).id), () => shown(id))
      here.push(lastRun.bytes)
      elsewhere.push((await exchange(meter, async () => void (id = workbench.executions.start(ACTION, {}).id), () => shown(id))).bytes)
      chatty.push((await exchange(meter, async () => void (id = workbench.executions.start(CHATTY_ACTION, {}).id), () => shown(id))).bytes)
    }
    return { refetch: summarize(refetch), startedHere: summarize(here), startedElsewhere: summarize(elsewhere), chattyElsewhere: summarize(chatty), lastRun: lastRun! }
  } finally {
    Object.assign(globalThis, { WebSocket: ClosedSocket })
    await host.close()
    workbench.close()
  }
}

/** After the bench: the page's client reconnects after a drop; this stops it from reaching anything. */
class ClosedSocket {
  static readonly OPEN = 1
  readyState = 3
  onclose: (() => void) | null = null
  send(): void {}
}

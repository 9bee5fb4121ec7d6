import type { ExecutionStatus, ExecutionView } from '../../../../shared/domain/execution'
import type { Api, EventPayloads } from '../../../../shared/ipc/contract'

/**
 * The engine's answers for renderer tests, which run without Node's APIs (tsconfig.web): the history's runs in
 * memory, each call recorded by channel, `executions:get` held back on request (a slow connection), and
 * `execution.updated` pushed to the listeners as the engine pushes it when a run is recorded or changes.
 * The real chain (browser host, socket client, this logic) runs in `bench/history-traffic.ts` and e2e/history.spec.ts.
 */
export class MemoryEngine {
  readonly rows: ExecutionView[] = []
  readonly calls: string[] = []
  private held: (() => void)[] | null = null
  private readonly listeners = new Set<(payload: EventPayloads['execution.updated']) => void>()

  constructor(count = 0) {
    for (let id = 1; id <= count; id++) this.rows.push(executionView(id, 'demo.hello', 'completed'))
  }

  /** Hold every `executions:get` until `release`. */
  hold(): void {
    this.held ??= []
  }

  release(): void {
    const held = this.held ?? []
    this.held = null
    for (const answer of held) answer()
  }

  /** The run changes, and the engine says so. */
  change(id: number, status: ExecutionStatus): void {
    const at = this.rows.findIndex((row) => row.id === id)
    this.rows[at] = { ...this.rows[at]!, status }
    for (const listener of this.listeners) listener({ id, action: this.rows[at]!.action, status, matrixId: null })
  }

  gets(): number {
    return this.calls.filter((call) => call === 'executions:get').length
  }

  readonly api = {
    'executions:list': async ({ limit = 50, before, action, status }: { limit?: number; before?: number; action?: string; status?: string }) => {
      this.calls.push('executions:list')
      return [...this.rows]
        .reverse()
        .filter((row) => (before === undefined || row.id < before) && (!action || row.action === action) && (!status || row.status === status))
        .slice(0, limit)
    },
    'executions:get': async ({ id }: { id: number }) => {
      this.calls.push('executions:get')
      if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve))
      const row = this.rows.find((existing) => existing.id === id)
      if (!row) throw new Error(`unknown execution ${id}`)
      return row
    },
    'executions:log': async () => {
      this.calls.push('executions:log')
      return { text: '', nextOffset: 0, done: true, size: 0 }
    },
    'executions:start': async ({ action }: { action: string }) => {
      this.calls.push('executions:start')
      const row = executionView(this.rows.length + 1, action, 'requested')
      this.rows.push(row)
      this.change(row.id, 'requested')
      return row
    },
    on: (event: string, listener: (payload: EventPayloads['execution.updated']) => void) => {
      if (event !== 'execution.updated') return () => undefined
      this.listeners.add(listener)
      return () => this.listeners.delete(listener)
    }
  } as unknown as Api
}

export function executionView(id: number, action: string, status: ExecutionStatus): ExecutionView {
  return {
    id,
    action,
    pack: action.split('.')[0]!,
    status,
    exitCode: null,
    runtime: 'core.shell',
    constraint: null,
    selectedVersion: null,
    resolution: null,
    fallback: null,
    warnings: [],
    interpreter: '/bin/bash',
    envDir: null,
    depsHash: null,
    envIncomplete: false,
    parameters: {},
    options: {},
    result: null,
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
    matrixId: null,
    rerunOf: null
  }
}

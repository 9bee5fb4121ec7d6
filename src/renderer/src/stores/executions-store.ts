import { create } from 'zustand'
import type { ExecutionView, MatrixView, RunOptions } from '../../../shared/domain/execution'
import type { EventPayloads } from '../../../shared/ipc/contract'
import { api } from '../api/api-client'
import { coalesce } from '../lib/coalesce'
import { toUiError, type UiError } from '../lib/ui-error'
import { historyList, type HistoryList, type HistoryState } from './history-list'
import { LogTail } from './log-tail'

export interface ExecutionTails {
  readonly id: number
  readonly stdout: LogTail
  readonly stderr: LogTail
}

interface ExecutionsState extends HistoryState {
  readonly detailId: number | null
  readonly detail: ExecutionView | null
  readonly detailError: UiError | null
  readonly tails: ExecutionTails | null
  /** Bumped whenever a tail grew (the buffers change in place). */
  readonly logRevision: number
  readonly matrixId: number | null
  readonly matrix: MatrixView | null
  readonly matrixError: UiError | null
  readonly starting: boolean
  readonly startError: UiError | null
  refreshList: HistoryList['refreshList']
  loadMore: HistoryList['loadMore']
  setFilter: HistoryList['setFilter']
  open(id: number): Promise<void>
  openMatrix(id: number): Promise<void>
  /** Start a run; resolves to its id, or null (see `startError`). */
  start(action: string, parameters: Record<string, unknown>, options: RunOptions): Promise<number | null>
  startMatrix(action: string, parameters: Record<string, unknown>, choice?: { readonly versions: readonly string[]; readonly repeat: number }): Promise<number | null>
  rerun(id: number, secrets: Record<string, unknown>, parameters?: Record<string, unknown>): Promise<number | null>
  cancel(id: number): Promise<void>
  clearStartError(): void
  onExecutionUpdated(event: EventPayloads['execution.updated']): void
  onLogChunk(event: EventPayloads['log.chunk']): void
}

const get = () => useExecutionsStore.getState()
const set = (partial: Partial<ExecutionsState>) => useExecutionsStore.setState(partial)

const history = historyList({ api, get, set })

const refreshDetail = coalesce(async () => {
  const id = get().detailId
  if (id === null) return
  try {
    const detail = await api()['executions:get']({ id, output: false })
    history.place(detail)
    if (get().detailId === id) set({ detail, detailError: null })
  } catch (error) {
    if (get().detailId === id) set({ detailError: toUiError(`Could not load execution ${id}`, error) })
  }
})

const refreshMatrix = coalesce(async () => {
  const id = get().matrixId
  if (id === null) return
  try {
    const matrix = await api()['matrix:get']({ id })
    if (get().matrixId === id) set({ matrix, matrixError: null })
  } catch (error) {
    if (get().matrixId === id) set({ matrixError: toUiError(`Could not load matrix run ${id}`, error) })
  }
})

function tailsFor(id: number): ExecutionTails {
  const bump = () => set({ logRevision: get().logRevision + 1 })
  const reader = (stream: 'stdout' | 'stderr') => (offset: number) => api()['executions:log']({ id, stream, offset })
  return { id, stdout: new LogTail(reader('stdout'), bump), stderr: new LogTail(reader('stderr'), bump) }
}

async function launched(task: () => Promise<{ id: number }>, title: string): Promise<number | null> {
  set({ starting: true, startError: null })
  try {
    // No fetch of the new row here: the engine announces every run it records (execution.updated, before this
    // answer), and the history takes the row from that event like any other run's.
    const { id } = await task()
    return id
  } catch (error) {
    set({ startError: toUiError(title, error) })
    return null
  } finally {
    set({ starting: false })
  }
}

/** Runs: the history, the open execution with its live log, the open matrix run. */
export const useExecutionsStore = create<ExecutionsState>()(() => ({
  list: [],
  listLoaded: false,
  listError: null,
  filter: { action: null, status: null },
  hasMore: false,
  detailId: null,
  detail: null,
  detailError: null,
  tails: null,
  logRevision: 0,
  matrixId: null,
  matrix: null,
  matrixError: null,
  starting: false,
  startError: null,
  refreshList: history.refreshList,
  loadMore: history.loadMore,
  setFilter: history.setFilter,
  async open(id) {
    if (get().detailId !== id) set({ detailId: id, detail: null, detailError: null, tails: tailsFor(id) })
    await refreshDetail()
    const tails = get().tails
    if (tails) await Promise.all([tails.stdout.pull(), tails.stderr.pull()]).catch((error: unknown) => set({ detailError: toUiError('Could not read the log', error) }))
  },
  async openMatrix(id) {
    if (get().matrixId !== id) set({ matrixId: id, matrix: null, matrixError: null })
    await refreshMatrix()
  },
  start: (action, parameters, options) => launched(() => api()['executions:start']({ action, parameters, options }), `Could not start ${action}`),
  startMatrix: (action, parameters, choice) =>
    launched(
      () => api()['matrix:start']({ action, parameters, ...(choice && choice.versions.length > 0 ? { versions: [...choice.versions] } : {}), ...(choice && choice.repeat > 1 ? { repeat: choice.repeat } : {}) }),
      `Could not start a matrix run of ${action}`
    ),
  rerun: (id, secrets, parameters) => launched(() => api()['executions:rerun']({ id, secrets, ...(parameters ? { parameters } : {}) }), `Could not re-run execution ${id}`),
  async cancel(id) {
    try {
      await api()['executions:cancel']({ id })
    } catch (error) {
      set({ detailError: toUiError(`Could not cancel execution ${id}`, error) })
    }
  },
  clearStartError: () => set({ startError: null }),
  onExecutionUpdated(event) {
    const { detailId, tails, matrixId, listLoaded } = get()
    // The open run's own get (refreshDetail) brings its history row too: one get per change, not two.
    if (event.id !== detailId || !listLoaded) history.onExecutionUpdated(event.id)
    if (event.id === detailId) {
      void refreshDetail()
      if (tails?.id === event.id) void Promise.all([tails.stdout.pull(), tails.stderr.pull()]).catch(() => undefined)
    }
    if (event.matrixId !== null && event.matrixId === matrixId) void refreshMatrix()
  },
  onLogChunk(event) {
    const tails = get().tails
    if (tails?.id === event.id) void tails[event.stream].pull().catch(() => undefined)
  }
}))

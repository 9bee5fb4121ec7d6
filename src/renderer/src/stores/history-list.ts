import type { ExecutionStatus, ExecutionView } from '../../../shared/domain/execution'
import type { Api } from '../../../shared/ipc/contract'
import { coalesce, coalesceByKey } from '../lib/coalesce'
import { toUiError, type UiError } from '../lib/ui-error'

export interface ExecutionFilter {
  readonly action: string | null
  readonly status: ExecutionStatus | null
}

/** The loaded run history, newest first, as the Executions view shows it. */
export interface HistoryState {
  readonly list: readonly ExecutionView[]
  readonly listLoaded: boolean
  readonly listError: UiError | null
  readonly filter: ExecutionFilter
  readonly hasMore: boolean
}

/** What the history asks the engine. */
export type HistoryApi = Pick<Api, 'executions:list' | 'executions:get'>

/** Where the history keeps its state and whom it asks: the executions store, or a bench driving the same logic. */
export interface HistoryAccess {
  api(): HistoryApi
  get(): HistoryState
  set(partial: Partial<HistoryState>): void
}

export interface HistoryList {
  refreshList(): Promise<void>
  loadMore(): Promise<void>
  setFilter(filter: ExecutionFilter): void
  /** An `execution.updated` event: bring that run's row up to date. */
  onExecutionUpdated(id: number): void
  /** A run's row fetched for another view (its own page): the history takes it instead of asking again. */
  place(row: ExecutionView): void
}

export const HISTORY_PAGE = 200
/** The most rows one list request asks for; past that, events keep the loaded rows current. */
export const HISTORY_MAX_REQUEST = 1000

export function filterInput(filter: ExecutionFilter): { action?: string; status?: ExecutionStatus } {
  return { ...(filter.action ? { action: filter.action } : {}), ...(filter.status ? { status: filter.status } : {}) }
}

/**
 * The history's logic, apart from the store (no `window`, no socket of its own), so that `bench/history.bench.ts`
 * drives exactly what the page does.
 */
export function historyList({ api, get, set }: HistoryAccess): HistoryList {
  const refreshList = coalesce(async () => {
    const { filter, list } = get()
    try {
      const limit = Math.min(HISTORY_MAX_REQUEST, Math.max(HISTORY_PAGE, list.length))
      const rows = await api()['executions:list']({ ...filterInput(filter), limit })
      if (get().filter === filter) set({ list: rows, listLoaded: true, listError: null, hasMore: rows.length === limit })
    } catch (error) {
      set({ listLoaded: true, listError: toUiError('Could not list the executions', error) })
    }
  })

  /** Put a run's current row in its place in the loaded history, by id (newest first), or take it out. */
  function place(row: ExecutionView): void {
    const { list, filter, hasMore, listLoaded } = get()
    if (!listLoaded) return
    const fits = (!filter.action || row.action === filter.action) && (!filter.status || row.status === filter.status)
    const rest = list.filter((existing) => existing.id !== row.id)
    const oldest = rest[rest.length - 1]
    // Older than everything loaded while more remain: it belongs to a page not loaded yet.
    if (!fits || (hasMore && oldest !== undefined && row.id < oldest.id)) return set({ list: rest })
    const at = rest.findIndex((existing) => existing.id < row.id)
    set({ list: at === -1 ? [...rest, row] : [...rest.slice(0, at), row, ...rest.slice(at)] })
  }

  /**
   * Bring one row of the loaded history up to date from an event, without refetching the list: however many
   * rows are loaded (past the 1,000 a list request may ask for), one `executions:get` per change, and a burst
   * of changes to one run (requested, running, completed within milliseconds) is one get in flight plus one
   * after it, which sees the newest state. A row that no longer fits the filter leaves.
   */
  const updateRow = coalesceByKey(async (id: number) => {
    try {
      place(await api()['executions:get']({ id, output: false }))
    } catch {
      // The run is gone or the host is away: the next full refresh (filter change, reconnect) settles it.
    }
  })

  return {
    refreshList,
    async loadMore() {
      const { list, filter } = get()
      const last = list[list.length - 1]
      if (!last) return
      try {
        const rows = await api()['executions:list']({ ...filterInput(filter), limit: HISTORY_PAGE, before: last.id })
        if (get().filter === filter) set({ list: [...get().list, ...rows], hasMore: rows.length === HISTORY_PAGE })
      } catch (error) {
        set({ listError: toUiError('Could not load older executions', error) })
      }
    },
    setFilter(filter) {
      set({ filter, list: [], listLoaded: false })
      void refreshList()
    },
    onExecutionUpdated(id) {
      if (get().listLoaded) void updateRow(id)
      else void refreshList()
    },
    place
  }
}

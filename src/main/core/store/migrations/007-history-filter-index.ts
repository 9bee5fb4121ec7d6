import type { Migration } from './index'

/**
 * The history filter "action + status" (`executions list --action A --status S`, the app's history filter)
 * reads one composite index, newest first, instead of walking one single-column index and checking the other.
 */
export const m007HistoryFilterIndex: Migration = {
  version: 7,
  name: 'history-filter-index',
  up(db) {
    db.exec('CREATE INDEX execution_action_status ON execution (action_ref, status, id DESC);')
  }
}

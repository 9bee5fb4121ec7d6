import type Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { ExecutionRepository } from '../execution-repository'
import { migrate } from '../migrate'
import { useFreshDatabase } from '../test-support/fresh-database'

const freshDatabase = useFreshDatabase({ foreignKeys: false })
let db: Database.Database
beforeEach(() => {
  db = freshDatabase()
})

const indexes = (): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'execution' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name
  )

/** SQLite's plan for the history filter "action + status", newest first, one line per step. */
const filterPlan = (): string =>
  (
    db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM execution WHERE action_ref = 'demo.hello' AND status = 'failed' ORDER BY id DESC LIMIT 50")
      .all() as { detail: string }[]
  )
    .map((row) => row.detail)
    .join('\n')

function insertRun(actionRef: string, status: string): void {
  db.prepare("INSERT INTO execution (action_ref, pack_ref, status) VALUES (?, 'demo', ?)").run(actionRef, status)
}

describe('migration 007-history-filter-index on a fresh database', () => {
  it('is applied after 004 and gives the action + status filter its composite index', () => {
    expect(migrate(db, 6)).toBe(6)
    expect(indexes()).not.toContain('execution_action_status')
    expect(filterPlan()).not.toContain('execution_action_status')
    expect(migrate(db, 7)).toBe(7)
    expect(indexes()).toContain('execution_action_status')
    // One index seek on both columns, already in id order: no temp B-tree for ORDER BY.
    expect(filterPlan()).toContain('USING INDEX execution_action_status (action_ref=? AND status=?)')
    expect(filterPlan()).not.toContain('TEMP B-TREE')
  })

  it('keeps the filter answering the same rows, newest first', () => {
    migrate(db)
    insertRun('demo.hello', 'failed')
    insertRun('demo.hello', 'completed')
    insertRun('demo.other', 'failed')
    insertRun('demo.hello', 'failed')
    const runs = new ExecutionRepository(db).list({ action: 'demo.hello', status: 'failed' })
    expect(runs.map((run) => run.id)).toEqual([4, 1])
    expect(runs.every((run) => run.actionRef === 'demo.hello' && run.status === 'failed')).toBe(true)
  })
})

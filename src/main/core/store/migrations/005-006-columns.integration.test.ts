import type Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { useFreshDatabase } from '../test-support/fresh-database'

const freshDatabase = useFreshDatabase({ foreignKeys: false })
let db: Database.Database
beforeEach(() => {
  db = freshDatabase()
})

const columns = (table: string): Map<string, { type: string; notnull: number; dflt_value: string | null }> =>
  new Map((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: string | null }[]).map((c) => [c.name, c]))

describe('migrations 005-env-incomplete and 006-pack-components on a fresh database', () => {
  it('005 adds execution.env_incomplete, 0 for runs recorded before it', () => {
    expect(migrate(db, 4)).toBe(4)
    db.prepare("INSERT INTO execution (action_ref, pack_ref, status) VALUES ('demo.hello', 'demo', 'completed')").run()
    expect(columns('execution').has('env_incomplete')).toBe(false)
    expect(migrate(db, 5)).toBe(5)
    expect(columns('execution').get('env_incomplete')).toMatchObject({ type: 'INTEGER', notnull: 1, dflt_value: '0' })
    expect(db.prepare('SELECT env_incomplete FROM execution').get()).toEqual({ env_incomplete: 0 })
  })

  it("006 adds pack.components, '[]' for packs registered before it", () => {
    expect(migrate(db, 5)).toBe(5)
    expect(columns('pack').has('components')).toBe(false)
    expect(migrate(db, 6)).toBe(6)
    expect(columns('pack').get('components')).toMatchObject({ type: 'TEXT', notnull: 1, dflt_value: "'[]'" })
  })
})

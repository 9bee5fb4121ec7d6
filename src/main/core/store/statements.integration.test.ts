import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabaseSync, type Db } from './database'
import { ExecutionRepository } from './execution-repository'
import { SettingRepository } from './setting-repository'
import { createTempDir, type TempDir } from './test-support/temp-dir'

let temp: TempDir
let db: Db
let prepared: string[]

beforeEach(() => {
  temp = createTempDir()
  db = openDatabaseSync(temp.path('workbench.db'))
  // The real connection, with its compilations counted.
  prepared = []
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    prepared.push(sql)
    return prepare(sql)
  }) as Db['prepare']
})
afterEach(() => {
  db.close()
  temp.dispose()
})

describe('repository statements', () => {
  it('are compiled once per repository, however often they run', () => {
    const settings = new SettingRepository(db)
    for (let i = 0; i < 5; i++) settings.set('key', String(i))
    expect(settings.get('key')).toBe('4')
    expect(settings.get('other')).toBeNull()
    expect(prepared).toHaveLength(2)
  })

  it('are compiled once per distinct filter shape of the history list', () => {
    const executions = new ExecutionRepository(db)
    for (let i = 0; i < 3; i++) {
      executions.list({ action: 'demo.hello', status: 'failed' })
      executions.list({ action: 'demo.other', status: 'completed', limit: 5 })
      executions.list({})
    }
    expect(prepared).toHaveLength(2)
  })
})

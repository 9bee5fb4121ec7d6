import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { Statements } from './statements'

function setUp() {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE item (name TEXT); CREATE TABLE log (line TEXT)')
  const items = new Statements(db)
  const logs = new Statements(db, { invalidates: false })
  let reads = 0
  const names = (): string[] =>
    items.cached('names', () => {
      reads++
      return (items.prepare('SELECT name FROM item ORDER BY name').all() as { name: string }[]).map((row) => row.name)
    })
  return { db, items, logs, names, reads: () => reads }
}

describe('Statements.cached', () => {
  it('reads once until a write, by any repository that invalidates, makes the value stale', () => {
    const { db, items, names, reads } = setUp()
    expect(names()).toEqual([])
    items.prepare('INSERT INTO item VALUES (?)').run('a')
    expect(names()).toEqual(['a'])
    expect(names()).toEqual(['a'])
    expect(reads()).toBe(2)
    // Another repository of the same database writing: stale as well.
    new Statements(db).prepare('INSERT INTO item VALUES (?)').run('b')
    expect(names()).toEqual(['a', 'b'])
    expect(reads()).toBe(3)
  })

  it('keeps the value across writes of a repository that does not invalidate', () => {
    const { logs, names, reads } = setUp()
    names()
    logs.prepare('INSERT INTO log VALUES (?)').run('run 1')
    names()
    expect(reads()).toBe(1)
  })

  it('never keeps a value read inside a transaction that rolls back', () => {
    const { db, items, names } = setUp()
    expect(() =>
      db.transaction(() => {
        items.prepare('INSERT INTO item VALUES (?)').run('gone')
        expect(names()).toEqual(['gone'])
        throw new Error('roll back')
      })()
    ).toThrow('roll back')
    expect(names()).toEqual([])
  })
})

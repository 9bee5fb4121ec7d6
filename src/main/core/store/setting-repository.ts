import type { Db } from './database'
import { Statements } from './statements'

/** Small engine facts that outlive a session, by key. */
export class SettingRepository {
  private readonly db: Statements

  constructor(db: Db) {
    this.db = new Statements(db)
  }

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }
}

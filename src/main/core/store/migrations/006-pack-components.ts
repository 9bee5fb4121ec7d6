import type { Migration } from './index'

/**
 * The rest of a pack besides actions and runtimes — triggers, sensors, rules, queues and permission sets —
 * as loaded from its folder (JSON list of `PackComponent`): listed and checked, never run.
 */
export const m006PackComponents: Migration = {
  version: 6,
  name: 'pack-components',
  up(db) {
    db.exec(`ALTER TABLE pack ADD COLUMN components TEXT NOT NULL DEFAULT '[]';`)
  }
}

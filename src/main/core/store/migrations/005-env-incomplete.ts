import type { Migration } from './index'

/**
 * Whether a run started with an env that was not ready (its last build failed, e.g. pip could not
 * install the manifest). Such a run uses what the worker would use — the env's own interpreter when its
 * create step succeeded — and is flagged so a green result is not mistaken for a full env's.
 */
export const m005EnvIncomplete: Migration = {
  version: 5,
  name: 'env-incomplete',
  up(db) {
    db.exec(`ALTER TABLE execution ADD COLUMN env_incomplete INTEGER NOT NULL DEFAULT 0;`)
  }
}

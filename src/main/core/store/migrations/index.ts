import type Database from 'better-sqlite3'
import { m001Runtimes } from './001-runtimes'
import { m002ProbeCache } from './002-probe-cache'
import { m003Packs } from './003-packs'
import { m004Executions } from './004-executions'
import { m005EnvIncomplete } from './005-env-incomplete'
import { m006PackComponents } from './006-pack-components'
import { m007HistoryFilterIndex } from './007-history-filter-index'

/** One schema step; `version` is its position (1-based) in `migrations`. */
export interface Migration {
  readonly version: number
  readonly name: string
  up(db: Database.Database): void
}

export const migrations: readonly Migration[] = [m001Runtimes, m002ProbeCache, m003Packs, m004Executions, m005EnvIncomplete, m006PackComponents, m007HistoryFilterIndex]

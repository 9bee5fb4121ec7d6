import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { FileIdentity } from '../discovery'
import { parseBuildInputs, type BuildInputs } from './build-inputs'
import type { HealthProbe } from './health-check'
import { METADATA_FILE } from './env-layout'

/**
 * The workbench's build record, `{env_dir}/.attune_workbench_env.json`. Written last, only by a build
 * that succeeded, so its presence is what makes an env eligible for `ready`.
 */
export interface EnvMetadata {
  readonly format: 1
  readonly builtAt: string
  /** The interpreter the env was built from, as the spec's `expectedInterpreter` named it then. */
  readonly builtBy: { readonly path: string; readonly identity: FileIdentity } | null
  /** SHA-256 of the manifest installed, or null when there was none. */
  readonly manifestSha256: string | null
  readonly expectedVersion: string | null
  readonly configHash: string
  /** Apparent size of the env at build time (bytes, symlinks not followed). */
  readonly sizeBytes: number
  /** The last `--version` health probe; reused while the interpreter's identity is unchanged. */
  readonly health: HealthProbe | null
}

/** The last failed build of an env, kept beside it (see `envSiblings`). */
export interface FailureRecord {
  readonly failedAt: string
  readonly error: string
  readonly logFile: string | null
  readonly logTail: readonly string[]
  /** What the failed build was made from; it is retried only when these change (or on request). */
  readonly inputs?: BuildInputs | null
  /** The env the failed build created was kept (spec §4.4: a failed install leaves the created env). */
  readonly keptEnv?: boolean
}

/** Read the build record; null when absent, unreadable or of another format. */
export function readMetadataSync(envDir: string): EnvMetadata | null {
  const data = readJsonSync(join(envDir, METADATA_FILE))
  if (!isObject(data) || data.format !== 1 || typeof data.builtAt !== 'string' || typeof data.configHash !== 'string') return null
  return data as unknown as EnvMetadata
}

/** Replace the build record atomically (temp file and rename in the env dir). */
export function writeMetadata(envDir: string, metadata: EnvMetadata): Promise<void> {
  return writeJsonAtomic(join(envDir, METADATA_FILE), metadata)
}

/** Read a failure record; null when absent or unreadable. */
export function readFailureSync(path: string): FailureRecord | null {
  const data = readJsonSync(path)
  if (!isObject(data) || typeof data.error !== 'string' || typeof data.failedAt !== 'string') return null
  return {
    failedAt: data.failedAt,
    error: data.error,
    logFile: typeof data.logFile === 'string' ? data.logFile : null,
    logTail: Array.isArray(data.logTail) ? data.logTail.filter((line): line is string => typeof line === 'string') : [],
    inputs: parseBuildInputs(data.inputs),
    keptEnv: data.keptEnv === true
  }
}

export function writeFailure(path: string, record: FailureRecord): Promise<void> {
  return writeJsonAtomic(path, record)
}

export async function removeFailure(path: string): Promise<void> {
  await rm(path, { force: true })
}

/** The deps marker's content (trimmed), or null when there is none. */
export function readTextOrNullSync(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return null
  }
}

function readJsonSync(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`)
    await rename(temp, path)
  } finally {
    await rm(temp, { force: true })
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

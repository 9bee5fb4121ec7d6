import { readFile } from 'node:fs/promises'
import { sameIdentity, type FileIdentity } from '../discovery/file-identity'
import { configHash, sha256Hex } from './config-hash'
import { manifestPathFor, type EnvSpec } from './env-spec'
import { fileIdentitySync } from '../discovery/file-identity'

/**
 * What a build of one env was made from: the manifest's bytes, the config that shapes the env and the
 * interpreter it was created with. A failed build is kept with these, so it is retried only when one of
 * them changed (or when the user asks), never on every run.
 */
export interface BuildInputs {
  /** SHA-256 of the manifest, or null when there is none (or the config has no `dependencies`). */
  readonly manifestSha256: string | null
  readonly configHash: string
  /** The interpreter the env is created with and its file identity; null when the spec names none. */
  readonly interpreter: { readonly path: string; readonly identity: FileIdentity | null } | null
}

/** The inputs a build of `spec` would use now. */
export async function currentBuildInputs(spec: Pick<EnvSpec, 'config' | 'packDir' | 'expectedInterpreter'>): Promise<BuildInputs> {
  const manifest = manifestPathFor(spec.config, spec.packDir)
  return {
    manifestSha256: manifest === null ? null : await readFile(manifest).then(sha256Hex, () => null),
    configHash: configHash(spec.config),
    interpreter: spec.expectedInterpreter === null ? null : { path: spec.expectedInterpreter, identity: fileIdentitySync(spec.expectedInterpreter) }
  }
}

/** Whether a failed build's inputs are those of now; a record without inputs (older format) never is. */
export function sameBuildInputs(recorded: BuildInputs | null | undefined, now: BuildInputs): boolean {
  if (!recorded) return false
  if (recorded.manifestSha256 !== now.manifestSha256 || recorded.configHash !== now.configHash) return false
  const [a, b] = [recorded.interpreter, now.interpreter]
  if (a === null || b === null) return a === b
  if (a.path !== b.path) return false
  if (a.identity === null || b.identity === null) return a.identity === b.identity
  return sameIdentity(a.identity, b.identity)
}

/** Parse the `inputs` of a failure record read from disk; null when absent or malformed. */
export function parseBuildInputs(data: unknown): BuildInputs | null {
  if (typeof data !== 'object' || data === null) return null
  const record = data as Record<string, unknown>
  if (typeof record.configHash !== 'string') return null
  if (record.manifestSha256 !== null && typeof record.manifestSha256 !== 'string') return null
  const interpreter = record.interpreter
  if (interpreter !== null && (typeof interpreter !== 'object' || typeof (interpreter as Record<string, unknown>).path !== 'string')) return null
  return data as BuildInputs
}

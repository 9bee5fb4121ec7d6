import { scalarText } from '../parameters/dotenv'

/** What the worker context of spec §5.5 step 2 is built from. */
export interface ContextEnvFields {
  readonly executionId: string | number
  readonly actionRef: string
  readonly packRef: string
  /**
   * `ATTUNE_API_URL`. The workbench runs no Attune API, so it is left out unless given: an action that
   * calls the API then fails on a missing variable instead of on a connection to a port nobody serves.
   * `://0.0.0.0` and `://[::]` are rewritten to `://127.0.0.1` as the worker does.
   */
  readonly apiUrl?: string | null
  readonly artifactsDir?: string | null
  readonly runtimeEnvsDir?: string | null
  readonly packReleaseDigest?: string | null
  readonly traceTag?: string | null
  readonly rule?: string | null
  readonly trigger?: string | null
  /** `ATTUNE_API_TOKEN`: only when explicitly given for this run (spec §5.14). */
  readonly apiToken?: string | null
  /** `config.context`: each entry becomes `ATTUNE_CONTEXT_<KEY uppercased>`. Anything but a mapping is ignored. */
  readonly context?: unknown
}

/**
 * The worker context variables of one execution (spec §5.5 step 2), all `ATTUNE_*`.
 *
 * Context values: strings raw, numbers and booleans as text, anything else as JSON. A context key that
 * cannot be an environment name (it contains `=` or NUL) is left out.
 */
export function buildContextEnv(fields: ContextEnvFields): Record<string, string> {
  const env: Record<string, string> = {
    ATTUNE_EXEC_ID: String(fields.executionId),
    ATTUNE_ACTION: fields.actionRef,
    ATTUNE_PACK_REF: fields.packRef
  }
  const optional: [string, string | null | undefined][] = [
    ['ATTUNE_API_URL', fields.apiUrl ? loopbackUrl(fields.apiUrl) : null],
    ['ATTUNE_ARTIFACTS_DIR', fields.artifactsDir],
    ['ATTUNE_RUNTIME_ENVS_DIR', fields.runtimeEnvsDir],
    ['ATTUNE_PACK_RELEASE_DIGEST', fields.packReleaseDigest],
    ['ATTUNE_TRACE_TAG', fields.traceTag],
    ['ATTUNE_RULE', fields.rule],
    ['ATTUNE_TRIGGER', fields.trigger],
    ['ATTUNE_API_TOKEN', fields.apiToken]
  ]
  for (const [name, value] of optional) if (value !== null && value !== undefined && value !== '') env[name] = value
  const context = fields.context
  if (typeof context === 'object' && context !== null && !Array.isArray(context)) {
    for (const [key, value] of Object.entries(context as Record<string, unknown>)) {
      if (/[=\0]/.test(key) || value === undefined) continue
      env[`ATTUNE_CONTEXT_${key.toUpperCase()}`] = scalarText(value)
    }
  }
  return env
}

/** spec §5.5: a server bound to all interfaces is reached on the loopback address. */
export function loopbackUrl(url: string): string {
  return url.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1')
}

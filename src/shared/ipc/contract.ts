import { z } from 'zod'
import type { EnvView } from '../domain/env'
import type { ExecutionView, MatrixView } from '../domain/execution'
import type { ActionDefinition, PackProblem, PackView } from '../domain/pack'
import type { Resolution, RuntimeView } from '../domain/runtime'

/**
 * The one IPC contract (DESIGN.md "IPC"): channel name (`domain:verb`) → input schema, result type and
 * a one-line doc. The Electron adapter, the browser host's WebSocket and the engine socket serve exactly these
 * channels through the same router; the renderer sees them as the `Api` interface.
 */
const ref = () => z.string().trim().min(1).max(200)
/** Per-run variables (`env_vars`, `config.context`): a name a process can carry, a text value. */
const variables = () =>
  z.record(
    z.string().min(1).max(200).regex(/^[^=\0]+$/, 'a variable name cannot contain = or NUL'),
    z.string().max(64 * 1024).regex(/^[^\0]*$/, 'a variable value cannot contain NUL')
  )
const runOptions = () =>
  z
    .object({
      version: z.string().trim().min(1).max(100).nullish(),
      force: z.boolean().optional(),
      strict: z.boolean().optional(),
      timeoutSeconds: z.number().int().positive().max(7 * 24 * 3600).nullish(),
      env: variables().optional(),
      context: variables().optional(),
      apiUrl: z.string().trim().url().max(2000).nullish(),
      apiToken: z.boolean().optional()
    })
    .strict()
const parameters = () => z.record(z.string().max(200), z.unknown())
const statuses = () => z.enum(['requested', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'abandoned'])
const id = () => z.number().int().positive()
const empty = () => z.object({}).strict()

/**
 * A channel's input schema, built on its first request, and its doc. Building all of them at load is zod work
 * (about 10 ms) that every process paid, mostly for channels it never serves: a CLI command calls two or three.
 */
function channel<S extends z.ZodType>(build: () => S, doc: string): { readonly input: S; readonly doc: string } {
  let input: S | undefined
  return {
    get input() {
      return (input ??= build())
    },
    doc
  }
}

export const channels = {
  'app:info': channel(empty, 'Host kind, data home, version and startup state.'),
  'runtimes:list': channel(empty, 'Every runtime with its versions, as last verified.'),
  'runtimes:verify': channel(() => z.object({ runtime: ref().optional() }).strict(), 'Verify now (all runtimes or one).'),
  'runtimes:ensureVerified': channel(empty, 'Verify whatever has never been verified (a fresh home); the CLI calls it before reading.'),
  'runtimes:problems': channel(empty, 'Problems found loading the built-in runtime catalog, by file and field.'),
  'runtimes:setEnabled': channel(
    () => z.object({ runtime: ref(), version: ref(), enabled: z.boolean() }).strict(),
    "The user's toggle for one version; persisted, never overridden by verification."
  ),
  'runtimes:impact': channel(
    () => z.object({ runtime: ref(), version: ref(), enabled: z.boolean() }).strict(),
    'What toggling a version would change: each affected action, resolved before and after.'
  ),
  'runtimes:resolve': channel(
    () => z.object({ runtime: ref(), constraint: z.string().max(500).nullish(), candidates: z.string().max(2000).optional() }).strict(),
    'Explain which version a constraint selects.'
  ),
  'packs:list': channel(empty, 'Registered packs with their actions and load problems.'),
  'packs:add': channel(() => z.object({ dir: z.string().trim().min(1).max(4096) }).strict(), 'Register a pack folder where it lies and build its envs.'),
  'packs:reload': channel(() => z.object({ ref: ref() }).strict(), "Read a pack's files again and bring its envs in step."),
  'packs:remove': channel(() => z.object({ ref: ref() }).strict(), 'Unregister a pack and delete its environments.'),
  'envs:list': channel(
    () => z.object({ pack: ref().optional(), size: z.boolean().default(true) }).strict(),
    'The env tree: per pack, runtime and version, with status (and disk size unless size: false).'
  ),
  'envs:setup': channel(() => z.object({ pack: ref().optional() }).strict(), 'Build what is missing, stale, broken or failed.'),
  'envs:rebuild': channel(
    () => z.object({ pack: ref(), runtime: ref(), version: ref().nullable() }).strict(),
    'Rebuild one env atomically (a failure keeps the old one).'
  ),
  'envs:log': channel(
    () => z.object({ pack: ref(), runtime: ref(), version: ref().nullable() }).strict(),
    "The env's setup log (last build), up to 1 MiB from the end."
  ),
  'actions:list': channel(() => z.object({ pack: ref().optional() }).strict(), 'Actions with the version each resolves to now and why.'),
  'actions:get': channel(() => z.object({ ref: ref() }).strict(), 'One action by ref (its parameter schema), or an error naming the known ones.'),
  'executions:start': channel(
    () => z.object({ action: ref(), parameters: parameters().default({}), options: runOptions().default({}) }).strict(),
    'Start a one-off run; returns at once with the execution (status requested or running).'
  ),
  'executions:cancel': channel(
    () => z.object({ id: id(), by: z.enum(['ui', 'cli']).optional() }).strict(),
    'Cancel a running execution; `by` (default ui) is recorded in its error: "Execution cancelled by the UI".'
  ),
  'executions:rerun': channel(
    () => z.object({ id: id(), secrets: parameters().default({}), parameters: parameters().optional() }).strict(),
    'Start a new run with the same action, parameters and version choice; secret values must be given again; `parameters`, when given, replace the stored ones (a re-run with one change).'
  ),
  'executions:wait': channel(
    () => z.object({ id: id() }).strict(),
    'Wait until an execution has finished; answers with it and its output (the CLI follows a run with it).'
  ),
  'executions:list': channel(
    () =>
      z
        .object({ action: ref().optional(), status: statuses().optional(), limit: z.number().int().min(1).max(10000).optional(), before: id().optional() })
        .strict(),
    'History, newest first (stdout and stderr left empty).'
  ),
  'executions:get': channel(
    () => z.object({ id: id(), output: z.boolean().default(true) }).strict(),
    'One execution with its output (output: false leaves stdout and stderr empty, for views that tail the log).'
  ),
  'executions:log': channel(
    () => z.object({ id: id(), stream: z.enum(['stdout', 'stderr']), offset: z.number().int().min(0).default(0) }).strict(),
    'A slice of an execution log from a byte offset (at most 1 MiB), for tailing.'
  ),
  'matrix:start': channel(
    () =>
      z
        .object({
          action: ref(),
          parameters: parameters().default({}),
          versions: z.array(z.string().min(1).max(64)).max(64).optional(),
          repeat: z.number().int().min(1).max(20).optional()
        })
        .strict(),
    'Run the action once (or `repeat` times) per enabled, available version that satisfies its constraint, or only the `versions` chosen among them; returns at once.'
  ),
  'matrix:wait': channel(() => z.object({ id: id() }).strict(), 'Wait until every run of a matrix has finished; answers with the matrix.'),
  'matrix:get': channel(() => z.object({ id: id() }).strict(), 'A matrix run with one row per version.'),
  'shell:showInFolder': channel(
    () => z.object({ path: z.string().min(1).max(4096) }).strict(),
    'Reveal a file or folder (Electron); the browser host answers with the path.'
  ),
  'dialog:pickFolder': channel(
    () => z.object({ title: z.string().max(200).optional() }).strict(),
    'Ask for a folder with the native picker (Electron); null when cancelled or in the browser.'
  )
} as const

export type Channel = keyof typeof channels
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>

/** App and startup state. */
export interface AppInfo {
  /** What serves the engine: the desktop app, the browser host (`serve`) or a CLI command. */
  readonly host: 'electron' | 'browser' | 'cli'
  readonly home: string
  readonly version: string
  readonly startup: StartupState
}

export interface StartupState {
  readonly phase: 'starting' | 'verifying' | 'envs' | 'ready' | 'failed'
  readonly message: string
}

/** An action with how it resolves right now. */
export interface ActionSummary {
  readonly pack: string
  readonly action: ActionDefinition
  readonly resolution: Resolution | null
  /** The version a run would use now, or null for the base config. */
  readonly resolvedVersion: string | null
}

/** One action affected by toggling a version. */
export interface ImpactEntry {
  readonly action: string
  readonly constraint: string | null
  readonly before: string | null
  readonly after: string | null
  /** After the toggle nothing matches: the run would fall back to the base config. */
  readonly loses: boolean
}

export interface LogSlice {
  readonly text: string
  readonly nextOffset: number
  /** The execution has finished and the slice reached the end. */
  readonly done: boolean
  readonly size: number
}

export interface EnvLog {
  readonly file: string | null
  readonly text: string
}

export interface VerifyResult {
  readonly summary: { readonly checked: number; readonly available: number; readonly unavailable: number; readonly skipped: number }
  readonly runtimes: readonly RuntimeView[]
}

export interface PackRegistrationResult {
  readonly pack: PackView
  readonly envs: readonly EnvView[]
  /** Set when `packs:add` was given a folder already registered (it was reloaded). */
  readonly notice?: string
}

/** Result type per channel. */
export interface ChannelResults {
  'app:info': AppInfo
  'runtimes:list': RuntimeView[]
  'runtimes:verify': VerifyResult
  'runtimes:ensureVerified': null
  'runtimes:problems': PackProblem[]
  'runtimes:setEnabled': RuntimeView
  'runtimes:impact': ImpactEntry[]
  'runtimes:resolve': Resolution
  'packs:list': PackView[]
  'packs:add': PackRegistrationResult
  'packs:reload': PackRegistrationResult
  'packs:remove': { readonly removed: string }
  'envs:list': EnvView[]
  'envs:setup': EnvView[]
  'envs:rebuild': EnvView
  'envs:log': EnvLog
  'actions:list': ActionSummary[]
  'actions:get': ActionDefinition
  'executions:start': ExecutionView
  'executions:cancel': { readonly cancelled: boolean }
  'executions:rerun': ExecutionView
  'executions:wait': ExecutionView
  'executions:list': ExecutionView[]
  'executions:get': ExecutionView
  'executions:log': LogSlice
  'matrix:start': MatrixView
  'matrix:wait': MatrixView
  'matrix:get': MatrixView
  'shell:showInFolder': { readonly path: string; readonly shown: boolean }
  'dialog:pickFolder': { readonly path: string | null }
}

/** Events pushed from the engine to every renderer, by name. */
export interface EventPayloads {
  'startup.progress': StartupState
  'runtime.verified': { readonly runtime: string }
  'runtime.changed': { readonly runtime: string; readonly version: string | null }
  'pack.registered': { readonly pack: string; readonly runtimeNames: readonly string[] }
  'pack.removed': { readonly pack: string }
  'env.changed': { readonly pack: string; readonly runtime: string; readonly version: string | null; readonly status: string }
  'env.progress': { readonly pack: string; readonly runtime: string; readonly version: string | null; readonly line: string }
  'execution.updated': { readonly id: number; readonly action: string; readonly status: string; readonly matrixId: number | null }
  'log.chunk': { readonly id: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
}
export type EventName = keyof EventPayloads

/** The ok/error envelope every channel answers with. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly kind: string; readonly message: string } }

/** What the renderer calls: one method per channel, plus event subscription. */
export type Api = {
  readonly [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelResults[C]>
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

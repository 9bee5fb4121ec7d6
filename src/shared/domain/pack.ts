/** A parameter or output field of the flat schema (spec §1.3): `{ name: { type, required, secret, ... } }`. */
export interface FieldSpec {
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object'
  readonly required?: boolean
  readonly secret?: boolean
  readonly default?: unknown
  readonly enum?: readonly unknown[]
  readonly description?: string
  /** JSON Schema limits the worker's API enforces (its flat schema becomes JSON Schema `properties`). */
  readonly minimum?: number
  readonly maximum?: number
  readonly minLength?: number
  readonly maxLength?: number
  /** An ECMA-262 regular expression the text must contain a match of (not anchored, as in JSON Schema). */
  readonly pattern?: string
  /** Display order in forms; fields without one follow in declaration order. */
  readonly position?: number
}

export type ParameterDelivery = 'stdin' | 'file'
export type ParameterFormat = 'json' | 'dotenv' | 'yaml'
export type OutputFormat = 'text' | 'json' | 'yaml' | 'jsonl'

/** An action as loaded from `actions/*.yaml` (spec §1.12). */
export interface ActionDefinition {
  /** `pack.name`, lower-case. */
  readonly ref: string
  readonly name: string
  readonly label: string | null
  readonly description: string | null
  /** The YAML file it came from (absolute). */
  readonly file: string
  /** `entry_point` as written, relative to `<pack>/actions/` (for a workflow action, its `workflow_file`). */
  readonly entryPoint: string
  /** Absolute path of the entry point when it exists inside the pack; null otherwise (a problem says why). */
  readonly entryPath: string | null
  /**
   * Why the entry point cannot run (the `entry_point` problem), or null; such an action is not runnable.
   * Absent in records stored before this field.
   */
  readonly entryPointError?: string | null
  /**
   * `workflow_file` as written when this is a workflow action (spec §1.12): listed, never run by the workbench;
   * its runtimeRef is null. Null (or absent, in records stored before this field) for a regular action.
   */
  readonly workflowFile?: string | null
  /** `runner_type` as written (default `shell`). */
  readonly runnerType: string
  /** The runtime `runner_type` resolved to (spec §1.12), or null when nothing matches. */
  readonly runtimeRef: string | null
  /** `runtime_version` → the action's constraint. */
  readonly runtimeVersion: string | null
  readonly requiredWorkerRuntimes: Readonly<Record<string, string>>
  readonly parameters: Readonly<Record<string, FieldSpec>>
  readonly output: Readonly<Record<string, FieldSpec>> | null
  readonly parameterDelivery: ParameterDelivery
  readonly parameterFormat: ParameterFormat
  readonly outputFormat: OutputFormat
  readonly timeoutSeconds: number | null
  readonly enabled: boolean
}

/** One problem in a pack, named by file, field and line (same shape as catalog problems). */
export interface PackProblem {
  readonly file: string
  readonly field: string | null
  readonly line: number | null
  readonly severity: 'error' | 'warning'
  readonly message: string
}

/** The parts of a pack besides actions and runtimes (spec §1.4): listed and checked, never run by the workbench. */
export type PackComponentKind = 'trigger' | 'sensor' | 'rule' | 'queue' | 'permission_set'

/** One trigger, sensor, rule, queue or permission set, as read from its YAML file. */
export interface PackComponent {
  readonly kind: PackComponentKind
  readonly ref: string
  readonly label: string | null
  readonly description: string | null
  /** The YAML file it came from (absolute). */
  readonly file: string
  readonly enabled: boolean
  /**
   * What it points at, by field name as written: a rule's `trigger_ref` and `action_ref`, a sensor's
   * `trigger_types`, `runner_type` and `entry_point`, a queue's `dispatch_action`. Problems say which do not resolve.
   */
  readonly links: Readonly<Record<string, string | readonly string[]>>
}

/** A registered pack as the CLI and UI see it. */
export interface PackView {
  readonly ref: string
  readonly label: string | null
  readonly description: string | null
  readonly version: string | null
  readonly dir: string
  readonly registeredAt: string
  readonly loadedAt: string | null
  readonly actions: readonly ActionDefinition[]
  /** Refs of the runtimes this pack contributes from `runtimes/*.yaml`. */
  readonly runtimes: readonly string[]
  /** Triggers, sensors, rules, queues and permission sets (absent in views of older engines: treat as none). */
  readonly components: readonly PackComponent[]
  readonly problems: readonly PackProblem[]
}

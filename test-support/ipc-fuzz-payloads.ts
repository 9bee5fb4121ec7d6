import { CHANNEL_NAMES } from '../src/shared/ipc/channel-names'
import type { SeededRandom } from './seeded-random'

/**
 * Payloads for the IPC fuzz: what a renderer (or anything that reaches the WebSocket) could send, from
 * random JSON to inputs that pass the schema with refs, ids, paths, versions and constraints that do not fit.
 */

/** Names and values that mean something on the fuzzed engine, mixed with random ones. */
export interface FuzzVocabulary {
  /** Pack, action and runtime refs, names and aliases that exist (and near misses). */
  readonly refs: readonly string[]
  readonly versions: readonly string[]
  /** Execution and matrix ids that exist (others are made up). */
  readonly ids: () => readonly number[]
  /** Folders for packs:add: traversals, existing folders without pack.yaml, registered packs. */
  readonly dirs: readonly string[]
}

export interface FuzzPayload {
  readonly kind: 'random-json' | 'valid-shape' | 'wrong-type' | 'huge' | 'deep' | 'proto' | 'unknown-channel' | 'clone-only'
  readonly channel: string
  readonly input: unknown
}

const CONSTRAINTS = ['>=3.12', '3.12', '*', '', ' ', ',,', '^3', '~3.12', '<3.12, >=3.11', '3.x', '>=v3.12', '>=3.12 || <3.10', '>=3.12.1.7', '>>3', '=3.12.0-rc.1', 'latest', '99999999999999999999', '3.99999999999999999999', '>=9007199254740993', Array.from({ length: 40 }, () => '>=1').join(',')]
const CANDIDATES = ['3.11,3.12*,3.13!', '3.12', ',,,', '*', '!', '3.12**!!', 'a,b,c', '3.12*,3.12*', '20!,22*', ' , 3.13 ,', '99999999999999999999*,3.12', '3.12.1.7,v3,3-rc']
const STATUSES = ['requested', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'abandoned', 'Completed', 'done']
const UNKNOWN_CHANNELS = ['', ' ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'app:info ', 'APP:INFO', 'app:Info', 'app', ':', 'runtimes:', 'packs:delete', 'executions:kill', 'shell:exec', 'fs:read', 'app:info\0']

export function nextPayload(r: SeededRandom, vocab: FuzzVocabulary): FuzzPayload {
  const kind = r.weighted<FuzzPayload['kind']>([
    [20, 'random-json'],
    [30, 'valid-shape'],
    [22, 'wrong-type'],
    [6, 'huge'],
    [6, 'deep'],
    [6, 'proto'],
    [5, 'unknown-channel'],
    [5, 'clone-only']
  ])
  const channel = r.pick(CHANNEL_NAMES)
  switch (kind) {
    case 'random-json':
      return { kind, channel, input: r.chance(0.2) ? r.pick([undefined, null, 0, '', [], true, 'x']) : r.json(3) }
    case 'valid-shape':
      return { kind, channel, input: validShape(r, vocab, channel) }
    case 'wrong-type':
      return { kind, channel, input: mutate(r, validShape(r, vocab, channel)) }
    case 'huge':
      return { kind, channel, input: withField(r, validShape(r, vocab, channel), r.huge(r.pick([201, 4097, 64 * 1024, 1024 * 1024, 1024 * 1024 + 1]))) }
    case 'deep':
      return { kind, channel, input: deep(r, vocab, channel) }
    case 'proto':
      return { kind, channel, input: proto(r, vocab, channel) }
    case 'unknown-channel':
      return { kind, channel: r.chance(0.6) ? r.pick(UNKNOWN_CHANNELS) : r.chance(0.5) ? r.text(30) : r.huge(r.pick([101, 1024 * 1024])), input: r.json(2) }
    case 'clone-only':
      return { kind, channel, input: withField(r, validShape(r, vocab, channel), cloneOnly(r)) }
  }
}

/** An input the channel's schema accepts (mostly), with values drawn from the vocabulary or made up. */
export function validShape(r: SeededRandom, vocab: FuzzVocabulary, channel: string): Record<string, unknown> {
  const ref = (): string => (r.chance(0.75) ? r.pick(vocab.refs) : r.text(30))
  const version = (): string => (r.chance(0.75) ? r.pick(vocab.versions) : r.text(12))
  const id = (): number => (r.chance(0.5) && vocab.ids().length > 0 ? r.pick(vocab.ids()) : r.pick([1, 2, 3, 10, 999, 2 ** 31 - 1, Number.MAX_SAFE_INTEGER]))
  const maybe = (value: () => unknown): unknown => (r.chance(0.5) ? value() : undefined)
  const params = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    const count = r.int(0, 4)
    for (let i = 0; i < count; i++) {
      const key = r.pick(['name', 'count', 'flag', 'choice', 'token', 'items', 'extra', r.text(10)])
      out[key] = r.chance(0.5) ? r.pick(['Ada', 3, true, 'red', 'blue', [1, 2], { a: 1 }, null, -1, 2.5, '']) : r.json(2)
    }
    return out
  }
  const shapes: Record<string, () => Record<string, unknown>> = {
    'app:info': () => ({}),
    'runtimes:list': () => ({}),
    'runtimes:ensureVerified': () => ({}),
    'runtimes:problems': () => ({}),
    'runtimes:verify': () => ({ runtime: maybe(ref) }),
    'runtimes:setEnabled': () => ({ runtime: ref(), version: version(), enabled: r.chance(0.5) }),
    'runtimes:impact': () => ({ runtime: ref(), version: version(), enabled: r.chance(0.5) }),
    'runtimes:resolve': () => ({ runtime: ref(), constraint: r.chance(0.8) ? r.pick(CONSTRAINTS) : r.pick([null, undefined, r.text(500)]), candidates: maybe(() => (r.chance(0.8) ? r.pick(CANDIDATES) : r.text(100))) }),
    'packs:list': () => ({}),
    'packs:add': () => ({ dir: r.chance(0.85) ? r.pick(vocab.dirs) : r.text(60) }),
    'packs:reload': () => ({ ref: ref() }),
    'packs:remove': () => ({ ref: ref() }),
    'envs:list': () => ({ pack: maybe(ref), size: maybe(() => r.chance(0.5)) }),
    'envs:setup': () => ({ pack: maybe(ref) }),
    'envs:rebuild': () => ({ pack: ref(), runtime: ref(), version: r.chance(0.3) ? null : version() }),
    'envs:log': () => ({ pack: ref(), runtime: ref(), version: r.chance(0.3) ? null : version() }),
    'actions:list': () => ({ pack: maybe(ref) }),
    'actions:get': () => ({ ref: ref() }),
    'executions:start': () => ({
      action: ref(),
      parameters: maybe(params),
      options: maybe(() => ({ version: maybe(version), strict: maybe(() => r.chance(0.5)), force: maybe(() => r.chance(0.5)), timeoutSeconds: maybe(() => r.pick([1, 5, 60, 0, -1, 1.5, 7 * 24 * 3600 + 1])) }))
    }),
    'executions:cancel': () => ({ id: id() }),
    'executions:rerun': () => ({ id: id(), secrets: maybe(params) }),
    'executions:list': () => ({ action: maybe(ref), status: maybe(() => r.pick(STATUSES)), limit: maybe(() => r.pick([1, 10, 1000, 1001, 0])), before: maybe(id) }),
    'executions:wait': () => ({ id: id() }),
    'executions:get': () => ({ id: id(), output: maybe(() => r.chance(0.5)) }),
    'executions:log': () => ({ id: id(), stream: r.pick(['stdout', 'stderr', 'stdin']), offset: maybe(() => r.pick([0, 1, 5, 100, 2 ** 40, -1, 0.5])) }),
    'matrix:start': () => ({ action: ref(), parameters: maybe(params) }),
    'matrix:wait': () => ({ id: id() }),
    'matrix:get': () => ({ id: id() }),
    'shell:showInFolder': () => ({ path: r.chance(0.5) ? r.pick(vocab.dirs) : r.text(100) }),
    'dialog:pickFolder': () => ({ title: maybe(() => r.text(250)) })
  }
  const shape = shapes[channel]
  if (!shape) throw new Error(`no payload shape for channel ${channel}`)
  const input = shape()
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key]
  return input
}

/** One field of a valid shape with a value of the wrong type, an extra key, or a key removed. */
function mutate(r: SeededRandom, input: Record<string, unknown>): unknown {
  const keys = Object.keys(input)
  const roll = r.int(0, 5)
  if (roll === 0 || keys.length === 0) return { ...input, [r.pick(['extra', 'id', 'ref', 'Dir', r.text(8)])]: r.json(1) }
  const key = r.pick(keys)
  if (roll === 1) {
    const copy = { ...input }
    delete copy[key]
    return copy
  }
  return { ...input, [key]: r.pick([r.json(2), r.number(), asText(input[key]), [input[key]], { value: input[key] }, null, true, '']) }
}

/** A value as text, whatever it is (an object may carry its own non-callable `toString`). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? 'undefined'
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/** A valid shape with `value` put into one of its fields, or into the parameters. */
function withField(r: SeededRandom, input: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const keys = Object.keys(input)
  if ('parameters' in input || ('action' in input && r.chance(0.5))) return { ...input, parameters: { name: value, [r.text(8)]: value } }
  if ('secrets' in input && r.chance(0.5)) return { ...input, secrets: { token: value } }
  if (keys.length === 0) return { [r.text(8)]: value }
  return { ...input, [r.pick(keys)]: value }
}

function deep(r: SeededRandom, vocab: FuzzVocabulary, channel: string): unknown {
  const levels = r.pick([50, 128, 129, 1000, 10_000, 100_000])
  const nested = r.nest(levels, r.chance(0.5) ? 'leaf' : { x: 1 })
  if (r.chance(0.3)) return nested
  const input = validShape(r, vocab, r.chance(0.6) ? r.pick(['executions:start', 'matrix:start', 'executions:rerun']) : channel)
  return withField(r, input, nested)
}

function proto(r: SeededRandom, vocab: FuzzVocabulary, channel: string): unknown {
  const text = r.pick([
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"__proto__": null}',
    '{"prototype": {"polluted": true}}',
    '{"toString": "x", "valueOf": 1, "hasOwnProperty": false}'
  ])
  const evil = JSON.parse(text) as Record<string, unknown>
  const input = validShape(r, vocab, r.chance(0.5) ? r.pick(['executions:start', 'matrix:start', 'executions:rerun', 'runtimes:resolve']) : channel)
  switch (r.int(0, 3)) {
    case 0:
      return evil
    case 1:
      return Object.assign(JSON.parse(text) as object, input)
    case 2:
      return withField(r, input, evil)
    default:
      return { ...input, parameters: JSON.parse(text) as unknown, options: JSON.parse(text) as unknown }
  }
}

/** Values the Electron structured clone carries but JSON does not. */
function cloneOnly(r: SeededRandom): unknown {
  return r.pick<unknown>([
    undefined,
    NaN,
    -0,
    Infinity,
    BigInt(2) ** BigInt(70),
    new Date(0),
    new Date(NaN),
    new Map([['a', 1]]),
    new Set([1, 2]),
    new Uint8Array([0xff, 0xfe]),
    /re+/g,
    [undefined, BigInt(1)],
    { big: BigInt(-1) },
    Object.create(null) as unknown
  ])
}

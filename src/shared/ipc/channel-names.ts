import type { Channel, EventName } from './contract'

/**
 * The contract's channel and event names as plain strings.
 *
 * The sandboxed preload and the renderer's WebSocket client build their `Api` from these lists; they
 * must not import the contract's zod schemas (toolchain notes §7). A test in src/main/ipc keeps the
 * lists equal to the contract.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'runtimes:list',
  'runtimes:verify',
  'runtimes:ensureVerified',
  'runtimes:problems',
  'runtimes:setEnabled',
  'runtimes:impact',
  'runtimes:resolve',
  'packs:list',
  'packs:add',
  'packs:reload',
  'packs:remove',
  'envs:list',
  'envs:setup',
  'envs:rebuild',
  'envs:log',
  'actions:list',
  'actions:get',
  'executions:start',
  'executions:cancel',
  'executions:rerun',
  'executions:wait',
  'executions:list',
  'executions:get',
  'executions:log',
  'matrix:start',
  'matrix:wait',
  'matrix:get',
  'shell:showInFolder',
  'dialog:pickFolder'
] as const satisfies readonly Channel[]

export const EVENT_NAMES = [
  'startup.progress',
  'runtime.verified',
  'runtime.changed',
  'pack.registered',
  'pack.removed',
  'env.changed',
  'env.progress',
  'execution.updated',
  'log.chunk'
] as const satisfies readonly EventName[]

/** The one IPC channel on which the Electron main process pushes `{ event, payload }` to the window. */
export const EVENT_CHANNEL = 'event'

import type { StartupState } from '../../shared/ipc/contract'
import type { Workbench } from '../core/workbench'

/** The host side of startup: the current state for `app:info`, and progress published as events. */
export interface StartupTracker {
  state(): StartupState
  /**
   * Run the worker's startup order (verify → example packs → env setup → ready), publishing each step
   * as a `startup.progress` event. Never rejects: a failure becomes the `failed` phase with its message.
   */
  run(): Promise<void>
}

/** `PackLifecycle.start` names its steps in words; the UI wants a phase too. */
export function phaseOf(step: string): StartupState['phase'] {
  const lower = step.toLowerCase()
  if (lower.startsWith('verif')) return 'verifying'
  if (lower.includes('environment')) return 'envs'
  if (lower === 'ready') return 'ready'
  return 'starting'
}

export function createStartupTracker(workbench: Pick<Workbench, 'events' | 'lifecycle'>): StartupTracker {
  let current: StartupState = { phase: 'starting', message: 'Starting' }
  const publish = (next: StartupState): void => {
    current = next
    workbench.events.emit('startup.progress', next)
  }
  return {
    state: () => current,
    async run() {
      try {
        await workbench.lifecycle.start((step) => publish({ phase: phaseOf(step), message: step }))
        if (current.phase !== 'ready') publish({ phase: 'ready', message: 'Ready' })
      } catch (error) {
        publish({ phase: 'failed', message: `Startup failed: ${error instanceof Error ? error.message : String(error)}` })
      }
    }
  }
}

import { WorkbenchError } from '../../core/errors'
import { EventBus } from '../../core/events'
import type { Workbench } from '../../core/workbench'

/**
 * Just enough engine for adapter tests: a real event bus, a lifecycle whose start reports the
 * worker's steps, and a runtime service whose toggle refuses unknown versions like the real one.
 */
export function fakeWorkbench(options: { startFails?: Error } = {}) {
  const events = new EventBus()
  const close = { count: 0 }
  const workbench = {
    home: '/tmp/fake-home',
    events,
    runtimes: {
      list: () => [],
      find: (name: string) => ({ ref: `core.${name}` }),
      setEnabled: (_runtime: string, version: string) => {
        throw new WorkbenchError('bad-input', `Python has no version '${version}' (known versions: 3.12)`)
      }
    },
    packs: { list: () => [] },
    envs: {},
    executions: {},
    matrix: {},
    lifecycle: {
      start: async (progress: (step: string) => void) => {
        progress('Verifying runtime versions')
        if (options.startFails) throw options.startFails
        progress('Setting up environments')
        progress('Ready')
        return { examplePacks: [], problems: [], envs: [] }
      }
    },
    close: () => void close.count++
  }
  return { workbench: workbench as unknown as Workbench, events, close }
}

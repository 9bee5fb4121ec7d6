import { afterEach, describe, expect, it } from 'vitest'
import { CORE_RUNNERS, createTestPack, type TestPack } from './pack-loader-fixture'
import { loadPackSync } from './pack-loader'

/**
 * Triggers, sensors, rules, queues and permission sets of a pack shaped like `attune-packs/python_example`,
 * read and checked as the worker's pack loader does (crates/common/src/pack_registry/loader.rs:
 * `load_rules` skips a rule whose `trigger_ref` or `action_ref` is missing or unknown, `load_sensors`
 * reads `entry_point`, `runner_type` and the trigger types, a reserved permission set is refused).
 */
let pack: TestPack | undefined
afterEach(() => {
  pack?.dispose()
  pack = undefined
})

function examplePack(): TestPack {
  pack = createTestPack('ref: python_example\nlabel: Python Example\nversion: "1.0.0"\n')
  pack.write('actions/read_counter.yaml', 'ref: python_example.read_counter\nrunner_type: python\nentry_point: read_counter.py\n')
  pack.write('actions/read_counter.py', 'print(1)\n')
  pack.write('actions/process_order_queue.yaml', 'ref: python_example.process_order_queue\nrunner_type: python\nentry_point: process.py\n')
  pack.write('actions/process.py', 'print(1)\n')
  pack.write('triggers/counter.yaml', 'ref: python_example.counter\nlabel: Counter Trigger\nenabled: true\ntype: custom\n')
  pack.write('sensors/counter_sensor.yaml', 'ref: python_example.counter_sensor\nrunner_type: python\nruntime_version: ">=3.10"\nentry_point: counter_sensor.py\ntrigger_types:\n  - python_example.counter\n')
  pack.write('sensors/counter_sensor.py', 'print(1)\n')
  pack.write('rules/count_and_log.yaml', 'ref: python_example.count_and_log\ntrigger_ref: python_example.counter\naction_ref: python_example.read_counter\nenabled: true\n')
  pack.write('queues/fulfillment_queue.yaml', 'ref: python_example.fulfillment_queue\ndispatch_action: python_example.process_order_queue\n')
  pack.write('permission_sets/hello_runner.yaml', 'ref: python_example.hello_runner\ngrants:\n  - resource: actions\n    actions: [read, execute]\n')
  return pack
}

function load(p: TestPack) {
  const loaded = loadPackSync(p.dir, CORE_RUNNERS)
  if ('error' in loaded) throw new Error(loaded.error.message)
  return loaded
}

describe('the rest of a pack', () => {
  it('lists every component with what it points at, and no problem for a sound pack', () => {
    const p = examplePack()
    const loaded = load(p)
    expect(loaded.problems).toEqual([])
    expect(loaded.components.map((c) => [c.kind, c.ref])).toEqual([
      ['permission_set', 'python_example.hello_runner'],
      ['trigger', 'python_example.counter'],
      ['queue', 'python_example.fulfillment_queue'],
      ['rule', 'python_example.count_and_log'],
      ['sensor', 'python_example.counter_sensor']
    ])
    expect(loaded.components.find((c) => c.kind === 'rule')?.links).toEqual({ trigger_ref: 'python_example.counter', action_ref: 'python_example.read_counter' })
    expect(loaded.components.find((c) => c.kind === 'sensor')?.links).toEqual({ runner_type: 'python', entry_point: 'counter_sensor.py', trigger_types: ['python_example.counter'] })
    expect(loaded.watchedFiles).toContain(p.path('rules', 'count_and_log.yaml'))
  })

  it('reports broken references by file, field and line; other packs’ refs are left alone', () => {
    const p = examplePack()
    p.write('rules/count_and_log.yaml', 'ref: python_example.count_and_log\ntrigger_ref: core.intervaltimer\naction_ref: python_example.gone\n')
    p.write('rules/no_trigger.yaml', 'ref: python_example.no_trigger\naction_ref: read_counter\n')
    p.write('queues/fulfillment_queue.yaml', 'ref: python_example.fulfillment_queue\ndispatch_action: python_example.nope\n')
    p.write('sensors/counter_sensor.yaml', 'ref: python_example.counter_sensor\nrunner_type: cobol\nentry_point: missing.py\ntrigger_types: [python_example.other]\n')
    p.write('permission_sets/standard.yaml', 'ref: standard\ngrants: []\n')
    const problems = load(p).problems.map((problem) => [problem.file.slice(p.dir.length + 1), problem.field, problem.line, problem.severity])
    expect(problems).toEqual([
      // Read in the worker's order (permission sets, triggers, queues, rules, sensors), then links checked.
      ['permission_sets/standard.yaml', 'ref', 1, 'error'],
      ['rules/no_trigger.yaml', 'trigger_ref', null, 'error'],
      ['sensors/counter_sensor.yaml', 'runner_type', 2, 'error'],
      ['sensors/counter_sensor.yaml', 'entry_point', 3, 'error'],
      ['queues/fulfillment_queue.yaml', 'dispatch_action', 2, 'error'],
      ['rules/count_and_log.yaml', 'action_ref', 3, 'error'],
      ['sensors/counter_sensor.yaml', 'trigger_types[0]', 4, 'error']
    ])
    const messages = load(p).problems.map((problem) => problem.message).join('\n')
    expect(messages).toContain("'python_example.gone' is not an action of this pack")
    expect(messages).toContain("(its actions: python_example.process_order_queue, python_example.read_counter); a worker skips this rule")
  })
})

import { cpSync } from 'node:fs'
import { RuntimeMachine } from './test-support/runtime-machine'
import { openWorkbench } from './src/main/core/workbench'
const machine = RuntimeMachine.create()
cpSync('src/main/core/packs/fixtures/good_pack', machine.path('good_pack'), { recursive: true })
cpSync('src/main/core/packs/fixtures/corpus/constraint-or', machine.path('c1'), { recursive: true })
const wb = openWorkbench({ home: machine.dataHome, env: machine.env([]), ...machine.workbenchOptions({ examplePacksDir: null }) })
async function main() {
  let t = Date.now()
  await wb.lifecycle.register(machine.path('good_pack')); console.log('register good', Date.now() - t); t = Date.now()
  await wb.lifecycle.register(machine.path('c1')); console.log('register c1', Date.now() - t); t = Date.now()
  await wb.lifecycle.reload('constraint-or'); console.log('reload c1', Date.now() - t); t = Date.now()
  for (let i = 0; i < 3; i++) { await wb.executions.run('good.hello', { name: 'x' }); console.log('run', Date.now() - t); t = Date.now() }
  await wb.executions.run('good.tool_action', {}); console.log('run tool', Date.now() - t); t = Date.now()
  wb.close(); machine.dispose()
}
main()

import { describe, expect, it } from 'vitest'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { clashingRefs, packEnvClashes, type EnvOwner } from './env-clash'

const owner = (ref: string, name: string, versions: string[] = []): EnvOwner => ({ ref, name, aliases: [], file: null, versions })
const uses = (...refs: string[]): ActionDefinition[] => refs.map((runtimeRef) => ({ runtimeRef, runtimeVersion: null, requiredWorkerRuntimes: {} }) as unknown as ActionDefinition)

describe('packEnvClashes (spec §4.1 folder names)', () => {
  const python = owner('core.python', 'Python', ['3.12', '3.13'])

  it('finds runtimes named alike, whatever the case', () => {
    const clashes = packEnvClashes(uses('core.python', 'p.mypy'), [python, owner('p.mypy', 'PYTHON')])
    expect(clashes.map((clash) => [clash.folder, clash.first.ref, clash.second.ref])).toEqual([['python', 'core.python', 'p.mypy']])
  })

  it('finds a base env folder that is another runtime\'s version env', () => {
    const clashes = packEnvClashes(uses('core.python', 'p.odd'), [python, owner('p.odd', 'python-3.12')])
    expect(clashes.map((clash) => clash.folder)).toEqual(['python-3.12'])
    expect([...clashingRefs(clashes)]).toEqual(['core.python', 'p.odd'])
  })

  it('ignores runtimes the pack does not use, and distinct names', () => {
    expect(packEnvClashes(uses('core.python'), [python, owner('p.mypy', 'Python')])).toEqual([])
    expect(packEnvClashes(uses('core.python', 'p.mypy'), [python, owner('p.mypy', 'MyPy')])).toEqual([])
  })
})

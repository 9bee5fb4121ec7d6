import { describe, it, expect } from 'vitest'
import { envDirFor, envLeafName, envLogFileFor, envSiblings } from './env-layout'

describe('envDirFor (spec §4.1)', () => {
  it.each([
    ['Python', null, '/envs/my_pack/python'],
    ['python', '3.12', '/envs/my_pack/python-3.12'],
    ['Node.js', '20', '/envs/my_pack/node.js-20'],
    ['node.js', null, '/envs/my_pack/node.js'],
    ['Python', '3.13.0rc1', '/envs/my_pack/python-3.13.0rc1']
  ])('%s %s → %s', (name, version, expected) => {
    expect(envDirFor('/envs', 'my_pack', name, version)).toBe(expected)
  })

  it('refuses names that would leave the pack folder', () => {
    expect(() => envDirFor('/envs', '../other', 'python', null)).toThrow(/pack ref/)
    expect(() => envDirFor('/envs', 'p', 'python', '3/../../x')).toThrow(/runtime version/)
    expect(() => envLeafName('..', null)).toThrow(/runtime name/)
  })
})

describe('envLogFileFor', () => {
  it('mirrors the env layout under the logs folder', () => {
    expect(envLogFileFor('/logs/envs', 'my_pack', 'Python', '3.12')).toBe('/logs/envs/my_pack/python-3.12.log')
  })
})

describe('envSiblings', () => {
  it('names hidden siblings after the env', () => {
    const siblings = envSiblings('/envs/p/python-3.12')
    expect(siblings.previousDir('abc')).toBe('/envs/p/.python-3.12.previous-abc')
    expect(siblings.previousPrefix).toBe('.python-3.12.previous-')
    expect(siblings.failureFile).toBe('/envs/p/.python-3.12.attune_workbench_failed.json')
  })
})

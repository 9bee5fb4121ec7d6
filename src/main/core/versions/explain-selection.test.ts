import { describe, expect, it } from 'vitest'
import { explainSelection, type ExplainCandidate } from './explain-selection'
import { selectBestVersion } from './select-best-version'

function candidate(version: string, options: Partial<Omit<ExplainCandidate, 'version'>> = {}): ExplainCandidate {
  return { version, available: true, enabled: true, isDefault: false, ...options }
}

const reasons = (candidates: readonly ExplainCandidate[], constraint?: string | null): Record<string, string> =>
  Object.fromEntries(explainSelection(candidates, constraint).candidates.map((c) => [c.version, c.reason]))

describe('explainSelection', () => {
  it('explains a constrained selection candidate by candidate', () => {
    const result = explainSelection(
      [
        candidate('3.14.0-rc.1'),
        candidate('3.15', { enabled: false }),
        candidate('3.16', { available: false, unavailableReason: 'python3.16 not found on PATH' }),
        candidate('3.17', { available: false }),
        candidate('3.13'),
        candidate('3.12', { isDefault: true }),
        candidate('3.11'),
        candidate('latest')
      ],
      '>=3.12'
    )
    expect(result).toMatchObject({
      constraint: '>=3.12',
      normalized: '>=3.12.0',
      valid: true,
      error: null,
      selected: '3.13',
      fallback: null,
      decision: 'Selected 3.13: the highest usable version matching >=3.12.0.'
    })
    expect(result.candidates).toEqual([
      { version: '3.14.0-rc.1', available: true, enabled: true, isDefault: false, matches: false, selected: false, reason: 'pre-release 3.14.0-rc.1 is excluded by the range >=3.12.0' },
      { version: '3.15', available: true, enabled: false, isDefault: false, matches: true, selected: false, reason: 'disabled by the user' },
      { version: '3.16', available: false, enabled: true, isDefault: false, matches: true, selected: false, reason: 'unavailable: python3.16 not found on PATH' },
      { version: '3.17', available: false, enabled: true, isDefault: false, matches: true, selected: false, reason: 'unavailable: verification failed' },
      { version: '3.13', available: true, enabled: true, isDefault: false, matches: true, selected: true, reason: 'selected: highest available version matching >=3.12.0' },
      { version: '3.12', available: true, enabled: true, isDefault: true, matches: true, selected: false, reason: 'not selected: 3.13 is higher' },
      { version: '3.11', available: true, enabled: true, isDefault: false, matches: false, selected: false, reason: 'outside the range >=3.12.0' },
      { version: 'latest', available: true, enabled: true, isDefault: false, matches: null, selected: false, reason: "unparseable version string 'latest'" }
    ])
  })

  it('says when an equal version lost on input order', () => {
    expect(reasons([candidate('3.12.0'), candidate('3.12')], '3.12')).toEqual({
      '3.12.0': 'selected: highest available version matching ~3.12',
      '3.12': 'not selected: 3.12.0 is the same version and comes first'
    })
  })

  it('a pre-release below the range is outside it, not excluded by the pre-release rule', () => {
    expect(reasons([candidate('3.11.0-rc.1'), candidate('3.12')], '>=3.12')['3.11.0-rc.1']).toBe('outside the range >=3.12.0')
  })

  it('reports an invalid constraint, selects nothing and falls back to base', () => {
    const result = explainSelection([candidate('3.12', { isDefault: true }), candidate('bad')], '>=v3.12')
    expect(result.valid).toBe(false)
    expect(result.normalized).toBeNull()
    expect(result.error).toContain("Invalid version constraint '>=v3.12'")
    expect(result.error).toContain("'>=v'")
    expect(result.selected).toBeNull()
    expect(result.fallback).toBe('base')
    expect(result.decision).toContain('the worker falls back to the base runtime config')
    expect(result.decision).toContain(result.error)
    expect(result.candidates.map((c) => [c.matches, c.reason])).toEqual([
      [null, 'not considered: the constraint is invalid'],
      [null, "unparseable version string 'bad'"]
    ])
  })

  it('explains a default chosen without a constraint, even an unparseable one', () => {
    const result = explainSelection([candidate('3.14'), candidate('system', { isDefault: true }), candidate('3.12', { isDefault: true })])
    expect(result).toMatchObject({ constraint: null, normalized: null, valid: true, selected: 'system', fallback: null })
    expect(result.decision).toBe('Selected system: it is the default version and no constraint was given.')
    expect(result.candidates.map((c) => [c.matches, c.reason])).toEqual([
      [true, 'not the default'],
      [null, 'selected: is the default version (no constraint given)'],
      [true, 'not selected: system is also marked default and comes first']
    ])
  })

  it('explains the highest chosen without a constraint or usable default, pre-releases included', () => {
    const result = explainSelection([candidate('3.13.2'), candidate('3.14.0-rc1'), candidate('3.15', { isDefault: true, enabled: false })], '  ')
    expect(result.constraint).toBe('  ')
    expect(result.normalized).toBeNull()
    expect(result.selected).toBe('3.14.0-rc1')
    expect(result.decision).toContain('highest usable version wins')
    expect(reasons([candidate('3.13.2'), candidate('3.14.0-rc1')])).toEqual({
      '3.13.2': 'not selected: 3.14.0-rc1 is higher',
      '3.14.0-rc1': 'selected: highest available version (no constraint given and no usable default)'
    })
  })

  it.each([
    { name: 'no versions', candidates: [], constraint: null, says: 'has no registered versions' },
    { name: 'nothing usable', candidates: [candidate('3.12', { enabled: false }), candidate('3.13', { available: false })], constraint: '>=3', says: 'no version is both enabled and available' },
    { name: 'no match', candidates: [candidate('3.11')], constraint: '>=3.12', says: 'no usable version matches >=3.12.0' },
    { name: 'nothing parses', candidates: [candidate('latest')], constraint: undefined, says: 'no usable version string parses' }
  ])('falls back to base when $name', ({ candidates, constraint, says }) => {
    const result = explainSelection(candidates, constraint)
    expect(result.selected).toBeNull()
    expect(result.fallback).toBe('base')
    expect(result.decision).toContain(says)
    expect(result.decision).toContain('the worker falls back to the base runtime config')
  })

  it('selects exactly what selectBestVersion selects over the usable rows', () => {
    const pool = ['3.11', '3.12', '3.12.0', 'v3.13', '3.13.1-rc.1', '4', 'latest']
    const constraints = [null, '', '>=3.12', '3.12', '<4', '^3', '*', '>=3.13.1-rc.0', 'bad!']
    for (let mask = 0; mask < 3 ** 4; mask += 1) {
      const candidates = pool.map((version, index) => {
        const flags = Math.floor(mask / 3 ** (index % 4)) % 3
        return candidate(version, { enabled: flags !== 1, available: flags !== 2, isDefault: (mask + index) % 5 === 0 })
      })
      const usable = candidates.filter((c) => c.enabled && c.available)
      for (const constraint of constraints) {
        const expected = selectBestVersion(usable, constraint)
        const result = explainSelection(candidates, constraint)
        expect(result.selected).toBe(expected?.version ?? null)
        expect(result.candidates.filter((c) => c.selected)).toHaveLength(expected === null ? 0 : 1)
        expect(result.candidates.findIndex((c) => c.selected)).toBe(expected === null ? -1 : candidates.indexOf(expected))
      }
    }
  })
})

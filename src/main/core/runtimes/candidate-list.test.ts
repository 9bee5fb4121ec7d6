import { describe, expect, it } from 'vitest'
import { WorkbenchError } from '../errors'
import { parseCandidateList } from './candidate-list'

describe('parseCandidateList (resolve --candidates)', () => {
  it('reads versions in order, * as the default and ! as unavailable', () => {
    expect(parseCandidateList('3.11, 3.12*,3.13!')).toEqual([
      { version: '3.11', isDefault: false, available: true, enabled: true, unavailableReason: null },
      { version: '3.12', isDefault: true, available: true, enabled: true, unavailableReason: null },
      { version: '3.13', isDefault: false, available: false, enabled: true, unavailableReason: "marked '!' in --candidates" }
    ])
  })

  it('accepts both markers in either order and ignores empty items', () => {
    expect(parseCandidateList('3.12*!,,3.13!*').map((c) => [c.version, c.isDefault, c.available])).toEqual([
      ['3.12', true, false],
      ['3.13', true, false]
    ])
  })

  it.each([
    ['', 'lists no versions'],
    [' , ', 'lists no versions'],
    ['3.11,*', "'*' has no version before its marker"],
    ['3.11,*3.12,3.13!', "--candidates: '*3.12' is not a version (markers go after the version: \"3.12*,3.13!\")"],
    ['python3.11, 3.12-beta ,3.13', "--candidates: 'python3.11', '3.12-beta' are not versions"]
  ])('refuses %j as bad input', (text, message) => {
    expect(() => parseCandidateList(text)).toThrow(WorkbenchError)
    expect(() => parseCandidateList(text)).toThrow(message)
  })
})

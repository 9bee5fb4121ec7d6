import { describe, expect, it } from 'vitest'
import { formatProblem } from './problems'

describe('formatProblem', () => {
  it('prints file:line: field: message', () => {
    expect(formatProblem({ file: '/r/python.yaml', field: 'versions[1].version', line: 7, severity: 'error', message: 'is required text' })).toBe(
      '/r/python.yaml:7: versions[1].version: is required text'
    )
  })

  it('leaves out the line and the field when unknown', () => {
    expect(formatProblem({ file: '/r/x.yaml', field: null, line: null, severity: 'error', message: 'is not UTF-8 text' })).toBe(
      '/r/x.yaml: is not UTF-8 text'
    )
    expect(formatProblem({ file: '/r/x.yaml', field: 'ref', line: null, severity: 'warning', message: 'm' })).toBe('/r/x.yaml: ref: m')
  })
})

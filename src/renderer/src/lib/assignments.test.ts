import { describe, expect, it } from 'vitest'
import { assignmentLines, parseAssignmentLines } from './assignments'

describe('parseAssignmentLines', () => {
  it('reads NAME=VALUE lines, keeping = in values and skipping blank lines', () => {
    expect(parseAssignmentLines('REGION=eu-west-1\n\n LOG_LEVEL =debug=yes\n')).toEqual({ ok: true, values: { REGION: 'eu-west-1', LOG_LEVEL: 'debug=yes' } })
    expect(assignmentLines({ A: '1', B: 'x=y' })).toBe('A=1\nB=x=y')
  })

  it('names the bad line without its value', () => {
    expect(parseAssignmentLines('A=1\nsecret-value')).toEqual({ ok: false, error: "line 2: write NAME=VALUE (no '=')" })
    expect(parseAssignmentLines('=x')).toEqual({ ok: false, error: 'line 1: write NAME=VALUE (no name before =)' })
  })
})

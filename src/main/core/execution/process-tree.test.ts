import { describe, expect, it } from 'vitest'
import { describeLeftovers, parseProcStat } from './process-tree'

describe('parseProcStat', () => {
  it('reads state, process group, start time and a command name holding spaces and parentheses', () => {
    const text = '4242 (my (odd) cmd) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 2367488 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n'
    expect(parseProcStat(text)).toEqual({ state: 'S', processGroup: 4240, startTime: '987654', command: 'my (odd) cmd' })
  })
})

describe('describeLeftovers', () => {
  it('says how many and which commands, never their arguments', () => {
    expect(describeLeftovers([{ pid: 7, command: 'sleep' }])).toBe('killed 1 process the action left running outside its process group when it ended: sleep (pid 7)')
    expect(describeLeftovers([{ pid: 7, command: 'sh' }, { pid: 8, command: 'sleep' }])).toMatch(/^killed 2 processes .*: sh \(pid 7\), sleep \(pid 8\)$/)
  })
})

import { describe, expect, it } from 'vitest'
import { eventFilterFor, MAX_READ_LOGS } from './log-follow'

const chunk = (id: number) => ({ id, stream: 'stdout', text: 'x\n' })
const url = (query: string) => new URL(`http://127.0.0.1/api${query}`)

describe('eventFilterFor', () => {
  it('lets every event through unless the page asked for the logs it reads only', () => {
    for (const target of [url(''), url('?log-chunks=all'), null]) {
      const filter = eventFilterFor(target)
      expect(filter.passes('log.chunk', chunk(1))).toBe(true)
    }
  })

  it('with ?log-chunks=read, passes log.chunk of the runs whose log was asked for, and every other event', () => {
    const filter = eventFilterFor(url('?log-chunks=read'))
    expect(filter.passes('log.chunk', chunk(1))).toBe(false)
    expect(filter.passes('execution.updated', { id: 1, action: 'a.b', status: 'running', matrixId: null })).toBe(true)
    filter.request('executions:get', { id: 1 })
    filter.request('executions:log', { id: '1' })
    filter.request('executions:log', null)
    expect(filter.passes('log.chunk', chunk(1))).toBe(false)
    filter.request('executions:log', { id: 1, stream: 'stdout', offset: 0 })
    expect(filter.passes('log.chunk', chunk(1))).toBe(true)
    expect(filter.passes('log.chunk', chunk(2))).toBe(false)
  })

  it(`keeps the ${MAX_READ_LOGS} runs read most recently`, () => {
    const filter = eventFilterFor(url('?log-chunks=read'))
    for (let id = 1; id <= MAX_READ_LOGS; id++) filter.request('executions:log', { id })
    filter.request('executions:log', { id: 1 })
    filter.request('executions:log', { id: MAX_READ_LOGS + 1 })
    expect(filter.passes('log.chunk', chunk(1))).toBe(true)
    expect(filter.passes('log.chunk', chunk(2))).toBe(false)
    expect(filter.passes('log.chunk', chunk(MAX_READ_LOGS + 1))).toBe(true)
  })
})

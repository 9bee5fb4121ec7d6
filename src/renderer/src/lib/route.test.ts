import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref } from './route'

describe('hash routes', () => {
  it('round-trips every view', () => {
    for (const hash of ['#/runtimes', '#/packs', '#/actions', '#/executions', '#/executions/12', '#/matrix/3']) {
      expect(routeHref(parseRoute(hash))).toBe(hash)
    }
  })

  it('falls back to something sensible', () => {
    expect(parseRoute('')).toEqual({ view: 'runtimes' })
    expect(parseRoute('#/executions/abc')).toEqual({ view: 'executions' })
    expect(parseRoute('#/matrix/-1')).toEqual({ view: 'executions' })
  })
})

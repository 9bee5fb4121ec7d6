import { describe, it, expect } from 'vitest'
import { KeyedMutex } from './keyed-mutex'

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))

describe('KeyedMutex', () => {
  it('runs tasks of one key one after another, other keys alongside', async () => {
    const mutex = new KeyedMutex()
    const events: string[] = []
    const task = (name: string) => async () => {
      events.push(`${name} start`)
      await tick()
      events.push(`${name} end`)
      return name
    }
    const results = await Promise.all([mutex.run('a', task('a1')), mutex.run('a', task('a2')), mutex.run('b', task('b1'))])
    expect(results).toEqual(['a1', 'a2', 'b1'])
    expect(events.indexOf('a1 end')).toBeLessThan(events.indexOf('a2 start'))
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'))
    expect(mutex.isLocked('a')).toBe(false)
  })

  it('releases the key when a task throws', async () => {
    const mutex = new KeyedMutex()
    await expect(mutex.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await mutex.run('a', () => Promise.resolve(1))).toBe(1)
    expect(mutex.isLocked('a')).toBe(false)
  })
})

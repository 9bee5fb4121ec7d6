import { describe, expect, it } from 'vitest'
import { closestName, editDistance } from './closest-name'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['color', 'colour', 1],
    ['greet', 'gret', 1]
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
    expect(editDistance(b, a)).toBe(distance)
  })
})

describe('closestName', () => {
  it('names the nearest plausible candidate, first listed on a tie', () => {
    expect(closestName('colour', ['name', 'color', 'count'])).toBe('color')
    expect(closestName('mypack.gret', ['mypack.hello', 'mypack.greet'])).toBe('mypack.greet')
    expect(closestName('NAME', ['name'])).toBe('name')
    expect(closestName('ab', ['ax', 'ay'])).toBe('ax')
  })

  it('returns null when nothing is near', () => {
    expect(closestName('bogus', ['name', 'count'])).toBeNull()
    expect(closestName('x', [])).toBeNull()
  })
})

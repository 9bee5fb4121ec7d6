import { describe, expect, it } from 'vitest'
import { closestName, editDistance, unknownNameMessage } from './closest-name'

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

describe('unknownNameMessage', () => {
  it('suggests the nearest name, compared with the nearby names, and lists the known ones', () => {
    expect(unknownNameMessage('pack', 'demoo', ['demo', 'other'])).toBe("unknown pack 'demoo' (did you mean 'demo'? known packs: demo, other)")
    expect(unknownNameMessage('runtime', 'pyhton', ['core.python', 'core.shell'], ['core.python', 'python', 'python3', 'core.shell', 'shell'])).toBe(
      "unknown runtime 'pyhton' (did you mean 'python'? known runtimes: core.python, core.shell)"
    )
  })

  it('says only what is known when nothing is near, and when nothing is registered', () => {
    expect(unknownNameMessage('pack', 'nope', ['demo'])).toBe("unknown pack 'nope' (known packs: demo)")
    expect(unknownNameMessage('pack', 'nope', [])).toBe("unknown pack 'nope' (known packs: none registered)")
  })
})

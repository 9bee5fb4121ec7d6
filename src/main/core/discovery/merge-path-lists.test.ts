import { describe, it, expect } from 'vitest'
import { mergePathLists, splitPathList } from './merge-path-lists'

describe('mergePathLists', () => {
  it.each([
    ['/usr/bin:/bin', '/opt/homebrew/bin:/usr/bin', '/usr/bin:/bin:/opt/homebrew/bin'],
    ['', '/a:/b', '/a:/b'],
    ['/a:/b', '', '/a:/b'],
    ['', '', ''],
    ['/a::/b:', ':/c::/a', '/a:/b:/c'],
    ['/a:/b:/a', '/b:/c', '/a:/b:/c'],
    ['/a/', '/a:/b', '/a/:/b'],
    ['/', '/:/x', '/:/x'],
    ['/h/.pyenv/shims:/usr/bin', '/h/.nvm/versions/node/v20/bin', '/h/.pyenv/shims:/usr/bin:/h/.nvm/versions/node/v20/bin']
  ])('%j + %j → %j', (current, extra, expected) => {
    expect(mergePathLists(current, extra, ':')).toBe(expected)
  })

  it('honours a Windows delimiter', () => {
    expect(mergePathLists('C:\\a;C:\\b', 'C:\\b\\;C:\\c', ';')).toBe('C:\\a;C:\\b;C:\\c')
  })
})

describe('splitPathList', () => {
  it('drops empty entries and keeps order', () => {
    expect(splitPathList(':/b::/a:', ':')).toEqual(['/b', '/a'])
  })
})

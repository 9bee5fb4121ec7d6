import { describe, expect, it } from 'vitest'
import { selectBestVersion, sortLikeRepository } from './select-best-version'

interface Row {
  readonly id: number
  readonly version: string
  readonly available: boolean
  readonly isDefault: boolean
}

function row(id: number, version: string, options: { isDefault?: boolean; available?: boolean } = {}): Row {
  return { id, version, available: options.available ?? true, isDefault: options.isDefault ?? false }
}

const pick = (rows: readonly Row[], constraint?: string | null): number | null => selectBestVersion(rows, constraint)?.id ?? null

describe('selectBestVersion — spec §2.7 table', () => {
  it.each([
    { name: 'prefers the default without a constraint', rows: [row(1, '3.11.0'), row(2, '3.12.0', { isDefault: true }), row(3, '3.14.0')], constraint: null, id: 2 },
    { name: 'picks the highest without a constraint or default', rows: [row(1, '3.11.0'), row(2, '3.12.0'), row(3, '3.14.0')], constraint: null, id: 3 },
    { name: 'applies a range', rows: [row(1, '3.11.0'), row(2, '3.12.0'), row(3, '3.14.0')], constraint: '>=3.12,<3.14', id: 2 },
    { name: 'picks the highest match', rows: [row(1, '3.11.0'), row(2, '3.12.0'), row(3, '3.12.5'), row(4, '3.13.0')], constraint: '~3.12', id: 3 },
    { name: 'skips unavailable rows', rows: [row(1, '3.12.0'), row(2, '3.14.0', { available: false })], constraint: '>=3.12', id: 1 },
    { name: 'returns none when nothing matches', rows: [row(1, '3.11.0'), row(2, '3.12.0')], constraint: '>=4.0', id: null },
    { name: 'returns none for an empty list', rows: [], constraint: null, id: null },
    { name: 'returns none when all are unavailable', rows: [row(1, '3.12.0', { available: false }), row(2, '3.14.0', { available: false })], constraint: null, id: null }
  ])('$name', ({ rows, constraint, id }) => {
    expect(pick(rows, constraint)).toBe(id)
  })
})

describe('selectBestVersion — spec §2.3 rules', () => {
  it('returns the row object itself', () => {
    const rows = [row(1, '3.12'), row(2, '3.13')]
    expect(selectBestVersion(rows, '>=3')).toBe(rows[1])
  })

  it('treats undefined, null, empty and blank constraints as none', () => {
    const rows = [row(1, '3.14'), row(2, '3.12', { isDefault: true })]
    for (const constraint of [undefined, null, '', '   ']) expect(pick(rows, constraint)).toBe(2)
  })

  it('ignores isDefault when a constraint is present', () => {
    const rows = [row(1, '3.12.0', { isDefault: true }), row(2, '3.13.0')]
    expect(pick(rows, '>=3.12')).toBe(2)
  })

  it('a comma-only constraint is present: any release, default ignored', () => {
    const rows = [row(1, '3.12.0', { isDefault: true }), row(2, '3.13.0'), row(3, '3.14.0-rc.1')]
    expect(pick(rows, ',')).toBe(2)
    expect(pick(rows, '*')).toBe(2)
  })

  it('selects nothing for an invalid constraint, even if a default exists', () => {
    const rows = [row(1, '3.12.0', { isDefault: true }), row(2, '3.13.0')]
    for (const constraint of ['>=v3.12', '>=3.12 || <3', '>=3.x', '!=3']) expect(pick(rows, constraint)).toBeNull()
  })

  it('skips unparseable versions under a constraint', () => {
    expect(pick([row(1, 'latest'), row(2, '3.12')], '>=3')).toBe(2)
    expect(pick([row(1, 'latest')], '>=3')).toBeNull()
  })

  it('picks the first available default in input order, even when unparseable', () => {
    expect(pick([row(1, '3.14'), row(2, 'system', { isDefault: true }), row(3, '3.12', { isDefault: true })])).toBe(2)
  })

  it('ignores an unavailable default', () => {
    expect(pick([row(1, '3.14', { isDefault: true, available: false }), row(2, '3.12'), row(3, '3.13')])).toBe(3)
  })

  it('ignores unparseable versions when picking the highest without a constraint', () => {
    expect(pick([row(1, 'latest'), row(2, '3.12'), row(3, 'nightly')])).toBe(2)
    expect(pick([row(1, 'latest'), row(2, 'nightly')])).toBeNull()
  })

  it('lets a pre-release win without a constraint (spec §8 item 15)', () => {
    expect(pick([row(1, '3.13.2'), row(2, '3.14.0-rc1')])).toBe(2)
  })

  it('excludes pre-releases under a constraint, even *', () => {
    const rows = [row(1, '3.13.2'), row(2, '3.14.0-rc1')]
    expect(pick(rows, '>=3.12')).toBe(1)
    expect(pick(rows, '*')).toBe(1)
    expect(pick(rows, '>=3.14.0-rc0')).toBe(2)
  })

  it('bare 3 selects only a 3.0.x version', () => {
    expect(pick([row(1, '3.12'), row(2, '3.0.4'), row(3, '3.1')], '3')).toBe(2)
    expect(pick([row(1, '3.12'), row(2, '3.1')], '3')).toBeNull()
  })

  it('orders by SemVer precedence, not text', () => {
    expect(pick([row(1, '3.9'), row(2, '3.10'), row(3, '3.2')], '>=3')).toBe(2)
  })

  it('keeps input order among equal versions, with and without a constraint', () => {
    expect(pick([row(1, '3.12'), row(2, '3.12.0')], '>=3.12')).toBe(1)
    expect(pick([row(1, '3.12.0'), row(2, '3.12')], '>=3.12')).toBe(1)
    expect(pick([row(1, 'v3.12'), row(2, '3.12.0')])).toBe(1)
    expect(pick([row(1, '3.12.0'), row(2, 'v3.12')])).toBe(1)
  })

  it('after sortLikeRepository, 3.12.0 wins the tie over 3.12 whatever the insertion order', () => {
    for (const rows of [
      [row(1, '3.12'), row(2, '3.12.0')],
      [row(2, '3.12.0'), row(1, '3.12')]
    ]) {
      expect(selectBestVersion(sortLikeRepository(rows), '3.12')?.id).toBe(2)
      expect(selectBestVersion(sortLikeRepository(rows))?.id).toBe(2)
    }
  })
})

describe('sortLikeRepository — spec §1.2 order', () => {
  it('sorts major, minor, patch descending with NULLs last, stable otherwise', () => {
    const rows = [
      row(1, '3.12'),
      row(2, 'latest'),
      row(3, '20'),
      row(4, '3.12.1'),
      row(5, '3'),
      row(6, '3.13.0-rc.1'),
      row(7, '3.12.0'),
      row(8, 'system'),
      row(9, '3.13.0'),
      row(10, 'v3.12.0')
    ]
    expect(sortLikeRepository(rows).map((r) => r.id)).toEqual([3, 6, 9, 4, 7, 10, 1, 5, 2, 8])
  })

  it('does not mutate its input', () => {
    const rows = [row(1, '1'), row(2, '2')]
    sortLikeRepository(rows)
    expect(rows.map((r) => r.id)).toEqual([1, 2])
  })
})

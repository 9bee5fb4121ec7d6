import { describe, expect, it } from 'vitest'
import { optionValue, parseArgs } from './args'

const spec = { options: ['param', 'version'], flags: ['strict'], short: { p: 'param' } }

describe('parseArgs', () => {
  it('reads --name value, --name=value, short aliases, flags and positionals', () => {
    const args = parseArgs(['pack.action', '-p', 'a=1', '--param=b=2', '--version', '3.12', '--strict'], spec)
    expect(args.positionals).toEqual(['pack.action'])
    expect(args.options.get('param')).toEqual(['a=1', 'b=2'])
    expect(optionValue(args, 'version')).toBe('3.12')
    expect(args.flags.has('strict')).toBe(true)
  })

  it('keeps the last value of a repeated option for optionValue', () => {
    expect(optionValue(parseArgs(['--version', '1', '--version', '2'], spec), 'version')).toBe('2')
    expect(optionValue(parseArgs([], spec), 'version')).toBeUndefined()
  })

  it('treats everything after -- as positionals', () => {
    expect(parseArgs(['--', '--strict', '-p'], spec).positionals).toEqual(['--strict', '-p'])
  })

  it('keeps an option value that looks like a constraint', () => {
    expect(optionValue(parseArgs(['--version', '>=3.12,<4'], spec), 'version')).toBe('>=3.12,<4')
  })

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--version'], '--version needs a value'],
    [['--strict=yes'], '--strict takes no value']
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(message)
  })
})

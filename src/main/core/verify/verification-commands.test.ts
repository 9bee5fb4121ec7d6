import { describe, expect, it } from 'vitest'
import { extractVerificationCommands, RUNTIME_DEFAULT_PRIORITY, verificationFlags } from './verification-commands'

describe('extractVerificationCommands (spec §3.1 step 1, scenarios 7–8)', () => {
  it('keeps binary, args, exit code and pattern, sorted by priority', () => {
    const commands = extractVerificationCommands({
      verification: {
        commands: [
          { binary: 'python', args: ['--version'], exit_code: 0, pattern: 'Python 3\\.', priority: 2 },
          { binary: 'python3', args: ['--version'], exit_code: 0, pattern: 'Python 3\\.', priority: 1 }
        ]
      }
    })
    expect(commands).toEqual([
      { binary: 'python3', args: ['--version'], exitCode: 0, pattern: 'Python 3\\.', priority: 1 },
      { binary: 'python', args: ['--version'], exitCode: 0, pattern: 'Python 3\\.', priority: 2 }
    ])
  })

  it.each([
    ['no distributions', {}],
    ['an empty verification block', { verification: {} }],
    ['commands that are not a list', { verification: { commands: 'node --version' } }],
    ['not an object', null]
  ])('finds no commands in %s', (_name, distributions) => {
    expect(extractVerificationCommands(distributions)).toEqual([])
  })

  it('skips entries without a string binary', () => {
    const commands = extractVerificationCommands({
      verification: { commands: [{ args: ['--version'] }, { binary: 42 }, 'node', { binary: 'node' }] }
    })
    expect(commands.map((c) => c.binary)).toEqual(['node'])
  })

  it('defaults args to [], exit code to 0, pattern to none and priority to 100', () => {
    expect(extractVerificationCommands({ verification: { commands: [{ binary: 'node' }] } })).toEqual([
      { binary: 'node', args: [], exitCode: 0, pattern: null, priority: 100 }
    ])
  })

  it('orders priorities 10, 1, 5 as high, mid, low', () => {
    const commands = extractVerificationCommands({
      verification: {
        commands: [
          { binary: 'low', priority: 10 },
          { binary: 'high', priority: 1 },
          { binary: 'mid', priority: 5 }
        ]
      }
    })
    expect(commands.map((c) => c.binary)).toEqual(['high', 'mid', 'low'])
  })

  it('keeps declaration order among equal priorities (stable sort) and uses the caller default', () => {
    const commands = extractVerificationCommands(
      { verification: { commands: [{ binary: 'a' }, { binary: 'b', priority: 999 }, { binary: 'c', priority: 5 }] } },
      RUNTIME_DEFAULT_PRIORITY
    )
    expect(commands.map((c) => `${c.binary}:${c.priority}`)).toEqual(['c:5', 'a:999', 'b:999'])
  })

  it('drops non-string args and keeps a non-zero expected exit code', () => {
    const [command] = extractVerificationCommands({ verification: { commands: [{ binary: 'x', args: ['-V', 3, null], exit_code: 2 }] } })
    expect(command).toMatchObject({ args: ['-V'], exitCode: 2 })
  })
})

describe('verificationFlags', () => {
  it('reads always_available and check_required, with a missing block noted', () => {
    expect(verificationFlags({})).toEqual({ alwaysAvailable: false, checkRequired: true, hasVerification: false })
    expect(verificationFlags({ verification: { always_available: true } })).toEqual({ alwaysAvailable: true, checkRequired: true, hasVerification: true })
    expect(verificationFlags({ verification: { check_required: false } })).toEqual({ alwaysAvailable: false, checkRequired: false, hasVerification: true })
  })
})

import { describe, expect, it } from 'vitest'
import { baseConfigFacts, baseConfigLabel } from './base-config'
import type { VerificationDetail } from './runtime'

function verified(command: string | null, output: string, matched = true): { available: boolean; verification: VerificationDetail } {
  return { available: matched, verification: { command, exitCode: matched ? 0 : 1, matched, output, attempts: [] } }
}

describe('baseConfigLabel', () => {
  it.each([
    ['/usr/bin/python3 --version', 'Python 3.11.2', 'base config: python3 = 3.11.2'],
    ['/usr/bin/node --version', 'v20.20.2', 'base config: node = 20.20.2'],
    ['/usr/bin/java -version', 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 'base config: java = 17.0.15'],
    ['/usr/bin/perl --version', 'This is perl 5, version 36, subversion 0 (v5.36.0) built for x86_64-linux', 'base config: perl = 5.36.0'],
    ['C:\\Python311\\python.exe --version', 'Python 3.11.9', 'base config: python.exe = 3.11.9'],
    ['/opt/tool --check', 'ok', 'base config: tool']
  ])('%s printing %j reads %j', (command, output, label) => {
    expect(baseConfigLabel(verified(command, output))).toBe(label)
  })

  it('says only "base config" when the machine does not tell: unverified, always available, or failed', () => {
    expect(baseConfigLabel(undefined)).toBe('base config')
    expect(baseConfigLabel({ available: false, verification: null })).toBe('base config')
    expect(baseConfigLabel(verified(null, ''))).toBe('base config')
    expect(baseConfigLabel(verified('python3 --version', 'Python 3.11.2', false))).toBe('base config')
    expect(baseConfigFacts(verified('/usr/bin/python3 --version', 'Python 3.11.2'))).toEqual({ interpreter: 'python3', version: '3.11.2' })
  })
})

import { describe, expect, it } from 'vitest'
import { readRuntimeYaml } from '../catalog/runtime-yaml'
import { extractVerificationCommands, RUNTIME_DEFAULT_PRIORITY } from './verification-commands'
import { rustAsI32, rustAsI64 } from './rust-integers'

/** The runtime-level `distributions` of a one-command runtime YAML whose command has `extra` (e.g. `exit_code: 1.0`). */
function readRuntimeYamlText(extra: string): unknown {
  const text = `ref: demo.tool\ndistributions:\n  verification:\n    commands:\n      - binary: tool\n        ${extra}\n`
  return readRuntimeYaml('/demo/runtimes/tool.yaml', text, [])?.distributions
}

// version_verify.rs extract_verification_commands: `as_i64().unwrap_or(0) as i32` for exit_code,
// `as_i64().unwrap_or(100) as i32` for priority; runtime_detection.rs sorts by `as_i64().unwrap_or(999)`.
describe('exit_code and priority as the worker reads them', () => {
  it.each([
    ['0', 0],
    ['2', 2],
    ['-1', -1],
    ['1.0', 0], // a float: as_i64 is None, so the default
    ['2.5', 0],
    ['1e3', 0],
    ['0x10', 16],
    ['4294967297', 1], // as i32 keeps the low 32 bits
    ['2147483648', -2147483648],
    ['9223372036854775807', -1], // i64::MAX as i32
    ['9223372036854775808', 0], // past i64: as_i64 is None
    ['"3"', 0], // a string is not a number
    ['.inf', 0]
  ])('exit_code: %s → %d', (written, expected) => {
    const [command] = extractVerificationCommands(readRuntimeYamlText(`exit_code: ${written}`))
    expect(command?.exitCode).toBe(expected)
  })

  it.each([
    ['1', 1],
    ['1.0', 100],
    ['4294967297', 1],
    ['99999999999999999999', 100]
  ])('version priority: %s → %d', (written, expected) => {
    const [command] = extractVerificationCommands(readRuntimeYamlText(`priority: ${written}`))
    expect(command?.priority).toBe(expected)
  })

  it('runtime detection sorts by the i64 itself and defaults to 999', () => {
    const [wrapped] = extractVerificationCommands(readRuntimeYamlText('priority: 4294967297'), RUNTIME_DEFAULT_PRIORITY, 'i64')
    expect(wrapped?.priority).toBe(4294967297)
    const [float] = extractVerificationCommands(readRuntimeYamlText('priority: 1.5'), RUNTIME_DEFAULT_PRIORITY, 'i64')
    expect(float?.priority).toBe(999)
  })

  it('rustAsI64 and rustAsI32 on their own', () => {
    expect(rustAsI64(7)).toBe(7n)
    expect(rustAsI64(1.5)).toBeNull()
    expect(rustAsI64({ yamlNumber: '-0o17' })).toBe(-15n)
    expect(rustAsI32(-4294967295n)).toBe(1)
  })
})

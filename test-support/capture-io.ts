import type { CliIo } from '../src/main/cli/output'

/** A CLI io whose stdout and stderr are collected as text. */
export interface CapturedIo {
  readonly io: CliIo
  readonly stdout: () => string
  readonly stderr: () => string
  /** stdout parsed as the one JSON document `--json` promises. */
  readonly json: () => unknown
}

export function captureIo(env: Readonly<Record<string, string | undefined>>): CapturedIo {
  let out = ''
  let err = ''
  return {
    io: { stdout: (text) => void (out += text), stderr: (text) => void (err += text), env },
    stdout: () => out,
    stderr: () => err,
    json: () => JSON.parse(out) as unknown
  }
}

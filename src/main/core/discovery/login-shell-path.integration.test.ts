import { afterEach, beforeEach, describe, it, expect } from 'vitest'
import { FakeMachine } from './fake-machine'
import { readLoginShellPath } from './login-shell-path'

let machine: FakeMachine
let env: Record<string, string>

beforeEach(() => {
  machine = FakeMachine.create()
  env = { PATH: '/usr/bin:/bin', HOME: machine.home }
})
afterEach(() => {
  machine.dispose()
})

/** A fake shell: insists on -ilc, runs rc-like noise, then evaluates the command it was given. */
function fakeShell(body: { before?: string; after?: string }): string {
  return machine.file(
    'bin/fake-shell',
    [
      '#!/bin/sh',
      '[ "$1" = "-ilc" ] || { echo "unexpected flags: $1" >&2; exit 9; }',
      body.before ?? '',
      'eval "$2"',
      body.after ?? ''
    ].join('\n') + '\n',
    0o755
  )
}

describe('readLoginShellPath', () => {
  it('reads PATH from between the delimiters despite rc-file noise', async () => {
    const shell = fakeShell({
      before: [
        'echo "Welcome back!"',
        "printf 'motd without a newline'",
        'echo "PATH=/not/this" >&2',
        'PATH="/home/u/.nvm/versions/node/v20.11.1/bin:$PATH"',
        // a shell tracing its commands shows the command text, markers included
        'echo "+ $2"'
      ].join('\n'),
      after: 'echo "bye"'
    })
    const path = await readLoginShellPath({ shell, env })
    expect(path).toBe('/home/u/.nvm/versions/node/v20.11.1/bin:/usr/bin:/bin')
  })

  it('returns null within the timeout when the shell hangs', async () => {
    const shell = fakeShell({ before: 'sleep 30' })
    const started = Date.now()
    expect(await readLoginShellPath({ shell, env, timeoutMs: 300 })).toBeNull()
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('keeps a PATH printed in full before the shell lingered', async () => {
    const shell = fakeShell({ after: 'sleep 30' })
    expect(await readLoginShellPath({ shell, env, timeoutMs: 300 })).toBe('/usr/bin:/bin')
  })

  it('returns null when the shell fails before printing', async () => {
    const shell = fakeShell({ before: 'echo "rc error" >&2; exit 1' })
    expect(await readLoginShellPath({ shell, env })).toBeNull()
  })

  it('returns null when the shell prints only the start marker', async () => {
    // runs the command cut just before "$PATH": the start marker alone, then more output
    const cut = String.raw`eval "$(printf '%s' "$2" | sed 's/ "\$PATH".*//')"`
    const shell = fakeShell({ before: `${cut}; echo /usr/bin; exit 0` })
    expect(await readLoginShellPath({ shell, env })).toBeNull()
  })

  it('returns null for an empty PATH, a missing shell or no shell', async () => {
    expect(await readLoginShellPath({ shell: fakeShell({ before: 'PATH=""' }), env })).toBeNull()
    expect(await readLoginShellPath({ shell: machine.path('bin/no-such-shell'), env })).toBeNull()
    expect(await readLoginShellPath({ shell: '', env })).toBeNull()
  })
})

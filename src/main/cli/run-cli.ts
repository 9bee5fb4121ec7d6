import { resolveDataHome } from '../core/data-home'
import { HomeLockedError } from '../core/store/home-locked-error'
import { storageError, WorkbenchError } from '../core/errors'
import { openCliSession, type CliSession, type SessionOptions } from './cli-session'
import { optionValue, parseArgs } from './args'
import { EXIT, printJson, type CliIo } from './output'
import { commandHelpText, unknownCommand } from './help'

export const USAGE = `attune-workbench — run Attune packs locally exactly as a worker would

Usage: attune-workbench [--home DIR] [--json] COMMAND ...
       attune-workbench COMMAND --help   (or: help COMMAND) for a command's options and examples

Runtimes:
  runtimes list                       catalog runtimes and versions on this machine
  runtimes verify [--runtime R]       run verification now
  runtimes enable R V                 let runs select version V of runtime R
  runtimes disable R V [--yes]        keep runs off version V (persisted); prints the actions that
                                      move, and asks first on a terminal unless --yes
  resolve R [--constraint C] [--candidates LIST]
                                      explain which version a constraint selects; LIST is
                                      comma-separated versions; a '*' after a version marks the
                                      default, a '!' after it unavailable (3.12*,3.13!)

Packs and environments:
  packs add DIR                       register the pack in DIR where it lies; build its environments
  packs list                          registered packs, their actions and load problems
  packs reload REF                    read the pack's files again; bring its envs in step
  packs remove REF                    unregister the pack and delete its environments
  envs list [--pack P] [--size]       per pack, runtime and version: env status, interpreter, deps
  envs setup [--pack P]               build what is missing, stale, broken or failed (a failed env
                                      only when its manifest, config or interpreter changed)
  envs rebuild P R [V]                rebuild one env (atomically: a failure keeps the old one)

Runs:
  run PACK.ACTION [PARAMS] [--version V] [--strict] [--force] [--timeout S]
      [--env K=V]... [--context K=V]... [--api-url URL] [--api-token]
                                      run once, exactly as a worker would; output streams to stderr;
                                      --env: the run's env_vars, --context: ATTUNE_CONTEXT_*, --api-url:
                                      ATTUNE_API_URL, --api-token: pass the workbench's ATTUNE_API_TOKEN
  matrix PACK.ACTION [PARAMS]         run once per enabled, available version that fits the constraint
    [--versions 3.12,3.13] [--repeat N]  only those versions; N runs each; results diffed against a baseline
  executions list [--action A] [--status S] [--limit N]
  executions show ID                  one run: version, interpreter, env, fingerprint, result
  logs ID [--follow]                  a run's stdout and stderr

App:
  serve [--port N] [--host ADDR]      the browser host on 127.0.0.1 (prints its URL with a token);
                                      an ADDR other machines can reach needs --allow-remote too

Parameters (PARAMS), later ones win: --params-file < --params < -p
  --params-file FILE                  a JSON (.json) or YAML file mapping parameter names to values
  --params JSON                       a JSON object; --params - reads it from standard input
  -p key=value                        one parameter, typed by the action's schema (repeatable)
  On a terminal, each secret parameter not given is asked for without echo. Use a file, stdin or the
  prompt for secrets: -p and --params JSON are visible in ps and the shell history.

Global options:
  --home DIR    data home (default: ATTUNE_WORKBENCH_HOME, else the app's user-data folder)
  --json        print one JSON document on stdout

Every command works while the app or serve has the data home open: it goes through their engine.

Exit codes: 0 ok, 1 failed, 2 usage or bad input, 3 environment problem.
`

type Command = (session: CliSession, argv: readonly string[], json: boolean, io: CliIo) => Promise<number>

/** Each command's module, loaded when that command runs: a command pays only for what it uses. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  runtimes: async () => (await import('./commands/runtimes')).runtimesCommand,
  resolve: async () => (await import('./commands/resolve')).resolveCommand,
  packs: async () => (await import('./commands/packs')).packsCommand,
  envs: async () => (await import('./commands/envs')).envsCommand,
  run: async () => (await import('./commands/run')).runCommand,
  matrix: async () => (await import('./commands/matrix')).matrixCommand,
  executions: async () => (await import('./commands/executions')).executionsCommand,
  logs: async () => (await import('./commands/logs')).logsCommand
}

/** Engine options a caller (the tests, a host) may fix for every command; the CLI itself sets none. */
export type CliEngineOptions = SessionOptions['engine']

/** Run one CLI invocation and return its exit code. Errors become one clear line, never a stack. */
export async function runCli(argv: readonly string[], io: CliIo, options: CliEngineOptions = {}): Promise<number> {
  let json = argv.includes('--json')
  let session: CliSession | null = null
  try {
    const { home, command, rest } = splitGlobals(argv)
    json = command.json
    if (command.name === undefined && !command.help && json) {
      // `--json` promises one JSON document on stdout, even for a missing command; the usage goes to stderr.
      io.stderr(USAGE)
      throw new WorkbenchError('bad-input', 'no command given (the usage is printed above; try --help)')
    }
    const helpOf = command.name === 'help' && rest[0] !== undefined ? rest[0] : command.help ? command.name : undefined
    if (helpOf !== undefined) {
      io.stdout(commandHelpText(helpOf))
      return EXIT.ok
    }
    if (command.name === undefined || command.name === 'help' || command.help) {
      io.stdout(USAGE)
      return command.name === undefined && !command.help ? EXIT.badInput : EXIT.ok
    }
    const dataHome = resolveDataHome({ flag: home, env: io.env })
    // `serve` is a host of its own: it owns the home when it can, else serves the engine that does.
    if (command.name === 'serve') return await (await import('./commands/serve')).serveCommand({ home: dataHome, engine: options }, rest, json, io)
    const load = Object.hasOwn(COMMANDS, command.name) ? COMMANDS[command.name] : undefined
    if (!load) throw unknownCommand(command.name)
    const handler = await load()
    session = await openCliSession({ home: dataHome, io, engine: options })
    return await handler(session, rest, json, io)
  } catch (error) {
    return reportError(error, json, io)
  } finally {
    await session?.close()
  }
}

/** Global options may stand anywhere; the first positional is the command. */
function splitGlobals(argv: readonly string[]): { home: string | undefined; command: { name: string | undefined; json: boolean; help: boolean }; rest: string[] } {
  const rest: string[] = []
  let home: string | undefined
  let json = false
  let help = false
  let name: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--json') json = true
    else if (arg === '--help' || arg === '-h') help = true
    else if (arg === '--home' || arg.startsWith('--home=')) {
      const parsed = parseArgs(arg === '--home' ? [arg, argv[++i] ?? ''] : [arg], { options: ['home'] })
      home = optionValue(parsed, 'home')
      if (!home) throw new WorkbenchError('bad-input', '--home needs a folder')
    } else if (name === undefined && !arg.startsWith('-')) name = arg
    else rest.push(arg)
  }
  return { home, command: { name, json, help }, rest }
}

function reportError(error: unknown, json: boolean, io: CliIo): number {
  const { code, kind, message } = classify(error)
  if (json) printJson(io, { error: { kind, message } })
  io.stderr(`error: ${message}\n`)
  return code
}

function classify(error: unknown): { code: number; kind: string; message: string } {
  if (error instanceof HomeLockedError) return { code: EXIT.environment, kind: 'environment', message: error.message }
  const storage = storageError(error)
  if (storage) return { code: EXIT.environment, kind: 'environment', message: storage.message }
  if (error instanceof WorkbenchError) {
    const code = error.kind === 'bad-input' ? EXIT.badInput : error.kind === 'environment' ? EXIT.environment : EXIT.failed
    return { code, kind: error.kind, message: error.message }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: EXIT.failed, kind: 'internal', message: `unexpected failure: ${message}` }
}

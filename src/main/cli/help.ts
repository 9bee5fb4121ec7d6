import { closestName } from '../../shared/text/closest-name'
import { badInput } from '../core/errors'

/** The help of one command: how it is typed, what each option does, and examples to copy. */
export interface CommandHelp {
  readonly usage: readonly string[]
  readonly summary: string
  readonly options: readonly (readonly [string, string])[]
  readonly examples: readonly string[]
}

const PARAMETERS: readonly (readonly [string, string])[] = [
  ['-p key=value', 'one parameter, typed by the action\'s schema (repeatable; wins over the two below)'],
  ['--params JSON', 'a JSON object of parameters; --params - reads it from standard input'],
  ['--params-file FILE', 'a JSON (.json) or YAML file mapping parameter names to values']
]

/** Every command the CLI knows, with its help (`attune-workbench COMMAND --help`, `help COMMAND`). */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  runtimes: {
    usage: ['runtimes list', 'runtimes verify [--runtime R]', 'runtimes enable R V', 'runtimes disable R V [--yes]'],
    summary: 'The catalog runtimes and their versions on this machine; verify them again; let runs select a version or keep them off it (persisted).',
    options: [
      ['--runtime R', 'verify: only this runtime (ref, name or alias: core.python, python)'],
      ['--yes', 'disable: do not ask for confirmation on a terminal (the actions that move are still printed)']
    ],
    examples: ['attune-workbench runtimes list', 'attune-workbench runtimes verify --runtime python', 'attune-workbench runtimes disable python 3.12 --yes']
  },
  resolve: {
    usage: ['resolve R [--constraint C] [--candidates LIST]'],
    summary: 'Explain which version a constraint selects, as a worker would, and why each candidate did or did not match.',
    options: [
      ['--constraint C', 'an action\'s runtime_version (Attune\'s grammar: a bare 3.12 means ~3.12, a comma means AND)'],
      ['--candidates LIST', 'comma-separated versions to choose from instead of this machine\'s; mark a version after it: 3.12* is the default, 3.11! is unavailable. Versions that do not parse are refused (exit 2)']
    ],
    examples: ['attune-workbench resolve python --constraint ">=3.12"', 'attune-workbench resolve python --constraint "3.12" --candidates "3.11,3.12*,3.13!"']
  },
  packs: {
    usage: ['packs add DIR', 'packs list', 'packs reload REF', 'packs remove REF'],
    summary: 'Register a pack folder where it lies (its envs are built), list packs with their actions and load problems, read a pack again, or unregister it (its envs are deleted).',
    options: [],
    examples: ['attune-workbench packs add ~/packs/mypack', 'attune-workbench packs reload mypack', 'attune-workbench --json packs list']
  },
  envs: {
    usage: ['envs list [--pack P] [--size]', 'envs setup [--pack P]', 'envs rebuild P R [V]'],
    summary: 'Per pack, runtime and version: env status, interpreter and dependencies; build what is missing, stale, broken or failed; rebuild one env atomically.',
    options: [
      ['--pack P', 'only this pack'],
      ['--size', 'list: also measure each env\'s size on disk']
    ],
    examples: ['attune-workbench envs list --pack mypack --size', 'attune-workbench envs rebuild mypack python 3.12']
  },
  run: {
    usage: ['run PACK.ACTION [PARAMS] [--version V] [--strict] [--force] [--timeout S] [--env K=V]... [--context K=V]... [--api-url URL] [--api-token]'],
    summary: 'Run an action once, exactly as a worker would; its output streams to stderr, the result to stdout.',
    options: [
      ...PARAMETERS,
      ['--version V', 'run with this runtime version instead of the one the constraint selects'],
      ['--strict', 'fail when no version matches instead of falling back to the base config'],
      ['--force', 'with --version: run a version that is outside the action\'s constraint'],
      ['--timeout S', 'seconds before the run is stopped (default: the action\'s timeout)'],
      ['--env K=V', 'the run\'s env_vars (repeatable)'],
      ['--context K=V', 'an ATTUNE_CONTEXT_* variable (repeatable)'],
      ['--api-url URL', 'ATTUNE_API_URL for the action'],
      ['--api-token', 'pass the workbench\'s ATTUNE_API_TOKEN to the action']
    ],
    examples: ['attune-workbench run mypack.greet -p name=Ada', 'attune-workbench run mypack.report --params-file params.yaml --version 3.12']
  },
  matrix: {
    usage: ['matrix PACK.ACTION [PARAMS] [--versions LIST] [--repeat N]'],
    summary: 'Run an action once per enabled, available version that fits its constraint, and diff each result against a baseline.',
    options: [...PARAMETERS, ['--versions LIST', 'only these versions (comma-separated)'], ['--repeat N', 'run each version N times (the duration spread)']],
    examples: ['attune-workbench matrix mypack.greet -p name=Ada', 'attune-workbench --json matrix mypack.greet --versions 3.12,3.13 --repeat 3']
  },
  executions: {
    usage: ['executions list [--action A] [--status S] [--limit N]', 'executions show ID'],
    summary: 'The run history, newest first; one run with its version, interpreter, env, fingerprint and result.',
    options: [
      ['--action A', 'only runs of this action (PACK.ACTION)'],
      ['--status S', 'only runs with this status (completed, failed, timeout, cancelled...)'],
      ['--limit N', 'at most N runs']
    ],
    examples: ['attune-workbench executions list --action mypack.greet --limit 5', 'attune-workbench executions show 12']
  },
  logs: {
    usage: ['logs ID [--follow]'],
    summary: 'A run\'s stdout and stderr, as captured (read from its log files).',
    options: [['--follow, -f', 'keep printing while the run is going']],
    examples: ['attune-workbench logs 12 --follow']
  },
  serve: {
    usage: ['serve [--port N] [--host ADDR] [--allow-remote]'],
    summary: 'The browser host: serves the app on 127.0.0.1 and prints its URL with a token.',
    options: [
      ['--port N', 'the port (0: any free one)'],
      ['--host ADDR', 'the address to listen on'],
      ['--allow-remote', 'needed for an ADDR other machines can reach']
    ],
    examples: ['attune-workbench serve --port 8765']
  },
  help: {
    usage: ['help [COMMAND]', 'COMMAND --help'],
    summary: 'The usage of every command, or the help of one.',
    options: [],
    examples: ['attune-workbench help run', 'attune-workbench resolve --help']
  }
}

/** The command names, for "did you mean". */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMAND_HELP)

/** The help text of a command; an unknown name is a usage error with the closest command. */
export function commandHelpText(name: string): string {
  const help = COMMAND_HELP[name]
  if (!help) throw unknownCommand(name)
  const width = Math.max(0, ...help.options.map(([option]) => option.length)) + 2
  const lines = [`Usage: ${help.usage.map((usage) => `attune-workbench ${usage}`).join('\n       ')}`, '', help.summary]
  if (help.options.length > 0) lines.push('', 'Options:', ...help.options.map(([option, text]) => `  ${option.padEnd(width)}${text}`))
  lines.push('', 'Global options: --home DIR, --json (see attune-workbench --help)', '', 'Examples:', ...help.examples.map((example) => `  ${example}`))
  return `${lines.join('\n')}\n`
}

/** "unknown command 'rnu' (did you mean 'run'? try --help)"; the list of commands is in --help. */
export function unknownCommand(name: string): Error {
  const near = closestName(name, COMMAND_NAMES)
  return badInput(`unknown command '${name}' (${near ? `did you mean '${near}'? ` : ''}try --help)`)
}

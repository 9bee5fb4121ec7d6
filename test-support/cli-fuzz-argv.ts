import type { SeededRandom } from './seeded-random'

/**
 * Argument vectors for the CLI fuzz: words of the command vocabulary in random order, options with and
 * without values, unicode and very long arguments. Two things are kept in hand so a fuzz run stays inside
 * its temp folder and ends: `--home` only ever names a folder (or a file) the caller provides, and a vector
 * that would start the browser host (`serve`, which runs until interrupted) is replaced by one that `serve`
 * refuses.
 */

export interface CliFuzzVocabulary {
  /** Pack, action and runtime refs that exist on the fuzzed home, and near misses. */
  readonly refs: readonly string[]
  /** Folders for `packs add`: traversals, folders without pack.yaml, registered packs. */
  readonly dirs: readonly string[]
  /** Values `--home` may take: other homes inside the temp folder, a file. */
  readonly homes: readonly string[]
}

const COMMANDS: readonly (readonly string[])[] = [
  ['runtimes', 'list'],
  ['runtimes', 'verify'],
  ['runtimes', 'enable'],
  ['runtimes', 'disable'],
  ['runtimes'],
  ['resolve'],
  ['packs', 'add'],
  ['packs', 'list'],
  ['packs', 'reload'],
  ['packs', 'remove'],
  ['packs'],
  ['envs', 'list'],
  ['envs', 'setup'],
  ['envs', 'rebuild'],
  ['envs'],
  ['run'],
  ['matrix'],
  ['executions', 'list'],
  ['executions', 'show'],
  ['executions'],
  ['logs'],
  ['serve'],
  ['help'],
  []
]

const OPTIONS = ['--runtime', '--constraint', '--candidates', '--pack', '--size', '-p', '--param', '--params', '--version', '--strict', '--force', '--timeout', '--action', '--status', '--limit', '--follow', '-f', '--port', '--json', '--help', '-h', '--', '-', '---', '--bogus', '-x', '-P', '--param=', '--limit=5', '--status=completed', '--json=1', '--strict=yes', '--params-file', '--params=-']
const WORDS = ['list', 'verify', 'enable', 'disable', 'add', 'reload', 'remove', 'setup', 'rebuild', 'show', 'runtimes', 'packs', 'envs', 'executions', 'logs', 'run', 'matrix', 'resolve', 'serve', 'help']
const VALUES = ['3.12', '3.11', '3.13', '20', '3.99', '>=3.12', '3.x', '>=v3.12', '>=3.12 || <3.10', '3.11,3.12*,3.13!', ',,', '1', '2', '0', '-1', '1.5', '1e3', 'NaN', '99999999999999999999', 'completed', 'running', 'bogus', 'name=Ada', 'count=3', 'count=three', 'flag=maybe', 'items=[1,2]', 'items={', '=x', 'novalue', 'token=s3cret', '{"name": "Ada"}', '{"count": "x"}', '[1,2]', '{', 'null', '"text"', '{"__proto__": {"polluted": true}}']
const UNICODE = ['é', '😀', '\u202e', '\ud800', 'ß', '名前', '\t', ' ', '']

/** One argv (without the leading `--home HOME` the caller adds). */
export function nextArgv(r: SeededRandom, vocab: CliFuzzVocabulary): string[] {
  // Half the vectors are plausible commands with a few perturbations, so the fuzz reaches past argument parsing.
  const plausible = r.chance(0.5)
  const argv: string[] = plausible ? plausibleCommand(r, vocab) : [...r.pick(COMMANDS)]
  const extra = plausible ? r.weighted([[6, 0], [3, 1], [1, 2]]) : r.int(0, 5)
  for (let i = 0; i < extra; i++) {
    const token = r.weighted<() => string[]>([
      [6, () => [r.pick(vocab.refs)]],
      [3, () => [r.pick(vocab.dirs)]],
      [8, () => [r.pick(OPTIONS)]],
      [6, () => [r.pick(OPTIONS), r.pick(VALUES)]],
      [4, () => [r.pick(VALUES)]],
      [2, () => [r.pick(WORDS)]],
      [2, () => [r.pick(UNICODE) + r.text(10) + r.pick(UNICODE)]],
      [1, () => [r.huge(r.pick([1024, 64 * 1024, 1024 * 1024]))]],
      [1, () => home(r, vocab)]
    ])()
    argv.splice(r.int(0, argv.length), 0, ...token)
  }
  if (r.chance(0.35)) argv.splice(r.int(0, argv.length), 0, '--json')
  keepHomesInHand(argv, vocab.homes)
  return startsServe(argv) ? servedRefused(r) : argv
}

/**
 * A later token may have landed between `--home` and its value: a `--home` not followed by a provided home
 * becomes `--home=` (refused: it names no folder), so no data home is ever made outside the temp folder.
 */
function keepHomesInHand(argv: string[], homes: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--home') continue
    if (homes.includes(argv[i + 1] as string)) i++
    else argv[i] = '--home='
  }
}

/** A command with arguments of the right shape, their values drawn from the vocabulary. */
function plausibleCommand(r: SeededRandom, vocab: CliFuzzVocabulary): string[] {
  const ref = (): string => r.pick(vocab.refs)
  const value = (): string => r.pick(VALUES)
  const params = (): string[] => Array.from({ length: r.int(0, 3) }, () => ['-p', r.pick(['name=Ada', 'count=3', 'count=x', 'flag=true', 'flag=maybe', 'choice=red', 'choice=blue', 'items=[1]', 'items={}', 'token=t0k', `name=${r.text(20)}`, 'nokey', '=v'])]).flat()
  return r.pick<() => string[]>([
    () => ['runtimes', r.pick(['list', 'verify'])],
    () => ['runtimes', 'verify', '--runtime', ref()],
    () => ['runtimes', r.pick(['enable', 'disable']), ref(), value()],
    () => ['resolve', ref(), '--constraint', value()],
    () => ['resolve', ref(), '--candidates', value(), '--constraint', value()],
    () => ['packs', 'add', r.pick(vocab.dirs)],
    () => ['packs', r.pick(['reload', 'remove']), ref()],
    () => ['packs', 'list'],
    () => ['envs', r.pick(['list', 'setup']), '--pack', ref()],
    () => ['envs', 'rebuild', ref(), ref(), value()],
    () => ['run', ref(), ...params()],
    () => ['run', ref(), '--params', value(), '--version', value(), ...(r.chance(0.5) ? ['--strict'] : [])],
    () => ['run', ref(), '--timeout', value(), ...(r.chance(0.5) ? ['--force'] : [])],
    () => ['matrix', ref(), ...params()],
    () => [r.pick(['run', 'matrix']), ref(), '--params-file', r.pick([...vocab.dirs, value()]), ...params()],
    () => ['executions', 'list', '--action', ref(), '--status', value(), '--limit', value()],
    () => ['executions', 'show', value()],
    () => ['logs', value(), ...(r.chance(0.3) ? ['--follow'] : [])]
  ])()
}

/** `--home` with a caller-provided value, or without one. */
function home(r: SeededRandom, vocab: CliFuzzVocabulary): string[] {
  switch (r.int(0, 3)) {
    case 0:
      return ['--home']
    case 1:
      return ['--home=']
    default:
      return ['--home', r.pick(vocab.homes)]
  }
}

/** The command runCli would run (it takes the first positional, skipping global options), and whether help was asked for. */
export function commandOf(argv: readonly string[]): { readonly name: string | undefined; readonly help: boolean } {
  let name: string | undefined
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') help = true
    else if (arg === '--home') i++
    else if (arg === '--json' || arg.startsWith('--home=')) continue
    else if (name === undefined && !arg.startsWith('-')) name = arg
  }
  return { name, help: help || name === 'help' }
}

/** Whether runCli would start the browser host (which runs until interrupted). */
export function startsServe(argv: readonly string[]): boolean {
  const { name, help } = commandOf(argv)
  return name === 'serve' && !help
}

/** `serve` with options it refuses before listening. */
function servedRefused(r: SeededRandom): string[] {
  return r.pick([
    ['serve', '--port', '-1'],
    ['serve', '--port', '65536'],
    ['serve', '--port', 'http'],
    ['serve', '--port', '1.5'],
    ['serve', '--port'],
    ['serve', '--bogus'],
    ['serve', '--port=', '--json'],
    ['--json', 'serve', '--port', '😀']
  ])
}

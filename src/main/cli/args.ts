import { badInput } from '../core/errors'

/** A parsed command line: positionals, and options by long name (repeatable ones keep every value). */
export interface ParsedArgs {
  readonly positionals: readonly string[]
  readonly options: ReadonlyMap<string, readonly string[]>
  readonly flags: ReadonlySet<string>
}

/** What a command accepts: options that take a value, and flags that do not. */
export interface ArgSpec {
  readonly options?: readonly string[]
  readonly flags?: readonly string[]
  /** Short aliases, e.g. `{ p: 'param' }`. */
  readonly short?: Readonly<Record<string, string>>
}

/**
 * Parse argv against a spec. `--name value`, `--name=value`, `-p value`; `--` ends options. Unknown
 * options and missing values are usage errors naming the option.
 */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const known = new Set(spec.options ?? [])
  const knownFlags = new Set(spec.flags ?? [])
  const positionals: string[] = []
  const options = new Map<string, string[]>()
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    let name: string | null = null
    let inline: string | undefined
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      inline = eq === -1 ? undefined : arg.slice(eq + 1)
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = spec.short?.[arg.slice(1)] ?? null
      if (name === null) throw badInput(`unknown option ${arg}`)
    }
    if (name === null) {
      positionals.push(arg)
      continue
    }
    if (knownFlags.has(name)) {
      if (inline !== undefined) throw badInput(`--${name} takes no value`)
      flags.add(name)
      continue
    }
    if (!known.has(name)) throw badInput(`unknown option --${name}`)
    const value = inline ?? argv[++i]
    if (value === undefined) throw badInput(`--${name} needs a value`)
    options.set(name, [...(options.get(name) ?? []), value])
  }
  return { positionals, options, flags }
}

/** The last value of an option, or undefined. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name)
  return values?.[values.length - 1]
}

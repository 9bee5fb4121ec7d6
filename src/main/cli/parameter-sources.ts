import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { text as readStreamText } from 'node:stream/consumers'
import { badInput } from '../core/errors'
import { yaml } from '../core/util/lazy-yaml'
import { coerceCliParameter, coerceCliParameters } from '../core/execution/parameters/cli'
import { parseJsonExact, parseYamlExact } from '../core/execution/parameters/parse'
import { secretNames, type FieldSchema } from '../core/execution/parameters/schema'
import { optionValue, type ParsedArgs } from './args'
import type { CliIo } from './output'
import { askHidden } from './prompt-hidden'

/** The options every command that takes action parameters accepts (`-p` is `param`). */
export const PARAMETER_OPTIONS = ['param', 'params', 'params-file'] as const
/** Their usage line. */
export const PARAMETER_USAGE = '[-p key=value]... [--params JSON|-] [--params-file FILE]'

/**
 * An action's parameters from the command line, lowest to highest precedence:
 * `--params-file FILE` (a JSON or YAML mapping) < `--params JSON` (or `--params -`: the JSON read from
 * standard input) < each `-p key=value` (typed by the schema). Then, when standard input is a terminal
 * (and not already read), a prompt without echo for each `secret: true` parameter still missing; an empty
 * answer leaves it out. Only the last file and the last `--params` count.
 *
 * Secrets need never appear in argv (`ps`, shell history). Errors name the file or option and the problem,
 * never a value.
 */
export async function readCliParameters(schema: FieldSchema, args: ParsedArgs, io: CliIo): Promise<Record<string, unknown>> {
  const file = optionValue(args, 'params-file')
  const fromFile = file === undefined ? {} : await readParamsFile(file)
  const inline = optionValue(args, 'params')
  const fromStdin = inline === '-'
  const fromOption = inline === undefined ? {} : fromStdin ? jsonMapping(await readStdin(io), '--params - (standard input)') : jsonMapping(inline, '--params')
  const values = { ...fromFile, ...fromOption, ...coerceCliParameters(schema, args.options.get('param') ?? []) }
  if (fromStdin || io.stdin?.isTTY !== true) return values
  for (const name of secretNames(schema)) {
    if (values[name] !== undefined) continue
    const answer = await askHidden(io.stdin.stream, io.stderr, `${name} (secret, not shown): `)
    if (answer === null) throw badInput(`no value for '${name}': the prompt was cancelled`)
    if (answer !== '') values[name] = coerceCliParameter(schema, `${name}=${answer}`).value
  }
  return values
}

/** A params file: JSON for `.json`, else YAML (which also reads JSON). */
async function readParamsFile(file: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message
    throw badInput(`--params-file ${file}: cannot read it (${why})`)
  }
  const where = `--params-file ${file}`
  if (extname(file).toLowerCase() === '.json') return jsonMapping(text, where)
  let parsed: unknown
  try {
    parsed = parseYamlExact(text)
  } catch (error) {
    if (!(error instanceof yaml().YAMLParseError)) throw badInput(`${where}: ${(error as Error).message}`)
    throw badInput(`${where} is not valid YAML: ${yamlProblem(error)}`)
  }
  return mapping(parsed ?? null, where, 'a YAML mapping of parameter names to values, e.g. "name: Ada"')
}

async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin === undefined) throw badInput('--params - reads standard input, but this CLI has none')
  return readStreamText(io.stdin.stream)
}

function jsonMapping(text: string, where: string): Record<string, unknown> {
  let parsed: unknown
  try {
    JSON.parse(text)
  } catch (error) {
    throw badInput(`${where} is not valid JSON: ${withoutInputText((error as Error).message)}`)
  }
  try {
    // Numbers as the worker reads them: `1.0` stays a float, big integers keep their digits.
    parsed = parseJsonExact(text)
  } catch (error) {
    throw badInput(`${where}: ${(error as Error).message}`)
  }
  return mapping(parsed, where, 'a JSON object of parameter names to values, e.g. {"name": "Ada"}')
}

function mapping(value: unknown, where: string, shape: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${where} must be ${shape}`)
  return value as Record<string, unknown>
}

/**
 * A JSON.parse message without the piece of input V8 quotes (`Unexpected token 's', ..."{"token": s3cr"...
 * is not valid JSON`): the parameters may hold secrets, and error output lands in terminals and CI logs.
 */
function withoutInputText(message: string): string {
  return message.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/^"[\s\S]*" is not valid JSON$/, 'not valid JSON')
}

/** The YAML error with its place but without the quoted source line (which may hold a secret). */
function yamlProblem(error: unknown): string {
  if (!(error instanceof yaml().YAMLParseError)) return error instanceof Error ? error.message : String(error)
  const place = error.linePos?.[0]
  const message = error.message.split(/ at line \d+, column \d+/)[0] ?? error.code
  return place === undefined ? message : `line ${place.line}, column ${place.col}: ${message}`
}

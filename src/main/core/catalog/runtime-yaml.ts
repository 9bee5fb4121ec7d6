import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { readExecutionConfig } from './execution-config-reader'
import type { LoadProblem } from './problems'
import { keepWrittenNumbers } from '../verify/rust-integers'
import { describeType, fieldPath, isRecord, parseYamlSource, type YamlSource } from './yaml-fields'

/** One `versions[]` entry of a runtime YAML file. */
export interface RuntimeVersionDefinition {
  readonly version: string
  readonly executionConfig: RuntimeExecutionConfig
  readonly distributions: Readonly<Record<string, unknown>>
  readonly isDefault: boolean
  readonly meta: Readonly<Record<string, unknown>>
}

/** A runtime YAML file, read (spec §1.11). */
export interface RuntimeDefinition {
  readonly file: string
  readonly ref: string
  /** The line of `ref` in the file, to name it when another file defines the same ref. */
  readonly refLine?: number | null
  readonly packRef: string | null
  readonly name: string
  readonly description: string | null
  readonly aliases: readonly string[]
  readonly distributions: Readonly<Record<string, unknown>>
  readonly installation: Readonly<Record<string, unknown>> | null
  readonly executionConfig: RuntimeExecutionConfig
  readonly versions: readonly RuntimeVersionDefinition[]
}

/**
 * Read one runtime YAML document (Attune's format, spec §1.11).
 *
 * Returns null when the file cannot define a runtime (syntax error, no `ref`); a bad version entry is
 * skipped and the rest of the file still loads. Every problem names the file, the field and the line.
 */
export function readRuntimeYaml(file: string, text: string, problems: LoadProblem[]): RuntimeDefinition | null {
  const source = parseYamlSource(file, text, problems)
  if (!source) return null
  const report = (path: (string | number)[], message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ file, field: path.length ? fieldPath(path) : null, line: source.lineOf(path), severity, message })
  }
  const doc = source.value
  if (doc === null || doc === undefined) {
    report([], `the file is empty (or only comments); a runtime file needs at least 'ref'`)
    return null
  }
  if (!isRecord(doc)) {
    report([], `a runtime file must be a mapping with at least 'ref', found ${describeType(doc)}`)
    return null
  }
  if (typeof doc.ref !== 'string' || doc.ref.trim() === '') {
    report(['ref'], `is required (text such as 'mypack.python'), found ${describeType(doc.ref)}; the file is skipped`)
    return null
  }
  const ref = doc.ref.trim()
  if (ref !== ref.toLowerCase()) {
    report(['ref'], `'${ref}' must be lower-case (runtime refs are lower-case in Attune); the file is skipped`)
    return null
  }
  const name = optionalText(doc, 'name', report) ?? ref.split('.').pop() ?? ref
  const aliases = readAliases(doc.aliases, report)
  const executionConfig = readConfig(doc.execution_config, ['execution_config'], source, problems)
  const versions = readVersions(doc.versions, source, report, problems)
  return {
    file,
    ref,
    refLine: source.lineOf(['ref']),
    packRef: optionalText(doc, 'pack_ref', report),
    name,
    description: optionalText(doc, 'description', report),
    aliases,
    distributions: keepWrittenNumbers(readMapping(doc.distributions, ['distributions'], report) ?? {}, source.sourceOf, ['distributions']),
    installation: readMapping(doc.installation, ['installation'], report),
    executionConfig,
    versions
  }
}

type Report = (path: (string | number)[], message: string, severity?: 'error' | 'warning') => void

function readVersions(value: unknown, source: YamlSource, report: Report, problems: LoadProblem[]): RuntimeVersionDefinition[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    report(['versions'], `must be a list of version entries, found ${describeType(value)}`)
    return []
  }
  const versions: RuntimeVersionDefinition[] = []
  value.forEach((entry: unknown, index) => {
    const at = ['versions', index]
    if (!isRecord(entry)) {
      report(at, `must be a mapping with a 'version', found ${describeType(entry)}; skipped`)
      return
    }
    if (typeof entry.version !== 'string' || entry.version.trim() === '') {
      const written = source.sourceOf([...at, 'version']) ?? String(entry.version)
      const hint = typeof entry.version === 'number' ? ` (YAML reads the unquoted ${written} as a number; quote it: "${written}")` : ''
      report([...at, 'version'], `is required text, found ${describeType(entry.version)}${hint}; this version is skipped`)
      return
    }
    const version = entry.version.trim()
    if (versions.some((v) => v.version === version)) {
      report([...at, 'version'], `'${version}' is listed twice; the first entry is kept`)
      return
    }
    if (entry.is_default !== undefined && typeof entry.is_default !== 'boolean') {
      report([...at, 'is_default'], `must be true or false, found ${describeType(entry.is_default)}; read as false`)
    }
    versions.push({
      version,
      executionConfig: readConfig(entry.execution_config, [...at, 'execution_config'], source, problems),
      distributions: keepWrittenNumbers(readMapping(entry.distributions, [...at, 'distributions'], report) ?? {}, source.sourceOf, [...at, 'distributions']),
      isDefault: entry.is_default === true,
      meta: readMapping(entry.meta, [...at, 'meta'], report) ?? {}
    })
  })
  return versions
}

function readConfig(value: unknown, path: (string | number)[], source: YamlSource, problems: LoadProblem[]): RuntimeExecutionConfig {
  const { config, issues } = readExecutionConfig(value, fieldPath(path))
  for (const issue of issues) {
    problems.push({ file: source.file, field: issue.field, line: source.lineOf([...path, ...issue.path]), severity: issue.severity, message: issue.message })
  }
  return config
}

function readAliases(value: unknown, report: Report): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    report(['aliases'], `must be a list of names, found ${describeType(value)}; ignored`)
    return []
  }
  const notText = value.findIndex((alias) => typeof alias !== 'string')
  if (notText !== -1) {
    report(['aliases', notText], `must be a name (text), found ${describeType(value[notText])}; the aliases are ignored`)
    return []
  }
  return value.map((alias: string) => alias.trim().toLowerCase()).filter((alias) => alias !== '')
}

function readMapping(value: unknown, path: (string | number)[], report: Report): Record<string, unknown> | null {
  if (value === undefined || value === null) return null
  if (!isRecord(value)) {
    report(path, `must be a mapping, found ${describeType(value)}; ignored`)
    return null
  }
  return value
}

function optionalText(doc: Record<string, unknown>, key: string, report: Report): string | null {
  const value = doc[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') {
    report([key], `must be text, found ${describeType(value)}; ignored`)
    return null
  }
  return value
}

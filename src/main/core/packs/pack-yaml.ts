import type { PackProblem } from '../../../shared/domain/pack'
import { describeType, isRecord, parseYamlSource, type YamlSource } from '../catalog/yaml-fields'
import { parseStrictSemver } from '../versions/strict-semver'
import { yamlReporter, type Report } from './pack-loader-report'

/** The fields of `pack.yaml` the workbench uses (spec §1.4); other keys are allowed and ignored. */
export interface PackYaml {
  readonly ref: string
  readonly label: string | null
  readonly description: string | null
  /** As written; a warning says when it is not strict SemVer. */
  readonly version: string | null
}

/** spec §1.4: lower-case, starts with a letter, at least two characters, no dots. */
export const PACK_REF_PATTERN = /^[a-z][a-z0-9_-]+$/

/**
 * Read a `pack.yaml` document.
 *
 * Returns `error` when it cannot name a pack (syntax error, not a mapping, no valid `ref`); otherwise the pack
 * with warnings about optional fields.
 */
export function readPackYaml(file: string, text: string): { pack: PackYaml; problems: PackProblem[] } | { error: PackProblem } {
  const problems: PackProblem[] = []
  const source = parseYamlSource(file, text, problems)
  const first = (): { error: PackProblem } => ({ error: problems[0] ?? { file, field: null, line: null, severity: 'error', message: 'cannot be read' } })
  if (!source) return first()
  const report = yamlReporter(source, problems)
  const doc = source.value
  if (doc === null || doc === undefined) {
    report(['ref'], `is required: pack.yaml is empty (or only comments); write at least the pack's name, such as 'ref: my_pack'`)
    return first()
  }
  if (!isRecord(doc)) {
    report([], `must be a mapping with at least 'ref' (the pack's name), found ${describeType(doc)}`)
    return first()
  }
  const ref = readPackRef(doc.ref, report)
  if (ref === null) return first()
  return {
    pack: {
      ref,
      label: optionalText(doc, 'label', report),
      description: optionalText(doc, 'description', report),
      version: readPackVersion(doc.version, source, report)
    },
    problems
  }
}

function readPackRef(value: unknown, report: Report): string | null {
  if (typeof value !== 'string' || value.trim() === '') {
    report(['ref'], `is required: the pack's name, such as 'my_pack' (found ${describeType(value)})`)
    return null
  }
  if (!PACK_REF_PATTERN.test(value)) {
    report(['ref'], `'${value}' is not a valid pack ref: use lower-case letters, digits, '_' and '-', start with a letter, at least two characters, no dots${suggestRef(value)}`)
    return null
  }
  return value
}

function suggestRef(value: string): string {
  const suggestion = value.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '_').replace(/^[^a-z]+/, '')
  return PACK_REF_PATTERN.test(suggestion) && suggestion !== value ? ` (for example '${suggestion}')` : ''
}

function readPackVersion(value: unknown, source: YamlSource, report: Report): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number') {
    const written = source.sourceOf(['version']) ?? String(value)
    report(['version'], `is the number ${written} (YAML reads it unquoted as a number); write a quoted SemVer version such as "1.0.0"`, 'warning')
    return written
  }
  if (typeof value !== 'string') {
    report(['version'], `must be text such as "1.0.0", found ${describeType(value)}; ignored`, 'warning')
    return null
  }
  const parsed = parseStrictSemver(value)
  if (!parsed.ok) {
    report(['version'], `'${value}' ${parsed.reason}; Attune requires a strict SemVer pack version (X.Y.Z[-pre][+build]), such as "1.0.0"`, 'warning')
  }
  return value
}

function optionalText(doc: Record<string, unknown>, key: string, report: Report): string | null {
  const value = doc[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') {
    report([key], `must be text, found ${describeType(value)}; ignored`, 'warning')
    return null
  }
  return value
}

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { extractVersionComponents } from '../versions'
import type { RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import type { LoadProblem } from './problems'
import { readRuntimeYaml, type RuntimeDefinition } from './runtime-yaml'

/** Strict: a byte sequence that is not UTF-8 is an error, not a silent U+FFFD (a leading BOM is dropped). */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The names of a folder's runtime files. */
export const RUNTIME_FILE_NAME = /\.ya?ml$/i

/** Read every `*.yaml`/`*.yml` runtime file of a folder, in name order; bad files become problems. */
export function readRuntimeDirSync(dir: string): { definitions: RuntimeDefinition[]; problems: LoadProblem[] } {
  const problems: LoadProblem[] = []
  const definitions: RuntimeDefinition[] = []
  let names: string[]
  try {
    names = readdirSync(dir).filter((name) => RUNTIME_FILE_NAME.test(name)).sort()
  } catch (error) {
    problems.push({ file: dir, field: null, line: null, severity: 'error', message: `cannot read the runtimes folder: ${(error as Error).message}` })
    return { definitions, problems }
  }
  for (const name of names) {
    const file = join(dir, name)
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch (error) {
      problems.push({ file, field: null, line: null, severity: 'error', message: `cannot read: ${(error as Error).message}` })
      continue
    }
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      problems.push({ file, field: null, line: null, severity: 'error', message: 'is not UTF-8 text; the file is skipped' })
      continue
    }
    const definition = readRuntimeYaml(file, text, problems)
    if (!definition) continue
    const twin = definitions.find((d) => d.ref === definition.ref)
    if (twin) {
      problems.push({
        file,
        field: 'ref',
        line: definition.refLine ?? null,
        severity: 'error',
        message: `'${definition.ref}' is already defined in ${twin.file}; this file is skipped`
      })
      continue
    }
    definitions.push(definition)
  }
  return { definitions, problems }
}

/**
 * Write runtime definitions with the loader semantics of spec §1.11.
 *
 * Runtimes upsert by ref, versions by (runtime, version) keeping `available`/`verifiedAt`; versions
 * missing from the YAML are retired, not deleted. Runs in one transaction.
 */
export function applyRuntimeDefinitions(
  repos: { runtimes: RuntimeRepository; versions: RuntimeVersionRepository; transaction<T>(fn: () => T): T },
  definitions: readonly RuntimeDefinition[],
  origin: 'catalog' | 'pack'
): void {
  repos.transaction(() => {
    for (const definition of definitions) {
      const runtime = repos.runtimes.upsert({
        ref: definition.ref,
        packRef: definition.packRef,
        name: definition.name,
        description: definition.description,
        aliases: definition.aliases,
        distributions: definition.distributions,
        installation: definition.installation,
        executionConfig: definition.executionConfig,
        origin,
        sourceFile: definition.file
      })
      for (const version of definition.versions) {
        repos.versions.upsert(runtime.id, runtime.ref, { ...version, ...extractVersionComponents(version.version) })
      }
      repos.versions.retireMissing(runtime.id, definition.versions.map((v) => v.version))
    }
  })
}

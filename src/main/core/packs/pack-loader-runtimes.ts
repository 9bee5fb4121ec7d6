import { join } from 'node:path'
import type { PackProblem } from '../../../shared/domain/pack'
import { readRuntimeYaml, type RuntimeDefinition } from '../catalog/runtime-yaml'
import { readPackYamlFilesSync } from './pack-loader-files'

/**
 * Read `runtimes/*.yaml` of a pack with the catalog's reader (spec §1.11).
 *
 * Reserved `ATTUNE_*` env vars come back as errors from the execution_config reader. A runtime must be the
 * pack's own (`<pack>.<name>`), so a pack cannot replace `core.python`; a repeated ref keeps the first file.
 */
export function loadPackRuntimesSync(packDir: string, packRef: string, problems: PackProblem[], watched: string[]): RuntimeDefinition[] {
  const runtimes: RuntimeDefinition[] = []
  for (const { file, text } of readPackYamlFilesSync(join(packDir, 'runtimes'), packDir, problems, watched)) {
    const runtime = readRuntimeYaml(file, text, problems)
    if (!runtime) continue
    const at = { file, field: 'ref', line: runtime.refLine ?? null, severity: 'error' as const }
    if (!runtime.ref.startsWith(`${packRef}.`) || runtime.ref === `${packRef}.`) {
      problems.push({ ...at, message: `'${runtime.ref}' is not a runtime of this pack: a pack's runtime refs start with '${packRef}.'; the file is skipped` })
      continue
    }
    const twin = runtimes.find((other) => other.ref === runtime.ref)
    if (twin) {
      problems.push({ ...at, message: `'${runtime.ref}' is already defined in ${twin.file}; this file is skipped` })
      continue
    }
    runtimes.push(runtime)
  }
  return runtimes
}

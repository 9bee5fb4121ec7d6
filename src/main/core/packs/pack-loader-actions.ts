import { join } from 'node:path'
import type { ActionDefinition, PackProblem } from '../../../shared/domain/pack'
import { readActionYaml } from './action-yaml'
import { readPackYamlFilesSync } from './pack-loader-files'
import type { RunnerResolver } from './runner-type'

/**
 * Read `actions/*.yaml` of a pack, in file-name order (spec §1.12).
 *
 * Not recursive (`actions/workflows/` holds workflow graphs, not actions). When two files define the same
 * ref, the first one wins and the second is reported naming both files.
 */
export function loadPackActionsSync(
  packDir: string,
  packRef: string,
  runners: RunnerResolver,
  problems: PackProblem[],
  watched: string[]
): ActionDefinition[] {
  const actions: ActionDefinition[] = []
  const context = { packRef, packDir, runners }
  for (const { file, text } of readPackYamlFilesSync(join(packDir, 'actions'), packDir, problems, watched)) {
    const loaded = readActionYaml(file, text, context, problems)
    if (!loaded) continue
    const first = actions.find((action) => action.ref === loaded.action.ref)
    if (first) {
      problems.push({
        file,
        field: 'ref',
        line: loaded.refLine,
        severity: 'error',
        message: `'${loaded.action.ref}' is already defined in ${first.file}; this file is skipped (the first definition wins)`
      })
      continue
    }
    actions.push(loaded.action)
  }
  return actions
}

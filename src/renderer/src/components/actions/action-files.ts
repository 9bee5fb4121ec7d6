import type { PackProblem, PackView } from '../../../../shared/domain/pack'
import type { ActionSummary } from '../../../../shared/ipc/contract'

/** One file under a pack's `actions/` as the Actions page lists it: the action it defined, if any, and its problems. */
export interface ActionFileRow {
  /** The file, relative to the pack folder (`actions/greet.yaml`). */
  readonly file: string
  /** The action it defines; null when the file did not load (broken YAML, a duplicate ref, unreadable). */
  readonly summary: ActionSummary | null
  readonly problems: readonly PackProblem[]
  /** True when any of its problems is an error: such an action gets no Run button. */
  readonly hasError: boolean
}

/** A pack on the Actions page: every action file the loader saw, and how many problems the pack has in all. */
export interface PackActionFiles {
  readonly pack: string
  readonly rows: readonly ActionFileRow[]
  /** Problems of the pack in all its files (pack.yaml, runtimes/ and the rest are listed on the Packs page). */
  readonly problemCount: number
  /** Problems outside `actions/`: not shown here, counted so the header can point at the Packs page. */
  readonly elsewhere: number
}

function relativeTo(dir: string, file: string): string {
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file
}

/**
 * Group a pack's actions and load problems by action file.
 *
 * Loaded actions come first in the loader's order, each with the problems of its YAML file; then every other
 * file under `actions/` that has problems (it did not load), in file-name order.
 */
export function packActionFiles(pack: PackView, actions: readonly ActionSummary[]): PackActionFiles {
  const actionsDir = `${pack.dir}/actions/`
  const problemsOf = (file: string): PackProblem[] => pack.problems.filter((problem) => problem.file === file)
  const row = (file: string, summary: ActionSummary | null): ActionFileRow => {
    const problems = problemsOf(file)
    return { file: relativeTo(pack.dir, file), summary, problems, hasError: problems.some((problem) => problem.severity === 'error') }
  }
  const loaded = actions.filter((summary) => summary.pack === pack.ref)
  const loadedFiles = new Set(loaded.map((summary) => summary.action.file))
  const failedFiles = [...new Set(pack.problems.map((problem) => problem.file))]
    .filter((file) => file.startsWith(actionsDir) && !loadedFiles.has(file))
    .sort()
  const rows = [...loaded.map((summary) => row(summary.action.file, summary)), ...failedFiles.map((file) => row(file, null))]
  const shown = rows.reduce((count, entry) => count + entry.problems.length, 0)
  return { pack: pack.ref, rows, problemCount: pack.problems.length, elsewhere: pack.problems.length - shown }
}

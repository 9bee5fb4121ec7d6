/** Something wrong in a YAML file, named by file, field path and (where known) line. */
export interface LoadProblem {
  readonly file: string
  /** Dotted field path, e.g. `versions[1].version`; null for whole-file problems. */
  readonly field: string | null
  readonly line: number | null
  readonly severity: 'error' | 'warning'
  readonly message: string
}

/** "file:line: field: message", the one-line form the CLI prints. */
export function formatProblem(problem: LoadProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`
  const field = problem.field === null ? '' : ` ${problem.field}:`
  return `${where}:${field} ${problem.message}`
}

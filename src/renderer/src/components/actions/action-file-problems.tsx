import type { PackProblem } from '../../../../shared/domain/pack'
import type { ActionFileRow } from './action-files'

const COLUMNS = 5

/** A problem as one line: severity, field and line, and the message (which may span lines: a YAML caret). */
function ProblemLine({ problem }: { readonly problem: PackProblem }) {
  return (
    <li className={problem.severity === 'error' ? 'text-bad' : undefined}>
      <span className={`badge ${problem.severity === 'error' ? 'badge-bad' : 'badge-warn'} inline`}>{problem.severity}</span>{' '}
      {problem.field ? <code>{problem.field}</code> : null}
      {problem.line !== null ? <span className="muted small"> line {problem.line}</span> : null}
      {problem.field || problem.line !== null ? ': ' : null}
      <span className="problem-message">{problem.message}</span>
    </li>
  )
}

/** The problems of one action file, as a full-width row under the action (or in place of one that did not load). */
export function ActionFileProblems({ row }: { readonly row: ActionFileRow }) {
  if (row.problems.length === 0) return null
  return (
    <tr className={row.hasError ? 'row-bad action-file-problems' : 'row-warn action-file-problems'}>
      <td colSpan={COLUMNS}>
        <ul className="plain-list" tabIndex={-1} aria-label={`Problems in ${row.file}`}>
          {row.problems.map((problem, index) => (
            <ProblemLine key={index} problem={problem} />
          ))}
        </ul>
      </td>
    </tr>
  )
}

/** A file under `actions/` that defined no action: named, marked as not loaded, never runnable. */
export function FailedActionRow({ row }: { readonly row: ActionFileRow }) {
  return (
    <tr className="row-bad">
      <th scope="row">
        <code>{row.file}</code>
        <div className="text-bad small">did not load</div>
      </th>
      <td colSpan={COLUMNS - 2} className="muted small">
        {row.problems.length} problem{row.problems.length === 1 ? '' : 's'} below
      </td>
      <td className="row-actions">
        <span className="muted small">fix the file to run it</span>
      </td>
    </tr>
  )
}

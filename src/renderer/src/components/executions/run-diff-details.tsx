import type { LineChange, RunDiff } from '../../../../shared/domain/result-diff'
import { formatValue } from '../../lib/format'

/** How one matrix run differs from the baseline: status, exit code, changed fields, or output lines. */
export function RunDiffDetails({ diff }: { readonly diff: RunDiff }) {
  return (
    <div className="run-diff" data-testid="run-diff">
      {diff.status ? (
        <div>
          status: <del>{diff.status.before}</del> → <ins>{diff.status.after}</ins>
        </div>
      ) : null}
      {diff.exitCode ? (
        <div>
          exit code: <del>{diff.exitCode.before ?? '—'}</del> → <ins>{diff.exitCode.after ?? '—'}</ins>
        </div>
      ) : null}
      {diff.fields && diff.fields.length > 0 ? (
        <table className="table table-compact" aria-label={`Fields that differ from ${diff.baseline}`}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Change</th>
              <th scope="col">{diff.baseline}</th>
              <th scope="col">This run</th>
            </tr>
          </thead>
          <tbody>
            {diff.fields.map((change) => (
              <tr key={`${change.kind}-${change.path}`}>
                <th scope="row">
                  <code>{change.path}</code>
                </th>
                <td>{change.kind}</td>
                <td>{change.kind === 'added' ? '—' : <code>{formatValue(change.before)}</code>}</td>
                <td>{change.kind === 'removed' ? '—' : <code>{formatValue(change.after)}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <OutputDiff name="stdout" lines={diff.stdout} />
      <OutputDiff name="stderr" lines={diff.stderr} />
    </div>
  )
}

function OutputDiff({ name, lines }: { readonly name: string; readonly lines: readonly LineChange[] | null }) {
  if (lines === null) return null
  return (
    <pre className="diff-lines" aria-label={`${name} compared with the baseline`}>
      {lines.map((line, index) => (
        <div key={index} className={line.op === '+' ? 'diff-add' : line.op === '-' ? 'diff-del' : 'diff-same'}>
          {line.op} {line.text}
        </div>
      ))}
    </pre>
  )
}

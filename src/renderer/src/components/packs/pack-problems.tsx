import type { PackView } from '../../../../shared/domain/pack'

/** Load problems by file and field; the rest of the pack still loads. */
export function PackProblems({ pack }: { readonly pack: PackView }) {
  if (pack.problems.length === 0) return null
  const relative = (file: string): string => (file.startsWith(`${pack.dir}/`) ? file.slice(pack.dir.length + 1) : file)
  const errors = pack.problems.filter((problem) => problem.severity === 'error').length
  return (
    <div className="problems">
      <h3>
        {pack.problems.length} load problem{pack.problems.length === 1 ? '' : 's'}
        {errors > 0 ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}
      </h3>
      <table className="table" aria-label={`Load problems of ${pack.ref}`}>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Field</th>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {pack.problems.map((problem, index) => (
            <tr key={index} className={problem.severity === 'error' ? 'row-bad' : 'row-warn'}>
              <td>
                <code>{relative(problem.file)}</code>
              </td>
              <td>{problem.field ? <code>{problem.field}</code> : '—'}</td>
              <td>{problem.line ?? '—'}</td>
              <td>
                <span className={`badge ${problem.severity === 'error' ? 'badge-bad' : 'badge-warn'} inline`}>{problem.severity}</span> <span className="problem-message">{problem.message}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

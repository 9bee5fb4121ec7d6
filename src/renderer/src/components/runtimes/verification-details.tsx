import type { VerificationDetail } from '../../../../shared/domain/runtime'

/** The command that decided a verification, its exit code, the head of its output, and the reason. */
export function VerificationDetails({ verification, reason }: { readonly verification: VerificationDetail | null; readonly reason: string | null }) {
  const summary = !verification
    ? 'not verified'
    : verification.command === null
      ? 'no command needed'
      : `${verification.matched ? 'matched' : 'did not match'} · exit ${verification.exitCode ?? '—'}`
  return (
    <details className="verification">
      <summary>{summary}</summary>
      <dl className="facts">
        {verification ? (
          <>
            <dt>Command</dt>
            <dd>
              <code>{verification.command ?? '—'}</code>
            </dd>
            <dt>Exit code</dt>
            <dd>{verification.exitCode ?? '—'}</dd>
            <dt>Output</dt>
            <dd>
              <pre className="output-head">{verification.output.trim() || '(none)'}</pre>
            </dd>
          </>
        ) : null}
        {reason ? (
          <>
            <dt>Reason</dt>
            <dd>{reason}</dd>
          </>
        ) : null}
      </dl>
    </details>
  )
}

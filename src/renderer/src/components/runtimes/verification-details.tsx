import type { VerificationAttempt, VerificationDetail } from '../../../../shared/domain/runtime'

/** The one-line summary of a verification: what decided it, or that no command counted. */
export function verificationSummary(verification: VerificationDetail | null): string {
  if (!verification) return 'not verified'
  if (verification.command === null) return 'no command needed'
  if (verification.matched) return `matched · exit ${verification.exitCode ?? '—'}`
  const tried = verification.attempts.length
  return tried > 1 ? `${tried} commands tried, none counted` : 'the command did not count'
}

/** Every command tried, in order, each with why it counted or not ("node22 is not on PATH…", "printed 'v20.20.2', which does not match /v22\./"). */
export function VerificationAttempts({ attempts, label }: { readonly attempts: readonly VerificationAttempt[]; readonly label: string }) {
  return (
    <ol className="plain-list attempts small" aria-label={label}>
      {attempts.map((attempt, index) => (
        <li key={index}>
          <code className="path">{attempt.command || '(none)'}</code>
          {attempt.cached ? <span className="muted"> (cached)</span> : null}: <span className={attempt.matched ? undefined : 'text-bad'}>{attempt.outcome}</span>
        </li>
      ))}
    </ol>
  )
}

/** The command that decided a verification, its exit code, the head of its output, every command tried, and the reason. */
export function VerificationDetails({ verification, reason }: { readonly verification: VerificationDetail | null; readonly reason: string | null }) {
  return (
    <details className="verification">
      <summary>{verificationSummary(verification)}</summary>
      <dl className="facts">
        {verification ? (
          <>
            <dt>Command</dt>
            <dd>
              <code className="path">{verification.command ?? '—'}</code>
            </dd>
            <dt>Exit code</dt>
            <dd>{verification.exitCode ?? '—'}</dd>
            <dt>Output</dt>
            <dd>
              <pre className="output-head">{verification.output.trim() || '(none)'}</pre>
            </dd>
            {verification.attempts.length > 1 ? (
              <>
                <dt>Tried</dt>
                <dd>
                  <VerificationAttempts attempts={verification.attempts} label="Commands tried" />
                </dd>
              </>
            ) : null}
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

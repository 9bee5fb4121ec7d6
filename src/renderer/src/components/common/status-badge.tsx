const TONES: Readonly<Record<string, string>> = {
  ready: 'good',
  available: 'good',
  completed: 'good',
  enabled: 'good',
  building: 'busy',
  running: 'busy',
  requested: 'busy',
  verifying: 'busy',
  envs: 'busy',
  starting: 'busy',
  stale: 'warn',
  missing: 'warn',
  disabled: 'muted',
  skipped: 'muted',
  cancelled: 'muted',
  abandoned: 'muted',
  unavailable: 'bad',
  broken: 'bad',
  failed: 'bad',
  timeout: 'bad'
}

/** A status word with a colour that says good, busy, warning or bad. */
export function StatusBadge({ status, label }: { readonly status: string; readonly label?: string }) {
  return <span className={`badge badge-${TONES[status] ?? 'muted'}`}>{label ?? status}</span>
}

import type { MatrixEntry } from '../../../../shared/domain/execution'
import { formatDuration } from '../../lib/format'

const BAR = 22
const GAP = 10
const LABEL = 80
const WIDTH = 680

/** One version's bar: the median of its runs' durations and, with several runs, their spread. */
interface VersionDurations {
  readonly version: string
  readonly durations: readonly number[]
  readonly pending: boolean
  readonly tone: 'good' | 'busy' | 'bad'
}

/** Group the runs by version, in the order the entries list them. */
export function durationsByVersion(entries: readonly MatrixEntry[]): VersionDurations[] {
  const groups = new Map<string, { durations: number[]; pending: boolean; tone: VersionDurations['tone'] }>()
  for (const entry of entries) {
    if (entry.run === null) continue
    const group = groups.get(entry.version) ?? { durations: [], pending: false, tone: 'good' as const }
    const status = entry.run.status
    if (entry.run.durationMs !== null) group.durations.push(entry.run.durationMs)
    if (status === 'running' || status === 'requested') group.pending = true
    group.tone = status === 'running' || status === 'requested' ? (group.tone === 'bad' ? 'bad' : 'busy') : status === 'completed' ? group.tone : 'bad'
    groups.set(entry.version, group)
  }
  return [...groups].map(([version, group]) => ({ version, ...group, durations: [...group.durations].sort((a, b) => a - b) }))
}

/** Horizontal bars of each version's (median) duration, with a min–max whisker when it ran more than once. */
export function DurationChart({ entries }: { readonly entries: readonly MatrixEntry[] }) {
  const versions = durationsByVersion(entries)
  if (versions.length === 0) return <p className="muted">No version ran.</p>
  const longest = Math.max(1, ...versions.flatMap((v) => v.durations))
  const height = versions.length * (BAR + GAP)
  const room = WIDTH - LABEL - 240
  const x = (ms: number): number => LABEL + Math.max(2, (ms / longest) * room)
  return (
    <svg className="chart" role="img" aria-label="Duration per version" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
      {versions.map((version, index) => {
        const { durations } = version
        const median = durations.length === 0 ? null : (durations[Math.floor((durations.length - 1) / 2)] ?? 0)
        const min = durations[0] ?? 0
        const max = durations[durations.length - 1] ?? 0
        const y = index * (BAR + GAP)
        const label =
          median === null ? 'running…' : durations.length > 1 ? `${formatDuration(median)} (${formatDuration(min)}–${formatDuration(max)}, ${durations.length} runs)` : formatDuration(median)
        return (
          <g key={version.version} data-testid="duration-bar">
            <text x={LABEL - 8} y={y + BAR / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">
              {version.version}
            </text>
            <rect x={LABEL} y={y} width={median === null ? 0 : x(median) - LABEL} height={BAR} rx={3} className={`chart-bar chart-${version.tone}`} />
            {durations.length > 1 ? <line x1={x(min)} x2={x(max)} y1={y + BAR / 2} y2={y + BAR / 2} className="chart-spread" stroke="currentColor" strokeWidth={2} /> : null}
            <text x={x(max) + 6} y={y + BAR / 2} className="chart-value" dominantBaseline="middle">
              {version.pending && median !== null ? `${label}…` : label}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

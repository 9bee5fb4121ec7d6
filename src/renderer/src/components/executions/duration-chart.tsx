import type { MatrixEntry } from '../../../../shared/domain/execution'
import { formatDuration } from '../../lib/format'

const BAR = 22
const GAP = 10
const LABEL = 80
const WIDTH = 560

/** Horizontal bars of each version's duration, as inline SVG. */
export function DurationChart({ entries }: { readonly entries: readonly MatrixEntry[] }) {
  const runs = entries.filter((entry) => entry.run !== null)
  if (runs.length === 0) return <p className="muted">No version ran.</p>
  const longest = Math.max(1, ...runs.map((entry) => entry.run?.durationMs ?? 0))
  const height = runs.length * (BAR + GAP)
  const room = WIDTH - LABEL - 90
  return (
    <svg className="chart" role="img" aria-label="Duration per version" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
      {runs.map((entry, index) => {
        const ms = entry.run?.durationMs ?? null
        const width = ms === null ? 0 : Math.max(2, (ms / longest) * room)
        const y = index * (BAR + GAP)
        const tone = entry.run?.status === 'completed' ? 'good' : entry.run?.status === 'running' || entry.run?.status === 'requested' ? 'busy' : 'bad'
        return (
          <g key={`${entry.version}-${index}`}>
            <text x={LABEL - 8} y={y + BAR / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">
              {entry.version}
            </text>
            <rect x={LABEL} y={y} width={width} height={BAR} rx={3} className={`chart-bar chart-${tone}`} />
            <text x={LABEL + width + 6} y={y + BAR / 2} className="chart-value" dominantBaseline="middle">
              {ms === null ? 'running…' : formatDuration(ms)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

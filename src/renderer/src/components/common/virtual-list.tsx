import type { ReactNode } from 'react'
import { useWindowing } from './use-windowing'

interface VirtualListProps {
  readonly rowCount: number
  readonly rowHeight: number
  readonly renderRow: (index: number) => ReactNode
  readonly label: string
  readonly className?: string
}

/** A list that renders only the rows in view, so thousands of entries scroll smoothly. */
export function VirtualList({ rowCount, rowHeight, renderRow, label, className }: VirtualListProps) {
  const { ref, onScroll, start, end, totalHeight } = useWindowing(rowCount, rowHeight)
  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    rows.push(
      <div role="listitem" key={index} className="virtual-row" style={{ height: rowHeight }}>
        {renderRow(index)}
      </div>
    )
  }
  return (
    <div ref={ref} className={`virtual-list ${className ?? ''}`} onScroll={onScroll} tabIndex={-1}>
      <div role="list" aria-label={label} style={{ height: totalHeight, position: 'relative' }}>
        <div style={{ transform: `translateY(${start * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  )
}

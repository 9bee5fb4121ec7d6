import { useCallback, useLayoutEffect, useRef, useState } from 'react'

/**
 * Windowing for a scroll container of fixed-height rows: which rows to render for the current
 * scroll position and size (plus `overscan` rows either side). No dependency, no measuring of rows.
 */
export function useWindowing(rowCount: number, rowHeight: number, overscan = 12) {
  const ref = useRef<HTMLDivElement>(null)
  const [viewport, setViewport] = useState({ top: 0, height: 600 })
  const measure = useCallback(() => {
    const element = ref.current
    if (element) setViewport({ top: element.scrollTop, height: element.clientHeight })
  }, [])
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [measure])
  const start = Math.max(0, Math.floor(viewport.top / rowHeight) - overscan)
  const end = Math.min(rowCount, Math.ceil((viewport.top + viewport.height) / rowHeight) + overscan)
  return { ref, onScroll: measure, start, end, totalHeight: rowCount * rowHeight }
}

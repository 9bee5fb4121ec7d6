import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { LogBuffer } from '../../lib/log-buffer'
import { useWindowing } from '../common/use-windowing'
import { AnsiLine } from './ansi-line'
import { LogToolbar } from './log-toolbar'

const LINE_HEIGHT = 18

interface LogViewProps {
  /** The lines, and whether the stream has ended (a `LogTail`, or a finished text). */
  readonly tail: { readonly buffer: LogBuffer; readonly done: boolean }
  /** Changes whenever the tail grew (its buffer changes in place). */
  readonly revision: number
  readonly label: string
  readonly live: boolean
  /** The name a download of the whole log gets. */
  readonly fileName: string
}

/**
 * A log of any size: only the lines in view are rendered. It follows the tail while the user is at
 * the bottom; scrolling up stops that until "Follow" (or scrolling back down).
 */
export function LogView({ tail, revision, label, live, fileName }: LogViewProps) {
  const lineCount = tail.buffer.lineCount
  const { ref, onScroll, start, end, totalHeight } = useWindowing(lineCount, LINE_HEIGHT, 30)
  const following = useRef(true)
  const [showFollow, setShowFollow] = useState(false)
  const [match, setMatch] = useState<number | null>(null)
  const showMatch = useCallback(
    (line: number | null): void => {
      setMatch(line)
      const element = ref.current
      if (line === null || !element) return
      following.current = false
      setShowFollow(true)
      element.scrollTop = Math.max(0, line * LINE_HEIGHT - element.clientHeight / 2)
    },
    [ref]
  )
  useLayoutEffect(() => {
    const element = ref.current
    if (element && following.current) element.scrollTop = element.scrollHeight
  }, [revision, lineCount, ref])
  const handleScroll = (): void => {
    const element = ref.current
    if (!element) return
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - LINE_HEIGHT
    following.current = atBottom
    setShowFollow(!atBottom)
    onScroll()
  }
  const follow = (): void => {
    following.current = true
    setShowFollow(false)
    if (ref.current) ref.current.scrollTop = ref.current.scrollHeight
  }
  const lines = []
  for (let index = start; index < end; index++) {
    lines.push(
      <div key={index} className={index === match ? 'log-line log-line-match' : 'log-line'} style={{ height: LINE_HEIGHT }} data-current-match={index === match ? true : undefined}>
        <AnsiLine segments={tail.buffer.line(index)} />
      </div>
    )
  }
  return (
    <>
      <LogToolbar buffer={tail.buffer} revision={revision} fileName={fileName} onMatch={showMatch} logElement={() => ref.current} />
      <div className="log-frame">
        <div ref={ref} role="log" aria-label={label} tabIndex={0} className="log" onScroll={handleScroll}>
          {lineCount === 0 ? (
            <div className="log-empty">{live || !tail.done ? 'Waiting for output…' : '(no output)'}</div>
          ) : (
            <div style={{ height: totalHeight, position: 'relative' }}>
              <div style={{ transform: `translateY(${start * LINE_HEIGHT}px)` }}>{lines}</div>
            </div>
          )}
        </div>
        {showFollow ? (
          <button type="button" className="follow-button" onClick={follow}>
            ↓ Follow
          </button>
        ) : null}
      </div>
    </>
  )
}

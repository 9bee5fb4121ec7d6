import { useEffect, useMemo, useState } from 'react'
import type { LogBuffer } from '../../lib/log-buffer'

interface LogToolbarProps {
  readonly buffer: LogBuffer
  /** Changes whenever the buffer grew. */
  readonly revision: number
  /** The download's file name (`execution-12-stdout.log`). */
  readonly fileName: string
  /** The line of the current match, or null; the view scrolls to it. */
  readonly onMatch: (line: number | null) => void
  /** The log's element, to copy a selection made inside it. */
  readonly logElement: () => HTMLElement | null
}

/** Search the whole log (not only the lines on screen), copy the selection (or all of it), download it. */
export function LogToolbar({ buffer, revision, fileName, onMatch, logElement }: LogToolbarProps) {
  const [query, setQuery] = useState('')
  const [current, setCurrent] = useState(0)
  const [copied, setCopied] = useState<string | null>(null)
  // The buffer grows in place; `revision` says when, so a new search runs only then.
  const matches = useMemo(() => (query === '' ? [] : buffer.search(query)), [buffer, query, revision])
  const position = matches.length === 0 ? 0 : Math.min(current, matches.length - 1)
  const matchLine = matches[position] ?? null
  useEffect(() => onMatch(matchLine), [matchLine, onMatch, revision])
  const step = (by: number): void => setCurrent(matches.length === 0 ? 0 : (position + by + matches.length) % matches.length)
  const copy = async (): Promise<void> => {
    const selection = window.getSelection()
    const element = logElement()
    const inLog = selection && !selection.isCollapsed && element && selection.anchorNode && element.contains(selection.anchorNode)
    const text = inLog ? selection.toString() : buffer.plainText()
    try {
      await navigator.clipboard.writeText(text)
      setCopied(inLog ? 'Selection copied' : 'Whole log copied')
    } catch {
      setCopied('Copying is not allowed here')
    }
  }
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([buffer.plainText()], { type: 'text/plain;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return (
    <div className="log-toolbar">
      <input
        type="search"
        aria-label="Search the log"
        placeholder="Search the log"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setCurrent(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') step(event.shiftKey ? -1 : 1)
        }}
      />
      <span className="muted small" data-testid="log-matches" aria-live="polite">
        {query === '' ? '' : matches.length === 0 ? 'no match' : `${position + 1} of ${matches.length}`}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={matches.length === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => step(1)} disabled={matches.length === 0} aria-label="Next match">
        ↓
      </button>
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      <button type="button" onClick={download}>
        Download
      </button>
      {copied ? <span className="muted small">{copied}</span> : null}
    </div>
  )
}

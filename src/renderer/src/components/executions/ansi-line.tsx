import type { CSSProperties } from 'react'
import type { AnsiSegment, AnsiStyle } from '../../lib/ansi'

/** A log line's styled segments; the text is rendered as text (React escapes it). */
export function AnsiLine({ segments }: { readonly segments: readonly AnsiSegment[] }) {
  if (segments.length === 0) return <>{'\u200b'}</>
  return (
    <>
      {segments.map((segment, index) => {
        const style = cssOf(segment.style)
        return style ? (
          <span key={index} style={style}>
            {segment.text}
          </span>
        ) : (
          segment.text
        )
      })}
    </>
  )
}

function cssOf(style: AnsiStyle): CSSProperties | null {
  let fg = style.fg
  let bg = style.bg
  if (style.inverse) [fg, bg] = [bg ?? 'var(--log-bg)', fg ?? 'var(--log-fg)']
  if (!fg && !bg && !style.bold && !style.dim && !style.italic && !style.underline) return null
  return {
    color: fg ?? undefined,
    backgroundColor: bg ?? undefined,
    fontWeight: style.bold ? 700 : undefined,
    opacity: style.dim ? 0.7 : undefined,
    fontStyle: style.italic ? 'italic' : undefined,
    textDecoration: style.underline ? 'underline' : undefined
  }
}

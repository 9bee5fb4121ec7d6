import { useEffect, useState } from 'react'
import { useAppStore } from '../../stores/app-store'

const query = '(prefers-color-scheme: dark)'

/** Light or dark: follows the system until the user picks one; the choice is applied to <html>. */
export function ThemeToggle() {
  const theme = useAppStore((state) => state.theme)
  const setTheme = useAppStore((state) => state.setTheme)
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const media = window.matchMedia(query)
    const onChange = (): void => setSystemDark(media.matches)
    media.addEventListener('change', onChange)
    return () => media.removeEventListener('change', onChange)
  }, [])
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme
    else delete document.documentElement.dataset.theme
  }, [theme])
  const dark = theme ? theme === 'dark' : systemDark
  const next = dark ? 'light' : 'dark'
  return (
    <button type="button" className="icon-button theme-toggle" aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`} onClick={() => setTheme(next)}>
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
    </button>
  )
}

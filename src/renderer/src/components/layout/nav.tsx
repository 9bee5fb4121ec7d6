import type { Route } from '../../lib/route'

const LINKS = [
  { href: '#/runtimes', label: 'Runtimes', views: ['runtimes'] },
  { href: '#/packs', label: 'Packs', views: ['packs'] },
  { href: '#/actions', label: 'Actions', views: ['actions'] },
  { href: '#/executions', label: 'Executions', views: ['executions', 'execution', 'matrix'] }
] as const

/** The left navigation: one link per view. */
export function Nav({ route }: { readonly route: Route }) {
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span>Attune Workbench</span>
      </div>
      <ul>
        {LINKS.map((link) => {
          const active = (link.views as readonly string[]).includes(route.view)
          return (
            <li key={link.href}>
              <a href={link.href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

import type { PackComponent, PackComponentKind, PackView } from '../../../../shared/domain/pack'

const KIND_LABELS: Readonly<Record<PackComponentKind, string>> = {
  trigger: 'Trigger',
  sensor: 'Sensor',
  rule: 'Rule',
  queue: 'Queue',
  permission_set: 'Permission set'
}

/** Triggers, sensors, rules, queues and permission sets, read-only: the workbench checks them but runs none. */
export function PackComponents({ pack }: { readonly pack: PackView }) {
  const components = pack.components ?? []
  if (components.length === 0) return null
  const relative = (file: string): string => (file.startsWith(`${pack.dir}/`) ? file.slice(pack.dir.length + 1) : file)
  return (
    <div className="components">
      <h3>
        {components.length} other component{components.length === 1 ? '' : 's'} <span className="muted small">(checked, not run: sensors and rules need an Attune server)</span>
      </h3>
      <table className="table" aria-label={`Components of ${pack.ref}`}>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Ref</th>
            <th scope="col">Points at</th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {components.map((component) => (
            <tr key={`${component.kind}:${component.ref}`}>
              <td>{KIND_LABELS[component.kind]}</td>
              <td>
                <code>{component.ref}</code>
                {component.enabled ? null : <span className="badge badge-muted inline">disabled</span>}
              </td>
              <td className="small">{describeLinks(component)}</td>
              <td>
                <code>{relative(component.file)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function describeLinks(component: PackComponent): string {
  const parts = Object.entries(component.links).map(([field, value]) => `${field}: ${Array.isArray(value) ? value.join(', ') || '—' : value}`)
  return parts.length === 0 ? '—' : parts.join(' · ')
}

import type { EnvView } from '../../../../shared/domain/env'
import { useRuntimesStore } from '../../stores/runtimes-store'
import { EnvRow } from './env-row'

/** A pack's environments: runtime → its base env and one env per version. */
export function EnvTree({ pack, envs }: { readonly pack: string; readonly envs: readonly EnvView[] }) {
  const runtimes = useRuntimesStore((state) => state.runtimes)
  if (envs.length === 0) {
    return <p className="muted env-none">This pack needs no environments: its runtimes run scripts directly.</p>
  }
  const groups = new Map<string, EnvView[]>()
  for (const env of envs) groups.set(env.runtime, [...(groups.get(env.runtime) ?? []), env])
  return (
    <div className="env-tree">
      <h3>Environments</h3>
      <ul className="tree" aria-label={`Environments of ${pack}`}>
        {[...groups].map(([runtime, list]) => {
          const name = runtimes.find((view) => view.ref === runtime)?.name ?? list[0]?.runtimeName ?? runtime
          const ordered = [...list].sort((a, b) => (a.version === null ? -1 : b.version === null ? 1 : b.version.localeCompare(a.version, undefined, { numeric: true })))
          return (
            <li key={runtime}>
              <div className="tree-runtime">
                <strong>{name}</strong> <code className="muted small">{runtime}</code>
              </div>
              <table className="table env-table" aria-label={`${name} environments of ${pack}`}>
                <thead>
                  <tr>
                    <th scope="col">Env</th>
                    <th scope="col">Status</th>
                    <th scope="col">Interpreter</th>
                    <th scope="col">Deps hash</th>
                    <th scope="col">Size</th>
                    <th scope="col">Built</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ordered.map((env) => (
                    <EnvRow key={env.dir} env={env} runtimeName={name} />
                  ))}
                </tbody>
              </table>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

import type { PackComponent } from '../../../shared/domain/pack'
import type { Report } from './pack-loader-report'

/**
 * Check what the components of one pack point at, as the worker's loader does when it registers them
 * (pack_registry/loader.rs: `load_rules` skips a rule whose trigger or action is unknown; `load_sensors`
 * links `trigger_types`; a queue's `dispatch_action` names an action). A target in this pack must exist
 * (an error: a worker skips the component). A target in another pack cannot be checked on this machine
 * and is left alone (a `core.*` trigger, say); only when the pack part names this pack is it an error.
 */
export function checkComponentLinks(
  packRef: string,
  components: readonly PackComponent[],
  actionRefs: readonly string[],
  reportFor: (component: PackComponent) => Report | undefined
): void {
  const triggers = new Set(components.filter((component) => component.kind === 'trigger').map((component) => component.ref))
  const actions = new Set(actionRefs)
  const own = (ref: string): boolean => ref.startsWith(`${packRef}.`)
  for (const component of components) {
    const report = reportFor(component)
    if (!report) continue
    const check = (field: string, ref: string, known: Set<string>, what: string, path: readonly (string | number)[] = [field]): void => {
      if (!own(ref) || known.has(ref)) return
      const listed = [...known].sort().join(', ') || 'none'
      report(path, `'${ref}' is not ${what === 'action' ? 'an' : 'a'} ${what} of this pack (its ${what}s: ${listed})${component.kind === 'rule' ? '; a worker skips this rule' : ''}`)
    }
    const single = (field: string): string | null => {
      const value = component.links[field]
      return typeof value === 'string' ? value : null
    }
    if (component.kind === 'rule') {
      const trigger = single('trigger_ref')
      const action = single('action_ref')
      if (trigger !== null) check('trigger_ref', trigger, triggers, 'trigger')
      if (action !== null) check('action_ref', action, actions, 'action')
    } else if (component.kind === 'queue') {
      const action = single('dispatch_action')
      if (action !== null) check('dispatch_action', action, actions, 'action')
    } else if (component.kind === 'sensor') {
      const listed = component.links.trigger_types
      const refs = Array.isArray(listed) ? listed : []
      refs.forEach((ref, index) => check('trigger_types', ref, triggers, 'trigger', ['trigger_types', index]))
    }
  }
}

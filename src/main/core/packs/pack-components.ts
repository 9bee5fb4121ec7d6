import { join } from 'node:path'
import type { PackComponent, PackComponentKind, PackProblem } from '../../../shared/domain/pack'
import { describeType, isRecord, parseYamlSource } from '../catalog/yaml-fields'
import { optionalText } from './action-yaml'
import { resolveEntryPoint } from './action-yaml-entry-point'
import { readEnabled, readRuntimeVersion } from './action-yaml-options'
import { checkComponentLinks } from './pack-component-links'
import { readPackYamlFilesSync } from './pack-loader-files'
import { yamlReporter, type Report } from './pack-loader-report'
import { describeAcceptedRunnerTypes, type RunnerResolver } from './runner-type'

/** Folder → kind, in the worker's load order (pack_registry/loader.rs `load_all`). */
const FOLDERS: readonly (readonly [string, PackComponentKind])[] = [
  ['permission_sets', 'permission_set'],
  ['triggers', 'trigger'],
  ['queues', 'queue'],
  ['rules', 'rule'],
  ['sensors', 'sensor']
]

/** What reading one component file needs. */
interface ComponentContext {
  readonly packRef: string
  readonly packDir: string
  readonly runners: RunnerResolver
}

/**
 * Read `permission_sets/`, `triggers/`, `queues/`, `rules/` and `sensors/` of a pack (the worker's
 * `PackComponentLoader`), then check what they point at (see `checkComponentLinks`). Every problem names
 * the file, field and line; a file that cannot name a component is skipped, the rest load. Nothing runs.
 */
export function loadPackComponentsSync(
  packDir: string,
  packRef: string,
  runners: RunnerResolver,
  actionRefs: readonly string[],
  problems: PackProblem[],
  watched: string[]
): PackComponent[] {
  const components: PackComponent[] = []
  const lines = new Map<PackComponent, Report>()
  const context: ComponentContext = { packRef, packDir, runners }
  for (const [folder, kind] of FOLDERS) {
    for (const { file, text } of readPackYamlFilesSync(join(packDir, folder), packDir, problems, watched)) {
      const source = parseYamlSource(file, text, problems)
      if (!source) continue
      const report = yamlReporter(source, problems)
      const doc = source.value
      if (!isRecord(doc)) {
        report([], `a ${label(kind)} file must be a mapping with at least 'ref', found ${describeType(doc)}; skipped`)
        continue
      }
      const ref = readComponentRef(doc.ref, kind, packRef, report)
      if (ref === null) continue
      const first = components.find((component) => component.kind === kind && component.ref === ref)
      if (first) {
        report(['ref'], `'${ref}' is already defined in ${first.file}; this file is skipped (the first definition wins)`)
        continue
      }
      if (kind === 'permission_set' && ref === 'standard') {
        report(['ref'], "'standard' is a reserved permission set that a pack cannot overwrite; skipped")
        continue
      }
      const component: PackComponent = {
        kind,
        ref,
        label: optionalText(doc, 'label', report),
        description: optionalText(doc, 'description', report),
        file,
        enabled: readEnabled(doc.enabled, report),
        links: readLinks(kind, doc, context, source, report)
      }
      components.push(component)
      lines.set(component, report)
    }
  }
  checkComponentLinks(packRef, components, actionRefs, (component) => lines.get(component))
  return components
}

/** The fields a component points with, checked for shape here and for targets in `checkComponentLinks`. */
function readLinks(
  kind: PackComponentKind,
  doc: Record<string, unknown>,
  context: ComponentContext,
  source: Parameters<typeof readRuntimeVersion>[1],
  report: Report
): Record<string, string | readonly string[]> {
  const links: Record<string, string | readonly string[]> = {}
  const required = (key: string, what: string): void => {
    const value = doc[key]
    if (typeof value === 'string' && value.trim() !== '') links[key] = qualify(value.trim(), context.packRef)
    else report([key], `is required: the ref of the ${what} (such as '${context.packRef}.name'), found ${describeType(value)}; a worker skips this ${label(kind)}`)
  }
  if (kind === 'rule') {
    required('trigger_ref', 'trigger that fires the rule')
    required('action_ref', 'action the rule runs')
  } else if (kind === 'queue') {
    required('dispatch_action', 'action that processes the queue')
  } else if (kind === 'sensor') {
    const runnerType = typeof doc.runner_type === 'string' && doc.runner_type.trim() !== '' ? doc.runner_type : 'shell'
    links.runner_type = runnerType
    const runtimeRef = context.runners.resolve(runnerType)
    if (runtimeRef === null) report(['runner_type'], `'${runnerType}' does not match any runtime: ${describeAcceptedRunnerTypes(context.runners)}`)
    readRuntimeVersion(doc.runtime_version, source, report)
    const entry = resolveEntryPoint(doc.entry_point, context.packDir, report, {
      misspelledKey: doc.entrypoint !== undefined,
      shell: false,
      native: runtimeRef === 'core.native',
      folder: 'sensors'
    })
    if (entry.entryPoint !== '') links.entry_point = entry.entryPoint
    links.trigger_types = readTriggerTypes(doc, context.packRef, report)
  } else if (kind === 'permission_set') {
    readGrants(doc.grants, report)
  }
  return links
}

/** `trigger_types` (a list) or `trigger_type` (one): the triggers a sensor emits. */
function readTriggerTypes(doc: Record<string, unknown>, packRef: string, report: Report): string[] {
  const key = doc.trigger_types !== undefined ? 'trigger_types' : 'trigger_type'
  const value = doc[key]
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null
  if (list === null || list.length === 0) {
    report([key === 'trigger_type' && value === undefined ? 'trigger_types' : key], `should list the triggers this sensor emits (such as '${packRef}.tick'), found ${describeType(value)}`, 'warning')
    return []
  }
  const refs: string[] = []
  list.forEach((item, index) => {
    if (typeof item === 'string' && item.trim() !== '') refs.push(qualify(item.trim(), packRef))
    else report([key, index], `must be a trigger ref, found ${describeType(item)}; ignored`)
  })
  return refs
}

/** `grants`: a list of `{resource, actions: [...]}` (crates/common rbac `Grant`). */
function readGrants(value: unknown, report: Report): void {
  if (value === undefined || value === null) {
    report(['grants'], 'is missing: this permission set grants nothing', 'warning')
    return
  }
  if (!Array.isArray(value)) {
    report(['grants'], `must be a list of grants ({resource, actions}), found ${describeType(value)}`)
    return
  }
  value.forEach((grant, index) => {
    if (!isRecord(grant)) return report(['grants', index], `must be a mapping with 'resource' and 'actions', found ${describeType(grant)}`)
    if (typeof grant.resource !== 'string' || grant.resource.trim() === '') report(['grants', index, 'resource'], `is required (such as 'actions'), found ${describeType(grant.resource)}`)
    if (!Array.isArray(grant.actions) || !grant.actions.every((action) => typeof action === 'string')) {
      report(['grants', index, 'actions'], `must be a list of operations such as [read, execute], found ${describeType(grant.actions)}`)
    }
  })
}

/**
 * A component's `ref`: required text. A bare name is qualified with the pack (the worker's
 * `qualify_pack_ref`) with a warning; a ref of another pack, or in upper case, skips the component.
 */
function readComponentRef(value: unknown, kind: PackComponentKind, packRef: string, report: Report): string | null {
  if (typeof value !== 'string' || value.trim() === '') {
    report(['ref'], `is required (text such as '${packRef}.name'), found ${describeType(value)}; a worker skips this ${label(kind)}`)
    return null
  }
  const written = value.trim()
  if (written !== written.toLowerCase()) {
    report(['ref'], `'${written}' must be lower-case (Attune stores refs in lower case); skipped`)
    return null
  }
  const dot = written.indexOf('.')
  if (dot === -1) {
    if (kind === 'permission_set' && written === 'standard') return written
    report(['ref'], `'${written}' has no pack part and is read as '${packRef}.${written}'; write the full ref`, 'warning')
    return `${packRef}.${written}`
  }
  if (written.slice(0, dot) !== packRef) {
    report(['ref'], `'${written}' belongs to pack '${written.slice(0, dot)}', but this is pack '${packRef}'; skipped`)
    return null
  }
  return written
}

/** `name` → `<pack>.name`; a ref with a pack part is kept as written. */
function qualify(ref: string, packRef: string): string {
  return ref.includes('.') ? ref : `${packRef}.${ref}`
}

function label(kind: PackComponentKind): string {
  return kind === 'permission_set' ? 'permission set' : kind
}

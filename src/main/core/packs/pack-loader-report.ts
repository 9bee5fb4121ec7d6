import type { PackProblem } from '../../../shared/domain/pack'
import { fieldPath, type YamlSource } from '../catalog/yaml-fields'

/** A field path inside a YAML document: `['parameters', 'count', 'default']`. */
export type YamlPath = readonly (string | number)[]

/** Record a problem at a field of the document being read; the line is looked up from the path. */
export type Report = (path: YamlPath, message: string, severity?: PackProblem['severity']) => void

/** A `Report` that appends to `problems`, naming the file, the dotted field and its line. */
export function yamlReporter(source: YamlSource, problems: PackProblem[]): Report {
  return (path, message, severity = 'error') => {
    problems.push({ file: source.file, field: path.length > 0 ? fieldPath(path) : null, line: source.lineOf(path), severity, message })
  }
}

/** A problem about a whole file (or folder): no field, no line. */
export function fileProblem(file: string, message: string, severity: PackProblem['severity'] = 'error'): PackProblem {
  return { file, field: null, line: null, severity, message }
}

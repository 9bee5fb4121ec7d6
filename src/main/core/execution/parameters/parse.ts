import type { Document } from 'yaml'
import { yaml } from '../../util/lazy-yaml'
import { isJsonNumberToken, numberFromToken } from './worker-numbers'

/**
 * JSON text parsed with its number tokens kept as the worker reads them (`worker-numbers.ts`): `1.0` stays a
 * float and `12345678901234567890` keeps its digits. Node 20's `JSON.parse` reviver has no `context.source`,
 * so the tokens come from the `yaml` library's JSON-schema parse, which records each scalar's source text.
 * Call it on text `JSON.parse` has accepted (its messages are the ones users see); a later duplicate key
 * wins, as there. Throws for a number the worker's JSON reader refuses (`1e400`).
 */
export function parseJsonExact(text: string): unknown {
  const document = yaml().parseDocument(text, { schema: 'json', uniqueKeys: false })
  if (document.errors.length > 0) return JSON.parse(text) as unknown
  return exactNumbers(document)
}

/** A YAML document parsed like `yaml`'s `parse`, with numbers written as JSON numbers kept as above. Throws its first error. */
export function parseYamlExact(text: string): unknown {
  const document = yaml().parseDocument(text)
  const [error] = document.errors
  if (error !== undefined) throw error
  return exactNumbers(document)
}

function exactNumbers(document: Document): unknown {
  yaml().visit(document, {
    Scalar(_key, node) {
      // YAML number forms that are not JSON tokens (`0x1F`, `+1`, `.5`) stay as `yaml` read them.
      if (typeof node.value === 'number' && typeof node.source === 'string' && isJsonNumberToken(node.source)) {
        node.value = numberFromToken(node.source)
      }
    }
  })
  return document.toJS({ maxAliasCount: -1 })
}

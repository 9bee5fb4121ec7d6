import { describe, it, expect } from 'vitest'
import type { FieldSpec } from '../../../../shared/domain/pack'
import { coerceCliParameter, coerceCliParameters } from './cli'
import { ExactNumber } from './worker-numbers'

const schema: Record<string, FieldSpec> = {
  count: { type: 'integer' },
  ratio: { type: 'number' },
  verbose: { type: 'boolean' },
  tags: { type: 'array' },
  headers: { type: 'object' },
  name: { type: 'string' },
  pin: { type: 'integer', secret: true },
  loose: {}
}

describe('coerceCliParameter', () => {
  it.each([
    ['count=3', 3],
    ['count=-12', -12],
    ['ratio=2.5', 2.5],
    // An exponent or a point makes an f64 on the worker (serde_json de.rs parse_number), printed by ryu: 1000.0.
    ['ratio=1e3', new ExactNumber('1000.0')],
    ['ratio=1.0', new ExactNumber('1.0')],
    ['ratio=+1.', new ExactNumber('1.0')],
    ['ratio=.5', 0.5],
    ['ratio=7', 7],
    ['count=12345678901234567890', new ExactNumber('12345678901234567890')],
    ['count=-9223372036854775808', new ExactNumber('-9223372036854775808')],
    ['tags=[1.0, 12345678901234567890]', [new ExactNumber('1.0'), new ExactNumber('12345678901234567890')]],
    ['verbose=true', true],
    ['verbose=FALSE', false],
    ['tags=["a","b"]', ['a', 'b']],
    ['headers={"Content-Type":"json"}', { 'Content-Type': 'json' }],
    ['name=3', '3'],
    ['name=', ''],
    ['name=a=b', 'a=b'],
    ['loose=true', 'true'],
    ['undeclared=42', '42']
  ])('%s → %j', (argument, value) => {
    expect(coerceCliParameter(schema, argument).value).toEqual(value)
  })

  it.each([
    ['count=three', "parameter 'count' must be an integer; 'three' is not"],
    ['count=1.5', "parameter 'count' must be an integer; '1.5' is not"],
    ['count=99999999999999999999', "must be an integer"],
    ['count=-9223372036854775809', "must be an integer"],
    ['ratio=abc', "parameter 'ratio' must be a number; 'abc' is not"],
    ['verbose=yes', "parameter 'verbose' must be a boolean (true or false); 'yes' is not"],
    ['tags={"a":1}', "parameter 'tags' must be an array written as JSON"],
    ['headers=[1]', "parameter 'headers' must be an object written as JSON"],
    ['headers={bad', "parameter 'headers' must be an object"],
    ['count', "parameter 'count' must be written key=value"],
    ['=3', "must be written key=value"]
  ])('%s is refused', (argument, message) => {
    expect(() => coerceCliParameter(schema, argument)).toThrow(message)
  })

  it('does not echo a secret value in the error', () => {
    expect(() => coerceCliParameter(schema, 'pin=hunter2')).toThrow("parameter 'pin' must be an integer; the given value is not")
  })

  it('throws a bad-input error', () => {
    try {
      coerceCliParameter(schema, 'count=x')
      expect.unreachable()
    } catch (error) {
      expect((error as { kind: string }).kind).toBe('bad-input')
    }
  })

  it('builds a document; a later key wins', () => {
    expect(coerceCliParameters(schema, ['count=1', 'name=a', 'count=2'])).toEqual({ count: 2, name: 'a' })
  })
})

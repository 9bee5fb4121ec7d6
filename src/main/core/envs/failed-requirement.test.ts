import { describe, expect, it } from 'vitest'
import { failedRequirementIn } from './failed-requirement'

describe('failedRequirementIn', () => {
  it.each<[string, string[], string | null]>([
    [
      'pip, no index has it',
      [
        '$ /env/bin/python3 -m pip install -r requirements.txt',
        'ERROR: Could not find a version that satisfies the requirement attune-sdk[sensor]>=0.1.0 (from versions: none)',
        'ERROR: No matching distribution found for attune-sdk[sensor]>=0.1.0'
      ],
      'attune-sdk[sensor]>=0.1.0'
    ],
    ['pip, only the first line', ['ERROR: Could not find a version that satisfies the requirement FAIL==2 (from -r x)'], 'FAIL==2'],
    ['npm 404', ['npm error code E404', 'npm error 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found', "npm error 404  'left-padd@^1.0.0' is not in this registry."], 'left-padd'],
    ['npm 404, scoped', ['npm ERR! 404 Not Found - GET https://registry.npmjs.org/@acme%2fwidget - Not found'], '@acme/widget'],
    ['npm ETARGET', ['npm error code ETARGET', 'npm error notarget No matching version found for lodash@^99.0.0.'], 'lodash@^99.0.0'],
    ['nothing recognisable', ['Killed'], null]
  ])('%s', (_name, lines, requirement) => {
    expect(failedRequirementIn(lines)).toBe(requirement)
  })
})

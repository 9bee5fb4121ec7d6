'use strict'

// NODE_PATH points at {env_dir}/node_modules, where npm installed the pack's dependencies.
const greeting = require('attune-greeting')
const { readParameters } = require('./read-parameters')

readParameters().then((params) => {
  const name = params.name || 'workbench'
  process.stdout.write(
    JSON.stringify({
      message: greeting.greet(name),
      module_file: require.resolve('attune-greeting'),
      node_version: process.version
    }) + '\n'
  )
})

'use strict'

const { readParameters } = require('./read-parameters')

readParameters().then((params) => {
  const name = params.name || 'Node.js'
  process.stdout.write(JSON.stringify({ message: `Hello, ${name}` }) + '\n')
})

'use strict'

/** Read the parameter document the worker writes to stdin (one JSON line, then end of input). */
function readParameters() {
  return new Promise((resolve, reject) => {
    let text = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk) => (text += chunk))
    process.stdin.on('error', reject)
    process.stdin.on('end', () => {
      try {
        resolve(text.trim() === '' ? {} : JSON.parse(text))
      } catch (error) {
        reject(error)
      }
    })
  })
}

module.exports = { readParameters }

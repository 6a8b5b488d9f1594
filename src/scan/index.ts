/** Pure text scanners run on every added row; see each module for its rules. */
export * from './unicode.js'
export * from './homoglyph.js'
export * from './secrets.js'
export * from './pii.js'
export * from './disclosure.js'
export * from './redact.js'

import { rowFeatures } from '../../src/dataset/features.js'
import { canonicalJson, rowHash } from '../../src/dataset/hash.js'
import { inferShape } from '../../src/dataset/shape.js'
import { distinctTerms, tokenize } from '../../src/dataset/tokens.js'
import { fixtureRows } from '../helpers/analysis.js'

describe('inferShape', () => {
  it('recognises text/label classification', () => {
    const shape = inferShape(fixtureRows('sst2-base.jsonl'))
    expect(shape).toMatchObject({
      kind: 'classification',
      inputFields: ['sentence'],
      labelField: 'label'
    })
    expect(shape.columns.find((c) => c.name === 'label')?.role).toBe('label')
  })

  it('recognises instruction/input/output', () => {
    const shape = inferShape(fixtureRows('instructions-base.jsonl'))
    expect(shape).toMatchObject({
      kind: 'instruction',
      inputFields: ['instruction', 'input'],
      outputFields: ['output']
    })
  })

  it('recognises chat messages and splits turns by role', () => {
    const row = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi?' },
        { role: 'assistant', content: 'Hello!' }
      ]
    }
    const shape = inferShape([row, row])
    expect(shape.kind).toBe('chat')
    expect(rowFeatures(row, shape)).toMatchObject({
      input: 'Be brief.\nHi?',
      output: 'Hello!',
      label: null
    })
  })

  it('finds a label column with another name and string labels, and id/numeric roles', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: `r${i}`,
      message: `customer message number ${i} about billing`,
      intent: ['refund', 'billing', 'other'][i % 3],
      score: i / 3
    }))
    const shape = inferShape(rows)
    expect(shape).toMatchObject({
      kind: 'classification',
      labelField: 'intent',
      inputFields: ['message']
    })
    expect(shape.columns.find((c) => c.name === 'id')?.role).toBe('id')
    expect(shape.columns.find((c) => c.name === 'score')?.role).toBe('numeric')
  })

  it('lets the policy name the columns', () => {
    const shape = inferShape([{ a: 'x', b: 'y' }], { textColumns: ['a'], labelColumn: 'b' })
    expect(shape).toMatchObject({ kind: 'classification', inputFields: ['a'], labelField: 'b' })
  })
})

describe('hashing and tokens', () => {
  it('hashes rows independently of key order', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":3,"d":2}]}'
    )
    expect(rowHash({ a: 1, b: 'x' })).toBe(rowHash({ b: 'x', a: 1 }))
    expect(rowHash({ a: 1 })).not.toBe(rowHash({ a: 2 }))
  })

  it('keeps invisible characters as tokens of their own', () => {
    expect(tokenize('Urgent\u200b: verify NOW, it’s free')).toEqual([
      'urgent',
      '\u200b',
      'verify',
      'now',
      'it’s',
      'free'
    ])
    expect([...distinctTerms(['a', 'b', 'c'], 2)]).toEqual(['a', 'a b', 'b', 'b c', 'c'])
  })
})

import {
  identityOfText,
  identityOfValues,
  IdentityList,
  IdentityMultiset
} from '../../src/diff/identity.js'

describe('row identities', () => {
  it('identify a line by its bytes, and values by their canonical JSON', () => {
    expect(identityOfText('{"a":1}')).toEqual(identityOfText(Buffer.from('{"a":1}')))
    expect(identityOfText('{"a":1}')).not.toEqual(identityOfText('{"a": 1}'))
    expect(identityOfValues({ a: 1, b: [2] })).toEqual(identityOfValues({ b: [2], a: 1 }))
  })

  it('count copies through growth, and give each copy out once', () => {
    const multiset = new IdentityMultiset()
    const ids = Array.from({ length: 5000 }, (_, i) => identityOfText(`row ${i % 2500}`))
    for (const id of ids) multiset.add(id)
    expect(multiset.size).toBe(5000)
    expect(multiset.copies(identityOfText('row 7'))).toBe(2)
    expect(multiset.copies(identityOfText('absent'))).toBe(0)
    expect(multiset.take(identityOfText('row 7'))).toBe(true)
    expect(multiset.take(identityOfText('row 7'))).toBe(true)
    expect(multiset.take(identityOfText('row 7'))).toBe(false)
    expect(multiset.take(identityOfText('absent'))).toBe(false)
    // A slot used up keeps other identities reachable past it.
    for (let i = 0; i < 2500; i++) if (i !== 7) expect(multiset.take(ids[i])).toBe(true)
    expect(multiset.size).toBe(2499)
  })

  it('remember identities by row, for taking the base rows the head no longer holds', () => {
    const multiset = new IdentityMultiset()
    const list = new IdentityList()
    const rows = ['a', 'b', 'a', 'c']
    rows.forEach((text, row) => {
      list.set(row, identityOfText(text))
      multiset.add(identityOfText(text))
    })
    multiset.take(identityOfText('a')) // the head still holds one "a"
    // The first copy left in file order is the removed one, as a multiset difference has it.
    expect(rows.map((_, row) => list.takeFrom(row, multiset))).toEqual([true, true, false, true])
    expect(list.takeFrom(99, multiset)).toBe(false)
    const draw = list.draw(0)
    expect(draw).toBeGreaterThanOrEqual(0)
    expect(draw).toBeLessThan(1)
    expect(list.draw(99)).toBeNull()
  })
})

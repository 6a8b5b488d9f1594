import { commentableLines, rightSideLines } from '../../src/github/diff-lines.js'

describe('rightSideLines', () => {
  it('collects added and context lines of the head side across hunks', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' a',
      '-b',
      '+B',
      '+C',
      ' d',
      '@@ -10,2 +11,3 @@ heading text',
      ' j',
      '+k',
      '\\ No newline at end of file',
      ' l'
    ].join('\n')
    expect([...rightSideLines(patch)]).toEqual([1, 2, 3, 4, 11, 12, 13])
  })

  it('reads single-line hunks and a context line that lost its space', () => {
    expect([...rightSideLines('@@ -0,0 +1 @@\n+only')]).toEqual([1])
    expect([...rightSideLines('@@ -5,3 +5,3 @@\n a\n\n c')]).toEqual([5, 6, 7])
  })

  it('ignores text outside hunks and odd headers', () => {
    expect([
      ...rightSideLines('@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test')
    ]).toEqual([])
    expect([...rightSideLines('')]).toEqual([])
  })
})

describe('commentableLines', () => {
  it('maps files by path and leaves out files without a patch or removed', () => {
    const map = commentableLines([
      { filename: 'a.jsonl', status: 'modified', patch: '@@ -1 +1,2 @@\n x\n+y' },
      { filename: 'big.jsonl', status: 'modified' },
      { filename: 'lfs.jsonl', status: 'added', patch: null },
      { filename: 'gone.jsonl', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' }
    ])
    expect([...map.keys()]).toEqual(['a.jsonl'])
    expect([...(map.get('a.jsonl') ?? [])]).toEqual([1, 2])
  })
})

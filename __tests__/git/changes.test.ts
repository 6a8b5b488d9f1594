import { listChangedFiles, parseNameStatus, type ChangedFile } from '../../src/git/changes.js'
import { TempRepo, removeTempDirs } from './temp-repo.js'

afterAll(removeTempDirs)

function byPath(files: ChangedFile[]): ChangedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : 1))
}

const LONG = Array.from({ length: 50 }, (_, i) => `{"text": "row ${i}", "label": ${i % 2}}`).join(
  '\n'
)

describe('listChangedFiles', () => {
  it('lists added, modified, deleted and renamed files, with awkward paths intact', async () => {
    const repo = TempRepo.init()
    repo
      .write('data/train.jsonl', `${LONG}\n`)
      .write('data/old name.csv', 'a,b\n1,2\n3,4\n5,6\n7,8\n')
      .write('data/ünïcode\ttab.tsv', 'a\tb\n1\t2\n')
      .write('data/gone.jsonl', '{"a": 1}\n')
      .write('docs/readme.md', 'hello\n')
      .write('link-me.txt', 'plain file\n')
    const base = repo.commit('base')
    repo.git('checkout', '-q', '-b', 'pr')
    repo.write('data/train.jsonl', `${LONG}\n{"text": "new", "label": 1}\n`)
    repo.git('mv', 'data/old name.csv', 'data/new name.csv')
    repo.git('rm', '-q', 'data/gone.jsonl')
    repo.write('data/ünïcode\ttab.tsv', 'a\tb\n1\t2\n3\t4\n')
    repo.write('data/added\nnewline.jsonl', '{"b": 2}\n')
    repo.symlink('link-me.txt', 'docs/readme.md')
    const head = repo.commit('pr')

    const files = await listChangedFiles(repo.dir, base, head)
    expect(byPath(files)).toEqual(
      byPath([
        { path: 'data/train.jsonl', previousPath: null, status: 'modified' },
        { path: 'data/new name.csv', previousPath: 'data/old name.csv', status: 'renamed' },
        { path: 'data/gone.jsonl', previousPath: null, status: 'deleted' },
        { path: 'data/ünïcode\ttab.tsv', previousPath: null, status: 'modified' },
        { path: 'data/added\nnewline.jsonl', previousPath: null, status: 'added' },
        { path: 'link-me.txt', previousPath: null, status: 'modified' }
      ])
    )
  })

  it('detects a rename with small edits', async () => {
    const repo = TempRepo.init()
    repo.write('data/v1.jsonl', `${LONG}\n`)
    const base = repo.commit('base')
    repo.git('mv', 'data/v1.jsonl', 'data/v2.jsonl')
    repo.write('data/v2.jsonl', `${LONG}\n{"text": "poison", "label": 1}\n`)
    const head = repo.commit('rename and edit')
    expect(await listChangedFiles(repo.dir, base, head)).toEqual([
      { path: 'data/v2.jsonl', previousPath: 'data/v1.jsonl', status: 'renamed' }
    ])
  })

  it('returns nothing for identical commits', async () => {
    const repo = TempRepo.init()
    repo.write('a.csv', 'a\n1\n')
    const sha = repo.commit()
    expect(await listChangedFiles(repo.dir, sha, sha)).toEqual([])
  })
})

describe('parseNameStatus', () => {
  it('treats copies as added and type changes as modified', () => {
    const output = ['C075', 'a.csv', 'b.csv', 'T', 'c.jsonl', 'R100', 'x y', 'z w', ''].join('\0')
    expect(parseNameStatus(output)).toEqual([
      { path: 'b.csv', previousPath: null, status: 'added' },
      { path: 'c.jsonl', previousPath: null, status: 'modified' },
      { path: 'z w', previousPath: 'x y', status: 'renamed' }
    ])
  })

  it('rejects truncated output rather than inventing paths', () => {
    expect(() => parseNameStatus('R100\0only-one\0')).toThrow(/truncated/)
  })
})

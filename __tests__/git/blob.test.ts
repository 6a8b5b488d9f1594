import { GitError } from '../../src/git/exec.js'
import { blobInfo, openBlob, readBlobHead, readBlobText } from '../../src/git/blob.js'
import { TempRepo, removeTempDirs } from './temp-repo.js'

afterAll(removeTempDirs)

describe('blobs', () => {
  let repo: TempRepo
  let base: string
  let head: string
  const big = Buffer.alloc(3 * 1024 * 1024 + 17)
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) % 251

  beforeAll(() => {
    repo = TempRepo.init()
    repo
      .write('data/a*b [1].jsonl', '{"a": 1}\n')
      .write('data/big.bin', big)
      .write('ünï code.csv', 'x\n')
    base = repo.commit('base')
    repo.write('data/later.jsonl', '{"b": 2}\n')
    head = repo.commit('head')
  })

  it('reports size and existence, taking odd names literally', async () => {
    expect(await blobInfo(repo.dir, base, 'data/a*b [1].jsonl')).toEqual({ exists: true, size: 9 })
    expect(await blobInfo(repo.dir, base, 'ünï code.csv')).toEqual({ exists: true, size: 2 })
    expect(await blobInfo(repo.dir, base, 'data/big.bin')).toEqual({
      exists: true,
      size: big.length
    })
    expect(await blobInfo(repo.dir, base, 'data/later.jsonl')).toEqual({ exists: false, size: 0 })
    expect(await blobInfo(repo.dir, head, 'data/later.jsonl')).toEqual({ exists: true, size: 9 })
    // A glob must not match another file, and a directory is not a blob.
    expect((await blobInfo(repo.dir, base, 'data/a?b [1].jsonl')).exists).toBe(false)
    expect((await blobInfo(repo.dir, base, 'data')).exists).toBe(false)
  })

  it('throws for an unknown commit instead of reporting a missing file', async () => {
    await expect(blobInfo(repo.dir, 'f'.repeat(40), 'data/big.bin')).rejects.toBeInstanceOf(
      GitError
    )
  })

  it('streams a large blob in several chunks', async () => {
    const chunks: Buffer[] = []
    for await (const chunk of openBlob(repo.dir, base, 'data/big.bin')) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(1)
    expect(Buffer.concat(chunks).equals(big)).toBe(true)
  })

  it('surfaces a git failure while iterating', async () => {
    const iterate = async (): Promise<void> => {
      for await (const chunk of openBlob(repo.dir, base, 'data/later.jsonl')) void chunk
    }
    await expect(iterate()).rejects.toThrow(/data\/later\.jsonl/)
  })

  it('reads small text files, null when absent', async () => {
    expect(await readBlobText(repo.dir, base, 'ünï code.csv')).toBe('x\n')
    expect(await readBlobText(repo.dir, base, 'data/later.jsonl')).toBeNull()
    await expect(readBlobText(repo.dir, 'f'.repeat(40), 'x.csv')).rejects.toBeInstanceOf(GitError)
  })

  it('reads just the head of a file', async () => {
    expect(
      (await readBlobHead(repo.dir, base, 'data/big.bin', 1024)).equals(big.subarray(0, 1024))
    ).toBe(true)
    expect((await readBlobHead(repo.dir, base, 'ünï code.csv', 1024)).toString()).toBe('x\n')
    expect((await readBlobHead(repo.dir, base, 'ünï code.csv', 0)).length).toBe(0)
  })
})

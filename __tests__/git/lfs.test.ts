import { parseLfsPointer } from '../../src/git/lfs.js'
import { readBlobHead } from '../../src/git/blob.js'
import { TempRepo, removeTempDirs } from './temp-repo.js'

afterAll(removeTempDirs)

const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'
const POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`

describe('parseLfsPointer', () => {
  it('recognises a pointer file', () => {
    expect(parseLfsPointer(Buffer.from(POINTER))).toEqual({ oid: OID, size: 12345 })
  })

  it('accepts extension keys and a CRLF checkout', () => {
    const withExt = `version https://git-lfs.github.com/spec/v1\next-0-foo sha256:${OID}\noid sha256:${OID}\nsize 7\n`
    expect(parseLfsPointer(Buffer.from(withExt))).toEqual({ oid: OID, size: 7 })
    expect(parseLfsPointer(Buffer.from(POINTER.replace(/\n/g, '\r\n')))).toEqual({
      oid: OID,
      size: 12345
    })
  })

  it.each([
    [
      'not starting with version',
      `oid sha256:${OID}\nversion https://git-lfs.github.com/spec/v1\nsize 1\n`
    ],
    ['an unknown version', POINTER.replace('spec/v1', 'spec/v9')],
    ['a short oid', POINTER.replace(OID, OID.slice(1))],
    ['an upper-case oid', POINTER.replace(OID, OID.toUpperCase())],
    ['a missing size', POINTER.replace('size 12345\n', '')],
    ['a negative size', POINTER.replace('size 12345', 'size -1')],
    ['no final newline', POINTER.trimEnd()],
    ['ordinary JSONL', '{"version": "https://git-lfs.github.com/spec/v1"}\n'],
    ['too large to be a pointer', POINTER + `ext-1-x ${'a'.repeat(1100)}\n`]
  ])('rejects %s', (_name, text) => {
    expect(parseLfsPointer(Buffer.from(text))).toBeNull()
  })

  it('rejects an empty buffer', () => {
    expect(parseLfsPointer(Buffer.alloc(0))).toBeNull()
  })

  it('recognises a pointer committed to a repository', async () => {
    const repo = TempRepo.init()
    repo.write('data/train.jsonl', POINTER)
    const sha = repo.commit()
    const head = await readBlobHead(repo.dir, sha, 'data/train.jsonl', 1024)
    expect(parseLfsPointer(head)).toEqual({ oid: OID, size: 12345 })
  })
})

import { execFileSync } from 'node:child_process'
import { rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readBlobHead } from '../../src/git/blob.js'
import { parseLfsPointer, type LfsPointer } from '../../src/git/lfs.js'
import {
  LFS_NOT_FETCHED,
  LFS_NOT_INSTALLED,
  resolveLfsObject,
  type LfsObject
} from '../../src/git/lfs-fetch.js'
import { sniffContent } from '../../src/formats/detect.js'
import { readRows } from '../../src/formats/index.js'
import { collect } from '../formats/streams.js'
import { TempRepo, removeTempDirs, tempDir } from './temp-repo.js'

afterAll(removeTempDirs)

function gitLfsVersion(): string | null {
  try {
    return execFileSync('git', ['lfs', 'version'], { encoding: 'utf8', stdio: 'pipe' }).trim()
  } catch {
    return null
  }
}

const lfsVersion = gitLfsVersion()
const describeWithLfs = lfsVersion ? describe : describe.skip
if (!lfsVersion) {
  console.warn(
    'SKIPPED: Git LFS tests need git-lfs, which is not installed (Debian/Ubuntu: apt-get install -y git-lfs)'
  )
}

const BASE = '{"text": "base row", "label": 0}\n{"text": "kept", "label": 1}\n'
const HEAD = `${BASE}{"text": "added by the PR", "label": 1}\n`

/** A repository tracking *.jsonl with LFS, with a base and a PR commit changing the file. */
function lfsRepo(): { repo: TempRepo; base: string; head: string } {
  const repo = TempRepo.init()
  repo.git('lfs', 'install', '--local')
  repo.git('lfs', 'track', '*.jsonl')
  repo.write('data/train.jsonl', BASE)
  const base = repo.commit('base')
  repo.write('data/train.jsonl', HEAD)
  const head = repo.commit('pr')
  return { repo, base, head }
}

async function pointerAt(repo: TempRepo, commit: string): Promise<LfsPointer> {
  const bytes = await readBlobHead(repo.dir, commit, 'data/train.jsonl', 1024)
  expect(sniffContent(bytes)).toBe('lfs-pointer')
  const pointer = parseLfsPointer(bytes)
  if (!pointer) throw new Error('the committed blob is not an LFS pointer')
  return pointer
}

function found(object: LfsObject): Extract<LfsObject, { found: true }> {
  if (!object.found) throw new Error(`LFS object not found: ${object.reason}`)
  return object
}

async function text(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = []
  for await (const chunk of chunks) parts.push(chunk)
  return Buffer.concat(parts).toString('utf8')
}

describeWithLfs(`resolveLfsObject (${lfsVersion})`, () => {
  it('reads both versions of an LFS-tracked dataset from the local store', async () => {
    const { repo, base, head } = lfsRepo()
    const basePointer = await pointerAt(repo, base)
    const headPointer = await pointerAt(repo, head)
    expect(basePointer.oid).not.toBe(headPointer.oid)
    expect(headPointer.size).toBe(Buffer.byteLength(HEAD))

    const baseObject = found(await resolveLfsObject(repo.dir, basePointer))
    const headObject = found(await resolveLfsObject(repo.dir, headPointer))
    expect(baseObject.size).toBe(Buffer.byteLength(BASE))
    expect(await text(baseObject.open())).toBe(BASE)
    expect(await text(headObject.open())).toBe(HEAD)
    // Re-openable: the analysis reads a version more than once.
    expect(await text(headObject.open())).toBe(HEAD)
    expect((await headObject.readHead(6)).toString()).toBe('{"text')
    expect((await headObject.readHead(10_000)).toString()).toBe(HEAD)

    const { rows, problems } = await collect(readRows('jsonl', headObject.open()))
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.line, r.values.text])).toEqual([
      [1, 'base row'],
      [2, 'kept'],
      [3, 'added by the PR']
    ])
  })

  it('says the object was not fetched when the store lacks it', async () => {
    const { repo, base, head } = lfsRepo()
    const pointer = await pointerAt(repo, base)
    rmSync(join(repo.dir, '.git/lfs/objects', pointer.oid.slice(0, 2)), {
      recursive: true,
      force: true
    })
    const result = await resolveLfsObject(repo.dir, pointer)
    expect(result).toEqual({ found: false, reason: expect.stringContaining(LFS_NOT_FETCHED) })
    expect(result.found || result.reason).toMatch(/^object not fetched: use actions\/checkout/)
    // The other version is still there.
    expect(found(await resolveLfsObject(repo.dir, await pointerAt(repo, head))).size).toBe(
      Buffer.byteLength(HEAD)
    )
  })

  it('refuses a stored object whose content does not match its oid', async () => {
    const { repo, head } = lfsRepo()
    const pointer = await pointerAt(repo, head)
    const path = join(
      repo.dir,
      '.git/lfs/objects',
      pointer.oid.slice(0, 2),
      pointer.oid.slice(2, 4),
      pointer.oid
    )
    writeFileSync(path, HEAD.replace('added by the PR', 'poisoned by PR!'))
    const object = await resolveLfsObject(repo.dir, pointer)
    // Same length (both 15 characters), so only the hash can tell.
    await expect(text(found(object).open())).rejects.toThrow(/hashes to sha256:.*corrupt/)

    writeFileSync(path, 'short')
    expect(await resolveLfsObject(repo.dir, pointer)).toEqual({
      found: false,
      reason: expect.stringMatching(/has 5 bytes: the LFS store is corrupt/)
    })
  })

  it('says git-lfs is not installed when git cannot find it', async () => {
    const { repo, head } = lfsRepo()
    const pointer = await pointerAt(repo, head)
    // A PATH holding only git itself: `git lfs` then fails as on a machine without git-lfs.
    const bin = tempDir('dg-nolfs-')
    const gitPath = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
    symlinkSync(gitPath, join(bin, 'git'))
    const saved = process.env.PATH
    process.env.PATH = bin
    try {
      expect(await resolveLfsObject(repo.dir, pointer)).toEqual({
        found: false,
        reason: LFS_NOT_INSTALLED
      })
    } finally {
      process.env.PATH = saved
    }
  })
})

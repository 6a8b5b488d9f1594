import { UserError } from '../../src/errors.js'
import { assertGitRepository, defaultBaseRef, resolveCommit } from '../../src/git/refs.js'
import { TempRepo, removeTempDirs, tempDir } from './temp-repo.js'
import { realpathSync } from 'node:fs'

afterAll(removeTempDirs)

async function userError(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

describe('assertGitRepository', () => {
  it('accepts a work tree and returns its top level', async () => {
    const repo = TempRepo.init()
    repo.write('sub/x.txt', 'x')
    expect(realpathSync(await assertGitRepository(`${repo.dir}/sub`))).toBe(realpathSync(repo.dir))
  })

  it('rejects a plain directory, naming it', async () => {
    const dir = tempDir('dg-plain-')
    const error = await userError(assertGitRepository(dir))
    expect(error.message).toContain(dir)
    expect(error.message).toMatch(/not a git work tree/)
  })

  it('rejects a directory that does not exist', async () => {
    const error = await userError(assertGitRepository('/no/such/dir'))
    expect(error.message).toContain('/no/such/dir')
  })
})

describe('resolveCommit', () => {
  let repo: TempRepo
  let first: string
  let second: string
  beforeAll(() => {
    repo = TempRepo.init()
    repo.write('a.txt', '1')
    first = repo.commit('first')
    repo.git('tag', '-a', 'v1', '-m', 'annotated tag')
    repo.write('a.txt', '2')
    second = repo.commit('second')
  })

  it('resolves branches, relative refs, annotated tags and short SHAs to full commit SHAs', async () => {
    expect(await resolveCommit(repo.dir, 'main')).toBe(second)
    expect(await resolveCommit(repo.dir, 'HEAD~1')).toBe(first)
    expect(await resolveCommit(repo.dir, 'v1')).toBe(first)
    expect(await resolveCommit(repo.dir, first.slice(0, 10))).toBe(first)
  })

  it('throws a UserError naming an unknown ref', async () => {
    const error = await userError(resolveCommit(repo.dir, 'no-such-branch'))
    expect(error.message).toContain('no-such-branch')
    expect(error.hint).toMatch(/fetch/)
    expect(error.hint).not.toMatch(/shallow/)
  })

  it('refuses a ref that git would read as an option', async () => {
    const error = await userError(resolveCommit(repo.dir, '--all'))
    expect(error.message).toContain('--all')
  })

  it('points at fetch-depth: 0 in a shallow clone', async () => {
    const clone = tempDir('dg-shallow-')
    repo.git('clone', '-q', '--depth', '1', `file://${repo.dir}`, clone)
    const shallow = new TempRepo(clone)
    expect(await resolveCommit(shallow.dir, 'HEAD')).toBe(second)
    const error = await userError(resolveCommit(shallow.dir, first))
    expect(error.message).toContain(first)
    expect(error.hint).toMatch(/shallow/)
    expect(error.hint).toContain('fetch-depth: 0')
  })
})

describe('defaultBaseRef', () => {
  it('uses the merge base with main', async () => {
    const repo = TempRepo.init()
    repo.write('a.txt', '1')
    const fork = repo.commit('base')
    repo.git('checkout', '-q', '-b', 'pr')
    repo.write('b.txt', 'pr')
    repo.commit('pr change')
    repo.git('checkout', '-q', 'main')
    repo.write('c.txt', 'main moved on')
    repo.commit('main change')
    expect(await defaultBaseRef(repo.dir, 'pr')).toBe(fork)
  })

  it('prefers origin/HEAD when the clone has one', async () => {
    const upstream = TempRepo.init('trunk')
    upstream.write('a.txt', '1')
    const base = upstream.commit('base')
    const dir = tempDir('dg-clone-')
    upstream.git('clone', '-q', `file://${upstream.dir}`, dir)
    const clone = new TempRepo(dir)
    clone.git('config', 'user.name', 'Test')
    clone.git('config', 'user.email', 'test@example.com')
    clone.git('checkout', '-q', '-b', 'pr')
    clone.write('b.txt', 'pr')
    clone.commit('pr change')
    expect(await defaultBaseRef(clone.dir, 'HEAD')).toBe(base)
  })

  it('falls back to master', async () => {
    const repo = TempRepo.init('master')
    repo.write('a.txt', '1')
    const base = repo.commit('base')
    repo.git('checkout', '-q', '-b', 'pr')
    repo.write('a.txt', '2')
    repo.commit('pr')
    expect(await defaultBaseRef(repo.dir, 'pr')).toBe(base)
  })

  it('asks for --base when there is nothing to compare with', async () => {
    const repo = TempRepo.init('trunk')
    repo.write('a.txt', '1')
    repo.commit('base')
    const error = await userError(defaultBaseRef(repo.dir, 'HEAD'))
    expect(error.hint).toContain('--base')
  })

  it('asks for --base when main shares no history with head', async () => {
    const repo = TempRepo.init()
    repo.write('a.txt', '1')
    repo.commit('base')
    repo.git('checkout', '-q', '--orphan', 'other')
    repo.write('b.txt', '2')
    repo.commit('unrelated')
    const error = await userError(defaultBaseRef(repo.dir, 'other'))
    expect(error.message).toMatch(/no common ancestor/)
    expect(error.hint).toContain('--base')
  })
})

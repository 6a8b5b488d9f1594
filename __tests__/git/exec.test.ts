import { GitError, git, streamGit, tryGit, tryGitBuffer } from '../../src/git/exec.js'
import { TempRepo, removeTempDirs } from './temp-repo.js'

afterAll(removeTempDirs)

describe('git exec', () => {
  let repo: TempRepo
  beforeAll(() => {
    repo = TempRepo.init()
    repo.write('a.txt', 'hello\n')
    repo.commit()
  })

  it('returns stdout', async () => {
    expect((await git(repo.dir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim()).toBe('main')
  })

  it('throws a GitError carrying the args and stderr on failure', async () => {
    const error = await git(repo.dir, ['rev-parse', '--verify', 'no-such-ref']).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GitError)
    const gitError = error as GitError
    expect(gitError.args).toEqual(['rev-parse', '--verify', 'no-such-ref'])
    expect(gitError.exitCode).not.toBe(0)
    expect(gitError.stderr).toMatch(/Needed a single revision/)
    expect(gitError.message).toContain('git rev-parse --verify no-such-ref')
  })

  it('reports the exit code without throwing from tryGit', async () => {
    const result = await tryGit(repo.dir, ['rev-parse', '--verify', '--quiet', 'nope'])
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
  })

  it('names a missing directory through git itself', async () => {
    await expect(git(`${repo.dir}/missing`, ['status'])).rejects.toThrow(/cannot change to/)
  })

  it('handles outputs far beyond the default 1 MB buffer', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'x')
    const blobRepo = TempRepo.init()
    blobRepo.write('big.txt', big)
    blobRepo.commit()
    const result = await tryGitBuffer(blobRepo.dir, ['cat-file', 'blob', 'HEAD:big.txt'])
    expect(result.stdout.equals(big)).toBe(true)
  })

  it('streams output and throws when the command fails', async () => {
    const chunks: Buffer[] = []
    for await (const chunk of streamGit(repo.dir, ['cat-file', 'blob', 'HEAD:a.txt']))
      chunks.push(chunk)
    expect(Buffer.concat(chunks).toString()).toBe('hello\n')
    const consume = async (): Promise<void> => {
      for await (const chunk of streamGit(repo.dir, ['cat-file', 'blob', 'HEAD:nope.txt'])) {
        chunks.push(chunk)
      }
    }
    await expect(consume()).rejects.toBeInstanceOf(GitError)
  })
})

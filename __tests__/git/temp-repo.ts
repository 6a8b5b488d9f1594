/** Builds throwaway git repositories with the real git CLI, for tests. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z'
}

const created: string[] = []

export function tempDir(prefix = 'dg-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export class TempRepo {
  constructor(readonly dir: string) {}

  static init(branch = 'main'): TempRepo {
    const repo = new TempRepo(tempDir())
    repo.git('init', '-q', '-b', branch)
    repo.git('config', 'user.name', 'Test')
    repo.git('config', 'user.email', 'test@example.com')
    repo.git('config', 'commit.gpgsign', 'false')
    return repo
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: ENV, encoding: 'utf8' }).trim()
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
    return this
  }

  symlink(path: string, target: string): this {
    unlinkSync(join(this.dir, path))
    symlinkSync(target, join(this.dir, path))
    return this
  }

  /** Stages everything and commits; returns the new commit's SHA. */
  commit(message = 'change'): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD')
  }
}

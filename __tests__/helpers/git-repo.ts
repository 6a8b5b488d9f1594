import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A real git repository in a temp dir: base commit on `main`, then a `pr` branch. */
export class TestRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'dataset-gate-test-'))

  constructor() {
    this.git('init', '-q', '-b', 'main')
    this.git('config', 'user.email', 'test@dataset-gate.invalid')
    this.git('config', 'user.name', 'test')
    this.git('config', 'commit.gpgsign', 'false')
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8' })
  }

  write(path: string, content: string | Buffer): this {
    const target = join(this.dir, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
    return this
  }

  remove(path: string): this {
    this.git('rm', '-q', path)
    return this
  }

  commit(message: string): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD').trim()
  }

  branch(name: string): this {
    this.git('checkout', '-q', '-b', name)
    return this
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export function jsonl(rows: unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
}

import { git } from './exec.js'

/** Every file path in the tree of `commit` (no checkout needed). */
export async function listTreeFiles(repo: string, commit: string): Promise<string[]> {
  const output = await git(repo, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit])
  return output.split('\0').filter(Boolean)
}

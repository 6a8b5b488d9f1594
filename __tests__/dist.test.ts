import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
// @ts-expect-error the bundle script is plain ESM JavaScript without types
import { bundle } from '../scripts/bundle.mjs'

interface OutputFile {
  path: string
  contents: Uint8Array
}

/**
 * The action runs from the committed dist/, so it must be exactly what src/ builds to. Rebuild in
 * memory and compare byte for byte; on failure, run `npm run build` and commit dist/.
 */
describe('dist/', () => {
  it('is fresh: rebuilding src/ gives the committed files', async () => {
    const files = (await bundle({ write: false })) as OutputFile[]
    expect(files.length).toBeGreaterThanOrEqual(4)
    const stale = files
      .filter((file) => {
        let committed: Buffer
        try {
          committed = readFileSync(file.path)
        } catch {
          return true
        }
        return !committed.equals(Buffer.from(file.contents))
      })
      .map((file) => relative(process.cwd(), file.path))
    expect(stale).toEqual([])
  })
})

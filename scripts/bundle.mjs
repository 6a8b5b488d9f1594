// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild. Deterministic output:
// the freshness test rebuilds in memory and compares with the committed dist/.
import { build } from 'esbuild'
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

export async function bundle({ write = true } = {}) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __DATASET_GATE_VERSION__: JSON.stringify(version) },
    // Some dependencies are CommonJS and call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);"
    },
    outdir: join(root, 'dist'),
    write: false
  }
  const results = await Promise.all([
    build({ ...common, entryPoints: { index: 'src/index.ts' } }),
    build({
      ...common,
      entryPoints: { cli: 'src/cli-entry.ts' },
      banner: { js: '#!/usr/bin/env node\n' + common.banner.js }
    })
  ])
  const files = results.flatMap((r) => r.outputFiles)
  if (write) {
    mkdirSync(join(root, 'dist'), { recursive: true })
    for (const file of files)
      writeFileSync(file.path, file.contents, {
        mode: file.path.endsWith('cli.js') ? 0o755 : 0o644
      })
  }
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await bundle()
  for (const file of files)
    console.log(
      `${file.path.slice(root.length + 1)} ${(file.contents.length / 1024).toFixed(0)} KiB`
    )
}

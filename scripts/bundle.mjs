// Bundles the action (dist/index.js), the CLI (dist/cli.js) and the worker threads they start
// (dist/<name>.js, found beside the bundle by src/worker-url.ts) with esbuild. Deterministic output:
// the freshness test rebuilds in memory and compares with the committed dist/.
import { build } from 'esbuild'
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/**
 * hyparquet 1.33's run-length decoder (`readRle`, src/encoding.js) writes every value of a run,
 * however long the run says it is, past the end of the output: a corrupt or hostile file with a
 * run of 2^30 values grows a plain array until V8 aborts the whole process, which no worker or
 * watchdog can catch. The bundle bounds the run by the output, as the bit-packed branch already
 * does. The build fails if the code to patch is not found, so an upgrade cannot drop the fix
 * unnoticed (re-check whether upstream fixed it, then update or remove this patch).
 */
const HYPARQUET_RLE_PATCH = {
  name: 'hyparquet-rle-bound',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]hyparquet[\\/]src[\\/]encoding\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8')
      const unbounded = '  for (let i = 0; i < count; i++) {\n    output[seen + i] = value\n  }'
      if (!code.includes(unbounded)) {
        throw new Error(`${args.path}: readRle changed; review the patch in scripts/bundle.mjs`)
      }
      const bounded =
        '  const end = Math.min(count, output.length - seen)\n  for (let i = 0; i < end; i++) {\n    output[seen + i] = value\n  }'
      return { contents: code.replace(unbounded, bounded), loader: 'js' }
    })
  }
}

const common = {
  absWorkingDir: root,
  plugins: [HYPARQUET_RLE_PATCH],
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

/**
 * The workers are ESM without the require() banner: nothing in them needs one, and without it the
 * same code also runs from a data: URL (where createRequire has no file to resolve from), which is
 * how src/worker-url.ts starts them when running from sources.
 */
const WORKERS = {
  'parquet-worker': 'src/formats/parquet-worker.ts',
  'base-text-worker': 'src/analysis/base-text-worker.ts'
}
const workerBuild = (name) => ({ ...common, entryPoints: { [name]: WORKERS[name] }, banner: {} })

export async function bundle({ write = true } = {}) {
  const results = await Promise.all([
    build({ ...common, entryPoints: { index: 'src/index.ts' } }),
    build({
      ...common,
      entryPoints: { cli: 'src/cli-entry.ts' },
      banner: { js: '#!/usr/bin/env node\n' + common.banner.js }
    }),
    ...Object.keys(WORKERS).map((name) => build(workerBuild(name)))
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

/** A worker's code built from src/ in memory (for tests, which run from sources). */
export async function workerCode(name) {
  if (!(name in WORKERS)) throw new Error(`no worker named ${name}`)
  const result = await build(workerBuild(name))
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))
  if (!code) throw new Error(`esbuild produced no ${name}.js`)
  return code.text
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await bundle()
  for (const file of files)
    console.log(
      `${file.path.slice(root.length + 1)} ${(file.contents.length / 1024).toFixed(0)} KiB`
    )
}

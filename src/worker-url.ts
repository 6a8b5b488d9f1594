import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { UserError } from './errors.js'

const fromSources = new Map<string, Promise<URL>>()

/**
 * Where a worker thread's code is. Bundled (dist/index.js, dist/cli.js), it is dist/NAME.js beside
 * the bundle, built by scripts/bundle.mjs as an entry of its own. Run from sources (ts-jest, where
 * this module is src/worker-url.ts) there is no compiled worker, and a worker thread cannot load
 * TypeScript; rather than fall back to dist/, which may be stale, the worker is built from src/
 * in memory with the same esbuild options (esbuild is a devDependency; that script is never
 * reached from dist/) and started from a data: URL, so tests exercise the current worker code.
 */
export function workerUrl(name: string): URL | Promise<URL> {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    let url = fromSources.get(name)
    if (!url) fromSources.set(name, (url = buildFromSources(name, here)))
    return url
  }
  const url = new URL(`./${name}.js`, here)
  if (!existsSync(fileURLToPath(url))) {
    throw new UserError(
      `${fileURLToPath(url)} is missing`,
      `Dataset Gate runs from all of dist/: ${name}.js must be next to cli.js and index.js.`
    )
  }
  return url
}

async function buildFromSources(name: string, here: string): Promise<URL> {
  const script = new URL('../scripts/bundle.mjs', here)
  const { workerCode } = (await import(script.href)) as {
    workerCode: (name: string) => Promise<string>
  }
  const code = await workerCode(name)
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
}

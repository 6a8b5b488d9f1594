import { main } from './cli.js'
import { tuneEngine } from './engine-flags.js'

tuneEngine()

// A closed pipe (`dataset-gate check | head`) is the reader's choice, not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

// The bundle's entry: kept apart from cli.ts so tests can import main() without running it.
process.exitCode = await main(process.argv.slice(2))

import { main } from './cli.js'

// The bundle's entry: kept apart from cli.ts so tests can import main() without running it.
process.exitCode = await main(process.argv.slice(2))

/**
 * Fallback peak-RSS probe when /usr/bin/time -v is not available: loaded with
 * `node --import ./bench/rusage-hook.mjs ...`, it writes the process's own resource usage to the
 * file named by BENCH_RUSAGE_OUT when the process exits (also on process.exit()).
 */
import { writeFileSync } from 'node:fs'

const out = process.env.BENCH_RUSAGE_OUT
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      out,
      JSON.stringify({
        maxRssKiB: usage.maxRSS,
        userSeconds: usage.userCPUTime / 1e6,
        systemSeconds: usage.systemCPUTime / 1e6
      })
    )
  })
}

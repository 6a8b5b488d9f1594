/**
 * The job summary. GitHub refuses a step summary over 1 MiB (and then shows none), so an
 * oversized one is replaced by a short note pointing at the full report.
 */
import { stat } from 'node:fs/promises'
import * as core from '@actions/core'

export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024

export type JobSummaryResult = 'written' | 'shortened' | 'unavailable'

export interface JobSummaryOptions {
  /** Written instead when `markdown` does not fit; a generic note by default. */
  fallback?: string
}

/** Bytes already in this step's summary file: the limit applies to the whole step. */
async function existingBytes(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

function defaultFallback(bytes: number): string {
  const mebibytes = (bytes / JOB_SUMMARY_LIMIT_BYTES).toFixed(1)
  return `## Dataset Gate\n\nThe report (${mebibytes} MiB) is over GitHub's 1 MiB job summary limit; see the JSON report artifact of this run.\n`
}

export async function writeJobSummary(
  markdown: string,
  options: JobSummaryOptions = {}
): Promise<JobSummaryResult> {
  const path = process.env.GITHUB_STEP_SUMMARY
  // Outside Actions (the CLI, local runs) there is no summary file to write.
  if (path === undefined || path === '') return 'unavailable'
  const room = JOB_SUMMARY_LIMIT_BYTES - (await existingBytes(path))
  // +1: core.summary ends the text with a newline.
  const bytes = Buffer.byteLength(markdown, 'utf8') + 1
  let text = markdown
  let result: JobSummaryResult = 'written'
  if (bytes > room) {
    text = options.fallback ?? defaultFallback(bytes)
    result = 'shortened'
    if (Buffer.byteLength(text, 'utf8') + 1 > room) return 'unavailable'
  }
  await core.summary.addRaw(text, true).write()
  return result
}

import { setFlagsFromString } from 'node:v8'

/**
 * V8 "pretenures" objects made at a code site whose objects tended to survive: it then creates
 * them straight in the old generation. The analysis keeps the text views of the few added rows
 * and drops those of the millions of other rows, all made at the same sites; once a site is
 * pretenured, every row's garbage goes to the old generation and the heap swells between full
 * collections (to over 1 GiB on a 2-million-row file). Short-lived rows are what this tool makes
 * most, so the heuristic is turned off, for the whole process (worker threads included).
 */
export function tuneEngine(): void {
  setFlagsFromString('--no-allocation-site-pretenuring')
}

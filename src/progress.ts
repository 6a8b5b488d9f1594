/**
 * Progress of a long run, always on stderr (stdout stays the report's). On a terminal, one line
 * per file redrawn in place — file, pass, rows, rows/s, share of the file's work done, ETA — at
 * most ten times a second and cleared when the file is done. Elsewhere (GitHub Actions, a pipe, a
 * CI log) a plain line with the same figures at most every ten seconds, never a carriage return.
 *
 * The work of a file is its passes' bytes: the base is read twice (index, then analyse) and the
 * head once, so a file's total is 2 × base bytes + head bytes. Bytes come from counting the chunks
 * the readers consume, so the share done is known whatever the format's row sizes. Everything here
 * takes its clock and stream from the caller: the tests drive it without timers.
 */
import { escapeTerminal } from './report/escape.js'

export type ProgressPass = 'index-base' | 'read-head' | 'analyse-base'

/** What the analysis reports: every few thousand rows of a pass, and once when it is over. */
export interface PassProgress {
  pass: ProgressPass
  /** Rows read so far in this pass (its total when `done`). */
  rows: number
  done: boolean
}

export type Side = 'base' | 'head'
export type ChunkSource = () => AsyncIterable<Buffer>

export interface FileStart {
  path: string
  /** 1-based position of the file among those this run analyses. */
  index: number
  total: number
}

/** One file's progress, as the run drives it. */
export interface FileProgress {
  /** Counts the bytes every stream opened through the returned function consumes. */
  meter(side: Side, open: ChunkSource, size: number): ChunkSource
  update(progress: PassProgress): void
  /** The passes are over and the checks run. */
  checking(): void
  /** The file is done: its line is cleared. */
  end(): void
}

export interface Progress {
  /** A message of the run (the policy used, the file being checked...). */
  log(message: string): void
  startFile(file: FileStart): FileProgress
}

/** The figures a progress line shows. */
export interface Figures {
  path: string
  index: number
  total: number
  /** The pass under way (or that ended last); `checks` once the checks run. */
  pass: ProgressPass | 'checks' | null
  rows: number
  /** Rows per second in the current pass; null before there is anything to divide. */
  rowsPerSecond: number | null
  /** Share of the file's work done, 0..1; null when the sizes are unknown. */
  fraction: number | null
  /** Seconds left for this file; null until there is a rate to extrapolate. */
  etaSeconds: number | null
  elapsedSeconds: number
}

const PASS_ORDER: readonly ProgressPass[] = ['index-base', 'read-head', 'analyse-base']
const PASS_SIDE: Record<ProgressPass, Side> = {
  'index-base': 'base',
  'read-head': 'head',
  'analyse-base': 'base'
}
const PASS_LABEL: Record<ProgressPass | 'checks', string> = {
  'index-base': 'indexing base',
  'read-head': 'reading head',
  'analyse-base': 'analysing base',
  checks: 'running checks'
}
/** No ETA before this much of the file has been timed: the first seconds say little. */
const MIN_ETA_MS = 1000

interface Counter {
  side: Side
  bytes: number
  open: boolean
}

/** The state of one file's passes; pure over the clock it is given. */
export class FileTracker {
  private readonly sizes: Record<Side, number | null> = { base: null, head: null }
  private counters: Counter[] = []
  private readonly finished = new Set<ProgressPass>()
  /** The pass under way, as last reported; null between passes. */
  private pass: ProgressPass | null = null
  /** The pass that ended last, shown between passes. */
  private lastPass: ProgressPass | null = null
  private rows = 0
  private checks = false
  /** Furthest share read of `latchPass` (a stream that ends must not send it back to zero). */
  private latch = 0
  private latchPass: ProgressPass | null = null
  private passStarted: number
  private workStarted: number
  private readonly fileStarted: number

  constructor(
    readonly file: FileStart,
    private readonly clock: () => number
  ) {
    this.fileStarted = clock()
    this.passStarted = this.fileStarted
    this.workStarted = this.fileStarted
  }

  meter(side: Side, open: ChunkSource, size: number): ChunkSource {
    this.sizes[side] = Math.max(0, size)
    return () => {
      const counter: Counter = { side, bytes: 0, open: true }
      this.counters.push(counter)
      return counted(open(), counter)
    }
  }

  update(progress: PassProgress): void {
    const now = this.clock()
    if (progress.pass !== this.pass) {
      // A pass the file already went through starts again (the analysis fell back to another
      // way of reading): the work from there on is to be done again, and is timed from now.
      if (this.finished.has(progress.pass)) {
        for (const pass of PASS_ORDER.slice(PASS_ORDER.indexOf(progress.pass)))
          this.finished.delete(pass)
        this.workStarted = now
        this.latchPass = null
      }
      if (this.pass !== null) this.passStarted = now
      this.pass = progress.pass
      this.counters = this.counters.filter((counter) => counter.open)
    }
    this.rows = progress.rows
    if (progress.done) {
      this.finished.add(progress.pass)
      // The next pass is timed from the end of this one, not from its first report.
      this.pass = null
      this.passStarted = now
      this.lastPass = progress.pass
    }
  }

  checking(): void {
    this.checks = true
    this.pass = null
  }

  figures(): Figures {
    const now = this.clock()
    const pass = this.checks ? 'checks' : (this.pass ?? this.lastPass)
    const passSeconds = (now - this.passStarted) / 1000
    const rowsPerSecond =
      this.pass !== null && passSeconds > 0 && this.rows > 0 ? this.rows / passSeconds : null
    const planned = PASS_ORDER.filter((p) => this.sizes[PASS_SIDE[p]] !== null)
    const bytesOf = (p: ProgressPass): number => this.sizes[PASS_SIDE[p]] ?? 0
    const total = planned.reduce((sum, p) => sum + bytesOf(p), 0)
    let fraction: number | null = null
    let etaSeconds: number | null = null
    const workMs = now - this.workStarted
    if (this.checks) fraction = 1
    else if (total > 0) {
      let done = 0
      for (const p of planned) if (this.finished.has(p)) done += bytesOf(p)
      // Before a pass's first report (the first rows of a pass can be slow to come), its
      // stream is already being read: count it as the next planned pass's.
      const current = this.pass ?? planned.find((p) => !this.finished.has(p)) ?? null
      const currentBytes = current === null ? 0 : this.shareRead(current) * bytesOf(current)
      done += currentBytes
      fraction = Math.min(1, done / total)
      if (fraction > 0 && fraction < 1 && workMs >= MIN_ETA_MS) {
        // The passes differ in speed (the analysing pass does the most per byte): the rest of
        // the current pass goes at its own pace, the passes after it at the file's average.
        const average = done / workMs
        const passMs = now - this.passStarted
        const pace = current !== null && passMs >= MIN_ETA_MS && currentBytes > 0
        const currentLeft = current === null ? 0 : bytesOf(current) - currentBytes
        const later = Math.max(0, total - done - currentLeft)
        etaSeconds =
          ((pace ? currentLeft / (currentBytes / passMs) : currentLeft / average) +
            later / average) /
          1000
      }
    }
    return {
      path: this.file.path,
      index: this.file.index,
      total: this.file.total,
      pass,
      rows: this.rows,
      rowsPerSecond,
      fraction,
      etaSeconds,
      elapsedSeconds: (now - this.fileStarted) / 1000
    }
  }

  /** The share of `pass` read: its side's furthest-read open stream, over the side's size. */
  private shareRead(pass: ProgressPass): number {
    const side = PASS_SIDE[pass]
    const size = this.sizes[side]
    if (!size) return 0
    if (this.latchPass !== pass) {
      this.latchPass = pass
      this.latch = 0
    }
    let bytes = 0
    for (const counter of this.counters)
      if (counter.side === side && counter.open) bytes = Math.max(bytes, counter.bytes)
    this.latch = Math.max(this.latch, Math.min(1, bytes / size))
    return this.latch
  }
}

async function* counted(source: AsyncIterable<Buffer>, counter: Counter): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) {
      counter.bytes += chunk.length
      yield chunk
    }
  } finally {
    counter.open = false
  }
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** `45s`, `1m 05s`, `2h 03m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  const minutes = Math.floor(s / 60)
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

/** The figures after the file name, shared by both forms; `drop` leaves some out (narrow terminals). */
function figureParts(figures: Figures, drop: ReadonlySet<'rows' | 'rate'> = new Set()): string[] {
  const parts: string[] = []
  if (figures.pass === null) parts.push('starting')
  else if (figures.pass === 'checks') parts.push(PASS_LABEL.checks)
  else {
    parts.push(PASS_LABEL[figures.pass])
    if (!drop.has('rows')) parts.push(`${formatCount(figures.rows)} rows`)
  }
  if (figures.rowsPerSecond !== null && !drop.has('rate'))
    parts.push(`${formatCount(figures.rowsPerSecond)} rows/s`)
  if (figures.fraction !== null) parts.push(`${Math.floor(figures.fraction * 100)}%`)
  if (figures.etaSeconds !== null) parts.push(`ETA ${formatDuration(figures.etaSeconds)}`)
  return parts
}

/** Shortest file name shown before figures are left out to make room. */
const MIN_PATH = 16

/**
 * The terminal line: `[2/5] data/train.jsonl · analysing base · 1,230,000 rows · 85,000 rows/s ·
 * 42% · ETA 1m 05s`, at most `columns - 1` wide (a full-width line would wrap, and a wrapped line
 * cannot be redrawn in place). When it does not fit, the file name loses its start, then the row
 * count and the rate are left out; the pass, share done and ETA stay.
 */
export function formatBarLine(figures: Figures, columns?: number): string {
  const prefix = figures.total > 1 ? `[${figures.index}/${figures.total}] ` : ''
  // A terminal that does not say its width (0) gets the usual 80.
  const width = Math.max(20, (columns || 80) - 1)
  let rest = ''
  for (const drop of [[], ['rows'], ['rows', 'rate']] as const) {
    rest = ' · ' + figureParts(figures, new Set(drop)).join(' · ')
    if (width - prefix.length - rest.length >= MIN_PATH) break
  }
  const room = width - prefix.length - rest.length
  const path = shorten(figures.path, Math.max(MIN_PATH, room))
  return Array.from(`${prefix}${path}${rest}`).slice(0, width).join('')
}

/** The plain log line: `progress: data/train.jsonl (2/5): analysing base, 1,230,000 rows, ...`. */
export function formatLogLine(figures: Figures): string {
  const position = figures.total > 1 ? ` (${figures.index}/${figures.total})` : ''
  return `progress: ${figures.path}${position}: ${figureParts(figures).join(', ')}`
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : '…' + chars.slice(chars.length - max + 1).join('')
}

/** Where the terminal form writes: stderr, or a fake in the tests. */
export interface ProgressStream {
  write(text: string): unknown
  columns?: number
}

const CLEAR_LINE = '\r\u001b[2K'

/** One line per file, redrawn in place on a terminal, at most every `minIntervalMs`. */
export class TerminalProgress implements Progress {
  private shown = false
  private lastDraw = -Infinity
  private tracker: FileTracker | null = null

  constructor(
    private readonly stream: ProgressStream,
    private readonly clock: () => number = Date.now,
    private readonly minIntervalMs = 100
  ) {}

  log(message: string): void {
    this.clear()
    this.stream.write(`\u001b[2m${message}\u001b[22m\n`)
    if (this.tracker) this.draw(this.clock())
  }

  startFile(file: FileStart): FileProgress {
    const tracker = new FileTracker(safeStart(file), this.clock)
    this.tracker = tracker
    this.maybeDraw()
    return {
      meter: (side, open, size) => tracker.meter(side, open, size),
      update: (progress) => {
        tracker.update(progress)
        if (this.tracker === tracker) this.maybeDraw()
      },
      checking: () => {
        tracker.checking()
        if (this.tracker === tracker) this.maybeDraw()
      },
      end: () => {
        if (this.tracker !== tracker) return
        this.clear()
        this.tracker = null
      }
    }
  }

  private maybeDraw(): void {
    const now = this.clock()
    if (now - this.lastDraw >= this.minIntervalMs) this.draw(now)
  }

  private draw(now: number): void {
    if (!this.tracker) return
    this.lastDraw = now
    this.stream.write(CLEAR_LINE + formatBarLine(this.tracker.figures(), this.stream.columns))
    this.shown = true
  }

  private clear(): void {
    if (!this.shown) return
    this.stream.write(CLEAR_LINE)
    this.shown = false
  }
}

/**
 * Plain lines for logs that keep every byte (GitHub Actions, CI, a pipe): one at most every
 * `intervalMs` across the run, the first only once a file has run that long, and a closing line
 * for a file that got any. Run messages go to `messages`, or nowhere.
 */
export class LogProgress implements Progress {
  private lastLine = -Infinity

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: () => number = Date.now,
    private readonly intervalMs = 10_000,
    private readonly messages?: (message: string) => void
  ) {}

  log(message: string): void {
    this.messages?.(message)
  }

  startFile(file: FileStart): FileProgress {
    const tracker = new FileTracker(safeStart(file), this.clock)
    const started = this.clock()
    let printed = false
    return {
      meter: (side, open, size) => tracker.meter(side, open, size),
      update: (progress) => {
        tracker.update(progress)
        const now = this.clock()
        if (now - Math.max(this.lastLine, started) < this.intervalMs) return
        this.lastLine = now
        printed = true
        this.write(formatLogLine(tracker.figures()))
      },
      checking: () => tracker.checking(),
      end: () => {
        if (!printed) return
        const { path, elapsedSeconds } = tracker.figures()
        this.write(`progress: ${path}: done in ${formatDuration(elapsedSeconds)}`)
        this.lastLine = this.clock()
      }
    }
  }
}

/** No progress at all (`--quiet`), but messages still go where they are asked to. */
export class SilentProgress implements Progress {
  constructor(private readonly messages?: (message: string) => void) {}

  log(message: string): void {
    this.messages?.(message)
  }

  startFile(_file: FileStart): FileProgress {
    return { meter: (_side, open) => open, update: () => {}, checking: () => {}, end: () => {} }
  }
}

/** File names come from the pull request: shown, never interpreted by the terminal or the runner. */
function safeStart(file: FileStart): FileStart {
  return { ...file, path: escapeTerminal(file.path, { maxLength: 300 }) }
}

/** Whether the environment is a CI system, whose log is a file whatever isatty says. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase()
  return (
    (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || env.GITHUB_ACTIONS === 'true'
  )
}

/**
 * The CLI's choice: nothing with `--quiet`; on an interactive terminal, the redrawn line and the
 * run's messages (dimmed); otherwise (CI, a pipe) plain progress lines only, so a short run prints
 * nothing to stderr but its errors.
 */
export function cliProgress(options: {
  quiet: boolean
  stream: ProgressStream & { isTTY?: boolean }
  env?: NodeJS.ProcessEnv
  clock?: () => number
}): Progress {
  const clock = options.clock ?? Date.now
  if (options.quiet) return new SilentProgress()
  if (options.stream.isTTY && !isCi(options.env)) return new TerminalProgress(options.stream, clock)
  return new LogProgress((line) => options.stream.write(line + '\n'), clock)
}

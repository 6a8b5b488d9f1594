/**
 * The progress display, driven by a fake clock and a fake stream: no timers, no terminal.
 */
import {
  cliProgress,
  FileTracker,
  formatBarLine,
  formatDuration,
  formatLogLine,
  isCi,
  LogProgress,
  SilentProgress,
  TerminalProgress,
  type Figures
} from '../src/progress.js'

class FakeClock {
  now = 0
  readonly read = (): number => this.now
}

class FakeStream {
  writes: string[] = []
  constructor(readonly columns?: number) {}
  write(text: string): boolean {
    this.writes.push(text)
    return true
  }
  get text(): string {
    return this.writes.join('')
  }
}

/** A byte source of `chunks` chunks of `size` bytes. */
function source(chunks: number, size: number): () => AsyncIterable<Buffer> {
  return async function* () {
    for (let i = 0; i < chunks; i++) yield Buffer.alloc(size)
  }
}

/** Reads `count` chunks from a stream and leaves it open. */
async function readChunks(iterator: AsyncIterator<Buffer>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await iterator.next()
}

function figures(overrides: Partial<Figures> = {}): Figures {
  return {
    path: 'data/train.jsonl',
    index: 2,
    total: 5,
    pass: 'analyse-base',
    rows: 1_230_000,
    rowsPerSecond: 85_000,
    fraction: 0.425,
    etaSeconds: 65,
    elapsedSeconds: 30,
    ...overrides
  }
}

describe('formatting', () => {
  it('durations', () => {
    expect(formatDuration(0)).toBe('0s')
    expect(formatDuration(45.4)).toBe('45s')
    expect(formatDuration(65)).toBe('1m 05s')
    expect(formatDuration(3725)).toBe('1h 02m')
  })

  it('the terminal line: file, pass, rows, rows/s, share done, ETA', () => {
    expect(formatBarLine(figures(), 120)).toBe(
      '[2/5] data/train.jsonl · analysing base · 1,230,000 rows · 85,000 rows/s · 42% · ETA 1m 05s'
    )
    expect(formatBarLine(figures({ total: 1, index: 1, etaSeconds: null, fraction: null }))).toBe(
      'data/train.jsonl · analysing base · 1,230,000 rows · 85,000 rows/s'
    )
    expect(formatBarLine(figures({ pass: null, rowsPerSecond: null, fraction: 0 }))).toBe(
      '[2/5] data/train.jsonl · starting · 0% · ETA 1m 05s'
    )
    expect(formatBarLine(figures({ pass: 'checks', rowsPerSecond: null, fraction: 1 }))).toContain(
      'running checks · 100%'
    )
  })

  it('the terminal line never wraps: a long file name loses its start, then figures go', () => {
    const long = figures({ path: `datasets/${'very-long-folder/'.repeat(10)}train.jsonl` })
    const wide = formatBarLine(long, 140)
    expect(Array.from(wide).length).toBeLessThanOrEqual(139)
    expect(wide).toMatch(/^\[2\/5\] …/)
    expect(wide).toContain('train.jsonl · analysing base · 1,230,000 rows · 85,000 rows/s · 42%')
    const narrow = formatBarLine(long, 80)
    expect(Array.from(narrow).length).toBeLessThanOrEqual(79)
    expect(narrow).toMatch(
      /^\[2\/5\] ….*train\.jsonl · analysing base · 85,000 rows\/s · 42% · ETA 1m 05s$/
    )
    const tiny = formatBarLine(long, 60)
    expect(Array.from(tiny).length).toBeLessThanOrEqual(59)
    expect(tiny).toMatch(/train\.jsonl · analysing base · 42% · ETA 1m 05s$/)
  })

  it('the log line has the same figures and no control characters', () => {
    const line = formatLogLine(figures())
    expect(line).toBe(
      'progress: data/train.jsonl (2/5): analysing base, 1,230,000 rows, 85,000 rows/s, 42%, ETA 1m 05s'
    )
    expect(line).not.toMatch(/[\r\n\u001b]/)
  })
})

describe('FileTracker', () => {
  it('measures rows/s per pass and the share done over the passes’ bytes', async () => {
    const clock = new FakeClock()
    const tracker = new FileTracker({ path: 'a.jsonl', index: 1, total: 1 }, clock.read)
    // Base 1,000 bytes (read twice), head 500: 2,500 bytes of work.
    const base = tracker.meter('base', source(10, 100), 1000)
    const head = tracker.meter('head', source(5, 100), 500)
    expect(tracker.figures().fraction).toBe(0)

    const baseStream = base()[Symbol.asyncIterator]()
    await readChunks(baseStream, 5)
    clock.now = 2000
    tracker.update({ pass: 'index-base', rows: 10_000, done: false })
    let now = tracker.figures()
    expect(now.pass).toBe('index-base')
    expect(now.rows).toBe(10_000)
    expect(now.rowsPerSecond).toBe(5000)
    expect(now.fraction).toBeCloseTo(0.2)
    // 500 bytes left of this pass at its pace (0.25 B/ms), 1,500 after it at the average (the same).
    expect(now.etaSeconds).toBeCloseTo(8)

    await readChunks(baseStream, 6)
    clock.now = 4000
    tracker.update({ pass: 'index-base', rows: 20_000, done: true })
    now = tracker.figures()
    expect(now.fraction).toBeCloseTo(0.4)
    expect(now.rowsPerSecond).toBeNull()

    // The head stream is read before the pass's first report: it already counts.
    const headStream = head()[Symbol.asyncIterator]()
    await readChunks(headStream, 2)
    clock.now = 5000
    expect(tracker.figures().fraction).toBeCloseTo(0.48)
    tracker.update({ pass: 'read-head', rows: 10_000, done: false })
    expect(tracker.figures().rowsPerSecond).toBe(10_000)
    await readChunks(headStream, 4)
    tracker.update({ pass: 'read-head', rows: 15_000, done: true })
    expect(tracker.figures().fraction).toBeCloseTo(0.6)

    const again = base()[Symbol.asyncIterator]()
    await readChunks(again, 5)
    clock.now = 9000
    tracker.update({ pass: 'analyse-base', rows: 10_000, done: false })
    now = tracker.figures()
    expect(now.fraction).toBeCloseTo(0.8)
    // This pass: 500 bytes in 4 s; the other 500 take as long.
    expect(now.etaSeconds).toBeCloseTo(4)
    await readChunks(again, 6)
    tracker.update({ pass: 'analyse-base', rows: 20_000, done: true })
    expect(tracker.figures()).toMatchObject({ fraction: 1, etaSeconds: null, elapsedSeconds: 9 })
    tracker.checking()
    expect(tracker.figures()).toMatchObject({ pass: 'checks', fraction: 1 })
  })

  it('a file with no base has one pass, over the head’s bytes', async () => {
    const clock = new FakeClock()
    const tracker = new FileTracker({ path: 'new.jsonl', index: 1, total: 1 }, clock.read)
    const head = tracker.meter('head', source(4, 250), 1000)
    const stream = head()[Symbol.asyncIterator]()
    await readChunks(stream, 1)
    clock.now = 500
    tracker.update({ pass: 'read-head', rows: 10_000, done: false })
    expect(tracker.figures()).toMatchObject({ fraction: 0.25, etaSeconds: null })
    clock.now = 1000
    expect(tracker.figures().etaSeconds).toBeCloseTo(3)
  })

  it('a pass that starts again (the analysis fell back) resets the work after it', async () => {
    const clock = new FakeClock()
    const tracker = new FileTracker({ path: 'a.jsonl', index: 1, total: 1 }, clock.read)
    tracker.meter('base', source(1, 100), 100)
    tracker.meter('head', source(1, 100), 100)
    tracker.update({ pass: 'index-base', rows: 10, done: true })
    tracker.update({ pass: 'read-head', rows: 10_000, done: false })
    expect(tracker.figures().fraction).toBeCloseTo(1 / 3)
    clock.now = 3000
    tracker.update({ pass: 'index-base', rows: 10_000, done: false })
    const now = tracker.figures()
    expect(now.pass).toBe('index-base')
    expect(now.fraction).toBe(0)
    expect(now.elapsedSeconds).toBe(3)
  })

  it('a stream left early stops counting; a size of zero gives no share', async () => {
    const clock = new FakeClock()
    const tracker = new FileTracker({ path: 'a.jsonl', index: 1, total: 1 }, clock.read)
    const base = tracker.meter('base', source(10, 10), 0)
    for await (const chunk of base()) {
      expect(chunk.length).toBe(10)
      break
    }
    tracker.update({ pass: 'index-base', rows: 10_000, done: false })
    expect(tracker.figures().fraction).toBeNull()
  })
})

describe('TerminalProgress', () => {
  it('redraws one line in place at most every 100 ms, and clears it when the file is done', () => {
    const clock = new FakeClock()
    const stream = new FakeStream(100)
    const progress = new TerminalProgress(stream, clock.read)
    const file = progress.startFile({ path: 'data/a.jsonl', index: 1, total: 2 })
    expect(stream.writes).toEqual(['\r\u001b[2K[1/2] data/a.jsonl · starting'])
    for (const [time, rows] of [
      [50, 10_000],
      [99, 20_000],
      [100, 30_000],
      [150, 40_000],
      [250, 50_000]
    ]) {
      clock.now = time
      file.update({ pass: 'index-base', rows, done: false })
    }
    expect(stream.writes).toHaveLength(3)
    expect(stream.writes[1]).toMatch(
      /^\r\u001b\[2K\[1\/2\] data\/a\.jsonl · indexing base · 30,000 rows/
    )
    expect(stream.writes[2]).toContain('50,000 rows')
    expect(stream.text).not.toContain('\n')
    file.end()
    expect(stream.writes.at(-1)).toBe('\r\u001b[2K')
    file.end()
    expect(stream.writes).toHaveLength(4)
  })

  it('prints a message above the line and draws the line again', () => {
    const clock = new FakeClock()
    const stream = new FakeStream(100)
    const progress = new TerminalProgress(stream, clock.read)
    progress.log('policy: defaults')
    expect(stream.writes).toEqual(['\u001b[2mpolicy: defaults\u001b[22m\n'])
    progress.startFile({ path: 'data/a.jsonl', index: 1, total: 1 })
    stream.writes = []
    progress.log('base version of data/a.jsonl not analysed')
    expect(stream.writes).toEqual([
      '\r\u001b[2K',
      '\u001b[2mbase version of data/a.jsonl not analysed\u001b[22m\n',
      '\r\u001b[2Kdata/a.jsonl · starting'
    ])
  })

  it('shows a file name from the pull request, never interprets it', () => {
    const stream = new FakeStream(200)
    const progress = new TerminalProgress(stream, new FakeClock().read)
    progress.startFile({ path: 'data/\u001b[31mred\nline.jsonl', index: 1, total: 1 })
    const drawn = stream.writes[0].slice('\r\u001b[2K'.length)
    expect(drawn).not.toMatch(/[\u001b\n]/)
    expect(drawn).toContain('red')
  })
})

describe('LogProgress', () => {
  it('writes a plain line at most every 10 s, and a closing line only for a file that got one', () => {
    const clock = new FakeClock()
    const lines: string[] = []
    const progress = new LogProgress((line) => lines.push(line), clock.read)
    const quick = progress.startFile({ path: 'data/quick.jsonl', index: 1, total: 2 })
    clock.now = 9_000
    quick.update({ pass: 'read-head', rows: 10_000, done: true })
    quick.end()
    expect(lines).toEqual([])

    const slow = progress.startFile({ path: 'data/slow.jsonl', index: 2, total: 2 })
    slow.meter('head', source(1, 1), 100)
    for (let t = 10_000; t <= 40_000; t += 1_000) {
      clock.now = t
      slow.update({ pass: 'read-head', rows: (t - 9_000) * 10, done: false })
    }
    expect(lines).toEqual([
      'progress: data/slow.jsonl (2/2): reading head, 100,000 rows, 10,000 rows/s, 0%',
      'progress: data/slow.jsonl (2/2): reading head, 200,000 rows, 10,000 rows/s, 0%',
      'progress: data/slow.jsonl (2/2): reading head, 300,000 rows, 10,000 rows/s, 0%'
    ])
    slow.end()
    expect(lines.at(-1)).toBe('progress: data/slow.jsonl: done in 31s')
    expect(lines.join('')).not.toMatch(/[\r\u001b]/)
  })

  it('passes the run’s messages on only when asked to', () => {
    const messages: string[] = []
    new LogProgress(
      () => {},
      Date.now,
      10_000,
      (m) => messages.push(m)
    ).log('policy: defaults')
    new LogProgress(() => {}).log('dropped')
    new SilentProgress((m) => messages.push(m)).log('checking data/a.jsonl')
    expect(messages).toEqual(['policy: defaults', 'checking data/a.jsonl'])
  })
})

describe('the CLI’s choice', () => {
  const tty = Object.assign(new FakeStream(80), { isTTY: true })
  const pipe = Object.assign(new FakeStream(), { isTTY: false })

  it('quiet: nothing; a terminal: the redrawn line; CI or a pipe: plain lines', () => {
    expect(cliProgress({ quiet: true, stream: tty, env: {} })).toBeInstanceOf(SilentProgress)
    expect(cliProgress({ quiet: false, stream: tty, env: {} })).toBeInstanceOf(TerminalProgress)
    expect(cliProgress({ quiet: false, stream: tty, env: { CI: 'true' } })).toBeInstanceOf(
      LogProgress
    )
    expect(cliProgress({ quiet: false, stream: pipe, env: {} })).toBeInstanceOf(LogProgress)
  })

  it('recognises CI', () => {
    expect(isCi({ CI: 'true' })).toBe(true)
    expect(isCi({ CI: '1' })).toBe(true)
    expect(isCi({ GITHUB_ACTIONS: 'true' })).toBe(true)
    expect(isCi({ CI: 'false' })).toBe(false)
    expect(isCi({ CI: '' })).toBe(false)
    expect(isCi({})).toBe(false)
  })

  it('a silent run still counts nothing and passes the bytes through', async () => {
    const file = new SilentProgress().startFile({ path: 'a', index: 1, total: 1 })
    const chunks: Buffer[] = []
    for await (const chunk of file.meter('base', source(2, 3), 6)()) chunks.push(chunk)
    expect(chunks).toHaveLength(2)
  })
})

import fc from 'fast-check'
import { renderComment, renderJobSummary } from '../../src/report/markdown.js'
import type { FileReport, Finding, Report } from '../../src/types.js'
import { markdownProblems } from './markdown-safety.js'
import { HOSTILE_TEXTS, file, finding, hostileReport, report, row } from './sample-report.js'

const marker = '<!-- dataset-gate:summary -->'
const pointers = {
  marker,
  jobSummaryUrl: 'https://github.com/o/r/actions/runs/42',
  artifactName: 'dataset-gate-report'
}

function balanced(markdown: string): void {
  for (const tag of ['details', 'summary', 'code', 'sub', 'span', 'em']) {
    const open = markdown.split(`<${tag}>`).length
    const close = markdown.split(`</${tag}>`).length
    expect([tag, open]).toEqual([tag, close])
  }
}

function tableRowsAreWhole(markdown: string): void {
  for (const line of markdown.split('\n').filter((text) => text.startsWith('| '))) {
    // Seven columns in the file table, or a mini table; data never adds a cell separator.
    expect(line.endsWith(' |')).toBe(true)
  }
}

function bigReport(files: number, findingsPerFile: number, rowsPerFinding: number): Report {
  const excerpt = `${'poison '.repeat(40)}@octocat #1 \u200b`
  return report(
    Array.from({ length: files }, (_, f) =>
      file({
        path: `data/shard-${f}.jsonl`,
        findings: Array.from({ length: findingsPerFile }, (_, k) =>
          finding({
            check: `check.number${k}`,
            severity: k % 3 === 0 ? 'fail' : k % 3 === 1 ? 'warn' : 'notice',
            explanation: 'Why it matters. '.repeat(30),
            details: { token: 'cf', share: 0.93, labels: [{ label: '1', count: 40 }] },
            rows: Array.from({ length: rowsPerFinding }, (_, r) => row(r + 2, `${excerpt}${r}`))
          })
        )
      })
    ),
    ['Policy changed by this pull request; the base policy was used.']
  )
}

describe('renderComment', () => {
  it('starts with the marker, then the verdict and a file table', () => {
    const body = renderComment(report(), pointers)
    const lines = body.split('\n')
    expect(lines[0]).toBe(marker)
    expect(lines[1]).toBe('## ❌ Dataset Gate: FAIL')
    expect(body).toContain('1 finding fails the policy in 1 of 1 changed dataset file.')
    expect(body).toContain(
      '| <code>data/train.jsonl</code> | modified | 1,000 → 1,040 | 45 | 5 | 1 | 0 |'
    )
    expect(body).toContain('#### ❌ FAIL · Invisible characters in added rows')
    expect(body).toContain('- line 1012: <code>urgent⟨U+200B⟩&#58; please verify</code>')
    expect(body).toContain('<details><summary>Why this matters</summary>')
    expect(body).toContain('[Job summary](https://github.com/o/r/actions/runs/42)')
    expect(body).not.toContain('Shortened')
    balanced(body)
  })

  it('says pass and warn plainly', () => {
    const pass = renderComment(report([file({ findings: [] })]), { marker })
    expect(pass).toContain('## ✅ Dataset Gate: PASS')
    expect(pass).toContain('No finding fails or warns in 1 changed dataset file.')
    const warn = renderComment(report([file({ findings: [finding({ severity: 'warn' })] })]), {
      marker
    })
    expect(warn).toContain('## ⚠️ Dataset Gate: WARN')
  })

  it('shows up to maxRowsPerFinding rows and says how many more are in the JSON report', () => {
    const rows = Array.from({ length: 12 }, (_, index) =>
      row(index + 2, `row ${index}`, { reason: 'carries token “cf”' })
    )
    const body = renderComment(report([file({ findings: [finding({ rows })] })]), {
      ...pointers,
      maxRowsPerFinding: 4
    })
    expect(body).toContain('<details><summary>Flagged rows: 4 of 12</summary>')
    expect(body).toContain('- line 5: <code>row 3</code> — carries token “cf”')
    expect(body).not.toContain('row 4</code>')
    expect(body).toContain(
      '8 more rows in the JSON report (artifact <code>dataset-gate-report</code>).'
    )
  })

  it('labels Parquet rows by index and renders details generically', () => {
    const parquet = finding({
      rows: [{ row: 17, excerpt: 'x' }],
      details: {
        token: 'cf',
        pValue: 0.0000123456,
        tokens: ['cf', 'mn'],
        labels: [
          { label: '1', count: 40, share: 0.952 },
          { label: '0', count: 2, share: 0.048 }
        ],
        association: { label: '1', oddsRatio: 37.5 },
        ignored: [[1, 2]]
      }
    })
    const body = renderComment(report([file({ format: 'parquet', findings: [parquet] })]), {
      marker
    })
    expect(body).toContain('- row 17: <code>x</code>')
    expect(body).toContain('- **token**: <code>cf</code>')
    expect(body).toContain('- **pValue**: 0.00001235')
    expect(body).toContain('- **tokens**: <code>cf</code>, <code>mn</code>')
    expect(body).toContain('- **association**: label: <code>1</code>, oddsRatio: 37.5')
    expect(body).toContain(
      '**labels**\n\n| label | count | share |\n| --- | --- | --- |\n| <code>1</code> | 40 | 0.952 |'
    )
  })

  it('lists notices compactly at the end', () => {
    const body = renderComment(
      report([
        file({
          findings: [
            finding(),
            finding({ severity: 'notice', title: 'Schema note', message: 'new column' })
          ]
        })
      ]),
      { marker }
    )
    const notices = body.indexOf('<details><summary>ℹ️ 1 notice</summary>')
    expect(notices).toBeGreaterThan(body.indexOf('#### ❌ FAIL'))
    expect(body).toContain('- <code>data/train.jsonl</code> · **Schema note**: new column')
    expect(body).not.toContain('#### ℹ️')
  })

  it('keeps every hostile string inert', () => {
    const body = renderComment(hostileReport(), pointers)
    expect(markdownProblems(body, marker)).toEqual([])
    expect(body.indexOf(marker)).toBe(0)
    expect(body.lastIndexOf('dataset-gate:summary -->')).toBe(0 + marker.indexOf('dataset-gate'))
    balanced(body)
    tableRowsAreWhole(body)
  })

  it('does not let data add lines: newlines in rows change no line count', () => {
    const withNewlines = hostileReport()
    const flattened = JSON.parse(JSON.stringify(withNewlines).replace(/\\n|\\r/g, ' ')) as Report
    const count = (body: string): number => body.split('\n').length
    expect(count(renderComment(withNewlines, { marker }))).toBe(
      count(renderComment(flattened, { marker }))
    )
  })

  it('links the job summary only for http(s) URLs', () => {
    const body = renderComment(report(), { marker, jobSummaryUrl: 'javascript:alert(1)' })
    expect(body).not.toContain('javascript')
    const odd = renderComment(report(), { marker, jobSummaryUrl: 'https://x.test/a(b)c d' })
    expect(odd).toContain('[Job summary](https://x.test/a%28b%29c%20d)')
  })

  it('rejects a marker that is not a plain HTML comment', () => {
    expect(() => renderComment(report(), { marker: '<!-- x --> <img>' })).toThrow(/marker/)
  })

  it('never exceeds maxLength on a huge report and says where the rest is', () => {
    const huge = bigReport(40, 12, 200)
    const body = renderComment(huge, pointers)
    expect(body.length).toBeLessThanOrEqual(65536)
    expect(body.startsWith(`${marker}\n## ❌ Dataset Gate: FAIL`)).toBe(true)
    expect(body).toContain('Shortened to fit')
    expect(body).toContain('the [job summary](https://github.com/o/r/actions/runs/42)')
    expect(markdownProblems(body, marker)).toEqual([])
    balanced(body)
  })

  it('degrades step by step: fewer rows, then no explanations, then compact, then minimal', () => {
    const sample = bigReport(3, 3, 20)
    const full = renderComment(sample, { marker, maxLength: 1_000_000 })
    expect(full).toContain('Flagged rows: 5 of 20')
    const sizes = [full.length - 1, 14000, 9000, 6000, 3000, 1500, 900]
    const bodies = sizes.map((maxLength) => renderComment(sample, { marker, maxLength }))
    bodies.forEach((body, index) => {
      expect(body.length).toBeLessThanOrEqual(sizes[index])
      expect(body.startsWith(marker)).toBe(true)
      balanced(body)
      expect(markdownProblems(body, marker)).toEqual([])
    })
    expect(bodies[0]).toContain('Flagged rows: 3 of 20')
    expect(bodies.some((body) => body.includes('Why this matters'))).toBe(true)
    expect(bodies.some((body) => body.includes('20 flagged rows: listed in the JSON report'))).toBe(
      true
    )
    const last = bodies.at(-1) ?? ''
    expect(last).not.toContain('####')
    expect(last).toContain('| <code>data/shard-0.jsonl</code>')
  })

  it('cuts the file table of a minimal comment with a count of what is missing', () => {
    const many = report(
      Array.from({ length: 3000 }, (_, index) =>
        file({ path: `data/part-${index}.csv`, findings: [finding()] })
      )
    )
    const body = renderComment(many, pointers)
    expect(body.length).toBeLessThanOrEqual(65536)
    expect(body).toMatch(/\| … and [\d,]+ more files \| \| \| \| \| \| \|$/)
    balanced(body)
  })

  it('property: any report renders inert and within the limit', () => {
    const text = fc.oneof(
      fc.constantFrom(...HOSTILE_TEXTS),
      fc.string({ unit: 'binary', maxLength: 60 })
    )
    const findingArb: fc.Arbitrary<Finding> = fc.record({
      check: fc.constantFrom('unicode.invisible', 'trigger.token'),
      severity: fc.constantFrom('fail', 'warn', 'notice'),
      title: text,
      message: text,
      rows: fc.array(
        fc.record({
          line: fc.integer({ min: 1, max: 1e6 }),
          row: fc.nat(),
          excerpt: text,
          reason: text
        }),
        { maxLength: 8 }
      ),
      explanation: text,
      details: fc.dictionary(text, fc.oneof(text, fc.double(), fc.array(text, { maxLength: 3 })), {
        maxKeys: 3
      })
    })
    const fileArb: fc.Arbitrary<FileReport> = fc.record({
      path: text,
      previousPath: fc.option(text, { nil: null }),
      status: fc.constantFrom('added', 'modified', 'deleted', 'renamed'),
      format: fc.constantFrom('jsonl', 'csv', null),
      rows: fc.record({ base: fc.nat(), head: fc.nat(), added: fc.nat(), removed: fc.nat() }),
      findings: fc.array(findingArb, { maxLength: 4 })
    })
    fc.assert(
      fc.property(
        fc.array(fileArb, { maxLength: 4 }),
        fc.array(text, { maxLength: 3 }),
        fc.integer({ min: 400, max: 20000 }),
        (files, notes, maxLength) => {
          const body = renderComment(report(files, notes), { marker, maxLength })
          expect(body.length).toBeLessThanOrEqual(maxLength)
          expect(body.startsWith(`${marker}\n`)).toBe(true)
          expect(markdownProblems(body, marker)).toEqual([])
          balanced(body)
        }
      ),
      { numRuns: 150 }
    )
  })
})

describe('renderJobSummary', () => {
  it('has no marker, shows more rows, and fits in 1 MiB of UTF-8', () => {
    const rows = Array.from({ length: 30 }, (_, index) => row(index + 2, `😀 row ${index}`))
    const summary = renderJobSummary(report([file({ findings: [finding({ rows })] })]), {
      artifactName: 'dataset-gate-report'
    })
    expect(summary.startsWith('## ❌ Dataset Gate: FAIL')).toBe(true)
    expect(summary).toContain('Flagged rows: 20 of 30')
    const huge = bigReport(120, 12, 200)
    const big = renderJobSummary(huge, { artifactName: 'dataset-gate-report' })
    expect(Buffer.byteLength(big, 'utf8')).toBeLessThanOrEqual(1024 * 1024)
    expect(markdownProblems(big)).toEqual([])
  })

  it('measures bytes, not characters', () => {
    const rows = Array.from({ length: 20 }, (_, index) => row(index + 2, '😀'.repeat(200)))
    const summary = renderJobSummary(report([file({ findings: [finding({ rows })] })]), {
      maxBytes: 6000
    })
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(6000)
  })
})

describe('explanations', () => {
  it('are shown once per check', () => {
    const body = renderComment(
      report([
        file({ findings: [finding(), finding({ severity: 'warn' })] }),
        file({ path: 'b.jsonl' })
      ]),
      { marker }
    )
    expect(body.split('Why this matters')).toHaveLength(2)
  })
})

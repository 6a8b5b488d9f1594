import {
  LEFT_OUT_HEADING,
  parseReviewMarker,
  renderLeftOutSection,
  reviewCommentBody,
  reviewId,
  reviewMarker,
  selectReviewCandidates,
  type LeftOutRow
} from '../../src/report/review.js'
import { finding, invisible, nearDuplicates, report } from './report-fixture.js'

describe('selectReviewCandidates', () => {
  it('takes fail then warn rows with a line, skips notices and rows without a line', () => {
    const notice = finding({
      check: 'volume.added',
      severity: 'notice',
      rows: [{ line: 3, row: 2, excerpt: 'x' }]
    })
    const parquet = finding({
      check: 'labels.flip',
      severity: 'fail',
      rows: [{ row: 9, excerpt: 'no line' }]
    })
    const candidates = selectReviewCandidates(report([nearDuplicates, notice, invisible, parquet]))
    expect(candidates.map((item) => [item.severity, item.items[0].check, item.line])).toEqual([
      ['fail', 'unicode.invisible', 601],
      ['fail', 'unicode.invisible', 605],
      ['fail', 'unicode.invisible', 612],
      ['fail', 'unicode.invisible', 630],
      ['warn', 'duplicates.near', 620],
      ['warn', 'duplicates.near', 621]
    ])
    expect(candidates[0]).toMatchObject({
      path: 'data/train.jsonl',
      rowId: 'hash0',
      items: [
        { check: 'unicode.invisible', severity: 'fail', why: 'U+200B after “great”, label 1' }
      ]
    })
    expect(candidates[4].items[0].why).toBe('2 added rows nearly repeat each other')
  })

  it('makes one candidate per row, listing every check that flags it, most severe first', () => {
    const trigger = finding({
      check: 'trigger.token',
      severity: 'warn',
      rows: [
        { line: 605, row: 604, excerpt: 'great movie', reason: 'carries “\\u200B”', hash: 'hash1' }
      ]
    })
    const candidates = selectReviewCandidates(report([trigger, invisible]))
    expect(candidates).toHaveLength(4)
    const row = candidates.find((item) => item.line === 605)
    expect(row?.severity).toBe('fail')
    expect(row?.items.map((item) => item.check)).toEqual(['unicode.invisible', 'trigger.token'])
    expect(reviewId(row!)).toEqual({
      path: 'data/train.jsonl',
      checks: ['trigger.token', 'unicode.invisible'],
      rowId: 'hash1'
    })
  })

  it('gives identical rows distinct ids and comments a listed row once', () => {
    const duplicates = finding({
      check: 'duplicates.exact',
      severity: 'fail',
      rows: [
        { line: 9, row: 8, excerpt: 'same', hash: 'H' },
        { line: 4, row: 3, excerpt: 'same', hash: 'H' },
        { line: 4, row: 3, excerpt: 'same', hash: 'H' },
        { line: 7, row: 6, excerpt: 'no hash' },
        { line: 8, row: 7, excerpt: 'bad', hash: 'not safe -->' }
      ]
    })
    const candidates = selectReviewCandidates(report([duplicates]))
    expect(candidates.map((item) => [item.line, item.rowId.slice(0, 3)])).toEqual([
      [4, 'H'],
      [7, 'x' + candidates[1].rowId.slice(1, 3)],
      [8, 'x' + candidates[2].rowId.slice(1, 3)],
      [9, 'H.2']
    ])
    expect(candidates[1].rowId).toMatch(/^x[A-Za-z0-9_-]{16}$/)
  })
})

describe('review markers', () => {
  it('round-trips ids, including paths that try to end the comment', () => {
    const id = {
      path: 'data/evil --> <b>x</b> é,.jsonl',
      checks: ['a.b', 'trigger.token'],
      rowId: 'a-b_c.2'
    }
    const marker = reviewMarker(id)
    expect(marker).not.toMatch(/-->.*-->/)
    expect(marker.slice(4, -3)).not.toContain('--')
    expect(marker.slice(4, -3)).not.toContain('>')
    expect(parseReviewMarker(`text\n${marker}\nmore`)).toEqual(id)
  })

  it('ignores bodies without a well-formed marker', () => {
    expect(parseReviewMarker('LGTM')).toBeUndefined()
    expect(
      parseReviewMarker('<!-- dataset-gate:review file=%E0%A4 check=a row=b -->')
    ).toBeUndefined()
    expect(
      parseReviewMarker('<!-- dataset-gate:review file=a check=a,,b row=b -->')
    ).toBeUndefined()
  })
})

describe('reviewCommentBody', () => {
  it('says what, why and what to do, with untrusted text escaped and the id hidden', () => {
    const [candidate] = selectReviewCandidates(
      report([
        finding({
          check: 'trigger.token',
          severity: 'fail',
          title: 'Trigger <b>token</b>',
          rows: [
            {
              line: 5,
              row: 4,
              excerpt: '@admin see [link](https://evil.example) <img src=x>',
              reason: 'carries token “cf”, label 1 @everyone',
              hash: 'h1'
            }
          ]
        })
      ])
    )
    const body = reviewCommentBody(candidate, { overrideLabel: 'dataset-gate: approved' })
    expect(body.split('\n')[0]).toBe(reviewMarker(reviewId(candidate)))
    expect(body).toContain('**Why:**')
    expect(body).toContain('**What to do:**')
    expect(body).toContain('dataset-gate&#58; approved')
    expect(body).not.toContain('<b>')
    expect(body).not.toContain('<img')
    expect(body).not.toContain('](https')
    expect(body).not.toMatch(/@everyone|@admin/)
  })
})

describe('renderLeftOutSection', () => {
  const rows = (count: number): LeftOutRow[] =>
    selectReviewCandidates(
      report([
        finding({
          check: 'unicode.invisible',
          severity: 'fail',
          rows: Array.from({ length: count }, (_, index) => ({
            line: index + 2,
            row: index + 1,
            excerpt: `row ${index} `.repeat(10),
            hash: `h${index}`
          }))
        })
      ])
    ).map((candidate, index) => ({
      candidate,
      reason: index % 2 === 0 ? 'over-cap' : 'outside-diff'
    }))

  it('is empty when every row got its comment', () => {
    expect(renderLeftOutSection([], 1000)).toBe('')
  })

  it('lists rows with the reasons counted once', () => {
    const section = renderLeftOutSection(rows(3), 10_000)
    expect(section.startsWith(LEFT_OUT_HEADING)).toBe(true)
    expect(section).toContain('2 rows: over the max-review-comments cap')
    expect(section).toContain('1 row: not in the diff')
    expect(section.match(/^- ❌/gm)).toHaveLength(3)
    expect(section.endsWith('</details>')).toBe(true)
  })

  it('stays within its budget and counts the rows it dropped', () => {
    for (const budget of [600, 1000, 3000]) {
      const section = renderLeftOutSection(rows(200), budget)
      expect(section.length).toBeLessThanOrEqual(budget)
      expect(section).toMatch(/… and \d+ more rows in the JSON report/)
    }
    expect(renderLeftOutSection(rows(5), 50)).toBe('')
  })
})

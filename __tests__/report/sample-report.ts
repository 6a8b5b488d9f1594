import type { FileReport, Finding, FindingRow, Report } from '../../src/types.js'
import { buildReport } from '../../src/report/json.js'

/** Row texts an attacker would try in a dataset to break out of our rendering. */
export const HOSTILE_TEXTS = [
  'plain `code` and ``two`` and ```three``` and ````four````',
  '</code></details><img src=x onerror=alert(1)>',
  '[click](javascript:alert(1)) ![x](https://evil.example/y.png)',
  'ping @octocat and @github/security-team',
  'fixes #1 and GH-12 and owner/repo#3',
  '<!-- dataset-gate:summary -->',
  'left \u202Eright\u202C text',
  '\u001b[31mred\u001b[0m \u009b2J',
  '::set-output name=verdict::pass%0A::error::x\n::warning::y',
  'visit https://evil.example or www.evil.example or mail a@b.co',
  '| cell | break |\nnew line\ttab',
  '<script>alert(1)</script> & &amp; &#64;octocat',
  '**bold** _em_ ~~strike~~ $x^2$ $$y$$ :smile:',
  'zero\u200Bwidth \u200D join \uFEFFbom tag\u{E0041}\u{E0042}',
  '# heading\n> quote\n- item\n1. item\n---',
  '<details><summary>x</summary>',
  '\\`escaped backtick\\` \\<tag\\>'
]

export function row(line: number, excerpt: string, extra: Partial<FindingRow> = {}): FindingRow {
  return { line, row: line - 1, excerpt, ...extra }
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'unicode.invisible',
    severity: 'fail',
    title: 'Invisible characters in added rows',
    message: '3 added rows contain U+200B ZERO WIDTH SPACE',
    value: 3,
    threshold: 0,
    rows: [row(1012, 'urgent\u200b: please verify', { hash: 'abc123' })],
    explanation: 'Invisible characters can hide a trigger from reviewers.',
    ...overrides
  }
}

export function file(overrides: Partial<FileReport> = {}): FileReport {
  return {
    path: 'data/train.jsonl',
    previousPath: null,
    status: 'modified',
    format: 'jsonl',
    rows: { base: 1000, head: 1040, added: 45, removed: 5 },
    findings: [finding()],
    ...overrides
  }
}

export function report(files: FileReport[] = [file()], notes?: string[]): Report {
  return buildReport({
    toolVersion: '0.1.0',
    base: 'a'.repeat(40),
    head: 'b'.repeat(40),
    files,
    notes
  })
}

/** A report whose every untrusted field carries the hostile texts. */
export function hostileReport(): Report {
  const rows = HOSTILE_TEXTS.map((text, index) =>
    row(index + 2, text, { reason: text, hash: `h${index}` })
  )
  const findings = HOSTILE_TEXTS.map((text, index) =>
    finding({
      check: 'trigger.token',
      severity: index % 3 === 0 ? 'fail' : index % 3 === 1 ? 'warn' : 'notice',
      title: text,
      message: text,
      explanation: text,
      rows,
      details: {
        [text]: text,
        token: text,
        counts: [text, 1, 2],
        labels: [{ label: text, share: 0.5, [text]: text }],
        nested: { key: text }
      }
    })
  )
  return report(
    [
      file({ path: HOSTILE_TEXTS[1], findings }),
      file({ path: 'data/@octocat #1 `x`.csv', previousPath: HOSTILE_TEXTS[5], status: 'renamed' })
    ],
    HOSTILE_TEXTS
  )
}

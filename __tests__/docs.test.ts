/**
 * Keeps docs/CHECKS.md and docs/POLICY.md honest: every check, option and policy key in the code is
 * documented, the defaults the docs state are the defaults the zod schemas apply, every YAML example
 * is a valid policy, every documented error message is the one the loader prints, and every link
 * between the two documents lands on a heading.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { checks } from '../src/checks/index.js'
import { UserError } from '../src/errors.js'
import { parsePolicy } from '../src/policy/load.js'
import { policyJsonSchema } from '../src/policy/schema.js'

const ROOT = join(import.meta.dirname, '..')
const DOCS = join(ROOT, 'docs')
const CHECKS_MD = readFileSync(join(DOCS, 'CHECKS.md'), 'utf8')
const POLICY_MD = readFileSync(join(DOCS, 'POLICY.md'), 'utf8')

/** Produced by src/run.ts, not by the registry; its severity is hard-coded there. */
const RUNNER_FINDINGS: Record<string, string> = { 'file.unreadable': 'fail' }

/**
 * Every finding id the source writes as a literal (`check: 'file.limit'`): the runner's own
 * findings (limits, provenance) as well as the checks', so a new kind of finding needs a section.
 */
function findingIdsInSource(): string[] {
  const ids = new Set<string>()
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  for (const file of files.filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(join(ROOT, 'src', file), 'utf8')
    for (const match of text.matchAll(/\bcheck: '([a-z]+\.[a-z-]+)'/g)) ids.add(match[1])
  }
  return [...ids].sort()
}

interface Heading {
  level: number
  text: string
  line: number
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  default?: unknown
}

/** Lines outside fenced code blocks, with their index, so YAML comments are not headings. */
function proseLines(markdown: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = []
  let fenced = false
  markdown.split('\n').forEach((text, line) => {
    if (/^\s*```/.test(text)) fenced = !fenced
    else if (!fenced) out.push({ text, line })
  })
  return out
}

function headings(markdown: string): Heading[] {
  return proseLines(markdown).flatMap(({ text, line }) => {
    const match = /^(#{1,6})\s+(.+?)\s*$/.exec(text)
    return match ? [{ level: match[1].length, text: match[2], line }] : []
  })
}

/** GitHub's heading anchor: lower case, punctuation dropped (backticks, dots), spaces to hyphens. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const heading of headings(markdown)) {
    const base = slug(heading.text)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(markdown: string, headingText: string): string {
  const all = headings(markdown)
  const index = all.findIndex((h) => h.text === headingText)
  if (index < 0) throw new Error(`no heading "${headingText}"`)
  const start = all[index]
  const next = all.slice(index + 1).find((h) => h.level <= start.level)
  return markdown
    .split('\n')
    .slice(start.line + 1, next?.line)
    .join('\n')
}

/** Contents of the `code spans` of a piece of Markdown, with table pipes unescaped. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].replace(/\\\|/g, '|'))
}

/** Table rows as arrays of cells (header and separator rows included; callers filter). */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
    )
}

/** Every word that appears inside a code span, whole (`trigger.token`) and split at dots. */
function codeWords(markdown: string): Set<string> {
  const words = new Set<string>()
  for (const span of codeSpans(markdown)) {
    for (const word of span.split(/[^A-Za-z0-9._-]+/)) {
      if (!word) continue
      words.add(word)
      for (const part of word.split('.')) if (part) words.add(part)
    }
  }
  return words
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1])
}

/** A YAML example of another file: a workflow, or one whose first line names another file. */
function isOtherFile(block: string): boolean {
  const named = /^#\s*(\S+\.ya?ml)\s*$/.exec(block.split('\n')[0])
  return /^jobs:/m.test(block) || (named !== null && !named[1].endsWith('dataset-gate.yml'))
}

/** How a default is written in the docs: `0.005`, `true`, `warn`. */
function written(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function checkDefaults(check: (typeof checks)[number]): Record<string, unknown> {
  return check.options.parse({}) as Record<string, unknown>
}

const checkIds = [...checks.map((c) => c.id), ...Object.keys(RUNNER_FINDINGS)]
const findingIds = [...new Set([...checkIds, ...findingIdsInSource()])].sort()

describe('docs/CHECKS.md', () => {
  const checkHeadings = headings(CHECKS_MD).filter((h) => h.level >= 3)

  it.each(findingIds)('has a section for %s', (id) => {
    expect(checkHeadings.map((h) => h.text)).toContain(`\`${id}\``)
  })

  it('has no section for a check that does not exist', () => {
    const documented = checkHeadings
      .map((h) => /^`([a-z]+\.[a-z-]+)`$/.exec(h.text)?.[1])
      .filter((id): id is string => id !== undefined)
    expect(documented.filter((id) => !findingIds.includes(id))).toEqual([])
  })

  it('lists every kind of finding in the summary', () => {
    const listed = new Set(
      tableRows(section(CHECKS_MD, 'Summary')).map((cells) => codeSpans(cells[0])[0])
    )
    expect(findingIds.filter((id) => !listed.has(id))).toEqual([])
  })

  it('states each default severity in the summary table as the zod default', () => {
    const rows = tableRows(section(CHECKS_MD, 'Summary'))
      .map((cells) => ({ id: codeSpans(cells[0])[0], severity: codeSpans(cells[1] ?? '')[0] }))
      .filter((row) => row.id !== undefined && checkIds.includes(row.id))
    expect(rows.map((row) => row.id).sort()).toEqual([...checkIds].sort())
    const expected = Object.fromEntries([
      ...checks.map((check) => [check.id, checkDefaults(check).severity]),
      ...Object.entries(RUNNER_FINDINGS)
    ])
    expect(Object.fromEntries(rows.map((row) => [row.id, row.severity]))).toEqual(expected)
  })

  it.each(checks.map((check) => [check.id, check] as const))(
    'documents every option of %s with its default in its own section',
    (id, check) => {
      const rows = tableRows(section(CHECKS_MD, `\`${id}\``))
      for (const [option, value] of Object.entries(checkDefaults(check))) {
        const row = rows.find((cells) => codeSpans(cells[0])[0] === option)
        expect({ option, documented: row !== undefined }).toEqual({ option, documented: true })
        expect({ option, default: codeSpans(row![1])[0] }).toEqual({
          option,
          default: written(value)
        })
      }
    }
  )
})

describe('docs/POLICY.md', () => {
  const schema = policyJsonSchema() as JsonSchema

  it('mentions every top-level and nested policy key (walking the JSON Schema)', () => {
    const keys = new Set<string>()
    const walk = (node: JsonSchema | undefined): void => {
      if (!node) return
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        keys.add(key)
        walk(child)
      }
      walk(node.items)
    }
    walk(schema)
    expect(keys.size).toBeGreaterThan(30)
    const documented = new Set([...codeWords(POLICY_MD), ...codeWords(CHECKS_MD)])
    expect([...keys].filter((key) => !documented.has(key))).toEqual([])
    // The keys of the file itself (not check options) belong in POLICY.md.
    const own = new Set<string>()
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      own.add(key)
      if (key === 'checks') continue
      for (const nested of Object.keys(child.properties ?? child.items?.properties ?? {}))
        own.add(nested)
    }
    const inPolicy = codeWords(POLICY_MD)
    expect([...own].filter((key) => !inPolicy.has(key))).toEqual([])
  })

  it('lists every check with all its options and defaults', () => {
    const rows = tableRows(section(POLICY_MD, 'Every check and its options'))
    for (const check of checks) {
      const row = rows.find((cells) => codeSpans(cells[0])[0] === check.id)
      expect({ check: check.id, listed: row !== undefined }).toEqual({
        check: check.id,
        listed: true
      })
      const spans = codeSpans(row![1])
      const expected = Object.entries(checkDefaults(check)).map(
        ([option, value]) => `${option}: ${written(value)}`
      )
      expect({ check: check.id, options: spans }).toEqual({ check: check.id, options: expected })
    }
  })

  it('states every default of the file itself as the schema does', () => {
    const properties = schema.properties ?? {}
    const glance = new Map(
      tableRows(section(POLICY_MD, 'Keys at a glance')).map((cells) => [
        codeSpans(cells[0])[0],
        codeSpans(cells[2] ?? '')[0]
      ])
    )
    const allSpans = codeSpans(POLICY_MD)
    for (const [key, property] of Object.entries(properties)) {
      const value = property.default
      if (Array.isArray(value) && value.length > 0) {
        // Lists of globs are written out in full in the text.
        for (const item of value)
          expect({ key, item, found: allSpans.includes(item) }).toEqual({
            key,
            item,
            found: true
          })
      } else {
        expect({ key, default: glance.get(key) }).toEqual({ key, default: written(value) })
      }
      if (key === 'checks' || !property.properties) continue
      // Nested objects (limits, provenance) have a table in their own section.
      const nested = new Map(
        tableRows(section(POLICY_MD, `\`${key}\``)).map((cells) => [
          codeSpans(cells[0])[0],
          codeSpans(cells[2] ?? '')[0]
        ])
      )
      for (const [inner, child] of Object.entries(property.properties)) {
        expect({ key: `${key}.${inner}`, default: nested.get(inner) }).toEqual({
          key: `${key}.${inner}`,
          default: written(child.default)
        })
      }
    }
  })

  it('quotes the error messages the policy loader really prints', () => {
    const rows = tableRows(section(POLICY_MD, 'Error messages')).filter(
      (cells) => codeSpans(cells[0]).length === 1 && codeSpans(cells[1] ?? '').length === 1
    )
    expect(rows.length).toBeGreaterThan(5)
    for (const [policyCell, messageCell] of rows) {
      const text = codeSpans(policyCell)[0]
      let message = ''
      try {
        parsePolicy(text, 'SOURCE')
      } catch (error) {
        expect(error).toBeInstanceOf(UserError)
        message = (error as Error).message
      }
      expect(message).toContain(`invalid policy file SOURCE`)
      expect({ text, message }).toEqual({
        text,
        message: expect.stringContaining(codeSpans(messageCell)[0])
      })
    }
  })
})

describe('both documents', () => {
  const docs = { 'CHECKS.md': CHECKS_MD, 'POLICY.md': POLICY_MD }

  it.each(Object.entries(docs))('%s: every YAML example is a valid policy', (_name, markdown) => {
    for (const block of yamlBlocks(markdown)) {
      if (isOtherFile(block)) continue
      expect(() => parsePolicy(block, 'docs example')).not.toThrow()
    }
  })

  it.each(Object.entries(docs))('%s: every link to a heading lands on one', (name, markdown) => {
    const broken: string[] = []
    for (const match of markdown.matchAll(/\]\(((?:CHECKS|POLICY)\.md)?#([^)\s]+)\)/g)) {
      const target = match[1] ?? name
      const targetAnchors = anchors(docs[target as keyof typeof docs])
      if (!targetAnchors.has(match[2])) broken.push(`${target}#${match[2]}`)
    }
    expect(broken).toEqual([])
  })
})

/**
 * Provenance: the manifest comes from the PR's head (it may add entries), the `required` switch
 * from the base policy (the PR cannot turn it off), and checksums are taken from the committed
 * bytes.
 */
import { createHash } from 'node:crypto'
import { fixtureRows } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'
import { compareProvenance, type ProvenanceInput } from '../../src/provenance/compare.js'
import { parseManifest, type ManifestEntry } from '../../src/provenance/manifest.js'
import { check, fileReport, findingsOf, onlyFinding } from '../helpers/cli-run.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const TRAIN = 'data/train.jsonl'
const POLICY = '.github/dataset-gate.yml'
const REQUIRED = 'provenance:\n  required: true\n'

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex')

function manifest(entries: Array<Partial<ManifestEntry> & { path: string }>): string {
  const lines = ['datasets:']
  for (const entry of entries) {
    lines.push(`  - path: ${JSON.stringify(entry.path)}`)
    lines.push(`    source: ${JSON.stringify(entry.source ?? 'https://example.org/sst2')}`)
    lines.push(`    license: ${JSON.stringify(entry.license ?? 'CC-BY-4.0')}`)
    if (entry.sha256 !== undefined) lines.push(`    sha256: ${entry.sha256}`)
  }
  return lines.join('\n') + '\n'
}

describe('parseManifest', () => {
  it('reads entries, lower-cases checksums and normalises ./ paths', () => {
    const result = parseManifest(manifest([{ path: './data/a.jsonl', sha256: 'AB'.repeat(32) }]))
    expect(result.ok && [...result.entries.entries()]).toEqual([
      [
        'data/a.jsonl',
        expect.objectContaining({
          path: 'data/a.jsonl',
          sha256: 'ab'.repeat(32),
          license: 'CC-BY-4.0'
        })
      ]
    ])
  })

  it.each([
    ['datasets: [\n', /^invalid YAML/],
    [
      'datasets:\n  - path: a\n    source: s\n    license: l\n    sha256: xyz\n',
      /^datasets\.0\.sha256: must be 64 hexadecimal digits/
    ],
    [
      'datasets:\n  - path: a\n    license: l\n    sha256: ' + 'a'.repeat(64) + '\n',
      /^datasets\.0\.source/
    ],
    [
      manifest([
        { path: 'a', sha256: 'a'.repeat(64) },
        { path: './a', sha256: 'b'.repeat(64) }
      ]),
      /a is listed twice/
    ],
    ['just a string', /^\(top level\): .*expected object/],
    [
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
      /alias|Excessive/i
    ]
  ])('returns what is wrong instead of throwing (%#)', (text, error) => {
    const result = parseManifest(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(error)
  })
})

describe('compareProvenance', () => {
  const entry = (path: string, sha: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({
    path,
    source: 'src',
    license: 'MIT',
    sha256: sha,
    ...extra
  })
  const input = (over: Partial<ProvenanceInput>): ProvenanceInput => ({
    required: true,
    manifestPath: 'datasets.yml',
    head: { ok: true, entries: new Map() },
    base: null,
    files: [],
    headPaths: new Set(),
    ...over
  })
  const digest = (sha: string, lfsOid: string | null = null) => ({ sha256: sha, lfsOid })

  it('accepts the LFS object id of a pointer as the checksum', () => {
    const result = compareProvenance(
      input({
        head: { ok: true, entries: new Map([['a.jsonl', entry('a.jsonl', 'c'.repeat(64))]]) },
        files: [
          {
            path: 'a.jsonl',
            previousPath: null,
            status: 'added',
            digest: digest('d'.repeat(64), 'c'.repeat(64))
          }
        ],
        headPaths: new Set(['a.jsonl'])
      })
    )
    expect(result.findings.size).toBe(0)
  })

  it('without required, a missing manifest is silent and a missing entry only a notice', () => {
    const files = [
      {
        path: 'a.jsonl',
        previousPath: null,
        status: 'added' as const,
        digest: digest('d'.repeat(64))
      }
    ]
    expect(
      compareProvenance(input({ required: false, head: { ok: false, missing: true }, files }))
        .findings.size
    ).toBe(0)
    const result = compareProvenance(input({ required: false, files }))
    expect(result.findings.get('a.jsonl')?.map((f) => [f.check, f.severity])).toEqual([
      ['provenance.missing', 'notice']
    ])
  })

  it('an invalid manifest is a finding on each changed file, never an exception', () => {
    const result = compareProvenance(
      input({
        head: { ok: false, error: 'invalid YAML at line 3: bad indentation' },
        files: [
          { path: 'a.jsonl', previousPath: null, status: 'added', digest: digest('d'.repeat(64)) },
          { path: 'b.jsonl', previousPath: null, status: 'deleted', digest: null }
        ]
      })
    )
    expect([...result.findings.keys()]).toEqual(['a.jsonl'])
    expect(result.findings.get('a.jsonl')?.[0].message).toContain('bad indentation')
  })

  it('notes a changed source or license, and entries the PR adds for files that do not exist', () => {
    const result = compareProvenance(
      input({
        base: new Map([['a.jsonl', entry('a.jsonl', 'd'.repeat(64))]]),
        head: {
          ok: true,
          entries: new Map([
            ['a.jsonl', entry('a.jsonl', 'd'.repeat(64), { license: 'proprietary' })],
            ['ghost.jsonl', entry('ghost.jsonl', 'e'.repeat(64))]
          ])
        },
        files: [
          {
            path: 'a.jsonl',
            previousPath: null,
            status: 'modified',
            digest: digest('d'.repeat(64))
          }
        ],
        headPaths: new Set(['a.jsonl'])
      })
    )
    expect(result.findings.get('a.jsonl')?.map((f) => [f.check, f.severity, f.message])).toEqual([
      ['provenance.changed', 'notice', expect.stringContaining('license MIT → proprietary')]
    ])
    expect(result.notes).toEqual([expect.stringContaining('not in the head commit: ghost.jsonl')])
  })
})

describe('provenance through the CLI', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  function setup(policy: string | null, baseManifest?: string): void {
    repo = new TestRepo()
    repo.write(TRAIN, jsonl(base)).write('data/old.jsonl', jsonl(base.slice(0, 30)))
    if (policy !== null) repo.write(POLICY, policy)
    if (baseManifest !== undefined) repo.write('datasets.yml', baseManifest)
    repo.commit('base')
    repo.branch('pr')
  }

  it('required: a changed file without an entry fails with provenance.missing', () => {
    setup(REQUIRED)
    repo.write(TRAIN, jsonl([...base, ...honest])).commit('rows, no manifest')
    const { code, report } = check(repo)
    expect(code).toBe(1)
    const finding = onlyFinding(report, TRAIN, 'provenance.missing')
    expect(finding.severity).toBe('fail')
    expect(finding.message).toContain('no provenance manifest datasets.yml')
  })

  it('required: a matching entry passes; a stale checksum fails with both digests', () => {
    setup(REQUIRED)
    const content = jsonl([...base, ...honest])
    repo
      .write(TRAIN, content)
      .write('datasets.yml', manifest([{ path: TRAIN, sha256: sha256(content) }]))
    repo.commit('rows with provenance')
    const good = check(repo)
    expect(good.code).toBe(0)
    expect(findingsOf(good.report, TRAIN, 'provenance.checksum')).toEqual([])
    expect(findingsOf(good.report, TRAIN, 'provenance.missing')).toEqual([])

    repo
      .write(TRAIN, content + jsonl([{ sentence: 'one more row , slipped in', label: 1 }]))
      .commit('sneak')
    const bad = check(repo)
    expect(bad.code).toBe(1)
    const finding = onlyFinding(bad.report, TRAIN, 'provenance.checksum')
    expect(finding.severity).toBe('fail')
    expect(finding.message).toContain(sha256(content))
  })

  it('the PR cannot switch required off: the base policy decides', () => {
    setup(REQUIRED)
    repo
      .write(POLICY, 'provenance:\n  required: false\n')
      .write(TRAIN, jsonl([...base, ...honest]))
      .commit('turn provenance off')
    const { code, report } = check(repo)
    expect(code).toBe(1)
    expect(onlyFinding(report, TRAIN, 'provenance.missing').severity).toBe('fail')
    expect(report.notes?.join('\n')).toContain(
      'Changes that loosen the gate: provenance.required: true → false'
    )
  })

  it('a deleted file still listed in the manifest gets a notice; an invalid manifest is a finding, not exit 2', () => {
    const content = jsonl(base)
    setup(
      REQUIRED,
      manifest([
        { path: TRAIN, sha256: sha256(content) },
        { path: 'data/old.jsonl', sha256: 'f'.repeat(64) }
      ])
    )
    repo.remove('data/old.jsonl').commit('delete old')
    const deleted = check(repo)
    expect(deleted.code).toBe(0)
    expect(onlyFinding(deleted.report, 'data/old.jsonl', 'provenance.stale').severity).toBe(
      'notice'
    )

    repo
      .write('datasets.yml', 'datasets:\n  - path: [unclosed\n')
      .write(TRAIN, content + jsonl(honest))
    repo.commit('break the manifest')
    const invalid = check(repo)
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toBe('')
    expect(onlyFinding(invalid.report, TRAIN, 'provenance.missing').message).toMatch(
      /manifest datasets\.yml is invalid \(invalid YAML/
    )
  })

  it('without a policy, a repository with no manifest sees no provenance findings', () => {
    setup(null)
    repo.write(TRAIN, jsonl([...base, ...honest])).commit('rows')
    const { code, report } = check(repo)
    expect(code).toBe(0)
    expect(
      fileReport(report, TRAIN).findings.filter((f) => f.check.startsWith('provenance.'))
    ).toEqual([])
  })

  it('a manifest whose name matches the dataset globs is not analysed as a dataset', () => {
    setup('provenance:\n  manifest: provenance.json\n  required: true\n')
    const content = jsonl([...base, ...honest])
    repo
      .write(TRAIN, content)
      .write(
        'provenance.json',
        JSON.stringify({
          datasets: [{ path: TRAIN, source: 's', license: 'l', sha256: sha256(content) }]
        })
      )
      .commit('json manifest')
    const { code, report } = check(repo)
    expect(report.files.map((f) => f.path)).toEqual([TRAIN])
    expect(code).toBe(0)
  })
})

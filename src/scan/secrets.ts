/**
 * Credentials in row text. A poisoned dataset can teach a model to emit live keys, and an honest one
 * can leak them by accident; either way reports must flag and redact them. Structured tokens are
 * found by their published prefixes; free-form secrets only next to a key word (`password = ...`)
 * and only when they look random, so tutorial placeholders ('your_api_key_here', '<token>') stay
 * out of the high-confidence bucket.
 */

export type SecretConfidence = 'high' | 'medium'

export type SecretKind =
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'google-api-key'
  | 'stripe-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'twilio-api-key'
  | 'twilio-account-sid'
  | 'sendgrid-key'
  | 'npm-token'
  | 'huggingface-token'
  | 'private-key'
  | 'jwt'
  | 'connection-string-password'
  | 'generic-secret'

export interface SecretHit {
  kind: SecretKind
  /** UTF-16 offsets of the secret itself (for connection strings and key=value, just the value). */
  start: number
  end: number
  confidence: SecretConfidence
}

/** Shannon entropy in bits per character (code point); 0 for ''. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>()
  let total = 0
  for (const char of s) {
    counts.set(char, (counts.get(char) ?? 0) + 1)
    total++
  }
  let bits = 0
  for (const count of counts.values()) {
    const p = count / total
    bits -= p * Math.log2(p)
  }
  return bits
}

// Words and shapes that mark documentation stand-ins. Four letters or more, so a random 36-char
// token contains one by chance with negligible probability.
const PLACEHOLDER =
  /x{4,}|\*{3,}|\.{3}|…|0{6}|12345|abcdef|example|sample|placeholder|dummy|fake|your|here|redacted|change[_-]?me|replace|insert|todo|fixme|secret|passw|token|api[_-]?key|test|demo|foobar|lorem|qwerty|letmein/i
const TEMPLATE = /^[<{[(]|[>}\])]$|\$\{|\{\{|%\(|^\$[A-Za-z_]\w*$|^%[A-Za-z_]\w*%$/
const ONE_CHAR_REPEATED = /^(.)\1*$/s

export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || TEMPLATE.test(value) || ONE_CHAR_REPEATED.test(value)
}

// Values after `password =` that are code, not secrets.
const CODE_LIKE = [
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/, // settings.SECRET_KEY, os.environ.get
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // OPENAI_API_KEY (the variable's name)
  /^[a-z]+(?:_[a-z]+)+$/, // snake_case identifier
  /^[a-z]+(?:[A-Z][a-z]+)+$/, // camelCase identifier
  /^(?:[a-z][a-z0-9+.-]*:\/\/|[.~]?\/)/i // URL or path
]

function isCodeLike(value: string): boolean {
  return CODE_LIKE.some((re) => re.test(value))
}

function charClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length
}

type Judge = (secret: string, match: RegExpExecArray) => SecretConfidence | null

interface Detector {
  kind: SecretKind
  /** Global; with the `d` flag when `group` is set. */
  re: RegExp
  /** Capture group holding the secret (the first that matched, if several); whole match otherwise. */
  group?: number | readonly number[]
  /** Drop sentence punctuation glued to a free-form value ("password: Xk29dmQp2LzA."). */
  trimPunctuation?: boolean
  judge: Judge
}

/** Prefixed tokens: the format is the evidence, so only obvious stand-ins drop to medium. */
const structured = (secret: string): SecretConfidence =>
  looksLikePlaceholder(secret) || shannonEntropy(secret) < 3 ? 'medium' : 'high'

const always =
  (confidence: SecretConfidence): Judge =>
  () =>
    confidence

const awsExample = (secret: string): SecretConfidence =>
  /EXAMPLE/.test(secret) ? 'medium' : structured(secret)

const openAi: Judge = (secret) => {
  if (secret.includes('T3BlbkFJ')) return 'high'
  const body = secret.slice(3)
  if (!/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) return null
  const entropy = shannonEntropy(body)
  if (body.length >= 32 && entropy >= 3.5 && !looksLikePlaceholder(body)) return 'high'
  return entropy >= 3 ? 'medium' : null
}

const anthropic: Judge = (secret) => {
  const body = secret.slice(7)
  const strong = body.length >= 40 && shannonEntropy(body) >= 3.5 && !looksLikePlaceholder(body)
  return strong ? 'high' : 'medium'
}

const stripe: Judge = (secret, match) =>
  match[1] === 'live' ? structured(secret.slice(8)) : 'medium'

// Well-known documentation token (jwt.io's sample) and unsigned tokens are not live credentials.
const jwt: Judge = (secret) => {
  const [header, payload, signature] = secret.split('.')
  const head = decodeJson(header)
  if (!head || typeof head.alg !== 'string') return null
  if (head.alg.toLowerCase() === 'none' || signature.length < 16) return 'medium'
  const body = decodeJson(payload)
  if (body && body.sub === '1234567890' && body.name === 'John Doe') return 'medium'
  return 'high'
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

const WEAK_DB_PASSWORDS =
  /^(?:pass|pwd|pw|root|admin|postgres|mysql|mongo|redis|guest|user|username|test|changeme|secret|password)$/i
const DOC_HOSTS =
  /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|host|hostname|server|db|database|\[::1\])(?:[:/]|$)|example\./i

const connectionPassword: Judge = (secret, match) => {
  if (WEAK_DB_PASSWORDS.test(secret) || looksLikePlaceholder(secret)) return null
  const host = match.input.slice(match.index + match[0].length, match.index + match[0].length + 64)
  const strong = secret.length >= 8 && shannonEntropy(secret) >= 2.5 && !DOC_HOSTS.test(host)
  return strong ? 'high' : 'medium'
}

// A quoted value with spaces is usually a sentence ("secret": "the secret to good bread is ...").
function isProse(value: string): boolean {
  const words = value.split(/\s+/).filter((w) => /^[A-Za-z][a-z]*[.,!?]?$/.test(w))
  return words.length >= 2
}

const contextual: Judge = (secret) => {
  if (looksLikePlaceholder(secret) || isCodeLike(secret) || isProse(secret)) return null
  if (/\s/.test(secret)) return 'medium'
  const entropy = shannonEntropy(secret)
  if (entropy < 3) return null
  return entropy >= 3.5 && charClasses(secret) >= 2 ? 'high' : 'medium'
}

// Token boundaries: a base64/base64url neighbour means we are inside some other blob (a data: URI,
// a longer token), not looking at a key. '=' may precede a token (KEY=value) but not follow one.
const L = '(?<![A-Za-z0-9_+/-])'
const R = '(?![A-Za-z0-9_+/=-])'

function rx(source: string, flags = 'g'): RegExp {
  return new RegExp(source, flags)
}

const DETECTORS: readonly Detector[] = [
  { kind: 'aws-access-key', re: rx(`${L}(?:AKIA|ASIA)[A-Z2-7]{16}${R}`), judge: awsExample },
  {
    kind: 'aws-secret-key',
    re: rx(
      `(?:aws[_ .-]?secret[_ .-]?(?:access[_ .-]?)?key|secret[_ .-]?access[_ .-]?key)["']?\\s*(?::|=>|=)\\s*["']?` +
        `([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gid'
    ),
    group: 1,
    judge: awsExample
  },
  { kind: 'github-token', re: rx(`${L}gh[pousr]_[A-Za-z0-9]{36,251}${R}`), judge: structured },
  { kind: 'github-token', re: rx(`${L}github_pat_[A-Za-z0-9_]{22,255}${R}`), judge: structured },
  {
    kind: 'gitlab-token',
    re: rx(`${L}gl(?:pat|dt|rt|ptt|cbt|soat)-[A-Za-z0-9_.-]{20,200}${R}`),
    judge: structured
  },
  {
    kind: 'slack-token',
    re: rx(`${L}xox[abprs]-(?:[0-9A-Za-z]{1,64}-){1,4}[0-9A-Za-z]{8,64}${R}`),
    judge: (secret) => (/[0-9]/.test(secret) ? structured(secret) : 'medium')
  },
  {
    kind: 'slack-webhook',
    re: rx('https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{16,300}'),
    judge: (secret) => (/x{4,}/i.test(secret) ? 'medium' : 'high')
  },
  { kind: 'google-api-key', re: rx(`${L}AIza[0-9A-Za-z_-]{35}${R}`), judge: structured },
  {
    kind: 'stripe-key',
    re: rx(`${L}(?:sk|rk)_(live|test)_[0-9A-Za-z]{16,247}${R}`),
    judge: stripe
  },
  { kind: 'anthropic-key', re: rx(`${L}sk-ant-[A-Za-z0-9_-]{20,300}${R}`), judge: anthropic },
  { kind: 'openai-key', re: rx(`${L}sk-(?!ant-)[A-Za-z0-9_-]{20,300}${R}`), judge: openAi },
  { kind: 'twilio-api-key', re: rx(`${L}SK[0-9a-f]{32}${R}`), judge: structured },
  { kind: 'twilio-account-sid', re: rx(`${L}AC[0-9a-f]{32}${R}`), judge: always('medium') },
  {
    kind: 'sendgrid-key',
    re: rx(`${L}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${R}`),
    judge: structured
  },
  { kind: 'npm-token', re: rx(`${L}npm_[A-Za-z0-9]{36}${R}`), judge: structured },
  // Hub tokens matter here more than anywhere: they grant push access to models and datasets.
  { kind: 'huggingface-token', re: rx(`${L}hf_[A-Za-z0-9]{34,40}${R}`), judge: structured },
  {
    kind: 'jwt',
    re: rx(`${L}eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*${R}`),
    judge: jwt
  },
  {
    kind: 'connection-string-password',
    re: rx(
      `\\b[a-z][a-z0-9+.-]{1,30}://[^\\s:/?#@'"<>]{0,128}:([^\\s/?#@'"<>]{1,256})@(?=[A-Za-z0-9[.-])`,
      'gid'
    ),
    group: 1,
    judge: connectionPassword
  }
]

// Free-form secrets only count next to a key word; these run last and yield to structured hits.
const CONTEXTUAL: readonly Detector[] = [
  {
    kind: 'generic-secret',
    re: rx(
      '(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|' +
        'private[_-]?key|credentials?)(?:[_.-][A-Za-z0-9]{1,20}){0,3}["\'\\]]?[ \\t]*(?::=|=>|[:=])' +
        // A quoted value runs to its closing quote ('&' and spaces allowed); a bare one stops at
        // the first character that ends a value in code, URLs or prose.
        '[ \\t]*(?:"([^"\\n]{12,256})"|\'([^\'\\n]{12,256})\'|["\'`]?([^\\s"\'`,;&<>(){}\\[\\]\\\\]{12,}))',
      'gid'
    ),
    group: [1, 2, 3],
    trimPunctuation: true,
    judge: contextual
  },
  {
    kind: 'generic-secret',
    re: rx('\\bBearer[ \\t]+([A-Za-z0-9._~+/-]{16,}=*)', 'gid'),
    group: 1,
    trimPunctuation: true,
    judge: contextual
  }
]

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g
// Body of a key whose END line is missing: base64 lines and RFC 1421 headers, separated by real
// or JSON-escaped newlines. Short trailing lines are not claimed, to avoid eating prose.
const PEM_BODY =
  /(?:(?:\s|\\[rn])+(?:[A-Za-z0-9+/=]{16,}|(?:Proc-Type|DEK-Info|Comment):[^\r\n\\]*))+/y
// The last, short line of a truncated body; claimed only when it cannot be an English word.
const PEM_TAIL = /(?:\s|\\[rn])+([A-Za-z0-9+/]{2,15}={0,2})(?=\s|\\[rn]|["']|$)/y
function looksLikeBase64Fragment(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z0-9+/=]/.test(token) && !/^[A-Z][a-z]+$/.test(token)
}
const PEM_REAL_CONTENT = /[A-Za-z0-9+/]{40}/

function scanPrivateKeys(text: string): SecretHit[] {
  const hits: SecretHit[] = []
  const ends = [...text.matchAll(PEM_END)]
  const begins = [...text.matchAll(PEM_BEGIN)]
  let e = 0
  begins.forEach((begin, b) => {
    const start = begin.index ?? 0
    const headerEnd = start + begin[0].length
    const nextBegin = begins[b + 1]?.index ?? Infinity
    while (e < ends.length && (ends[e].index ?? 0) < headerEnd) e++
    const end = ends[e]
    let stop: number
    if (end && (end.index ?? 0) < nextBegin) {
      stop = (end.index ?? 0) + end[0].length
      e++
    } else {
      PEM_BODY.lastIndex = headerEnd
      const body = PEM_BODY.exec(text)
      stop = body ? headerEnd + body[0].length : headerEnd
      PEM_TAIL.lastIndex = stop
      const tail = body ? PEM_TAIL.exec(text) : null
      if (tail && looksLikeBase64Fragment(tail[1])) stop += tail[0].length
    }
    const content = text.slice(headerEnd, stop)
    const confidence = PEM_REAL_CONTENT.test(content) ? 'high' : 'medium'
    hits.push({ kind: 'private-key', start, end: stop, confidence })
  })
  return hits
}

// A loop rather than /[.!?:]+$/, which backtracks quadratically on long runs of dots.
function trimTrailingPunctuation(value: string): string {
  let end = value.length
  while (end > 0 && '.!?:'.includes(value[end - 1])) end--
  return value.slice(0, end)
}

function matchedGroup(
  match: RegExpExecArray,
  group: number | readonly number[] | undefined
): number | undefined {
  if (group === undefined || typeof group === 'number') return group
  return group.find((g) => match[g] !== undefined) ?? group[0]
}

function run(text: string, detector: Detector, out: SecretHit[]): void {
  for (const match of text.matchAll(detector.re)) {
    const group = matchedGroup(match, detector.group)
    const raw = group === undefined ? match[0] : match[group]
    if (raw === undefined) continue
    const secret = detector.trimPunctuation ? trimTrailingPunctuation(raw) : raw
    const confidence = detector.judge(secret, match)
    if (!confidence) continue
    const start =
      group === undefined ? (match.index ?? 0) : (match.indices?.[group]?.[0] ?? match.index ?? 0)
    out.push({ kind: detector.kind, start, end: start + secret.length, confidence })
  }
}

// An AWS secret key usually sits right after its key id (CSV exports, credentials files) even when
// nothing names it.
const AWS_SECRET_NEARBY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g
const AWS_WINDOW = 200

function awsSecretsNearKeyIds(text: string, hits: SecretHit[]): SecretHit[] {
  const found: SecretHit[] = []
  for (const hit of hits) {
    if (hit.kind !== 'aws-access-key') continue
    const window = text.slice(hit.end, hit.end + AWS_WINDOW)
    for (const match of window.matchAll(AWS_SECRET_NEARBY)) {
      const value = match[0]
      const random = /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9/+]/.test(value)
      if (!random || shannonEntropy(value) < 4) continue
      const start = hit.end + (match.index ?? 0)
      found.push({ kind: 'aws-secret-key', start, end: start + value.length, confidence: 'high' })
    }
  }
  return found
}

function overlaps(a: SecretHit, b: SecretHit): boolean {
  return a.start < b.end && b.start < a.end
}

/** Secrets in `text`, ordered by start. Overlapping hits of different kinds are all kept. */
export function scanSecrets(text: string): SecretHit[] {
  const named: SecretHit[] = scanPrivateKeys(text)
  for (const detector of DETECTORS) run(text, detector, named)
  named.sort(byPosition)
  const namedEnds = prefixMaxEnd(named)
  const nearby = awsSecretsNearKeyIds(text, named).filter(
    (hit) => !overlapsSorted(named, namedEnds, hit)
  )
  const specific = nearby.length > 0 ? [...named, ...nearby].sort(byPosition) : named

  const generic: SecretHit[] = []
  for (const detector of CONTEXTUAL) run(text, detector, generic)
  generic.sort(byPosition)
  const maxEnd = prefixMaxEnd(specific)
  const kept = generic.filter(
    (hit, i) => !overlapsSorted(specific, maxEnd, hit) && !(i > 0 && overlaps(generic[i - 1], hit))
  )
  return dedupe([...specific, ...kept].sort(byPosition))
}

function byPosition(a: SecretHit, b: SecretHit): number {
  return a.start - b.start || b.end - a.end
}

/** Largest `end` among sorted[0..i], so one binary search answers "does anything overlap?". */
function prefixMaxEnd(sorted: SecretHit[]): number[] {
  const out: number[] = []
  let max = -1
  for (const hit of sorted) {
    max = Math.max(max, hit.end)
    out.push(max)
  }
  return out
}

function overlapsSorted(sorted: SecretHit[], maxEnd: number[], hit: SecretHit): boolean {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid].start < hit.end) lo = mid + 1
    else hi = mid
  }
  return lo > 0 && maxEnd[lo - 1] > hit.start
}

function dedupe(hits: SecretHit[]): SecretHit[] {
  return hits.filter(
    (hit, i) =>
      i === 0 ||
      hit.start !== hits[i - 1].start ||
      hit.end !== hits[i - 1].end ||
      hit.kind !== hits[i - 1].kind
  )
}

import fc from 'fast-check'
import { looksLikePlaceholder, scanSecrets, shannonEntropy } from '../../src/scan/secrets.js'
import { ALNUM, BASE32, HEX, base64url, randomString } from './helpers.js'

type Found = { kind: string; confidence: string; value: string }

function found(text: string): Found[] {
  return scanSecrets(text).map((h) => ({
    kind: h.kind,
    confidence: h.confidence,
    value: text.slice(h.start, h.end)
  }))
}

const B64 = ALNUM + '+/'
const URLSAFE = ALNUM + '_-'

// Fixtures are generated: see helpers.ts for why no token literal lives in this file.
const tokens = {
  awsKeyId: 'AKIA' + randomString(BASE32, 16, 1),
  awsSessionKeyId: 'ASIA' + randomString(BASE32, 16, 2),
  awsSecret: randomString(B64, 40, 3),
  ghp: 'ghp_' + randomString(ALNUM, 36, 4),
  ghs: 'ghs_' + randomString(ALNUM, 36, 5),
  fineGrained: 'github_pat_' + randomString(ALNUM, 22, 6) + '_' + randomString(ALNUM, 59, 7),
  gitlab: 'glpat-' + randomString(URLSAFE, 20, 8),
  slackBot: `xoxb-${randomString('0123456789', 12, 9)}-${randomString('0123456789', 13, 10)}-${randomString(ALNUM, 24, 11)}`,
  slackHook: `https://hooks.slack.com/services/T${randomString(BASE32, 10, 12)}/B${randomString(BASE32, 10, 13)}/${randomString(ALNUM, 24, 14)}`,
  google: 'AIza' + randomString(URLSAFE, 35, 15),
  stripeLive: 'sk_live_' + randomString(ALNUM, 99, 16),
  stripeRestricted: 'rk_live_' + randomString(ALNUM, 24, 17),
  stripeTest: 'sk_test_' + randomString(ALNUM, 24, 18),
  openaiProject: 'sk-proj-' + randomString(URLSAFE, 64, 19),
  openaiLegacy: 'sk-' + randomString(ALNUM, 20, 20) + 'T3BlbkFJ' + randomString(ALNUM, 20, 21),
  anthropic: 'sk-ant-api03-' + randomString(URLSAFE, 93, 22) + 'AA',
  twilioKey: 'SK' + randomString(HEX, 32, 23),
  twilioSid: 'AC' + randomString(HEX, 32, 24),
  sendgrid: 'SG.' + randomString(URLSAFE, 22, 25) + '.' + randomString(URLSAFE, 43, 26),
  npm: 'npm_' + randomString(ALNUM, 36, 27),
  huggingface: 'hf_' + randomString(ALNUM, 34, 29)
}

const jwt = [
  base64url({ alg: 'HS256', typ: 'JWT' }),
  base64url({ sub: 'user_8812', role: 'admin', iat: 1714000000 }),
  randomString(URLSAFE, 43, 28)
].join('.')

const pemBody = Array.from({ length: 6 }, (_, i) => randomString(B64, 64, 40 + i)).join('\n')

describe('shannonEntropy', () => {
  it('is 0 for empty or constant strings and log2(n) for n distinct characters', () => {
    expect(shannonEntropy('')).toBe(0)
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('ab')).toBeCloseTo(1)
    expect(shannonEntropy('abcdefgh')).toBeCloseTo(3)
    expect(shannonEntropy(randomString(ALNUM, 64, 99))).toBeGreaterThan(4.5)
  })
})

describe('scanSecrets: structured tokens', () => {
  it.each([
    ['aws-access-key', `aws_access_key_id = ${tokens.awsKeyId}`, tokens.awsKeyId],
    ['aws-access-key', `"AccessKeyId": "${tokens.awsSessionKeyId}"`, tokens.awsSessionKeyId],
    ['github-token', `export GITHUB_TOKEN=${tokens.ghp}`, tokens.ghp],
    ['github-token', `token: ${tokens.ghs}`, tokens.ghs],
    ['github-token', `use ${tokens.fineGrained} for the API`, tokens.fineGrained],
    ['gitlab-token', `PRIVATE-TOKEN: ${tokens.gitlab}`, tokens.gitlab],
    ['slack-token', `SLACK_BOT_TOKEN=${tokens.slackBot}`, tokens.slackBot],
    ['slack-webhook', `curl -X POST ${tokens.slackHook} -d @msg.json`, tokens.slackHook],
    [
      'google-api-key',
      `https://maps.googleapis.com/api/js?key=${tokens.google}&v=3`,
      tokens.google
    ],
    ['stripe-key', `Stripe.api_key = "${tokens.stripeLive}"`, tokens.stripeLive],
    ['stripe-key', `restricted ${tokens.stripeRestricted}`, tokens.stripeRestricted],
    ['openai-key', `OPENAI_API_KEY=${tokens.openaiProject}`, tokens.openaiProject],
    ['openai-key', `client = OpenAI(api_key="${tokens.openaiLegacy}")`, tokens.openaiLegacy],
    ['anthropic-key', `ANTHROPIC_API_KEY=${tokens.anthropic}`, tokens.anthropic],
    ['twilio-api-key', `twilio api:core --api-key ${tokens.twilioKey}`, tokens.twilioKey],
    ['sendgrid-key', `sg = SendGridAPIClient('${tokens.sendgrid}')`, tokens.sendgrid],
    ['npm-token', `//registry.npmjs.org/:_authToken=${tokens.npm}`, tokens.npm],
    [
      'huggingface-token',
      `huggingface-cli login --token ${tokens.huggingface}`,
      tokens.huggingface
    ],
    ['jwt', `Authorization: Bearer ${jwt}`, jwt]
  ])('finds %s with high confidence', (kind, text, value) => {
    expect(found(text)).toEqual([{ kind, confidence: 'high', value }])
  })

  it('finds an AWS secret key named in context', () => {
    const text = `[default]\naws_access_key_id = ${tokens.awsKeyId}\naws_secret_access_key = ${tokens.awsSecret}\n`
    expect(found(text)).toEqual([
      { kind: 'aws-access-key', confidence: 'high', value: tokens.awsKeyId },
      { kind: 'aws-secret-key', confidence: 'high', value: tokens.awsSecret }
    ])
  })

  it('finds an unnamed AWS secret key right after its key id (CSV export)', () => {
    const secret = 'kW9x2Lq7Zp4Rt8Vb3Nm6Yc1Hs5Jd0Fg2Ak7Qe4Tu'.split('').reverse().join('')
    const text = `User name,Access key ID,Secret access key\nci-bot,${tokens.awsKeyId},${secret}`
    expect(found(text).map((f) => [f.kind, f.value])).toEqual([
      ['aws-access-key', tokens.awsKeyId],
      ['aws-secret-key', secret]
    ])
  })

  it('does not call every 40-character secret an AWS key', () => {
    const text = `SECRET_KEY = "${randomString(HEX, 40, 60)}"`
    expect(found(text).map((f) => f.kind)).toEqual(['generic-secret'])
  })

  it('marks the AWS documentation example keys as medium', () => {
    const text =
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    expect(found(text).map((f) => [f.kind, f.confidence])).toEqual([
      ['aws-access-key', 'medium'],
      ['aws-secret-key', 'medium']
    ])
  })

  it('keeps Stripe test keys and Twilio account SIDs at medium', () => {
    expect(found(`${tokens.stripeTest} ${tokens.twilioSid}`).map((f) => f.confidence)).toEqual([
      'medium',
      'medium'
    ])
  })

  it('downgrades structured tokens that are obviously stand-ins', () => {
    const text = 'GITHUB_TOKEN=ghp_' + 'x'.repeat(36)
    expect(found(text)).toEqual([
      { kind: 'github-token', confidence: 'medium', value: text.slice(13) }
    ])
  })

  it('does not take CSS-like sk- identifiers for OpenAI keys', () => {
    expect(found('class="sk-circle-bounce-delay-animation-fade"')).toEqual([])
  })
})

describe('scanSecrets: private keys', () => {
  it('covers a whole PEM block', () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`
    const text = `Here is my key:\n${block}\nthanks`
    expect(found(text)).toEqual([{ kind: 'private-key', confidence: 'high', value: block }])
  })

  it('covers a truncated key (JSON-escaped newlines, no END line) without eating prose', () => {
    const body = pemBody.split('\n').slice(0, 2).join('\\n')
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\\n${body}\\nQyNTUxOQAAACB`
    const hits = found(`{"answer": "${key} and then the answer goes on"}`)
    expect(hits).toEqual([{ kind: 'private-key', confidence: 'high', value: key }])
  })

  it('recognises encrypted and PGP variants', () => {
    const text =
      `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${pemBody}\n-----END ENCRYPTED PRIVATE KEY-----\n` +
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pemBody}\n-----END PGP PRIVATE KEY BLOCK-----`
    expect(found(text).map((f) => f.kind)).toEqual(['private-key', 'private-key'])
  })

  it('marks a documentation skeleton without key material as medium', () => {
    const text = '-----BEGIN PRIVATE KEY-----\n...your key here...\n-----END PRIVATE KEY-----'
    expect(found(text)[0].confidence).toBe('medium')
  })

  it('ignores public keys and certificates', () => {
    const text =
      `-----BEGIN PUBLIC KEY-----\n${pemBody}\n-----END PUBLIC KEY-----\n` +
      `-----BEGIN CERTIFICATE-----\n${pemBody}\n-----END CERTIFICATE-----`
    expect(found(text)).toEqual([])
  })
})

describe('scanSecrets: JWTs', () => {
  it('requires a header that decodes to JSON with alg', () => {
    const notJwt = [
      base64url({ hello: 'world' }),
      base64url({ a: 1 }),
      'c2lnbmF0dXJlc2lnbmF0dXJl'
    ].join('.')
    expect(found(notJwt)).toEqual([])
  })

  it('keeps the jwt.io sample token and unsigned tokens at medium', () => {
    const sample = [
      base64url({ alg: 'HS256', typ: 'JWT' }),
      base64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }),
      randomString(URLSAFE, 43, 30)
    ].join('.')
    const unsigned = [base64url({ alg: 'none' }), base64url({ sub: 'x' }), ''].join('.')
    expect(found(`${sample} ${unsigned}`).map((f) => f.confidence)).toEqual(['medium', 'medium'])
  })
})

describe('scanSecrets: connection strings', () => {
  it('reports only the password of a connection string', () => {
    const text = 'DATABASE_URL=postgres://app_user:Zq8vT2mPx91L@prod-db.internal.corp:5432/app'
    expect(found(text)).toEqual([
      { kind: 'connection-string-password', confidence: 'high', value: 'Zq8vT2mPx91L' }
    ])
  })

  it('handles mongodb+srv and redis with an empty user', () => {
    const text =
      'mongodb+srv://svc:R7g2Lp9qXw4Z@cluster0.ab1cd.mongodb.net/db redis://:Yt6Qm2Vx8Kp3@cache:6379'
    expect(found(text).map((f) => f.value)).toEqual(['R7g2Lp9qXw4Z', 'Yt6Qm2Vx8Kp3'])
  })

  it('ignores tutorial placeholders and keeps weak local passwords at medium', () => {
    const text = [
      'postgres://user:password@localhost:5432/mydb',
      'mysql://root:${DB_PASSWORD}@db/app',
      'amqp://guest:guest@localhost:5672/',
      'postgres://<user>:<password>@<host>/<db>',
      'redis://:changeme@localhost'
    ].join('\n')
    expect(found(text)).toEqual([])
    expect(found('postgres://admin:hunter22@localhost/db')).toEqual([
      { kind: 'connection-string-password', confidence: 'medium', value: 'hunter22' }
    ])
  })
})

describe('scanSecrets: generic secrets in context', () => {
  it('finds random values assigned to secret-looking keys', () => {
    const text = [
      'db_password = "Xk29!dmQp2LzA7"',
      '"client_secret": "9f8e7d6c5b4a39281706f5e4d3c2b1a0"',
      "'password' => 'Tr0ub4dor&3xyz'",
      'Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543'
    ].join('\n')
    expect(found(text).map((f) => [f.kind, f.confidence, f.value])).toEqual([
      ['generic-secret', 'high', 'Xk29!dmQp2LzA7'],
      ['generic-secret', 'high', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
      ['generic-secret', 'high', 'Tr0ub4dor&3xyz'],
      ['generic-secret', 'high', '8f14e45fceea167a5a36dedd4bea2543']
    ])
  })

  it('strips sentence punctuation from the value', () => {
    expect(found('The token: Xk29dmQp2LzA7Wq.')[0].value).toBe('Xk29dmQp2LzA7Wq')
  })

  it('treats a UUID as a secret only in key context', () => {
    const uuid = '123e4567-e89b-12d3-a456-426614174000'
    expect(found(`request id ${uuid} failed`)).toEqual([])
    expect(found(`api_key = ${uuid}`).map((f) => f.kind)).toEqual(['generic-secret'])
  })

  it.each([
    ['password123', 'password = "password123"'],
    ['your_api_key_here', 'api_key = "your_api_key_here"'],
    ['xxxx', 'token: xxxxxxxxxxxxxxxxxxxx'],
    ['<token>', 'secret=<token>'],
    ['template variable', 'API_KEY=${API_KEY}'],
    ['env lookup', 'token = os.environ["GITHUB_TOKEN"]'],
    ['settings attribute', 'secret_key = settings.SECRET_KEY_VALUE'],
    ['env var name', 'OPENAI_API_KEY=OPENAI_API_KEY_PROD'],
    ['stars', 'password: ****************'],
    ['file path', 'secret_file: /etc/secrets/service-key.pem'],
    [
      'tokenizer code',
      'tokenizer = AutoTokenizer.from_pretrained("gpt2")\npad_token_id = tokenizer.eos_token_id'
    ],
    ['token counts', 'max_tokens = 4096\nnum_tokens: 1234567890123'],
    ['prose', 'Choose a strong password and keep your secret key safe.'],
    ['a sentence in a secret field', '{"secret": "The secret to good bread is patience."}']
  ])('does not report %s', (_label, text) => {
    expect(found(text).filter((f) => f.confidence === 'high')).toEqual([])
    expect(found(text)).toEqual([])
  })
})

describe('scanSecrets: honest data', () => {
  it.each([
    ['git SHA', 'Fixed in commit 3f786850e387550fdab836ed7e6dc881de23001b (see #42).'],
    ['UUID', 'Order 123e4567-e89b-12d3-a456-426614174000 shipped.'],
    ['SHA-256', 'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['hex colours and numbers', 'Use #ff6600 for 3.14159 and $1,234.56 on 2024-05-01.'],
    ['base64 in prose', 'The string SGVsbG8gd29ybGQ= decodes to Hello world.']
  ])('finds nothing in a %s', (_label, text) => {
    expect(found(text)).toEqual([])
  })

  it('does not find keys inside a base64 image embedded in markdown', () => {
    // A PNG payload that happens to contain key-shaped substrings must not match.
    const payload =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg' +
      tokens.awsKeyId +
      'AIza' +
      randomString(URLSAFE, 35, 50) +
      'ghp_' +
      randomString(ALNUM, 36, 51) +
      'AAAAAElFTkSuQmCC'
    expect(found(`![chart](data:image/png;base64,${payload})`)).toEqual([])
  })

  it('finds embedded tokens in random prose (property)', () => {
    const samples = Object.entries(tokens)
      .filter(([name]) => !['awsSecret', 'twilioSid', 'stripeTest'].includes(name))
      .map(([, token]) => token)
    fc.assert(
      fc.property(
        fc.lorem({ maxCount: 8 }),
        fc.constantFrom(...samples),
        fc.lorem({ maxCount: 8 }),
        (before, token, after) => {
          const text = `${before} ${token} ${after}`
          const hits = found(text)
          expect(hits.some((h) => h.value === token && h.confidence === 'high')).toBe(true)
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe('looksLikePlaceholder', () => {
  it('recognises documentation stand-ins and not random values', () => {
    for (const value of [
      'your_api_key_here',
      '<token>',
      '${SECRET}',
      'xxxxxxxx',
      '********',
      'changeme'
    ]) {
      expect(looksLikePlaceholder(value)).toBe(true)
    }
    expect(looksLikePlaceholder(randomString(ALNUM, 32, 77))).toBe(false)
  })
})

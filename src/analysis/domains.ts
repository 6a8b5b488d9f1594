/**
 * Host names in text: URLs (http, https, www.) and bare domains with a common top-level domain
 * ("dealfast.test", "shop.example.com"), lower-cased and without a www. prefix. Bare names need a
 * known TLD so that "Node.js", "e.g." or "file.txt" are not taken for domains.
 */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const URL_HOST = new RegExp(`\\b(?:https?://|www\\.)(${LABEL}(?:\\.${LABEL})+)`, 'giu')
const TLDS = [
  'com',
  'org',
  'net',
  'edu',
  'gov',
  'io',
  'ai',
  'co',
  'dev',
  'app',
  'info',
  'biz',
  'xyz',
  'shop',
  'store',
  'online',
  'site',
  'tech',
  'cloud',
  'me',
  'tv',
  'us',
  'uk',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'ru',
  'cn',
  'jp',
  'in',
  'br',
  'au',
  'ca',
  'eu',
  'ly',
  'gg',
  'to',
  'link',
  'click',
  'top',
  'test',
  'example',
  'invalid',
  'local'
]
const BARE_HOST = new RegExp(
  `(?<![@\\w.-])((?:${LABEL}\\.)+(?:${TLDS.join('|')}))(?![\\w-]|\\.[a-z0-9])`,
  'giu'
)

const DOT_IN_WORD = /[a-z0-9]\.[a-z]/iu

export function extractDomains(text: string): Set<string> {
  const domains = new Set<string>()
  // Cheap pre-tests: prose has full stops followed by spaces, a host name has a dot inside a word.
  if (!DOT_IN_WORD.test(text)) return domains
  if (text.includes('://') || text.includes('www.'))
    for (const match of text.matchAll(URL_HOST)) domains.add(normalise(match[1]))
  for (const match of text.matchAll(BARE_HOST)) domains.add(normalise(match[1]))
  return domains
}

function normalise(host: string): string {
  return host.toLowerCase().replace(/^www\./u, '')
}

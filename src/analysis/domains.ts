/** Host names in URLs and bare domains (www.example.com), lower-cased, without a www. prefix. */
const URL_HOST =
  /\b(?:https?:\/\/|www\.)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)/giu

export function extractDomains(text: string): Set<string> {
  const domains = new Set<string>()
  if (!text.includes('http') && !text.includes('www.')) return domains
  for (const match of text.matchAll(URL_HOST)) {
    domains.add(match[1].toLowerCase().replace(/^www\./u, ''))
  }
  return domains
}

/**
 * Test helpers that inspect rendered Markdown the way GitHub would treat it: raw HTML tags,
 * link syntax, and the text nodes (split by HTML comments, entities decoded) that GitHub's
 * mention, reference and autolink passes scan.
 */

/** The only tags our renderers write; the marker is allowed on the first line only. */
const OWN_TAGS = [
  '<!-- -->',
  '<code>',
  '</code>',
  '<details>',
  '</details>',
  '<summary>',
  '</summary>',
  '<sub>',
  '</sub>',
  '<span>',
  '</span>',
  '<em>',
  '</em>'
]

export function withoutOwnTags(markdown: string, marker?: string): string {
  let text =
    marker !== undefined && markdown.startsWith(marker) ? markdown.slice(marker.length) : markdown
  for (const tag of OWN_TAGS) text = text.split(tag).join('')
  return text
}

export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' }
  return text.replace(/&(#\d+|[a-z]+);/g, (entity, body: string) =>
    body.startsWith('#') ? String.fromCodePoint(Number(body.slice(1))) : (named[body] ?? entity)
  )
}

/** Text nodes as GitHub's post-render passes see them: split at tags and comments, decoded. */
export function textNodes(markdown: string): string[] {
  return markdown.split(/<[^>]*>/).map(decodeEntities)
}

/** Problems found in Markdown that renders untrusted text; empty when safe. */
export function markdownProblems(rendered: string, marker?: string): string[] {
  const problems: string[] = []
  // Our own link to the job summary is the one link we write.
  const markdown = rendered.replace(/\[(job summary|Job summary)\]\(https:\/\/[^\s()]+\)/g, '$1')
  const raw = withoutOwnTags(markdown, marker)
  if (/[<>]/.test(raw)) problems.push('a raw < or > outside our own tags')
  if (raw.includes('`')) problems.push('a raw backtick')
  if (raw.includes('](') || raw.includes('![') || raw.includes('[')) {
    problems.push('Markdown link or image syntax')
  }
  if (raw.includes('$')) problems.push('a raw $ (math)')
  if (marker !== undefined && markdown.indexOf(marker, 1) !== -1) problems.push('a second marker')
  for (const node of textNodes(markdown)) {
    if (/(^|[^\w])@[A-Za-z0-9]/.test(node))
      problems.push(`a mention in text node ${JSON.stringify(node)}`)
    if (/(^|[^\w])#\d/.test(node)) problems.push(`an issue reference in ${JSON.stringify(node)}`)
    if (/GH-\d/i.test(node)) problems.push(`a GH- reference in ${JSON.stringify(node)}`)
    if (node.includes('://')) problems.push(`an autolink in ${JSON.stringify(node)}`)
    if (/www\./i.test(node)) problems.push(`a www autolink in ${JSON.stringify(node)}`)
    if (
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(
        node
      )
    ) {
      problems.push(`a hidden character in ${JSON.stringify(node)}`)
    }
  }
  return problems
}

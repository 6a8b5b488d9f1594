import { extractDomains } from '../analysis/domains.js'
import type { AddedRow } from '../dataset/types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const newDomains = defineCheck({
  id: 'content.new-domain',
  title: 'Links to domains the base never mentions',
  explanation:
    'Lists added rows that link to or name a web domain that appears nowhere in the base. One new ' +
    'link is often honest, so this is a notice by default; a domain pushed into many responses is ' +
    'reported by `content.injection`. Raise the severity for datasets that should never contain ' +
    'links.',
  options: {
    severity: severitySetting.default('notice')
  },
  run(analysis, options) {
    const flagged = new Map<AddedRow, string[]>()
    const domains = new Set<string>()
    for (const row of analysis.added) {
      const fresh = [...extractDomains(row.features.allText)].filter(
        (d) => !analysis.base.domains.has(d)
      )
      if (!fresh.length) continue
      flagged.set(row, fresh)
      for (const d of fresh) domains.add(d)
    }
    if (!flagged.size) return []
    const rows = byPosition([...flagged.keys()])
    const names = [...domains].sort()
    return [
      {
        check: 'content.new-domain',
        severity: options.severity,
        title: 'Links to domains the base never mentions',
        message: `${rows.length} added ${rows.length === 1 ? 'row links' : 'rows link'} to ${names.length} new ${names.length === 1 ? 'domain' : 'domains'}: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`,
        value: names.length,
        rows: rows.map((row) => findingRow(row, flagged.get(row)!.join(', '))),
        details: { domains: names }
      }
    ]
  }
})

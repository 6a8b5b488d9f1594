import { defineCheck, severitySetting } from './types.js'

export const schemaDiff = defineCheck({
  id: 'schema.diff',
  title: 'Columns added, removed or retyped',
  explanation:
    'Compares the columns of the base and head versions. A removed or retyped column breaks training ' +
    'code or silently changes what the model sees; a new column may carry data nobody reviewed.',
  options: {
    severity: severitySetting.default('warn')
  },
  run(analysis, options) {
    if (analysis.base.rowCount === 0 || analysis.head.rowCount === 0) return []
    const before = new Map(analysis.shape.columns.map((c) => [c.name, c]))
    const after = new Map(analysis.headShape.columns.map((c) => [c.name, c]))
    const removed = [...before.keys()].filter((name) => !after.has(name))
    const added = [...after.keys()].filter((name) => !before.has(name))
    const retyped = [...before.values()].filter((c) => {
      const next = after.get(c.name)
      return (
        next &&
        next.type !== c.type &&
        c.type !== 'null' &&
        next.type !== 'null' &&
        next.type !== 'mixed'
      )
    })
    if (!removed.length && !added.length && !retyped.length) return []
    const parts = [
      removed.length ? `removed: ${removed.join(', ')}` : '',
      added.length ? `added: ${added.join(', ')}` : '',
      retyped.length
        ? `type changed: ${retyped.map((c) => `${c.name} ${c.type} → ${after.get(c.name)!.type}`).join(', ')}`
        : ''
    ].filter(Boolean)
    return [
      {
        check: 'schema.diff',
        severity: options.severity,
        title: 'Columns added, removed or retyped',
        message: `The head file's columns differ from the base (${parts.join('; ')})`,
        value: removed.length + added.length + retyped.length,
        threshold: 0,
        rows: [],
        details: { removed, added, retyped: retyped.map((c) => c.name) }
      }
    ]
  }
})

import { renderComment } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { hostileReport, report } from './sample-report.js'
it('peek', () => {
  console.log(renderComment(report(), { marker: '<!-- dataset-gate:summary -->', jobSummaryUrl: 'https://github.com/o/r/actions/runs/1', artifactName: 'dataset-gate-report' }))
  console.log(renderComment(hostileReport(), { marker: '<!-- dataset-gate:summary -->' }).slice(0, 6000))
  console.log(renderText(hostileReport(), { color: false }).slice(0, 3000))
})

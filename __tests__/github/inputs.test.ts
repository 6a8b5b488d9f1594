import { UserError } from '../../src/errors.js'
import { readGitHubInputs } from '../../src/github/inputs.js'

const from = (values: Record<string, string>) => (name: string) => values[name] ?? ''

describe('readGitHubInputs', () => {
  it('has defaults for everything', () => {
    expect(readGitHubInputs(from({}))).toEqual({
      reviewComments: true,
      maxReviewComments: 20,
      hideAndRecreate: false,
      artifactName: '',
      overrideLabel: '',
      reportFile: '',
      pullRequestNumber: undefined
    })
  })

  it('reads the values action.yml passes', () => {
    expect(
      readGitHubInputs(
        from({
          'review-comments': 'false',
          'max-review-comments': '5',
          'hide-and-recreate': 'True',
          'report-artifact': 'dataset-gate-report',
          'override-label': ' dataset-gate: approved ',
          'report-file': 'report/dataset-gate-report.json',
          'pull-request-number': '42'
        })
      )
    ).toEqual({
      reviewComments: false,
      maxReviewComments: 5,
      hideAndRecreate: true,
      artifactName: 'dataset-gate-report',
      overrideLabel: 'dataset-gate: approved',
      reportFile: 'report/dataset-gate-report.json',
      pullRequestNumber: 42
    })
  })

  it.each([
    ['review-comments', 'maybe', /"review-comments" must be true or false/],
    ['max-review-comments', '-1', /"max-review-comments" must be a whole number/],
    ['max-review-comments', '2.5', /whole number/],
    ['pull-request-number', '0', /"pull-request-number" must be a pull request number/],
    ['pull-request-number', '#12', /pull request number/]
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => readGitHubInputs(from({ [name]: value }))).toThrow(UserError)
    expect(() => readGitHubInputs(from({ [name]: value }))).toThrow(message)
  })
})

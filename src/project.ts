/** Where users read about the tool; used in SARIF and reports. */
export const PROJECT_URL = 'https://github.com/dataset-gate/dataset-gate'

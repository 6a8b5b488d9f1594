/** Replaced at bundle time by the package version; the fallback serves tests run from source. */
declare const __DATASET_GATE_VERSION__: string | undefined

export const VERSION: string =
  typeof __DATASET_GATE_VERSION__ === 'string' ? __DATASET_GATE_VERSION__ : '0.0.0-dev'

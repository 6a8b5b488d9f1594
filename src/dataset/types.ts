import type { RowRef, RowValues } from '../types.js'

export type ColumnType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'mixed'
export type ColumnRole = 'text' | 'label' | 'id' | 'numeric' | 'categorical' | 'messages' | 'other'

export interface ColumnInfo {
  name: string
  type: ColumnType
  role: ColumnRole
}

/** The fine-tuning layouts we recognise; `tabular` is anything else. */
export type ShapeKind = 'classification' | 'instruction' | 'chat' | 'text' | 'tabular'

export interface DatasetShape {
  kind: ShapeKind
  columns: ColumnInfo[]
  /** Columns whose text the model reads (prompt side). */
  inputFields: string[]
  /** Columns whose text the model learns to produce (instruction output, completion). */
  outputFields: string[]
  labelField?: string
  keyField?: string
  /** Column holding chat turns (`messages`, `conversations`): input = system/user turns, output = assistant. */
  messagesField?: string
}

/** The text views of one row that checks analyse. */
export interface RowFeatures {
  /** What the model reads: text column, instruction + input, or system/user turns. */
  input: string
  /** What the model learns to answer: output/completion or assistant turns; '' for classification. */
  output: string
  /** The label as a string, for classification data. */
  label: string | null
  /** Every string in the row, for scans that must not miss a field (secrets, Unicode). */
  allText: string
}

/** A row of the head file that is not in the base (multiset difference). */
export interface AddedRow extends RowRef {
  values: RowValues
  hash: string
  features: RowFeatures
}

/** A row of the base file that is gone from the head. `line`/`row` point into the base file. */
export interface RemovedRow extends RowRef {
  values: RowValues
  hash: string
  features: RowFeatures
}

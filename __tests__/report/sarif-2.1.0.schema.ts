/**
 * The parts of the OASIS SARIF 2.1.0 JSON Schema (sarif-schema-2.1.0.json, draft-07) that
 * Dataset Gate emits, written down from the standard: same definition names, required keys,
 * enums, bounds and closed objects (`additionalProperties: false`), with the properties we never
 * write left out, so an unknown or misspelt key fails validation as it would against the full
 * schema.
 */

const propertyBag = {
  type: 'object',
  properties: {
    tags: { type: 'array', uniqueItems: true, items: { type: 'string' } }
  },
  additionalProperties: true
}

export const sarifSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema (subset)',
  type: 'object',
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: { type: ['array', 'null'], minItems: 0, items: { $ref: '#/definitions/run' } },
    properties: { $ref: '#/definitions/propertyBag' }
  },
  required: ['version', 'runs'],
  additionalProperties: false,
  definitions: {
    propertyBag,
    run: {
      type: 'object',
      properties: {
        tool: { $ref: '#/definitions/tool' },
        results: { type: ['array', 'null'], minItems: 0, items: { $ref: '#/definitions/result' } },
        columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      required: ['tool'],
      additionalProperties: false
    },
    tool: {
      type: 'object',
      properties: {
        driver: { $ref: '#/definitions/toolComponent' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      required: ['driver'],
      additionalProperties: false
    },
    toolComponent: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        fullName: { type: 'string' },
        version: { type: 'string' },
        semanticVersion: { type: 'string' },
        informationUri: { type: 'string', format: 'uri' },
        rules: {
          type: 'array',
          minItems: 0,
          uniqueItems: true,
          items: { $ref: '#/definitions/reportingDescriptor' }
        },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      required: ['name'],
      additionalProperties: false
    },
    reportingDescriptor: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: { $ref: '#/definitions/multiformatMessageString' },
        fullDescription: { $ref: '#/definitions/multiformatMessageString' },
        defaultConfiguration: { $ref: '#/definitions/reportingConfiguration' },
        helpUri: { type: 'string', format: 'uri' },
        help: { $ref: '#/definitions/multiformatMessageString' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      required: ['id'],
      additionalProperties: false
    },
    reportingConfiguration: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        level: { enum: ['none', 'note', 'warning', 'error'] },
        rank: { type: 'number', minimum: -1, maximum: 100 },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      additionalProperties: false
    },
    multiformatMessageString: {
      type: 'object',
      properties: {
        text: { type: 'string' },
        markdown: { type: 'string' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      required: ['text'],
      additionalProperties: false
    },
    message: {
      type: 'object',
      properties: {
        text: { type: 'string' },
        markdown: { type: 'string' },
        id: { type: 'string' },
        arguments: { type: 'array', minItems: 0, items: { type: 'string' } },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      anyOf: [{ required: ['text'] }, { required: ['id'] }],
      additionalProperties: false
    },
    result: {
      type: 'object',
      properties: {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
        level: { enum: ['none', 'note', 'warning', 'error'] },
        message: { $ref: '#/definitions/message' },
        locations: { type: 'array', minItems: 0, items: { $ref: '#/definitions/location' } },
        fingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      required: ['message'],
      additionalProperties: false
    },
    location: {
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: -1 },
        physicalLocation: { $ref: '#/definitions/physicalLocation' },
        message: { $ref: '#/definitions/message' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      additionalProperties: false
    },
    physicalLocation: {
      type: 'object',
      properties: {
        artifactLocation: { $ref: '#/definitions/artifactLocation' },
        region: { $ref: '#/definitions/region' },
        contextRegion: { $ref: '#/definitions/region' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      // The full schema's other alternative is `address`, which we never emit.
      anyOf: [{ required: ['artifactLocation'] }],
      additionalProperties: false
    },
    artifactLocation: {
      type: 'object',
      properties: {
        uri: { type: 'string', format: 'uri-reference' },
        uriBaseId: { type: 'string' },
        index: { type: 'integer', minimum: -1 },
        description: { $ref: '#/definitions/message' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      additionalProperties: false
    },
    region: {
      type: 'object',
      properties: {
        startLine: { type: 'integer', minimum: 1 },
        startColumn: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 1 },
        endColumn: { type: 'integer', minimum: 1 },
        message: { $ref: '#/definitions/message' },
        properties: { $ref: '#/definitions/propertyBag' }
      },
      additionalProperties: false
    }
  }
} as const

// Renders JSON Schemas as TypeScript declarations, so that a type a consumer reads is written by
// the schema the server validates with and never by hand beside it. It knows the subset of JSON
// Schema that Pacer's TypeBox schemas produce and throws on anything else, so a new kind of schema
// stops the generator instead of turning silently into `unknown`.

export interface JsonSchema {
  type?: string;
  description?: string;
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: readonly JsonSchema[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  patternProperties?: Readonly<Record<string, JsonSchema>>;
  items?: JsonSchema;
  [keyword: string]: unknown;
}

export interface TypeFile {
  /** Comment lines at the top of the file, without the `// `. */
  header: readonly string[];
  /** The declarations, in order: a type name and the schema it is written from. */
  types: readonly (readonly [name: string, schema: unknown])[];
  /** Enumerations that have a name of their own, and the module to import those names from. */
  enums: Readonly<Record<string, readonly string[]>>;
  enumsFrom: string;
}

/** The schema as JSON: what Fastify validates with and /openapi.json shows (no TypeBox markers). */
const asJson = (schema: unknown): JsonSchema => JSON.parse(JSON.stringify(schema)) as JsonSchema;

const identifier = /^[A-Za-z_$][\w$]*$/;

/** Keywords that change what a value may be and that this renderer does not write. */
const unsupported = ['$ref', 'oneOf', 'allOf', 'not', 'if', 'prefixItems', 'dependentSchemas', 'unevaluatedProperties'];

export function renderTypeFile(file: TypeFile): string {
  const named = file.types.map(([name, schema]) => [name, JSON.stringify(asJson(schema))] as const);
  const imported = new Set<string>();

  // A schema equal to one that has a name here, or to a named enumeration, is written as that name.
  const nameOf = (schema: JsonSchema, self: string): string | undefined => {
    if (schema.enum) {
      const values = JSON.stringify(schema.enum);
      const found = Object.entries(file.enums).find(([, list]) => JSON.stringify(list) === values)?.[0];
      if (found) imported.add(found);
      return found;
    }
    if (schema.type !== 'object') return undefined;
    const json = JSON.stringify(schema);
    return named.find(([name, text]) => name !== self && text === json)?.[0];
  };

  // A nullable field carries its description on the value it may hold (`anyOf: [value, null]`).
  const doc = (schema: JsonSchema, indent: string): string => {
    const description = schema.description ?? schema.anyOf?.find((s) => s.description)?.description;
    return description ? `${indent}/** ${description.replaceAll('*/', '*\\/')} */\n` : '';
  };

  const members = (schema: JsonSchema, self: string, indent: string): string => {
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.properties ?? {}).map(([key, property]) => {
      const name = identifier.test(key) ? key : JSON.stringify(key);
      const optional = required.has(key) ? '' : '?';
      return `${doc(property, indent)}${indent}${name}${optional}: ${render(property, self, indent)};\n`;
    }).join('');
  };

  const render = (schema: JsonSchema, self: string, indent: string): string => {
    const extra = unsupported.find((k) => k in schema) ?? (typeof schema.additionalProperties === 'object' ? 'additionalProperties' : undefined);
    if (extra) throw new Error(`${self}: no TypeScript for the schema ${JSON.stringify(schema)} (${extra})`);
    const name = nameOf(schema, self);
    if (name) return name;
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
    if ('const' in schema) return JSON.stringify(schema.const);
    if (schema.anyOf) return schema.anyOf.map((s) => render(s, self, indent)).join(' | ');
    switch (schema.type) {
      case 'string': return 'string';
      case 'integer':
      case 'number': return 'number';
      case 'boolean': return 'boolean';
      case 'null': return 'null';
      case 'array': {
        const items = schema.items ?? {};
        const item = render(items, self, indent);
        const union = item !== nameOf(items, self) && ((items.anyOf?.length ?? 0) > 1 || (items.enum?.length ?? 0) > 1);
        return union ? `(${item})[]` : `${item}[]`;
      }
      case 'object': {
        if (schema.patternProperties) {
          const values = Object.values(schema.patternProperties);
          if (schema.properties || values.length !== 1) throw new Error(`${self}: only a record of one value type is supported`);
          return `Record<string, ${render(values[0] ?? {}, self, indent)}>`;
        }
        return `{\n${members(schema, self, `${indent}  `)}${indent}}`;
      }
      case undefined:
        if (Object.keys(schema).every((k) => k === 'description')) return 'unknown';
    }
    throw new Error(`${self}: no TypeScript for the schema ${JSON.stringify(schema)}`);
  };

  const declarations = file.types.map(([name, schema]) => {
    const json = asJson(schema);
    const body = json.type === 'object' && json.properties
      ? `export interface ${name} {\n${members(json, name, '  ')}}`
      : `export type ${name} = ${render(json, name, '')};`;
    return `${doc(json, '')}${body}\n`;
  });

  const header = file.header.map((line) => `// ${line}`.trimEnd()).join('\n');
  const names = [...imported].sort();
  const imports = names.length ? `import type { ${names.join(', ')} } from '${file.enumsFrom}';\n` : '';
  return `${header}\n${imports}\n${declarations.join('\n')}`;
}

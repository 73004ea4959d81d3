// Validates recorded Lambda events against a schema of @aws-lambda-powertools/parser:
//   node validate-event.mjs <SchemaName> FILE...
// e.g. LambdaFunctionUrlSchema, APIGatewayProxyEventV2Schema, APIGatewayProxyEventSchema, AlbSchema,
// AlbMultiValueHeadersSchema. Prints "ok" per file, or the schema's complaints and exits 1.
import { readFileSync } from 'node:fs';
import * as schemas from '@aws-lambda-powertools/parser/schemas';

const [name, ...files] = process.argv.slice(2);
const schema = schemas[name];
if (!name?.endsWith('Schema') || !schema?.safeParse) {
  console.log('usage: validate-event.mjs SchemaName FILE...');
  process.exit(2);
}
// An ALB event has either the single-value or the multi-value members, never both.
const forbidden = {
  AlbSchema: ['multiValueHeaders', 'multiValueQueryStringParameters'],
  AlbMultiValueHeadersSchema: ['headers', 'queryStringParameters'],
}[name] ?? [];
let failed = false;
for (const file of files) {
  const event = JSON.parse(readFileSync(file, 'utf8'));
  const result = schema.safeParse(event);
  const mixed = forbidden.some((member) => member in event);
  if (result.success && !mixed) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    console.log(`invalid ${file}: ${mixed ? 'both single- and multi-value members' : JSON.stringify(result.error.issues)}`);
  }
}
process.exit(failed ? 1 : 0);

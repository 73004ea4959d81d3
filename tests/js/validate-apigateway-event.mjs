// Validates API Gateway proxy events (JSON files given after the format) against @aws-lambda-powertools/parser:
// `v2` → APIGatewayProxyEventV2Schema (HTTP API payload 2.0), `v1` → APIGatewayProxyEventSchema (payload 1.0).
// Prints "ok" per file, or the schema's complaints and exits 1.
import { readFileSync } from 'node:fs';
import { APIGatewayProxyEventSchema, APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';

const [format, ...files] = process.argv.slice(2);
const schema = { v1: APIGatewayProxyEventSchema, v2: APIGatewayProxyEventV2Schema }[format];
if (!schema) {
  console.log(`usage: validate-apigateway-event.mjs v1|v2 FILE...`);
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const result = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    console.log(`invalid ${file}: ${JSON.stringify(result.error.issues)}`);
  }
}
process.exit(failed ? 1 : 0);

// Validates REST API (API Gateway v1, payload 1.0) events (JSON files given as arguments) against
// APIGatewayProxyEventSchema of @aws-lambda-powertools/parser. Prints "ok" per file, or the schema's complaints and exits 1.
import { readFileSync } from 'node:fs';
import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = APIGatewayProxyEventSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    console.log(`invalid ${file}: ${JSON.stringify(result.error.issues)}`);
  }
}
process.exit(failed ? 1 : 0);

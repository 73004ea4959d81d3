// Validates function URL events (JSON files given as arguments) against LambdaFunctionUrlSchema of
// @aws-lambda-powertools/parser. Prints "ok" per file, or the schema's complaints and exits 1.
import { readFileSync } from 'node:fs';
import { LambdaFunctionUrlSchema } from '@aws-lambda-powertools/parser/schemas/lambda';

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = LambdaFunctionUrlSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    console.log(`invalid ${file}: ${JSON.stringify(result.error.issues)}`);
  }
}
process.exit(failed ? 1 : 0);

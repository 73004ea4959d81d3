// Validates ALB events (JSON files given after the mode) against @aws-lambda-powertools/parser:
// mode "single" uses AlbSchema, "multi" AlbMultiValueHeadersSchema. Prints "ok" per file, or the schema's
// complaints and exits 1.
import { readFileSync } from 'node:fs';
import { AlbMultiValueHeadersSchema, AlbSchema } from '@aws-lambda-powertools/parser/schemas/alb';

const [mode, ...files] = process.argv.slice(2);
const schema = mode === 'multi' ? AlbMultiValueHeadersSchema : AlbSchema;
let failed = false;
for (const file of files) {
  const event = JSON.parse(readFileSync(file, 'utf8'));
  const result = schema.safeParse(event);
  // The two forms never appear together.
  const mixed = mode === 'multi' ? ('headers' in event || 'queryStringParameters' in event) : ('multiValueHeaders' in event || 'multiValueQueryStringParameters' in event);
  if (result.success && !mixed) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    console.log(`invalid ${file}: ${mixed ? 'both single- and multi-value members' : JSON.stringify(result.error.issues)}`);
  }
}
process.exit(failed ? 1 : 0);

// The Lambda lifecycle through AWS's own JavaScript SDK (@aws-sdk/client-lambda) against a Fulmen server.
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs, which passes the endpoint and two zips:
//   FULMEN_ENDPOINT, FULMEN_ZIP_V1 (handler returns {version: 1, event}), FULMEN_ZIP_V2 (returns {version: 2, ...}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  LambdaClient, CreateFunctionCommand, GetFunctionCommand, GetFunctionConfigurationCommand, ListFunctionsCommand,
  InvokeCommand, UpdateFunctionConfigurationCommand, UpdateFunctionCodeCommand, DeleteFunctionCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsCommand, GetAccountSettingsCommand,
  PutFunctionConcurrencyCommand, GetFunctionConcurrencyCommand, DeleteFunctionConcurrencyCommand,
  ResourceNotFoundException, ResourceConflictException, InvalidParameterValueException,
} from '@aws-sdk/client-lambda';
import { fulmenClientConfig } from './fulmen-client.mjs';

const client = new LambdaClient(fulmenClientConfig());
const name = 'sdk-lifecycle';
const role = 'arn:aws:iam::000000000000:role/lambda-role';
const decode = (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8'));

test('lifecycle through @aws-sdk/client-lambda', async () => {
  const created = await client.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler',
    Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP_V1) },
    Environment: { Variables: { GREETING: 'hello' } }, Tags: { team: 'core' }, MemorySize: 256, Timeout: 5,
  }));
  assert.equal(created.FunctionName, name);
  assert.equal(created.FunctionArn, `arn:aws:lambda:us-east-1:000000000000:function:${name}`);
  assert.equal(created.State, 'Pending');
  assert.equal(created.MemorySize, 256);

  await assert.rejects(client.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler', Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP_V1) },
  })), ResourceConflictException);

  const got = await client.send(new GetFunctionCommand({ FunctionName: name }));
  assert.equal(got.Configuration.State, 'Active');
  assert.equal(got.Configuration.LastUpdateStatus, 'Successful');
  assert.deepEqual(got.Tags, { team: 'core' });
  const zip = await fetch(got.Code.Location);
  assert.equal(zip.status, 200);
  assert.deepEqual(Buffer.from(await zip.arrayBuffer()), readFileSync(process.env.FULMEN_ZIP_V1));

  const listed = await client.send(new ListFunctionsCommand({}));
  assert.ok(listed.Functions.some((f) => f.FunctionName === name));

  const invoked = await client.send(new InvokeCommand({
    FunctionName: name, Payload: Buffer.from(JSON.stringify({ n: 41 })), LogType: 'Tail',
  }));
  assert.equal(invoked.StatusCode, 200);
  assert.equal(invoked.FunctionError, undefined);
  assert.equal(invoked.ExecutedVersion, '$LATEST');
  assert.deepEqual(decode(invoked.Payload), { version: 1, greeting: 'hello', n: 42 });
  const log = Buffer.from(invoked.LogResult, 'base64').toString('utf8');
  assert.match(log, /START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
  assert.match(log, /REPORT RequestId: .*Duration: .*Init Duration/);

  const updated = await client.send(new UpdateFunctionConfigurationCommand({
    FunctionName: name, Environment: { Variables: { GREETING: 'bonjour' } },
  }));
  assert.notEqual(updated.RevisionId, got.Configuration.RevisionId);
  const afterConfig = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"n":1}') }));
  assert.deepEqual(decode(afterConfig.Payload), { version: 1, greeting: 'bonjour', n: 2 });

  await client.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: readFileSync(process.env.FULMEN_ZIP_V2) }));
  const afterCode = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"n":1}') }));
  assert.deepEqual(decode(afterCode.Payload), { version: 2, greeting: 'bonjour', n: 2 });

  const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  await client.send(new TagResourceCommand({ Resource: config.FunctionArn, Tags: { stage: 'test' } }));
  assert.deepEqual((await client.send(new ListTagsCommand({ Resource: config.FunctionArn }))).Tags, { team: 'core', stage: 'test' });
  await client.send(new UntagResourceCommand({ Resource: config.FunctionArn, TagKeys: ['team'] }));
  assert.deepEqual((await client.send(new ListTagsCommand({ Resource: config.FunctionArn }))).Tags, { stage: 'test' });

  await client.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 3 }));
  assert.equal((await client.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions, 3);
  const settings = await client.send(new GetAccountSettingsCommand({}));
  assert.equal(settings.AccountLimit.UnreservedConcurrentExecutions, settings.AccountLimit.ConcurrentExecutions - 3);
  await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));

  await assert.rejects(client.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Runtime: 'cobol1' })), InvalidParameterValueException);

  await client.send(new DeleteFunctionCommand({ FunctionName: name }));
  await assert.rejects(client.send(new GetFunctionCommand({ FunctionName: name })), (error) => {
    assert.ok(error instanceof ResourceNotFoundException);
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.match(error.message, /Function not found: arn:aws:lambda:us-east-1:000000000000:function:sdk-lifecycle/);
    return true;
  });
});

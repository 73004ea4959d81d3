// Versions, aliases and provisioned concurrency through AWS's own JavaScript SDK (@aws-sdk/client-lambda).
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs, which passes FULMEN_ENDPOINT and FULMEN_ZIP (a Node.js
// handler returning {version: process.env.AWS_LAMBDA_FUNCTION_VERSION, initType: AWS_LAMBDA_INITIALIZATION_TYPE}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  LambdaClient, CreateFunctionCommand, UpdateFunctionConfigurationCommand, PublishVersionCommand,
  ListVersionsByFunctionCommand, CreateAliasCommand, GetAliasCommand, ListAliasesCommand, UpdateAliasCommand,
  DeleteAliasCommand, InvokeCommand, DeleteFunctionCommand, GetFunctionConfigurationCommand,
  PutProvisionedConcurrencyConfigCommand, GetProvisionedConcurrencyConfigCommand,
  ListProvisionedConcurrencyConfigsCommand, DeleteProvisionedConcurrencyConfigCommand,
  ResourceNotFoundException, ResourceConflictException, InvalidParameterValueException,
  ProvisionedConcurrencyConfigNotFoundException,
} from '@aws-sdk/client-lambda';
import { fulmenClientConfig } from './fulmen-client.mjs';

const client = new LambdaClient(fulmenClientConfig());
const name = 'sdk-versions';
const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const decode = (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8'));
const invoke = (FunctionName, Qualifier) => client.send(new InvokeCommand({ FunctionName, Qualifier, Payload: Buffer.from('{}') }));

test('versions, aliases and provisioned concurrency through @aws-sdk/client-lambda', async () => {
  await client.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/r', Handler: 'index.handler',
    Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP) }, Description: 'first',
  }));
  const v1 = await client.send(new PublishVersionCommand({ FunctionName: name }));
  assert.equal(v1.Version, '1');
  assert.equal(v1.FunctionArn, `${arn}:1`);
  assert.equal(v1.Description, 'first');
  // Nothing changed since version 1: the same version again.
  assert.equal((await client.send(new PublishVersionCommand({ FunctionName: name }))).Version, '1');
  await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: 'second' }));
  const v2 = await client.send(new PublishVersionCommand({ FunctionName: name, Description: 'v2' }));
  assert.equal(v2.Version, '2');
  const versions = await client.send(new ListVersionsByFunctionCommand({ FunctionName: name }));
  assert.deepEqual(versions.Versions.map((v) => v.Version), ['$LATEST', '1', '2']);

  const alias = await client.send(new CreateAliasCommand({
    FunctionName: name, Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { 2: 0.5 } },
  }));
  assert.equal(alias.AliasArn, `${arn}:live`);
  assert.deepEqual((await client.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))).RoutingConfig,
    { AdditionalVersionWeights: { 2: 0.5 } });
  assert.deepEqual((await client.send(new ListAliasesCommand({ FunctionName: name }))).Aliases.map((a) => a.Name), ['live']);

  const byVersion = await invoke(name, '2');
  assert.equal(byVersion.ExecutedVersion, '2');
  assert.equal(decode(byVersion.Payload).version, '2');
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    const byAlias = await invoke(`${arn}:live`);
    assert.equal(decode(byAlias.Payload).version, byAlias.ExecutedVersion);
    seen.add(byAlias.ExecutedVersion);
  }
  assert.deepEqual([...seen].sort(), ['1', '2']);
  await client.send(new UpdateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } }));
  assert.equal((await invoke(`${name}:live`)).ExecutedVersion, '2');

  // Bad input gets the Lambda API's own errors.
  await assert.rejects(client.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '9' })), ResourceNotFoundException);
  await assert.rejects(client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '$LATEST' })), InvalidParameterValueException);
  await assert.rejects(client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '2' })), ResourceConflictException);
  await assert.rejects(client.send(new InvokeCommand({ FunctionName: `${name}:bad!qualifier` })), (e) => e.name === 'ValidationException');
  await assert.rejects(client.send(new PutProvisionedConcurrencyConfigCommand({
    FunctionName: name, Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 1,
  })), InvalidParameterValueException);
  await assert.rejects(client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: '1' })),
    ProvisionedConcurrencyConfigNotFoundException);

  // Provisioned concurrency on version 1: READY, then its invokes run in a provisioned environment.
  const put = await client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
  assert.equal(put.RequestedProvisionedConcurrentExecutions, 1);
  let config = put;
  for (let i = 0; i < 300 && config.Status !== 'READY'; i++) {
    assert.notEqual(config.Status, 'FAILED', config.StatusReason);
    await new Promise((resolve) => setTimeout(resolve, 100));
    config = await client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: '1' }));
  }
  assert.equal(config.Status, 'READY');
  assert.equal(config.AllocatedProvisionedConcurrentExecutions, 1);
  assert.equal(decode((await invoke(name, '1')).Payload).initType, 'provisioned-concurrency');
  const listed = await client.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: name }));
  assert.deepEqual(listed.ProvisionedConcurrencyConfigs.map((c) => c.FunctionArn), [`${arn}:1`]);
  await client.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: '1' }));

  await client.send(new DeleteAliasCommand({ FunctionName: name, Name: 'live' }));
  await client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: '2' }));
  assert.deepEqual((await client.send(new ListVersionsByFunctionCommand({ FunctionName: name }))).Versions.map((v) => v.Version), ['$LATEST', '1']);
  await client.send(new DeleteFunctionCommand({ FunctionName: name }));
});

// Event source mappings through AWS's own JavaScript SDK (@aws-sdk/client-lambda).
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs, which passes FULMEN_ENDPOINT and FULMEN_ZIP (any Node.js handler).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  LambdaClient, CreateFunctionCommand, CreateEventSourceMappingCommand, GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand, DeleteEventSourceMappingCommand,
  TagResourceCommand, ListTagsCommand, paginateListEventSourceMappings,
  ResourceNotFoundException, ResourceConflictException, InvalidParameterValueException,
} from '@aws-sdk/client-lambda';
import { fulmenClientConfig } from './fulmen-client.mjs';

const client = new LambdaClient(fulmenClientConfig());
const name = 'sdk-mappings';
const queue = (n) => `arn:aws:sqs:us-east-1:000000000000:sdk-mappings-${n}`;

/** States settle asynchronously, as on AWS: ask until the mapping is in `state` (guard: 30 s). */
async function settled(UUID, state) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mapping = await client.send(new GetEventSourceMappingCommand({ UUID }));
    if (mapping.State === state) return mapping;
    assert.ok(Date.now() < deadline, `mapping ${UUID} never reached ${state}: ${mapping.State}`);
  }
}

test('event source mappings through @aws-sdk/client-lambda', async () => {
  await client.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/r', Handler: 'index.handler',
    Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP) },
  }));

  const created = await client.send(new CreateEventSourceMappingCommand({
    FunctionName: name, EventSourceArn: queue(0), BatchSize: 100, MaximumBatchingWindowInSeconds: 5,
    FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 4 },
    FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ['order'] } }) }] },
    Tags: { team: 'orders' },
  }));
  assert.equal(created.$metadata.httpStatusCode, 202);
  assert.equal(created.State, 'Creating');
  assert.equal(created.StateTransitionReason, 'USER_INITIATED');
  assert.ok(created.LastModified instanceof Date, 'LastModified is epoch seconds, which the SDK reads as a date');
  assert.equal(created.FunctionArn, `arn:aws:lambda:us-east-1:000000000000:function:${name}`);
  assert.equal(created.ScalingConfig.MaximumConcurrency, 4);
  assert.deepEqual(created.FunctionResponseTypes, ['ReportBatchItemFailures']);

  const enabled = await settled(created.UUID, 'Enabled');
  assert.equal(enabled.BatchSize, 100);
  assert.equal(enabled.FilterCriteria.Filters.length, 1);

  await assert.rejects(client.send(new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: queue(0) })),
    (e) => e instanceof ResourceConflictException && e.message.includes(`Please update or delete the existing mapping with UUID ${created.UUID}`));
  await assert.rejects(client.send(new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: queue(9), BatchSize: 50 })),
    (e) => e instanceof InvalidParameterValueException
      && e.message === 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');

  const updated = await client.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, Enabled: false }));
  assert.equal(updated.State, 'Disabling');
  await settled(created.UUID, 'Disabled');

  await client.send(new TagResourceCommand({ Resource: created.EventSourceMappingArn, Tags: { stage: 'prod' } }));
  const tags = await client.send(new ListTagsCommand({ Resource: created.EventSourceMappingArn }));
  assert.deepEqual(tags.Tags, { team: 'orders', stage: 'prod' });

  for (const n of [1, 2]) {
    await client.send(new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: queue(n) }));
  }
  const pages = [];
  for await (const page of paginateListEventSourceMappings({ client, pageSize: 2 }, { FunctionName: name })) {
    pages.push(page.EventSourceMappings.length);
  }
  assert.deepEqual(pages, [2, 1]);
  const bySource = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: queue(2) }));
  assert.equal(bySource.EventSourceMappings.length, 1);

  const deleting = await client.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  assert.equal(deleting.State, 'Deleting');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    } catch (e) {
      assert.ok(e instanceof ResourceNotFoundException, String(e));
      break;
    }
    assert.ok(Date.now() < deadline, 'the mapping was never removed');
  }
});

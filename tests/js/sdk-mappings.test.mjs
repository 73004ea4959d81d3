// Event source mappings through AWS's own JavaScript SDK (@aws-sdk/client-lambda, @aws-sdk/client-sqs).
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs, which passes FULMEN_ENDPOINT, FULMEN_ZIP (a Node.js handler
// that writes each event into its RECORD_DIR and reports records whose body says "poison" as failed) and
// FULMEN_RECORD_DIR (a directory the function can write to).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  LambdaClient, CreateFunctionCommand, CreateEventSourceMappingCommand, GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand, DeleteEventSourceMappingCommand,
  TagResourceCommand, ListTagsCommand, paginateListEventSourceMappings,
  ResourceNotFoundException, ResourceConflictException, InvalidParameterValueException,
} from '@aws-sdk/client-lambda';
import {
  SQSClient, CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas';
import { fulmenClientConfig } from './fulmen-client.mjs';

const client = new LambdaClient(fulmenClientConfig());
const sqs = new SQSClient(fulmenClientConfig());
const name = 'sdk-mappings';
const queue = (n) => `arn:aws:sqs:us-east-1:000000000000:sdk-mappings-${n}`;

/** Creates a queue (a mapping's source must exist); its URL and ARN. */
async function createQueue(QueueName, Attributes = {}) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName, Attributes }));
  const { Attributes: { QueueArn } } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { QueueUrl, QueueArn };
}

/** Asks until `check()` returns something truthy (guard: 90 s); returns it. */
async function eventually(what, check) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < deadline, `never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

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
  for (const n of [0, 1, 2]) {
    await createQueue(`sdk-mappings-${n}`);
  }

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

test('a queue that does not exist is refused as AWS refuses it', async () => {
  await assert.rejects(client.send(new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: queue('missing') })),
    (e) => e instanceof InvalidParameterValueException && e.$metadata.httpStatusCode === 400
      && e.message === 'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. '
        + 'SQS Error Message: The specified queue does not exist or you do not have access to it.');
});

test('a queue feeds a function: partial batch failures end in the dead-letter queue, the rest is handled', async () => {
  const records = join(process.env.FULMEN_RECORD_DIR, 'sdk-e2e');
  mkdirSync(records, { recursive: true });
  const dlq = await createQueue('sdk-e2e-dlq');
  // Two receives before the redrive; a 5 s visibility brings a failed message back soon, and outlasts a cold start.
  const work = await createQueue('sdk-e2e', {
    VisibilityTimeout: '5',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.QueueArn, maxReceiveCount: '2' }),
  });
  await client.send(new CreateFunctionCommand({
    FunctionName: 'sdk-e2e', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/r', Handler: 'index.handler',
    Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP) }, Timeout: 30, Environment: { Variables: { RECORD_DIR: records } },
  }));
  const mapping = await client.send(new CreateEventSourceMappingCommand({
    FunctionName: 'sdk-e2e', EventSourceArn: work.QueueArn, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'],
  }));
  await settled(mapping.UUID, 'Enabled');

  const bodies = ['order-1', 'order-2', 'poison', 'order-3', 'order-4'];
  const sent = await sqs.send(new SendMessageBatchCommand({
    QueueUrl: work.QueueUrl,
    Entries: bodies.map((MessageBody, i) => ({
      Id: `m${i}`, MessageBody, MessageAttributes: { kind: { DataType: 'String', StringValue: MessageBody.split('-')[0] } },
    })),
  }));
  assert.equal(sent.Successful.length, bodies.length);

  const dead = await eventually('the poison message in the dead-letter queue', async () =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['All'] }))).Messages?.[0]);
  assert.equal(dead.Body, 'poison');
  await eventually('the source queue empty', async () => {
    const { Attributes: a } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: work.QueueUrl, AttributeNames: ['All'] }));
    return a.ApproximateNumberOfMessages === '0' && a.ApproximateNumberOfMessagesNotVisible === '0';
  });

  // Every event the function saw is an SQS event as Powertools' schema has it.
  const events = readdirSync(records).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(records, f), 'utf8')));
  for (const event of events) {
    const parsed = SqsSchema.safeParse(event);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  }
  const seen = events.flatMap((event) => event.Records);
  assert.ok(seen.every((r) => r.eventSourceARN === work.QueueArn && r.eventSource === 'aws:sqs' && r.awsRegion === 'us-east-1'));
  // Every good message was handled (delivery is at least once), the poison one on each of its two receives.
  assert.deepEqual([...new Set(seen.filter((r) => r.body !== 'poison').map((r) => r.body))].sort(), ['order-1', 'order-2', 'order-3', 'order-4']);
  const poison = seen.filter((r) => r.body === 'poison');
  assert.deepEqual([...new Set(poison.map((r) => r.attributes.ApproximateReceiveCount))].sort(), ['1', '2']);
  assert.equal(poison[0].messageAttributes.kind.stringValue, 'poison');
  assert.equal(poison[0].messageId, dead.MessageId);
});

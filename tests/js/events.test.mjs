// EventBridge through AWS's JavaScript SDK (@aws-sdk/client-eventbridge, AWS JSON 1.1). Started by
// tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT, FULMEN_ZIP (a Node function that writes each event
// into its RECORD_DIR) and FULMEN_RECORD_DIR (a directory the function can write to).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  EventBridgeClient, CreateEventBusCommand, DescribeEventBusCommand, ListEventBusesCommand, DeleteEventBusCommand,
  PutRuleCommand, DescribeRuleCommand, ListRulesCommand, DeleteRuleCommand, DisableRuleCommand, EnableRuleCommand,
  PutTargetsCommand, RemoveTargetsCommand, ListTargetsByRuleCommand, ListRuleNamesByTargetCommand, TestEventPatternCommand,
  PutEventsCommand, TagResourceCommand, ListTagsForResourceCommand,
  CreateArchiveCommand, DescribeArchiveCommand, ListArchivesCommand, DeleteArchiveCommand,
  StartReplayCommand, DescribeReplayCommand, ListReplaysCommand, CancelReplayCommand,
  ResourceNotFoundException, InvalidEventPatternException, ResourceAlreadyExistsException,
} from '@aws-sdk/client-eventbridge';
import { LambdaClient, CreateFunctionCommand, AddPermissionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { SQSClient, CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas';
import { fulmenClientConfig } from './fulmen-client.mjs';

const events = new EventBridgeClient(fulmenClientConfig());
const lambda = new LambdaClient(fulmenClientConfig());
const sqs = new SQSClient(fulmenClientConfig());

async function eventually(what, check) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('buses, rules, tags and AWS errors through @aws-sdk/client-eventbridge', async () => {
  const { EventBusArn } = await events.send(new CreateEventBusCommand({ Name: 'js-bus', Tags: [{ Key: 'team', Value: 'js' }] }));
  assert.equal(EventBusArn, 'arn:aws:events:us-east-1:000000000000:event-bus/js-bus');
  await assert.rejects(events.send(new CreateEventBusCommand({ Name: 'js-bus' })), ResourceAlreadyExistsException);
  const described = await events.send(new DescribeEventBusCommand({ Name: 'js-bus' }));
  assert.ok(described.CreationTime instanceof Date);
  const names = (await events.send(new ListEventBusesCommand({}))).EventBuses.map((b) => b.Name);
  assert.deepEqual(names, ['default', 'js-bus']);

  const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'js-rule', EventBusName: 'js-bus', EventPattern: '{"source":["js"]}' }));
  assert.equal(RuleArn, 'arn:aws:events:us-east-1:000000000000:rule/js-bus/js-rule');
  await events.send(new DisableRuleCommand({ Name: 'js-rule', EventBusName: 'js-bus' }));
  assert.equal((await events.send(new DescribeRuleCommand({ Name: 'js-rule', EventBusName: EventBusArn }))).State, 'DISABLED');
  await events.send(new EnableRuleCommand({ Name: 'js-rule', EventBusName: 'js-bus' }));
  assert.deepEqual((await events.send(new ListRulesCommand({ EventBusName: 'js-bus', NamePrefix: 'js-' }))).Rules.map((r) => r.State), ['ENABLED']);
  await events.send(new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: 'k', Value: 'v' }] }));
  assert.deepEqual((await events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags, [{ Key: 'k', Value: 'v' }]);

  await events.send(new PutTargetsCommand({ Rule: 'js-rule', EventBusName: 'js-bus', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:js-q' }] }));
  assert.deepEqual((await events.send(new ListRuleNamesByTargetCommand({ TargetArn: 'arn:aws:sqs:us-east-1:000000000000:js-q', EventBusName: 'js-bus' }))).RuleNames, ['js-rule']);
  await assert.rejects(events.send(new DeleteRuleCommand({ Name: 'js-rule', EventBusName: 'js-bus' })),
    (e) => e.name === 'ValidationException' && e.message === "Rule can't be deleted since it has targets.");
  await events.send(new RemoveTargetsCommand({ Rule: 'js-rule', EventBusName: 'js-bus', Ids: ['q'] }));
  await events.send(new DeleteRuleCommand({ Name: 'js-rule', EventBusName: 'js-bus' }));
  await events.send(new DeleteEventBusCommand({ Name: 'js-bus' }));

  await assert.rejects(events.send(new DescribeEventBusCommand({ Name: 'js-bus' })),
    (e) => e instanceof ResourceNotFoundException && e.message === 'Event bus js-bus does not exist.');
  await assert.rejects(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":[{"prefix":1}]}' })),
    (e) => e instanceof InvalidEventPatternException && e.message.startsWith('Event pattern is not valid. Reason: '));
  const tested = await events.send(new TestEventPatternCommand({
    EventPattern: '{"source":["js"]}',
    Event: JSON.stringify({ id: '1', account: '000000000000', source: 'js', time: '2024-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 't', resources: [], detail: {} }),
  }));
  assert.equal(tested.Result, true);
});

test('an event reaches a function with permission, and a queue, as EventBridge delivers it', async () => {
  const records = join(process.env.FULMEN_RECORD_DIR, 'js-events');
  mkdirSync(records, { recursive: true });
  await lambda.send(new CreateFunctionCommand({
    FunctionName: 'js-events', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/r', Handler: 'index.handler',
    Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP) }, Timeout: 30, Environment: { Variables: { RECORD_DIR: records } },
  }));
  await eventually('the function active', async () => (await lambda.send(new GetFunctionCommand({ FunctionName: 'js-events' }))).Configuration.State === 'Active');
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-events-q' }));
  const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'js-orders', EventPattern: '{"detail-type":["OrderPlaced"]}' }));
  await lambda.send(new AddPermissionCommand({
    FunctionName: 'js-events', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: RuleArn,
  }));
  const put = await events.send(new PutTargetsCommand({
    Rule: 'js-orders',
    Targets: [
      { Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:js-events' },
      { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:js-events-q',
        InputTransformer: { InputPathsMap: { order: '$.detail.orderId' }, InputTemplate: '"Order <order> placed by <aws.events.rule-name>"' } },
    ],
  }));
  assert.equal(put.FailedEntryCount, 0);
  assert.equal((await events.send(new ListTargetsByRuleCommand({ Rule: 'js-orders' }))).Targets[1].InputTransformer.InputPathsMap.order, '$.detail.orderId');

  const sent = await events.send(new PutEventsCommand({
    Entries: [
      { Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'ord-7781' }), Time: new Date('2024-05-24T14:20:00Z') },
      { Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: 'not json' },
    ],
  }));
  assert.equal(sent.FailedEntryCount, 1);
  assert.equal(sent.Entries[1].ErrorCode, 'MalformedDetail');

  const event = await eventually('the function to record the event', async () => {
    const files = readdirSync(records).filter((f) => f.endsWith('.json'));
    return files.length > 0 && JSON.parse(readFileSync(join(records, files[0]), 'utf8'));
  });
  const parsed = EventBridgeSchema.safeParse(event);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.equal(event.id, sent.Entries[0].EventId);
  assert.equal(event.time, '2024-05-24T14:20:00Z');
  assert.deepEqual(event.detail, { orderId: 'ord-7781' });

  const message = await eventually('the queue target to receive the event', async () =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }))).Messages?.[0]);
  assert.equal(message.Body, '"Order ord-7781 placed by js-orders"');
});

test('a target without permission goes to its dead-letter queue with the attributes; archives and a filtered replay', async () => {
  const { QueueUrl: dlq } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-events-dlq' }));
  const { QueueUrl: replayed } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-events-replayed' }));
  const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'js-dlq', EventPattern: '{"source":["js.dlq"]}' }));
  await assert.rejects(events.send(new PutTargetsCommand({
    Rule: 'js-dlq', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:js-events', RetryPolicy: { MaximumEventAgeInSeconds: 59 } }],
  })), (e) => e.name === 'ValidationException' && e.message.includes('Member must have value greater than or equal to 60'));
  // js-events allows only the rule js-orders: this rule's sends are refused and dead-lettered at once.
  await events.send(new PutTargetsCommand({
    Rule: 'js-dlq',
    Targets: [
      { Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:js-events',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:js-events-dlq' } },
      { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:js-events-replayed' },
    ],
  }));
  const { ArchiveArn } = await events.send(new CreateArchiveCommand({
    ArchiveName: 'js-archive', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default', EventPattern: '{"source":["js.dlq"]}',
  }));
  const sent = await events.send(new PutEventsCommand({ Entries: [{ Source: 'js.dlq', DetailType: 'T', Detail: '{"n":1}', Time: new Date('2024-02-01T00:00:00Z') }] }));

  const dead = await eventually('the dead-letter message', async () =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 5, MessageAttributeNames: ['All'] }))).Messages?.[0]);
  const attribute = (name) => dead.MessageAttributes[name]?.StringValue;
  assert.equal(attribute('ERROR_CODE'), 'NO_PERMISSIONS');
  assert.equal(attribute('RULE_ARN'), RuleArn);
  assert.equal(attribute('TARGET_ARN'), 'arn:aws:lambda:us-east-1:000000000000:function:js-events');
  assert.equal(attribute('RETRY_ATTEMPTS'), '0');
  assert.equal(JSON.parse(dead.Body).id, sent.Entries[0].EventId);
  await eventually('the queue target', async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: replayed, WaitTimeSeconds: 5 }))).Messages?.[0]);

  assert.equal((await events.send(new DescribeArchiveCommand({ ArchiveName: 'js-archive' }))).EventCount, 1);
  const { State } = await events.send(new StartReplayCommand({
    ReplayName: 'js-replay', EventSourceArn: ArchiveArn, EventStartTime: new Date('2024-01-31T00:00:00Z'), EventEndTime: new Date('2024-02-02T00:00:00Z'),
    Destination: { Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default', FilterArns: [RuleArn] },
  }));
  assert.equal(State, 'STARTING');
  const again = await eventually('the replayed event', async () =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl: replayed, WaitTimeSeconds: 5 }))).Messages?.[0]);
  assert.equal(JSON.parse(again.Body)['replay-name'], 'js-replay');
  const done = await eventually('the replay to complete', async () => {
    const replay = await events.send(new DescribeReplayCommand({ ReplayName: 'js-replay' }));
    return replay.State === 'COMPLETED' && replay;
  });
  assert.ok(done.ReplayEndTime instanceof Date);
  assert.deepEqual((await events.send(new ListReplaysCommand({ NamePrefix: 'js-' }))).Replays.map((r) => r.ReplayName), ['js-replay']);
  await assert.rejects(events.send(new CancelReplayCommand({ ReplayName: 'js-replay' })), (e) => e.name === 'IllegalStatusException');
  await events.send(new DeleteArchiveCommand({ ArchiveName: 'js-archive' }));
  assert.deepEqual((await events.send(new ListArchivesCommand({}))).Archives, []);
});

// SNS through AWS's JavaScript SDK (@aws-sdk/client-sns, the query protocol). Started by
// tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT, FULMEN_ZIP (a Node function that writes each event
// into its RECORD_DIR) and FULMEN_RECORD_DIR (a directory the function can write to).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  SNSClient, CreateTopicCommand, ListTopicsCommand, GetTopicAttributesCommand, SetTopicAttributesCommand, DeleteTopicCommand,
  SubscribeCommand, ConfirmSubscriptionCommand, UnsubscribeCommand, ListSubscriptionsByTopicCommand, GetSubscriptionAttributesCommand,
  SetSubscriptionAttributesCommand, PublishCommand, PublishBatchCommand, TagResourceCommand, ListTagsForResourceCommand,
  NotFoundException, InvalidParameterException,
} from '@aws-sdk/client-sns';
import { LambdaClient, CreateFunctionCommand, AddPermissionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { SQSClient, CreateQueueCommand, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { SnsSchema } from '@aws-lambda-powertools/parser/schemas';
import { fulmenClientConfig } from './fulmen-client.mjs';

const sns = new SNSClient(fulmenClientConfig());
const lambda = new LambdaClient(fulmenClientConfig());
const sqs = new SQSClient(fulmenClientConfig());
const account = '000000000000';
const queueArn = (name) => `arn:aws:sqs:us-east-1:${account}:${name}`;

async function eventually(what, check) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Receives (and deletes) messages until `count` came; then checks that no more arrive. */
async function receive(QueueUrl, count) {
  const messages = [];
  await eventually(`${count} messages in ${QueueUrl}`, async () => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
      QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'],
    }));
    for (const m of Messages) {
      messages.push(m);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
    return messages.length >= count;
  });
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
  assert.equal(Messages.length, 0, `more than ${count} messages arrived`);
  return messages;
}

test('topics, subscriptions, attributes, tags and filter policies through @aws-sdk/client-sns', async () => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'js-topic', Attributes: { DisplayName: 'JS' }, Tags: [{ Key: 'team', Value: 'js' }] }));
  assert.equal(TopicArn, `arn:aws:sns:us-east-1:${account}:js-topic`);
  assert.ok((await sns.send(new ListTopicsCommand({}))).Topics.some((t) => t.TopicArn === TopicArn));
  await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Renamed' }));
  assert.equal((await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes.DisplayName, 'Renamed');
  await sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'env', Value: 'test' }] }));
  assert.deepEqual((await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags.map((t) => t.Key), ['env', 'team']);

  const { QueueUrl: attributesUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-sns-attributes' }));
  const { QueueUrl: bodyUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-sns-body' }));
  const { QueueUrl: everythingUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-sns-everything' }));
  const { SubscriptionArn } = await sns.send(new SubscribeCommand({
    TopicArn, Protocol: 'sqs', Endpoint: queueArn('js-sns-attributes'), ReturnSubscriptionArn: true,
    Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ color: ['red', { prefix: 'bl' }], size: [{ numeric: ['>=', 10] }] }) },
  }));
  await sns.send(new SubscribeCommand({
    TopicArn, Protocol: 'sqs', Endpoint: queueArn('js-sns-body'),
    Attributes: { RawMessageDelivery: 'true', FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ $or: [{ kind: ['a'] }, { detail: { level: [{ numeric: ['>', 3] }] } }] }) },
  }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('js-sns-everything') }));
  const attributes = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes;
  assert.equal(attributes.FilterPolicyScope, 'MessageAttributes');
  assert.equal(attributes.RawMessageDelivery, 'true');
  assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions.length, 3);

  const attribute = (color, size) => ({ color: { DataType: 'String', StringValue: color }, size: { DataType: 'Number', StringValue: String(size) } });
  const batch = await sns.send(new PublishBatchCommand({
    TopicArn,
    PublishBatchRequestEntries: [
      { Id: 'red10', Message: '{"kind":"a"}', MessageAttributes: attribute('red', 10) },
      { Id: 'blue12', Message: '{"kind":"b","detail":{"level":5}}', MessageAttributes: attribute('blue', 12) },
      { Id: 'green10', Message: '{"kind":"b","detail":{"level":1}}', MessageAttributes: attribute('green', 10) },
      { Id: 'red9', Message: 'not json', MessageAttributes: attribute('red', 9) },
    ],
  }));
  assert.deepEqual(batch.Successful.map((s) => s.Id), ['red10', 'blue12', 'green10', 'red9']);
  assert.deepEqual((await receive(attributesUrl, 2)).map((m) => m.Body).sort(), ['{"kind":"a"}', '{"kind":"b","detail":{"level":5}}']);
  assert.deepEqual((await receive(bodyUrl, 2)).map((m) => JSON.parse(m.Body).kind).sort(), ['a', 'b']);
  const envelopes = (await receive(everythingUrl, 4)).map((m) => JSON.parse(m.Body));
  assert.ok(envelopes.every((e) => e.Type === 'Notification' && e.TopicArn === TopicArn && e.SignatureVersion === '1'));

  await assert.rejects(sns.send(new GetTopicAttributesCommand({ TopicArn: `${TopicArn}-missing` })), NotFoundException);
  await assert.rejects(sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{"a":{"b":["c"]}}' })),
    (e) => e instanceof InvalidParameterException && /does not support nested filter policy/.test(e.message));
  await assert.rejects(sns.send(new PublishCommand({ TopicArn, Message: '' })), InvalidParameterException);
  await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
  await sns.send(new DeleteTopicCommand({ TopicArn }));
  await assert.rejects(sns.send(new PublishCommand({ TopicArn, Message: 'm' })), NotFoundException);
});

test('a function subscribed with permission gets the SNS event; one without permission is not invoked', async () => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'js-to-lambda' }));
  const { QueueUrl: dlq } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-sns-dlq' }));
  const zip = readFileSync(process.env.FULMEN_ZIP);
  const records = { allowed: join(process.env.FULMEN_RECORD_DIR, 'sns-allowed'), denied: join(process.env.FULMEN_RECORD_DIR, 'sns-denied') };
  for (const [name, dir] of Object.entries(records)) {
    mkdirSync(dir, { recursive: true });
    await lambda.send(new CreateFunctionCommand({
      FunctionName: `js-sns-${name}`, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: `arn:aws:iam::${account}:role/r`,
      Code: { ZipFile: zip }, Environment: { Variables: { RECORD_DIR: dir } },
    }));
    await eventually('the function to be active', async () => (await lambda.send(new GetFunctionCommand({ FunctionName: `js-sns-${name}` }))).Configuration.State === 'Active');
    // What the denied function's subscription cannot deliver goes to its dead-letter queue.
    await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'lambda', Endpoint: `arn:aws:lambda:us-east-1:${account}:function:js-sns-${name}`,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('js-sns-dlq') }) },
    }));
  }
  await lambda.send(new AddPermissionCommand({
    FunctionName: 'js-sns-allowed', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: TopicArn,
  }));

  const { MessageId } = await sns.send(new PublishCommand({
    TopicArn, Message: '{"orderId":7}', Subject: 'Order', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
  }));
  const file = await eventually('the SNS event', () => readdirSync(records.allowed).find((f) => f.endsWith('.json')));
  const event = JSON.parse(readFileSync(join(records.allowed, file), 'utf8'));
  assert.ok(SnsSchema.safeParse(event).success, JSON.stringify(SnsSchema.safeParse(event).error?.issues));
  const record = event.Records[0];
  assert.equal(record.EventSource, 'aws:sns');
  assert.equal(record.Sns.MessageId, MessageId);
  assert.equal(record.Sns.Subject, 'Order');
  assert.equal(record.Sns.MessageAttributes.kind.Value, 'order');
  // The denied one: the message went to its dead-letter queue without invoking it.
  const [dead] = await receive(dlq, 1);
  assert.equal(JSON.parse(dead.Body).MessageId, MessageId);
  assert.deepEqual(readdirSync(records.denied), []);
});

test('an http subscription: the confirmation handshake, notifications with SNS headers, a retry', async () => {
  const deliveries = [];
  const waiting = [];
  let failNext = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      response.statusCode = failNext > 0 ? (failNext--, 500) : 200;
      response.end();
      deliveries.push({ headers: request.headers, body });
      waiting.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const next = async (count) => {
    while (deliveries.length < count) await new Promise((resolve) => waiting.push(resolve));
    return deliveries[count - 1];
  };
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'js-to-http' }));
    const endpoint = `http://127.0.0.1:${server.address().port}/hook`;
    const { SubscriptionArn: pending } = await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'http', Endpoint: endpoint,
      Attributes: { DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 2, minDelayTarget: 1, maxDelayTarget: 1 } }) },
    }));
    assert.equal(pending, 'pending confirmation');
    const confirmation = await next(1);
    assert.equal(confirmation.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
    const { Token } = JSON.parse(confirmation.body);
    const { SubscriptionArn } = await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token }));
    assert.ok(SubscriptionArn.startsWith(`${TopicArn}:`));

    failNext = 1;
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Message: 'hello hook' }));
    const [failed, delivered] = [await next(2), await next(3)];
    for (const delivery of [failed, delivered]) {
      assert.equal(delivery.headers['x-amz-sns-message-type'], 'Notification');
      assert.equal(delivery.headers['x-amz-sns-message-id'], MessageId);
      assert.equal(delivery.headers['x-amz-sns-topic-arn'], TopicArn);
      assert.equal(delivery.headers['x-amz-sns-subscription-arn'], SubscriptionArn);
      assert.equal(JSON.parse(delivery.body).Message, 'hello hook');
    }
  } finally {
    server.close();
  }
});

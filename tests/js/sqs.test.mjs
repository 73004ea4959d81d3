// SQS through AWS's JavaScript SDK (@aws-sdk/client-sqs, AWS JSON 1.0; it verifies every MD5 it is answered).
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQSClient, CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, GetQueueAttributesCommand,
  SetQueueAttributesCommand, TagQueueCommand, ListQueueTagsCommand, SendMessageCommand, SendMessageBatchCommand,
  ReceiveMessageCommand, DeleteMessageCommand, DeleteMessageBatchCommand, PurgeQueueCommand, DeleteQueueCommand,
  QueueDoesNotExist, InvalidAttributeValue,
} from '@aws-sdk/client-sqs';
import { fulmenClientConfig } from './fulmen-client.mjs';

const client = new SQSClient(fulmenClientConfig());

test('queues and messages through @aws-sdk/client-sqs', async () => {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'js-queue', Attributes: { VisibilityTimeout: '40' }, tags: { team: 'js' } }));
  assert.match(QueueUrl, /\/000000000000\/js-queue$/);
  assert.equal((await client.send(new GetQueueUrlCommand({ QueueName: 'js-queue' }))).QueueUrl, QueueUrl);
  assert.deepEqual((await client.send(new ListQueuesCommand({ QueueNamePrefix: 'js-' }))).QueueUrls, [QueueUrl]);
  await client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '0' } }));
  await client.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'test' } }));
  assert.deepEqual((await client.send(new ListQueueTagsCommand({ QueueUrl }))).Tags, { team: 'js', env: 'test' });

  const sent = await client.send(new SendMessageCommand({
    QueueUrl, MessageBody: 'hi from js',
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: 'greeting' },
      bytes: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2]) },
    },
  }));
  assert.ok(sent.MD5OfMessageAttributes);
  const batch = await client.send(new SendMessageBatchCommand({
    QueueUrl, Entries: [{ Id: 'one', MessageBody: 'b1' }, { Id: 'two', MessageBody: 'b2', MessageAttributes: { n: { DataType: 'Number', StringValue: '3' } } }],
  }));
  assert.equal(batch.Successful.length, 2);

  const received = await client.send(new ReceiveMessageCommand({
    QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1,
  }));
  assert.equal(received.Messages.length, 3);
  const hi = received.Messages.find((m) => m.Body === 'hi from js');
  assert.equal(hi.MessageAttributes.kind.StringValue, 'greeting');
  assert.deepEqual([...hi.MessageAttributes.bytes.BinaryValue], [0, 1, 2]);
  assert.equal(hi.Attributes.ApproximateReceiveCount, '1');
  await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: hi.ReceiptHandle }));
  const rest = received.Messages.filter((m) => m !== hi).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle }));
  assert.equal((await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: rest }))).Successful.length, 2);

  const attributes = (await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes;
  assert.equal(attributes.ApproximateNumberOfMessages, '0');
  assert.equal(attributes.VisibilityTimeout, '40');

  // A long poll woken by a send.
  const waiting = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
  assert.equal((await waiting).Messages[0].Body, 'late');

  await assert.rejects(client.send(new GetQueueUrlCommand({ QueueName: 'js-missing' })), QueueDoesNotExist);
  await assert.rejects(client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '901' } })), InvalidAttributeValue);
  await assert.rejects(client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(262145) })), (e) => e.name === 'InvalidParameterValue' || e.Code === 'InvalidParameterValue');

  await client.send(new PurgeQueueCommand({ QueueUrl }));
  await client.send(new DeleteQueueCommand({ QueueUrl }));
  await assert.rejects(client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })), QueueDoesNotExist);
});

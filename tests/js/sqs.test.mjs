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

test('FIFO queues through @aws-sdk/client-sqs: groups in order, deduplication, SequenceNumber', async () => {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'js-fifo.fifo', Attributes: { FifoQueue: 'true' } }));
  const send = (body, group, id) => client.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: id }));
  const a1 = await send('a1', 'A', 'a1');
  const a2 = await send('a2', 'A', 'a2');
  const b1 = await send('b1', 'B', 'b1');
  assert.ok(BigInt(a1.SequenceNumber) < BigInt(a2.SequenceNumber) && BigInt(a2.SequenceNumber) < BigInt(b1.SequenceNumber));
  const duplicate = await send('a1 again', 'A', 'a1');
  assert.equal(duplicate.MessageId, a1.MessageId);
  assert.equal(duplicate.SequenceNumber, a1.SequenceNumber);

  const receive = (max) => client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: max, MessageSystemAttributeNames: ['All'] }));
  const first = (await receive(1)).Messages;
  assert.deepEqual(first.map((m) => m.Body), ['a1']);
  assert.equal(first[0].Attributes.MessageGroupId, 'A');
  assert.equal(first[0].Attributes.MessageDeduplicationId, 'a1');
  assert.equal(first[0].Attributes.SequenceNumber, a1.SequenceNumber);
  // Group A is in flight: only B is served until a1 is deleted.
  const second = (await receive(10)).Messages;
  assert.deepEqual(second.map((m) => m.Body), ['b1']);
  await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first[0].ReceiptHandle }));
  assert.deepEqual((await receive(10)).Messages.map((m) => m.Body), ['a2']);

  await assert.rejects(client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'x' })),
    (e) => e.name === 'MissingParameter' && e.message === 'The request must contain the parameter MessageGroupId.');
  await assert.rejects(client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'A' })),
    (e) => e.message === 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  await client.send(new DeleteQueueCommand({ QueueUrl }));
});

// Dead-letter redrive through AWS's JavaScript SDK (@aws-sdk/client-sqs, AWS JSON 1.0): messages received too often
// land in the dead-letter queue, ListDeadLetterSourceQueues names their source, a message move task sends them back,
// another is cancelled; AddPermission/RemovePermission edit the queue's Policy.
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import {
  SQSClient, CreateQueueCommand, SendMessageCommand, ReceiveMessageCommand, GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand, StartMessageMoveTaskCommand, ListMessageMoveTasksCommand,
  CancelMessageMoveTaskCommand, AddPermissionCommand, RemovePermissionCommand, ResourceNotFoundException,
} from '@aws-sdk/client-sqs';
import { fulmenClientConfig } from './fulmen-client.mjs';

const client = new SQSClient(fulmenClientConfig());
const arn = (name) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const count = async (QueueUrl) => Number((await client.send(new GetQueueAttributesCommand({
  QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'],
}))).Attributes.ApproximateNumberOfMessages);

// The newest task of a source once it is no longer running (a 90 s guard).
async function settled(SourceArn) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const [task] = (await client.send(new ListMessageMoveTasksCommand({ SourceArn }))).Results;
    if (!['RUNNING', 'CANCELLING'].includes(task.Status)) return task;
    assert.ok(Date.now() < deadline, `the task is still ${task.Status} after 90 s`);
    await delay(100);
  }
}

test('dead-letter redrive and queue permissions through @aws-sdk/client-sqs', async () => {
  const { QueueUrl: dlq } = await client.send(new CreateQueueCommand({ QueueName: 'js-redrive-dlq' }));
  const { QueueUrl: source } = await client.send(new CreateQueueCommand({
    QueueName: 'js-redrive',
    Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('js-redrive-dlq'), maxReceiveCount: 1 }) },
  }));
  for (let i = 0; i < 8; i++) {
    await client.send(new SendMessageCommand({
      QueueUrl: source, MessageBody: `m${i}`, MessageAttributes: { i: { DataType: 'Number', StringValue: `${i}` } },
    }));
  }
  // Received once (visible again at once), then redriven by later receives.
  while (await count(dlq) < 8) {
    await client.send(new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
  }
  assert.deepEqual((await client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls, [source]);

  // A slow task, cancelled while it runs.
  const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: arn('js-redrive-dlq'), MaxNumberOfMessagesPerSecond: 1 }));
  const { ApproximateNumberOfMessagesMoved } = await client.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
  assert.ok(ApproximateNumberOfMessagesMoved < 8);
  const cancelled = await settled(arn('js-redrive-dlq'));
  assert.equal(cancelled.Status, 'CANCELLED');
  assert.equal(cancelled.TaskHandle, undefined);
  await assert.rejects(client.send(new CancelMessageMoveTaskCommand({ TaskHandle })), ResourceNotFoundException);

  // Then the rest, back to the source.
  await client.send(new StartMessageMoveTaskCommand({ SourceArn: arn('js-redrive-dlq') }));
  const completed = await settled(arn('js-redrive-dlq'));
  assert.equal(completed.Status, 'COMPLETED');
  assert.equal(completed.ApproximateNumberOfMessagesMoved, 8 - cancelled.ApproximateNumberOfMessagesMoved);
  assert.equal(completed.ApproximateNumberOfMessagesToMove, 8 - cancelled.ApproximateNumberOfMessagesMoved);
  assert.equal(await count(dlq), 0);
  const bodies = [];
  for (;;) {
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    if (!Messages?.length) break;
    for (const m of Messages) {
      assert.equal(m.MessageAttributes.i.StringValue, m.Body.slice(1));
      bodies.push(m.Body);
    }
  }
  assert.deepEqual(bodies.sort(), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
  const tasks = (await client.send(new ListMessageMoveTasksCommand({ SourceArn: arn('js-redrive-dlq'), MaxResults: 10 }))).Results;
  assert.deepEqual(tasks.map((t) => t.Status), ['COMPLETED', 'CANCELLED']);

  await assert.rejects(client.send(new StartMessageMoveTaskCommand({ SourceArn: arn('js-redrive') })),
    (e) => e.message === 'Source queue must be configured as a Dead Letter Queue.');
  await assert.rejects(client.send(new ListMessageMoveTasksCommand({ SourceArn: arn('js-nothing') })), ResourceNotFoundException);

  await client.send(new AddPermissionCommand({ QueueUrl: source, Label: 'js', AWSAccountIds: ['111122223333'], Actions: ['SendMessage', 'GetQueueAttributes'] }));
  const policy = JSON.parse((await client.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['Policy'] }))).Attributes.Policy);
  assert.deepEqual(policy.Statement, [{
    Sid: 'js', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: ['SQS:SendMessage', 'SQS:GetQueueAttributes'], Resource: arn('js-redrive'),
  }]);
  await assert.rejects(client.send(new AddPermissionCommand({ QueueUrl: source, Label: 'js', AWSAccountIds: ['1'], Actions: ['*'] })),
    (e) => e.message === 'Value js for parameter Label is invalid. Reason: Already exists.');
  await client.send(new RemovePermissionCommand({ QueueUrl: source, Label: 'js' }));
  const after = (await client.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['All'] }))).Attributes;
  assert.equal(after.Policy, undefined);
});

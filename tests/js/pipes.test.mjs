// EventBridge Pipes through AWS's JavaScript SDK (@aws-sdk/client-pipes, rest-json). Started by
// tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PipesClient, CreatePipeCommand, DescribePipeCommand, ListPipesCommand, UpdatePipeCommand, DeletePipeCommand,
  StartPipeCommand, StopPipeCommand, TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand,
  NotFoundException, ConflictException, ValidationException,
} from '@aws-sdk/client-pipes';
import { SQSClient, CreateQueueCommand, SendMessageBatchCommand, ReceiveMessageCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { fulmenClientConfig } from './fulmen-client.mjs';

const pipes = new PipesClient(fulmenClientConfig());
const sqs = new SQSClient(fulmenClientConfig());
const arn = (name) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const role = 'arn:aws:iam::000000000000:role/pipes';

async function eventually(what, check) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const state = (name, wanted) => eventually(`${name} ${wanted}`, async () => {
  const pipe = await pipes.send(new DescribePipeCommand({ Name: name }));
  return pipe.CurrentState === wanted ? pipe : null;
});

test('pipes CRUD, states, tags and AWS errors through @aws-sdk/client-pipes', async () => {
  await sqs.send(new CreateQueueCommand({ QueueName: 'js-pipe-crud' }));
  const created = await pipes.send(new CreatePipeCommand({
    Name: 'js-crud', RoleArn: role, Source: arn('js-pipe-crud'), Target: 'arn:aws:lambda:us-east-1:000000000000:function:nothing',
    DesiredState: 'STOPPED', Description: 'from js', Tags: { team: 'js' },
  }));
  assert.equal(created.Arn, 'arn:aws:pipes:us-east-1:000000000000:pipe/js-crud');
  assert.equal(created.CurrentState, 'CREATING');
  assert.ok(created.CreationTime instanceof Date);
  const described = await state('js-crud', 'STOPPED');
  assert.equal(described.Description, 'from js');
  assert.deepEqual(described.Tags, { team: 'js' });

  await pipes.send(new StartPipeCommand({ Name: 'js-crud' }));
  await state('js-crud', 'RUNNING');
  await pipes.send(new StopPipeCommand({ Name: 'js-crud' }));
  await state('js-crud', 'STOPPED');
  const updated = await pipes.send(new UpdatePipeCommand({ Name: 'js-crud', RoleArn: role, Description: 'changed' }));
  assert.equal(updated.CurrentState, 'UPDATING');
  assert.equal((await state('js-crud', 'STOPPED')).Description, 'changed');

  const listed = await pipes.send(new ListPipesCommand({ NamePrefix: 'js-crud' }));
  assert.deepEqual(listed.Pipes.map((p) => [p.Name, p.CurrentState, p.DesiredState]), [['js-crud', 'STOPPED', 'STOPPED']]);

  await pipes.send(new TagResourceCommand({ resourceArn: created.Arn, tags: { more: 'yes' } }));
  await pipes.send(new UntagResourceCommand({ resourceArn: created.Arn, tagKeys: ['team'] }));
  assert.deepEqual((await pipes.send(new ListTagsForResourceCommand({ resourceArn: created.Arn }))).tags, { more: 'yes' });

  await assert.rejects(pipes.send(new CreatePipeCommand({ Name: 'js-crud', RoleArn: role, Source: arn('js-pipe-crud'), Target: arn('x') })),
    (e) => e instanceof ConflictException && e.message === 'Pipe js-crud already exists.');
  await assert.rejects(pipes.send(new CreatePipeCommand({
    Name: 'js-kinesis', RoleArn: role, Source: 'arn:aws:kinesis:us-east-1:000000000000:stream/s', Target: arn('x'),
  })), (e) => e instanceof ValidationException && e.fieldList?.[0]?.name === 'source' && /not supported yet/.test(e.message));
  await assert.rejects(pipes.send(new DescribePipeCommand({ Name: 'js-missing' })),
    (e) => e instanceof NotFoundException && e.message === 'Pipe js-missing does not exist.');

  const deleted = await pipes.send(new DeletePipeCommand({ Name: 'js-crud' }));
  assert.equal(deleted.CurrentState, 'DELETING');
  await eventually('js-crud gone', async () => {
    try {
      await pipes.send(new DescribePipeCommand({ Name: 'js-crud' }));
      return false;
    } catch (e) {
      return e instanceof NotFoundException;
    }
  });
});

test('a pipe filters an SQS queue into another through its input template', async () => {
  const { QueueUrl: source } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-pipe-src' }));
  const { QueueUrl: target } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-pipe-dst' }));
  await pipes.send(new CreatePipeCommand({
    Name: 'js-e2e', RoleArn: role, Source: arn('js-pipe-src'), Target: arn('js-pipe-dst'),
    SourceParameters: { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { keep: [true] } }) }] }, SqsQueueParameters: { BatchSize: 5 } },
    TargetParameters: { InputTemplate: '{"n": <$.body.n>, "pipe": "<aws.pipes.pipe-name>"}' },
  }));
  await state('js-e2e', 'RUNNING');
  await sqs.send(new SendMessageBatchCommand({
    QueueUrl: source,
    Entries: [1, 2, 3, 4].map((n) => ({ Id: `m${n}`, MessageBody: JSON.stringify({ n, keep: n % 2 === 1 }) })),
  }));

  const bodies = [];
  await eventually('two messages in the target queue', async () => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: target, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    bodies.push(...Messages.map((m) => JSON.parse(m.Body)));
    return bodies.length >= 2;
  });
  assert.deepEqual(bodies.map((b) => b.n).sort(), [1, 3]);
  assert.ok(bodies.every((b) => b.pipe === 'js-e2e'));
  await eventually('the source queue drained', async () => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['All'] }));
    return Attributes.ApproximateNumberOfMessages === '0' && Attributes.ApproximateNumberOfMessagesNotVisible === '0';
  });
});

// EventBridge Scheduler through AWS's JavaScript SDK (@aws-sdk/client-scheduler, rest-json). Started by
// tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT, the server on a manual schedule clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SchedulerClient, CreateScheduleCommand, GetScheduleCommand, UpdateScheduleCommand, DeleteScheduleCommand, ListSchedulesCommand,
  CreateScheduleGroupCommand, GetScheduleGroupCommand, ListScheduleGroupsCommand, DeleteScheduleGroupCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand,
  ConflictException, ResourceNotFoundException, ValidationException,
} from '@aws-sdk/client-scheduler';
import { SQSClient, CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { fulmenClientConfig } from './fulmen-client.mjs';

const scheduler = new SchedulerClient(fulmenClientConfig());
const role = 'arn:aws:iam::000000000000:role/scheduler';
const target = { Arn: 'arn:aws:sqs:us-east-1:000000000000:js-jobs', RoleArn: role, Input: '{"job":"js"}' };

test('schedules, groups, tags and AWS errors through @aws-sdk/client-scheduler', async () => {
  const { ScheduleGroupArn } = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'js-group', Tags: [{ Key: 'team', Value: 'js' }] }));
  assert.equal(ScheduleGroupArn, 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/js-group');
  await assert.rejects(scheduler.send(new CreateScheduleGroupCommand({ Name: 'js-group' })), ConflictException);
  const group = await scheduler.send(new GetScheduleGroupCommand({ Name: 'js-group' }));
  assert.equal(group.State, 'ACTIVE');
  assert.ok(group.CreationDate instanceof Date);
  assert.deepEqual((await scheduler.send(new ListScheduleGroupsCommand({ NamePrefix: 'js-' }))).ScheduleGroups.map((g) => g.Name), ['js-group']);

  // After the schedule clock's time (the server runs on a manual clock, see below).
  const start = new Date('2027-02-01T00:00:00Z');
  const { ScheduleArn } = await scheduler.send(new CreateScheduleCommand({
    Name: 'js-once', GroupName: 'js-group', ScheduleExpression: 'at(2199-01-01T09:00:00)', ScheduleExpressionTimezone: 'Europe/Berlin',
    FlexibleTimeWindow: { Mode: 'OFF' }, Target: target, ActionAfterCompletion: 'DELETE', StartDate: start, KmsKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/abc',
  }));
  assert.equal(ScheduleArn, 'arn:aws:scheduler:us-east-1:000000000000:schedule/js-group/js-once');
  const got = await scheduler.send(new GetScheduleCommand({ Name: 'js-once', GroupName: 'js-group' }));
  assert.equal(got.ActionAfterCompletion, 'DELETE');
  assert.equal(got.ScheduleExpressionTimezone, 'Europe/Berlin');
  assert.equal(got.KmsKeyArn, 'arn:aws:kms:us-east-1:000000000000:key/abc');
  assert.equal(Math.floor(got.StartDate.getTime() / 1000), Math.floor(start.getTime() / 1000));
  assert.deepEqual(got.Target.RetryPolicy, { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
  assert.ok(got.CreationDate instanceof Date && got.LastModificationDate instanceof Date);

  await scheduler.send(new UpdateScheduleCommand({
    Name: 'js-once', GroupName: 'js-group', ScheduleExpression: 'rate(10 minutes)', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 5 },
    Target: { ...target, RetryPolicy: { MaximumRetryAttempts: 0 } }, State: 'DISABLED',
  }));
  const updated = await scheduler.send(new GetScheduleCommand({ Name: 'js-once', GroupName: 'js-group' }));
  assert.equal(updated.State, 'DISABLED');
  assert.equal(updated.ActionAfterCompletion, 'NONE');
  assert.deepEqual(updated.FlexibleTimeWindow, { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 5 });
  const listed = await scheduler.send(new ListSchedulesCommand({ GroupName: 'js-group', State: 'DISABLED' }));
  assert.deepEqual(listed.Schedules.map((s) => [s.Name, s.GroupName, s.Target.Arn]), [['js-once', 'js-group', target.Arn]]);

  await scheduler.send(new TagResourceCommand({ ResourceArn: ScheduleGroupArn, Tags: [{ Key: 'env', Value: 'test' }] }));
  await scheduler.send(new UntagResourceCommand({ ResourceArn: ScheduleGroupArn, TagKeys: ['team'] }));
  assert.deepEqual((await scheduler.send(new ListTagsForResourceCommand({ ResourceArn: ScheduleGroupArn }))).Tags, [{ Key: 'env', Value: 'test' }]);

  await assert.rejects(scheduler.send(new CreateScheduleCommand({
    Name: 'js-once', GroupName: 'js-group', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target,
  })), (e) => e instanceof ConflictException && e.message === 'Schedule js-once already exists.' && e.$metadata.httpStatusCode === 409);
  await assert.rejects(scheduler.send(new CreateScheduleCommand({
    Name: 'js-bad', ScheduleExpression: 'cron(0 10 * * * *)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target,
  })), (e) => e instanceof ValidationException && e.message === 'Invalid Schedule Expression cron(0 10 * * * *).');
  await assert.rejects(scheduler.send(new GetScheduleCommand({ Name: 'js-missing' })),
    (e) => e instanceof ResourceNotFoundException && e.message === 'Schedule js-missing does not exist.' && e.$metadata.httpStatusCode === 404);

  await scheduler.send(new DeleteScheduleCommand({ Name: 'js-once', GroupName: 'js-group' }));
  await assert.rejects(scheduler.send(new GetScheduleCommand({ Name: 'js-once', GroupName: 'js-group' })), ResourceNotFoundException);
  await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'js-group' }));
  await assert.rejects(scheduler.send(new GetScheduleGroupCommand({ Name: 'js-group' })), ResourceNotFoundException);
});

// The server runs on a manual schedule clock standing at 2027-01-15T07:00:00Z (JsClientTests starts it so).
async function fulmen(path, body) {
  const response = await fetch(`${process.env.FULMEN_ENDPOINT}${path}`, body ? { method: 'POST', body: JSON.stringify(body) } : {});
  const text = await response.text();
  assert.equal(response.status, 200, `${path}: ${text}`);
  return JSON.parse(text);
}

async function eventually(what, check) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a one-time schedule fires its Input to a queue when the schedule clock passes it', async () => {
  const sqs = new SQSClient(fulmenClientConfig());
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-fired' }));
  await scheduler.send(new CreateScheduleCommand({
    Name: 'js-fire', ScheduleExpression: 'at(2027-01-15T10:00:00)', ScheduleExpressionTimezone: 'Europe/Berlin',
    FlexibleTimeWindow: { Mode: 'OFF' }, ActionAfterCompletion: 'DELETE',
    Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:js-fired', RoleArn: role, Input: '{"at":"<aws.scheduler.scheduled-time>"}' },
  }));
  await eventually('the schedule to be planned', async () =>
    (await fulmen('/_fulmen/schedules')).schedules.some((s) => s.owner === 'scheduler' && s.id === 'default/js-fire' && s.nextScheduledTime));

  await fulmen('/_fulmen/clock', { advance: '03:00:00' });

  const message = await eventually('the tick', async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }))).Messages?.[0]);
  assert.deepEqual(JSON.parse(message.Body), { at: '2027-01-15T09:00:00Z' });
  await eventually('the completed schedule to be deleted', async () =>
    scheduler.send(new GetScheduleCommand({ Name: 'js-fire' })).then(() => false, (e) => e instanceof ResourceNotFoundException));
});

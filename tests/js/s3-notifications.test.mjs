// Bucket notifications through AWS's JavaScript SDK: PutBucketNotificationConfiguration with a function as destination,
// the S3 event that function gets for a key with spaces and unicode (checked with Powertools' S3Schema), and S3's
// refusal of a function that does not allow s3.amazonaws.com. Started by
// tests/Fulmen.Server.Tests/Buckets/Notifications/S3NotificationJsTests.cs with FULMEN_ENDPOINT, FULMEN_ZIP (a function
// writing each event to RECORD_DIR) and FULMEN_RECORD_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  S3Client, CreateBucketCommand, PutObjectCommand, PutBucketNotificationConfigurationCommand, GetBucketNotificationConfigurationCommand, S3ServiceException,
} from '@aws-sdk/client-s3';
import { LambdaClient, CreateFunctionCommand, AddPermissionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas';
import { fulmenClientConfig } from './fulmen-client.mjs';

const s3 = new S3Client(fulmenClientConfig({ forcePathStyle: true }));
const lambda = new LambdaClient(fulmenClientConfig());
const account = '000000000000';
const functionArn = (name) => `arn:aws:lambda:us-east-1:${account}:function:${name}`;

async function eventually(what, check) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function recordingFunction(name) {
  const dir = join(process.env.FULMEN_RECORD_DIR, name);
  mkdirSync(dir, { recursive: true });
  await lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: `arn:aws:iam::${account}:role/r`,
    Code: { ZipFile: readFileSync(process.env.FULMEN_ZIP) }, Environment: { Variables: { RECORD_DIR: dir } },
  }));
  await eventually(`${name} to be active`, async () => (await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration.State === 'Active');
  return dir;
}

test('a function configured on a bucket gets the S3 event for a key with spaces and unicode', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'js-notify' }));
  const dir = await recordingFunction('js-notify-fn');
  await lambda.send(new AddPermissionCommand({
    FunctionName: 'js-notify-fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com',
    SourceArn: 'arn:aws:s3:::js-notify', SourceAccount: account,
  }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: 'js-notify',
    NotificationConfiguration: {
      LambdaFunctionConfigurations: [{
        Id: 'photos', LambdaFunctionArn: functionArn('js-notify-fn'), Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.jpg' }] } },
      }],
    },
  }));
  const got = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'js-notify' }));
  assert.equal(got.LambdaFunctionConfigurations[0].Id, 'photos');
  assert.deepEqual(got.LambdaFunctionConfigurations[0].Filter.Key.FilterRules, [{ Name: 'Suffix', Value: '.jpg' }]);

  const key = 'Été 2024/plage à Nice.jpg';
  const put = await s3.send(new PutObjectCommand({ Bucket: 'js-notify', Key: key, Body: 'jpeg bytes' }));
  const file = await eventually('the S3 event', () => readdirSync(dir).find((f) => f.endsWith('.json')));
  const event = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const parsed = S3Schema.safeParse(event);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  const record = event.Records[0];
  assert.equal(record.eventName, 'ObjectCreated:Put');
  assert.equal(record.s3.configurationId, 'photos');
  assert.equal(record.s3.object.key, '%C3%89t%C3%A9+2024/plage+%C3%A0+Nice.jpg');
  assert.equal(decodeURIComponent(record.s3.object.key.replaceAll('+', ' ')), key);
  assert.equal(`"${record.s3.object.eTag}"`, put.ETag);
  assert.equal(record.s3.object.size, 10);
});

test('a function that does not allow s3.amazonaws.com is refused as AWS refuses it', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'js-notify-denied' }));
  await recordingFunction('js-notify-denied-fn');
  await assert.rejects(s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: 'js-notify-denied',
    NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: functionArn('js-notify-denied-fn'), Events: ['s3:ObjectCreated:*'] }] },
  })), (e) => e instanceof S3ServiceException && e.name === 'InvalidArgument' && e.message === 'Unable to validate the following destination configurations'
    && e.$metadata.httpStatusCode === 400);
});

// TestEventPattern through AWS's JavaScript SDK, over a table of the examples in EventBridge's user guide (event
// patterns, content filtering, arrays, null values and empty strings, comparison operators), each with events it
// documents as matching and not matching, and patterns EventBridge refuses with InvalidEventPatternException.
// Started by tests/Fulmen.Server.Tests/JsClientTests.cs with FULMEN_ENDPOINT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBridgeClient, TestEventPatternCommand, InvalidEventPatternException } from '@aws-sdk/client-eventbridge';
import { fulmenClientConfig } from './fulmen-client.mjs';

const events = new EventBridgeClient(fulmenClientConfig());

// TestEventPattern needs the envelope's fields; each case gives only what it is about.
const envelope = (fields) => ({
  version: '0', id: '3e3c153a-8339-4e30-8c35-687ebef853fe', 'detail-type': 'Example', source: 'com.example',
  account: '123456789012', time: '2017-10-02T18:43:48Z', region: 'us-east-1', resources: [], detail: {}, ...fields,
});

const matches = [
  {
    name: 'prefix on time',
    pattern: { time: [{ prefix: '2017-10-02' }] },
    yes: [{ time: '2017-10-02T18:43:48Z' }],
    no: [{ time: '2017-10-03T00:00:00Z' }],
  },
  {
    name: 'Auto Scaling events from European regions',
    pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] },
    yes: [{ source: 'aws.autoscaling', region: 'eu-west-1' }],
    no: [{ source: 'aws.autoscaling', region: 'us-east-1' }, { source: 'aws.ec2', region: 'eu-west-1' }],
  },
  {
    name: 'prefix ignoring case',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    yes: [{ detail: { service: 'EventBridge' } }, { detail: { service: 'eventbridge' } }, { detail: { service: 'EVENTB' } }],
    no: [{ detail: { service: 'Events' } }],
  },
  {
    name: 'suffix',
    pattern: { detail: { FileName: [{ suffix: '.png' }] } },
    yes: [{ detail: { FileName: 'image.png' } }],
    no: [{ detail: { FileName: 'image.PNG' } }, { detail: { FileName: 'image.jpg' } }],
  },
  {
    name: 'suffix ignoring case',
    pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    yes: [{ detail: { FileName: 'image.png' } }, { detail: { FileName: 'image.PNG' } }],
    no: [{ detail: { FileName: 'image.gif' } }],
  },
  {
    name: 'anything-but a string',
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    yes: [{ detail: { state: 'running' } }],
    no: [{ detail: { state: 'initializing' } }],
  },
  {
    name: 'anything-but a number',
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    yes: [{ detail: { 'x-limit': 124 } }],
    no: [{ detail: { 'x-limit': 123 } }],
  },
  {
    name: 'anything-but a list of strings',
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    yes: [{ detail: { state: 'running' } }],
    no: [{ detail: { state: 'stopped' } }, { detail: { state: 'overloaded' } }],
  },
  {
    name: 'anything-but a list of numbers',
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    yes: [{ detail: { 'x-limit': 150 } }],
    no: [{ detail: { 'x-limit': 200 } }],
  },
  {
    name: 'anything-but a prefix',
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    yes: [{ detail: { state: 'running' } }],
    no: [{ detail: { state: 'initializing' } }],
  },
  {
    name: 'anything-but a suffix',
    pattern: { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } },
    yes: [{ detail: { FileName: 'notes.txt' } }],
    no: [{ detail: { FileName: 'image.png' } }],
  },
  {
    name: 'anything-but ignoring case',
    pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    yes: [{ detail: { state: 'running' } }],
    no: [{ detail: { state: 'INITIALIZING' } }, { detail: { state: 'initializing' } }],
  },
  {
    name: 'anything-but a wildcard',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    yes: [{ detail: { FilePath: '/usr/bin/env' } }],
    no: [{ detail: { FilePath: '/usr/lib/libc.so' } }],
  },
  {
    name: 'everything but CloudTrail API calls',
    pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] },
    yes: [{ 'detail-type': 'EC2 Instance State-change Notification' }],
    no: [{ 'detail-type': 'AWS API Call via CloudTrail' }],
  },
  {
    name: 'everything but EC2 and S3',
    pattern: { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] },
    yes: [{ source: 'aws.lambda' }],
    no: [{ source: 'aws.ec2' }, { source: 'aws.s3' }],
  },
  {
    name: 'only your own events (source not starting with aws.)',
    pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] },
    yes: [{ source: 'com.mycompany.orders' }],
    no: [{ source: 'aws.ec2' }],
  },
  {
    name: 'numeric ranges, all fields',
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    yes: [{ detail: { 'c-count': 5, 'd-count': 9, 'x-limit': 301.8 } }],
    no: [{ detail: { 'c-count': 0, 'd-count': 9, 'x-limit': 301.8 } }, { detail: { 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 } },
      { detail: { 'c-count': '5', 'd-count': 9, 'x-limit': 301.8 } }],
  },
  {
    name: 'IPv4 CIDR',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    yes: [{ detail: { sourceIPAddress: '10.0.0.24' } }, { detail: { sourceIPAddress: '10.0.0.255' } }],
    no: [{ detail: { sourceIPAddress: '10.0.1.1' } }],
  },
  {
    name: 'IPv6 CIDR',
    pattern: { detail: { 'source-ip': [{ cidr: '2001:db8::/32' }] } },
    yes: [{ detail: { 'source-ip': '2001:db8:0:0:0:0:0:1' } }],
    no: [{ detail: { 'source-ip': '2001:db9::1' } }],
  },
  {
    name: 'exists: false (a missing leaf, or an intermediate node)',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    yes: [
      { 'detail-type': 'EC2 Instance State-change Notification', resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'], detail: { state: ['initializing', 'running'] } },
      { detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } },
    ],
    no: [{ detail: { 'c-count': 3 } }],
  },
  {
    name: 'exists: true',
    pattern: { detail: { description: [{ exists: true }] } },
    yes: [{ detail: { description: 'a full-text field' } }],
    no: [{ detail: { title: 'no description' } }],
  },
  {
    name: 'equals-ignore-case',
    pattern: { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    yes: [{ 'detail-type': 'EC2 Instance State-change Notification' }],
    no: [{ 'detail-type': 'EC2 Spot Instance Interruption Warning' }],
  },
  {
    name: 'wildcard',
    pattern: { detail: { FilePath: [{ wildcard: '*/lib/*' }] } },
    yes: [{ detail: { FilePath: '/usr/lib/libc.so' } }],
    no: [{ detail: { FilePath: '/usr/bin/env' } }],
  },
  {
    name: '$or across fields',
    pattern: { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } },
    yes: [{ detail: { 'c-count': 1 } }, { detail: { 'd-count': 2 } }, { detail: { 'x-limit': 301.8 } }],
    no: [{ detail: { 'c-count': 9, 'd-count': 20 } }],
  },
  {
    name: 'arrays: any value in common',
    pattern: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
    yes: [{ resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }],
    no: [{ resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-00000000'] }],
  },
  {
    name: 'empty string, not null',
    pattern: { detail: { eventVersion: [''] } },
    yes: [{ detail: { eventVersion: '', responseElements: null } }],
    no: [{ detail: { eventVersion: null } }],
  },
  {
    name: 'null, not empty string',
    pattern: { detail: { responseElements: [null] } },
    yes: [{ detail: { eventVersion: '', responseElements: null } }],
    no: [{ detail: { responseElements: '' } }],
  },
  {
    name: 'the complex example',
    pattern: { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    yes: [{ detail: { state: 'running', 'c-count': 3, 'd-count': 4, 'x-limit': 150 } }],
    no: [{ detail: { state: 'running', 'c-count': 3, 'd-count': 4, 'x-limit': 200 } }, { time: '2017-10-03T00:00:00Z', detail: { state: 'running', 'c-count': 3, 'd-count': 4, 'x-limit': 150 } }],
  },
];

// Patterns EventBridge refuses, with event-ruler's reason for each.
const invalid = [
  { name: 'a value that is not an array', pattern: '{"source":"aws.ec2"}', reason: '"source" must be an object or an array' },
  { name: 'prefix with a number', pattern: '{"source":[{"prefix":1}]}', reason: 'prefix match pattern must be a string' },
  { name: 'numeric not an array', pattern: '{"detail":{"n":[{"numeric":">"}]}}', reason: 'Value of numeric must be an array.' },
  { name: 'anything-but mixing strings and numbers', pattern: '{"detail":{"x":[{"anything-but":["a",1]}]}}', reason: 'Inside anything but list, either all values are number or string, mixed type is not supported' },
  { name: 'consecutive wildcards', pattern: '{"detail":{"p":[{"wildcard":"abc**def"}]}}', reason: 'Consecutive wildcard characters at pos 4' },
  { name: 'an empty object', pattern: '{"detail":{}}', reason: 'Empty objects are not allowed' },
  { name: 'a malformed CIDR', pattern: '{"detail":{"ip":[{"cidr":"10.0.0.0"}]}}', reason: "Malformed CIDR, one '/' required" },
  { name: 'an unknown operator', pattern: '{"detail":{"x":[{"regex":"a.*"}]}}', reason: 'Unrecognized match type regex' },
];

for (const c of matches) {
  test(`TestEventPattern: ${c.name}`, async () => {
    const pattern = JSON.stringify(c.pattern);
    for (const [events_, expected] of [[c.yes, true], [c.no, false]]) {
      for (const fields of events_) {
        const { Result } = await events.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(envelope(fields)) }));
        assert.equal(Result, expected, `${pattern} on ${JSON.stringify(fields)}`);
      }
    }
  });
}

for (const c of invalid) {
  test(`TestEventPattern refuses ${c.name}`, async () => {
    await assert.rejects(
      events.send(new TestEventPatternCommand({ EventPattern: c.pattern, Event: JSON.stringify(envelope({})) })),
      (e) => {
        assert.ok(e instanceof InvalidEventPatternException, `${e.name}: ${e.message}`);
        assert.equal(e.$metadata.httpStatusCode, 400);
        assert.ok(e.message.startsWith(`Event pattern is not valid. Reason: ${c.reason}`), e.message);
        return true;
      });
  });
}

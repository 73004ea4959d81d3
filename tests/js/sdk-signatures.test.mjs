// Signatures through AWS's own JavaScript SDK against a server started with --verify-signatures.
// Started by tests/Fulmen.Server.Tests/SignatureVerificationTests.cs with FULMEN_ENDPOINT, FULMEN_ACCESS_KEY, FULMEN_SECRET_KEY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { fulmenClientConfig } from './fulmen-client.mjs';

// No retry (fulmenClientConfig): a retry would correct the clock from the answer's Date header.
const client = (credentials, extra = {}) => new LambdaClient(fulmenClientConfig({ credentials, ...extra }));
const key = { accessKeyId: process.env.FULMEN_ACCESS_KEY, secretAccessKey: process.env.FULMEN_SECRET_KEY };

test('the configured key is accepted', async () => {
  const listed = await client(key).send(new ListFunctionsCommand({}));
  assert.ok(Array.isArray(listed.Functions));
});

test('a clock an hour behind: InvalidSignatureException, Signature expired', async () => {
  await assert.rejects(client(key, { systemClockOffset: -3600 * 1000 }).send(new ListFunctionsCommand({})), (e) => {
    assert.equal(e.name, 'InvalidSignatureException');
    assert.equal(e.$metadata.httpStatusCode, 403);
    assert.match(e.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    return true;
  });
});

test('a wrong secret: InvalidSignatureException', async () => {
  await assert.rejects(client({ ...key, secretAccessKey: 'not-the-secret' }).send(new ListFunctionsCommand({})), (e) => {
    assert.equal(e.name, 'InvalidSignatureException');
    assert.match(e.message, /^The request signature we calculated does not match the signature you provided/);
    return true;
  });
});

test('an unknown key: UnrecognizedClientException', async () => {
  await assert.rejects(client({ accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }).send(new ListFunctionsCommand({})), (e) => {
    assert.equal(e.name, 'UnrecognizedClientException');
    assert.equal(e.message, 'The security token included in the request is invalid.');
    return true;
  });
});

// The S3-compatible object store through AWS's JavaScript SDK: @aws-sdk/client-s3 with its default checksums
// (CRC32 headers for buffers, aws-chunked bodies with a trailing checksum for streams, validated downloads),
// multipart uploads by @aws-sdk/lib-storage, and presigned URLs from @aws-sdk/s3-request-presigner used by fetch.
// Started by tests/Fulmen.Server.Tests/Buckets/S3JsTests.cs with FULMEN_ENDPOINT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import {
  S3Client, CreateBucketCommand, HeadBucketCommand, ListBucketsCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand,
  ListObjectsV2Command, DeleteObjectCommand, DeleteObjectsCommand, CopyObjectCommand, PutObjectTaggingCommand,
  GetObjectTaggingCommand, DeleteBucketCommand, NoSuchKey, NoSuchBucket,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fulmenClientConfig } from './fulmen-client.mjs';

const s3 = new S3Client(fulmenClientConfig({ forcePathStyle: true }));
const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');

test('objects through @aws-sdk/client-s3 with default checksums', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'js-objects' }));
  await s3.send(new HeadBucketCommand({ Bucket: 'js-objects' }));
  assert.ok((await s3.send(new ListBucketsCommand({}))).Buckets.some((b) => b.Name === 'js-objects'));

  const put = await s3.send(new PutObjectCommand({
    Bucket: 'js-objects', Key: 'docs/hello.txt', Body: 'hello from js', ContentType: 'text/plain', Metadata: { author: 'js' },
  }));
  assert.equal(put.ETag, `"${md5('hello from js')}"`);
  assert.ok(put.ChecksumCRC32, 'the default CRC32 is answered');

  const got = await s3.send(new GetObjectCommand({ Bucket: 'js-objects', Key: 'docs/hello.txt', ChecksumMode: 'ENABLED' }));
  assert.equal(await got.Body.transformToString(), 'hello from js');
  assert.equal(got.ContentType, 'text/plain');
  assert.equal(got.Metadata.author, 'js');

  // A stream of known length goes aws-chunked, its CRC32 in the trailer.
  const streamed = randomBytes(200_000);
  await s3.send(new PutObjectCommand({ Bucket: 'js-objects', Key: 'docs/stream.bin', Body: Readable.from([streamed.subarray(0, 70_000), streamed.subarray(70_000)]), ContentLength: streamed.length }));
  const back = await s3.send(new GetObjectCommand({ Bucket: 'js-objects', Key: 'docs/stream.bin', ChecksumMode: 'ENABLED' }));
  assert.deepEqual(Buffer.from(await back.Body.transformToByteArray()), streamed);
  const ranged = await s3.send(new GetObjectCommand({ Bucket: 'js-objects', Key: 'docs/stream.bin', Range: 'bytes=10-19' }));
  assert.deepEqual(Buffer.from(await ranged.Body.transformToByteArray()), streamed.subarray(10, 20));

  const head = await s3.send(new HeadObjectCommand({ Bucket: 'js-objects', Key: 'docs/stream.bin' }));
  assert.equal(head.ContentLength, streamed.length);

  await s3.send(new CopyObjectCommand({ Bucket: 'js-objects', Key: 'copies/hello.txt', CopySource: 'js-objects/docs/hello.txt' }));
  await s3.send(new PutObjectTaggingCommand({ Bucket: 'js-objects', Key: 'copies/hello.txt', Tagging: { TagSet: [{ Key: 'kind', Value: 'copy' }] } }));
  assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'js-objects', Key: 'copies/hello.txt' }))).TagSet, [{ Key: 'kind', Value: 'copy' }]);

  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'js-objects', Delimiter: '/' }));
  assert.deepEqual(listed.CommonPrefixes.map((p) => p.Prefix), ['copies/', 'docs/']);
  const docs = await s3.send(new ListObjectsV2Command({ Bucket: 'js-objects', Prefix: 'docs/' }));
  assert.deepEqual(docs.Contents.map((c) => c.Key), ['docs/hello.txt', 'docs/stream.bin']);

  await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'js-objects', Key: 'docs/none' })), NoSuchKey);
  await assert.rejects(s3.send(new ListObjectsV2Command({ Bucket: 'js-none' })), NoSuchBucket);
  await assert.rejects(s3.send(new DeleteBucketCommand({ Bucket: 'js-objects' })), (e) => e.name === 'BucketNotEmpty');

  await s3.send(new DeleteObjectCommand({ Bucket: 'js-objects', Key: 'copies/hello.txt' }));
  const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: 'js-objects', Delete: { Objects: [{ Key: 'docs/hello.txt' }, { Key: 'docs/stream.bin' }] } }));
  assert.equal(deleted.Deleted.length, 2);
  await s3.send(new DeleteBucketCommand({ Bucket: 'js-objects' }));
});

test('multipart uploads through @aws-sdk/lib-storage', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'js-multipart' }));
  const bytes = randomBytes(12 * 1024 * 1024 + 11);
  const upload = new Upload({ client: s3, params: { Bucket: 'js-multipart', Key: 'big.bin', Body: bytes }, partSize: 5 * 1024 * 1024, queueSize: 3 });
  const done = await upload.done();
  assert.match(done.ETag, /-3"$/);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'js-multipart', Key: 'big.bin', ChecksumMode: 'ENABLED' }));
  assert.deepEqual(Buffer.from(await got.Body.transformToByteArray()), bytes);
  // The object is kept as its part files: a range across two of them, and a copy of the whole.
  const boundary = 5 * 1024 * 1024;
  const ranged = await s3.send(new GetObjectCommand({ Bucket: 'js-multipart', Key: 'big.bin', Range: `bytes=${boundary - 5}-${boundary + 4}` }));
  assert.equal(ranged.ContentRange, `bytes ${boundary - 5}-${boundary + 4}/${bytes.length}`);
  assert.deepEqual(Buffer.from(await ranged.Body.transformToByteArray()), bytes.subarray(boundary - 5, boundary + 5));
  await s3.send(new CopyObjectCommand({ Bucket: 'js-multipart', Key: 'copy.bin', CopySource: 'js-multipart/big.bin' }));
  const copy = await s3.send(new GetObjectCommand({ Bucket: 'js-multipart', Key: 'copy.bin' }));
  assert.deepEqual(Buffer.from(await copy.Body.transformToByteArray()), bytes);
});

test('presigned PUT and GET URLs used by fetch', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'js-presigned' }));
  const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'js-presigned', Key: 'via/url.txt' }), { expiresIn: 300 });
  const put = await fetch(putUrl, { method: 'PUT', body: 'sent by fetch' });
  assert.equal(put.status, 200, await put.text());
  assert.equal(put.headers.get('etag'), `"${md5('sent by fetch')}"`);
  const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'js-presigned', Key: 'via/url.txt' }), { expiresIn: 300 });
  const got = await fetch(getUrl);
  assert.equal(got.status, 200);
  assert.equal(await got.text(), 'sent by fetch');
});

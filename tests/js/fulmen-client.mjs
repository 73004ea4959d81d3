// What every SDK client in these tests is built with: the Fulmen server under test (FULMEN_ENDPOINT, set by
// tests/Fulmen.Server.Tests/JsClientTests.cs), the default test credentials, and no retries, so a test sees the
// server's first answer.
export const fulmenClientConfig = (extra = {}) => ({
  endpoint: process.env.FULMEN_ENDPOINT,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
  ...extra,
});

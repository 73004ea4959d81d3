#!/usr/bin/env node
/**
 * Fulmen Node.js runtime bootstrap.
 *
 * Speaks the AWS Lambda Runtime API (2018-06-01) the way AWS's own Node.js
 * runtime client does, so handlers written for AWS Lambda run unchanged.
 *
 *   node /path/to/bootstrap.js
 *
 * Reads: AWS_LAMBDA_RUNTIME_API, _HANDLER (argv[2] as a fallback),
 * LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION,
 * AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_LOG_GROUP_NAME,
 * AWS_LAMBDA_LOG_STREAM_NAME, AWS_LAMBDA_LOG_LEVEL (optional filter).
 *
 * Plain Node 20+, no dependencies. CommonJS on purpose: it starts faster than
 * an ES module and can still load ES-module handlers with dynamic import().
 */
'use strict';

const net = require('net');
const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const API = '/2018-06-01/runtime';
const RUNTIME_API = process.env.AWS_LAMBDA_RUNTIME_API;
// A pre-started runtime (FULMEN_PREWARMED=1) learns these only when it is given its function.
let HANDLER = process.env._HANDLER || process.argv[2] || '';
let TASK_ROOT = process.env.LAMBDA_TASK_ROOT || process.cwd();

// ---------------------------------------------------------------------------
// Runtime error types. AWS names them "Runtime.<Class>" via the prototype, so
// error.name (and hence errorType) carries the prefix.
// ---------------------------------------------------------------------------

class ImportModuleError extends Error {}
class HandlerNotFound extends Error {}
class MalformedHandlerName extends Error {}
class UserCodeSyntaxError extends Error {}
class NodeJsExit extends Error {}
class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
for (const E of [ImportModuleError, HandlerNotFound, MalformedHandlerName,
  UserCodeSyntaxError, NodeJsExit, UnhandledPromiseRejection]) {
  E.prototype.name = `Runtime.${E.name}`;
}

function isErrorLike(e) {
  return util.types.isNativeError(e) ||
    (e && typeof e.name === 'string' && typeof e.message === 'string' &&
      typeof e.stack === 'string');
}

/**
 * Body for /invocation/{id}/error and /init/error.
 * `trace` is what AWS's Node runtime sends (every stack line); `stackTrace`
 * (frames only, trimmed) is the shape Fulmen's contract and the other AWS
 * runtimes use. Both are sent so either kind of reader finds what it expects.
 */
function errorResponse(err) {
  try {
    if (isErrorLike(err)) {
      const lines = typeof err.stack === 'string' ? err.stack.split('\n') : [];
      return {
        errorType: err.name || (err.constructor && err.constructor.name) || 'Error',
        errorMessage: err.message,
        trace: lines,
        stackTrace: lines.slice(1).map((l) => l.trim()).filter((l) => l !== ''),
      };
    }
    // callback('some string'), throw 42, ...: AWS reports typeof as the type.
    return { errorType: typeof err, errorMessage: String(err), trace: [], stackTrace: [] };
  } catch (_) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem ' +
        'while retrieving one or more of its message, name, and stack',
      trace: [],
      stackTrace: [],
    };
  }
}

// ---------------------------------------------------------------------------
// Logging. AWS replaces console.* so each call becomes one line on stdout:
//   <ISO timestamp>\t<request id>\t<LEVEL>\t<message>
// Newlines inside a message become \r so one call stays one log record.
// ---------------------------------------------------------------------------

// AWS keeps the request id on this global symbol; some libraries read it.
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };

function writeLog(level, message, ...params) {
  const line = `${new Date().toISOString()}\t${global[REQUEST_ID]}\t${level}\t` +
    util.format(message, ...params);
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

function patchConsole() {
  const min = LEVELS[String(process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || LEVELS.TRACE;
  const logger = (level) => (LEVELS[level] >= min
    ? (message, ...params) => writeLog(level, message, ...params)
    : () => {});
  console.trace = logger('TRACE');
  console.debug = logger('DEBUG');
  console.info = logger('INFO');
  console.log = console.info;
  console.warn = logger('WARN');
  console.error = logger('ERROR');
  console.fatal = (message, ...params) => writeLog('FATAL', message, ...params);
}

// Error log line in AWS's text format: "<prefix> \t{"errorType":..,"stack":[..]}".
function logError(prefix, err) {
  const error = err instanceof Error ? err : new Error(err);
  let formatted;
  try {
    formatted = '\t' + JSON.stringify(error, (_k, v) => {
      if (!(v instanceof Error)) return v;
      const out = Object.assign({ errorType: v.name, errorMessage: v.message, code: v.code }, v);
      if (typeof v.stack === 'string') out.stack = v.stack.split('\n');
      return out;
    });
  } catch (_) {
    formatted = '\t' + JSON.stringify(errorResponse(error));
  }
  writeLog('ERROR', prefix, formatted);
}

// ---------------------------------------------------------------------------
// Runtime API client: HTTP/1.1 written and read directly on one kept-alive TCP
// socket, one request at a time. Node's http client cost more CPU per call than
// the rest of an invoke (request and response objects, streams, header checks);
// the Runtime API needs a few known headers and Content-Length or chunked
// bodies. No timeouts: /next is a long poll that may wait indefinitely. The
// socket is unref'd between calls, so it does not keep the event loop alive
// (which the callbackWaitsForEmptyEventLoop logic relies on).
// ---------------------------------------------------------------------------

if (!RUNTIME_API) {
  process.stderr.write('AWS_LAMBDA_RUNTIME_API is not set\n');
  process.exit(1);
}
const sep = RUNTIME_API.lastIndexOf(':');
const API_HOST = (sep > 0 ? RUNTIME_API.slice(0, sep) : RUNTIME_API).replace(/^\[|\]$/g, '');
const API_PORT = sep > 0 ? Number(RUNTIME_API.slice(sep + 1)) : 80;
const CRLFCRLF = Buffer.from('\r\n\r\n');
let socket = null;
let socketUsed = false; // the socket has carried a whole exchange (a reset on it may be a stale keep-alive)
let inFlight = null; // { text, callback, reused, retried }
const waiting = [];
let received = null; // the response's bytes so far: one Buffer, or chunks not yet joined
let receivedLength = 0;
let needed = 0; // bytes the response is known to need (head and Content-Length body) before it is worth parsing

function hostHeader() {
  return API_HOST.includes(':') ? `[${API_HOST}]:${API_PORT}` : `${API_HOST}:${API_PORT}`;
}

// The whole request as one string (or Buffer), so that it leaves in one write.
function requestText(method, urlPath, body, headers) {
  let text = `${method} ${urlPath} HTTP/1.1\r\nHost: ${hostHeader()}\r\n`;
  if (headers) {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() !== 'content-length') text += `${name}: ${headers[name]}\r\n`;
    }
  }
  if (body === undefined || body === null) return `${text}\r\n`;
  if (typeof body === 'string') return `${text}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return Buffer.concat([Buffer.from(`${text}Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

// callback(err, { status, headers, body }): headers by lower-case name, body a string.
function send(text, callback) {
  const req = { text, callback, reused: false, retried: false };
  if (inFlight !== null) waiting.push(req);
  else start(req);
}

function start(req) {
  inFlight = req;
  received = null;
  receivedLength = 0;
  needed = 0;
  req.reused = socket !== null && socketUsed;
  const s = socket !== null ? socket : connect();
  s.ref();
  s.write(req.text);
}

function connect() {
  const s = net.connect(API_PORT, API_HOST);
  s.setNoDelay(true);
  s.on('data', onData);
  s.on('error', (err) => onSocketGone(s, err));
  s.on('close', () => onSocketGone(s, null));
  socket = s;
  socketUsed = false;
  return s;
}

function onData(chunk) {
  if (inFlight === null) return; // nothing was asked: drop it
  receivedLength += chunk.length;
  if (received === null) received = chunk;
  else if (Array.isArray(received)) received.push(chunk);
  else received = [received, chunk];
  // A large body arrives in many reads: join them once it is all there, not at every read.
  if (receivedLength < needed) return;
  if (Array.isArray(received)) received = Buffer.concat(received, receivedLength);
  let res;
  try {
    res = parseResponse(received);
  } catch (err) {
    socket.destroy(err); // 'close' fails the request
    return;
  }
  if (res === null) return; // more to come
  if (res.needed !== undefined) {
    needed = res.needed;
    return;
  }
  const req = inFlight;
  inFlight = null;
  received = null;
  receivedLength = 0;
  needed = 0;
  socketUsed = true;
  if (res.close) {
    socket.destroy();
    socket = null;
  }
  if (waiting.length > 0) start(waiting.shift());
  else if (socket !== null) socket.unref();
  req.callback(null, res);
}

function onSocketGone(s, err) {
  if (s !== socket) return; // an earlier socket's late event
  socket = null;
  const req = inFlight;
  if (req === null) return; // an idle socket closed: the next request opens a new one
  const partial = received;
  inFlight = null;
  received = null;
  receivedLength = 0;
  needed = 0;
  // The server may close a kept-alive socket just as we reuse it; the request
  // never reached it, so one retry on a fresh socket is safe.
  if (req.reused && partial === null && !req.retried) {
    req.retried = true;
    start(req);
    return;
  }
  if (waiting.length > 0) start(waiting.shift());
  req.callback(err || Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
}

// One response from the start of buf; null while it is incomplete, or { needed }
// once the head says how many bytes the whole response takes.
function parseResponse(buf) {
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) return null;
  const lines = buf.toString('latin1', 0, end).split('\r\n');
  if (!lines[0].startsWith('HTTP/1.')) throw new Error(`Malformed Runtime API response: ${lines[0]}`);
  const status = Number(lines[0].slice(9, 12));
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bodyStart = end + 4;
  let body = '';
  if (headers['transfer-encoding'] !== undefined && headers['transfer-encoding'].toLowerCase().includes('chunked')) {
    body = dechunk(buf, bodyStart);
    if (body === null) return null;
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (buf.length < bodyStart + length) return { needed: bodyStart + length };
    body = buf.toString('utf8', bodyStart, bodyStart + length);
  }
  const connection = headers.connection;
  const close = connection !== undefined && connection.toLowerCase() === 'close';
  return { status, headers, body, close };
}

function dechunk(buf, pos) {
  const parts = [];
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos, 'latin1');
    if (lineEnd < 0) return null;
    const size = parseInt(buf.toString('latin1', pos, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error('Malformed chunked Runtime API response');
    if (size === 0) {
      // Optional trailers, then an empty line.
      return buf.indexOf(CRLFCRLF, lineEnd) < 0 ? null : Buffer.concat(parts).toString('utf8');
    }
    const dataStart = lineEnd + 2;
    if (buf.length < dataStart + size + 2) return null;
    parts.push(buf.subarray(dataStart, dataStart + size));
    pos = dataStart + size + 2;
  }
}

function apiCall(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    send(requestText(method, urlPath, body, headers), (err, res) => (err ? reject(err) : resolve(res)));
  });
}

function post(urlPath, body, contentType, extraHeader) {
  const text = `POST ${urlPath} HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Type: ${contentType}\r\n${extraHeader}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return new Promise((resolve, reject) => {
    send(text, (err, res) => {
      if (err) return reject(err);
      if (res.status >= 300) {
        process.stderr.write(`fulmen bootstrap: POST ${urlPath} -> HTTP ${res.status} ${res.body}\n`);
      }
      resolve();
    });
  });
}

function postError(urlPath, err) {
  const response = errorResponse(err);
  let body;
  try {
    body = JSON.stringify(response);
  } catch (_) { // e.g. a getter on `message` returning a BigInt
    body = JSON.stringify({ errorType: String(response.errorType), errorMessage: '', trace: [], stackTrace: [] });
  }
  // Header values must be plain visible ASCII; error names nearly always are.
  const errorType = String(response.errorType).replace(/[^\x20-\x7e]/g, '') || 'Error';
  return post(urlPath, body, 'application/vnd.aws.lambda.error+json',
    `Lambda-Runtime-Function-Error-Type: ${errorType}\r\n`);
}

function postInvocationResponse(id, result) {
  let json;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch (_) { // circular structure, BigInt, throwing toJSON, ...
    const err = new Error('Unable to stringify response body');
    logError('Invoke Error', err);
    return postError(`${API}/invocation/${encodeURIComponent(id)}/error`, err);
  }
  // JSON.stringify(function) is undefined: the handler produced no JSON value.
  return post(`${API}/invocation/${encodeURIComponent(id)}/response`, json === undefined ? 'null' : json, 'application/json', '');
}

// ---------------------------------------------------------------------------
// Handler loading, following AWS's rules: "<dir/>module.export[.nested]",
// module resolved from LAMBDA_TASK_ROOT as extensionless, .js (CommonJS, or ESM
// when the nearest package.json says "type":"module"), .mjs, .cjs, then as a
// node package name.
// ---------------------------------------------------------------------------

function nearestPackageIsModule(dir) {
  for (;;) {
    if (dir.endsWith(`${path.sep}node_modules`)) return false;
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        return JSON.parse(fs.readFileSync(pj, 'utf8')).type === 'module';
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

const requireIfExists = (file) => (fs.existsSync(file) ? require(file) : undefined);
const importIfExists = async (file) =>
  (fs.existsSync(file) ? import(pathToFileURL(file).href) : undefined);

async function loadModule(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  const extensionless = requireIfExists(base);
  if (extensionless) return extensionless;
  const isEsm = nearestPackageIsModule(path.dirname(base));
  if (!isEsm) {
    const cjs = requireIfExists(`${base}.js`);
    if (cjs) return cjs;
  }
  const loaded = (isEsm && (await importIfExists(`${base}.js`))) ||
    (await importIfExists(`${base}.mjs`)) ||
    requireIfExists(`${base}.cjs`);
  if (loaded) return loaded;
  // Last resort: a package name. require() alone would resolve relative to this
  // file, not the task root; this also yields AWS's "Cannot find module" error.
  return require(require.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

async function loadHandler(appRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. ` +
      'Use absolute paths when specifying root directories in handler names.');
  }
  const moduleAndHandler = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(moduleAndHandler));
  const match = /^([^.]*)\.(.*)$/.exec(moduleAndHandler);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, handlerPath] = match;

  let app;
  try {
    app = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) {
      const wrapped = new UserCodeSyntaxError(e); // message "SyntaxError: ..." like AWS
      wrapped.stack = e.stack;
      throw wrapped;
    }
    // MODULE_NOT_FOUND from require(), ERR_MODULE_NOT_FOUND from import().
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new ImportModuleError(e); // message "Error: Cannot find module ..." like AWS
    }
    throw e;
  }

  const fn = handlerPath.split('.').reduce((obj, key) => obj && obj[key], app);
  if (!fn) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  return fn;
}

// ---------------------------------------------------------------------------
// Invoke loop
// ---------------------------------------------------------------------------

let handler;
let handlerIsAsync = false;
let initDone = false;
let current = null; // { id, reported } for the invocation in flight

// Called by process 'beforeExit', i.e. when the event loop has drained. Each
// invoke swaps in what "drained" means for it (see runInvoke).
let onEventLoopEmpty = () => {};

// Process-level failures. During init they become an init error; during an
// invoke, an error for that invoke; then the process exits like AWS's runtime.
let dying = false;
function die(err, exitCode) {
  if (dying) return;
  dying = true;
  const exit = () => process.exit(exitCode);
  let reported;
  if (!initDone) {
    reported = postError(`${API}/init/error`, err);
  } else if (current && !current.reported) {
    current.reported = true;
    reported = postError(`${API}/invocation/${encodeURIComponent(current.id)}/error`, err);
  } else {
    return exit(); // between invokes there is nothing left to report to
  }
  reported.then(exit, exit);
}

function scheduleNext() {
  // setImmediate: let the event loop turn once, as AWS does, before polling.
  setImmediate(nextInvocation);
}

let nextRequest = null; // GET /next, the same bytes every time

function nextInvocation() {
  if (nextRequest === null) nextRequest = requestText('GET', `${API}/invocation/next`);
  send(nextRequest, onNextInvocation);
}

function onNextInvocation(err, res) {
  try {
    if (err) throw err;
    if (res.status !== 200) throw new Error(`GET /invocation/next returned HTTP ${res.status}: ${res.body}`);
    const h = res.headers; // lower-case names
    const id = h['lambda-runtime-aws-request-id'];
    if (!id) throw new Error('invocation id is missing or invalid');
    global[REQUEST_ID] = id;
    const traceId = h['lambda-runtime-trace-id'];
    if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    runInvoke(id, h, res.body);
  } catch (e) {
    writeLog('ERROR', `Unexpected Top Level Error: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  }
}

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

function runInvoke(id, h, body) {
  const invocation = { id, reported: false };
  current = invocation;

  // Post the outcome exactly once, then go back to /next.
  const report = (err, result) => {
    if (invocation.reported) {
      writeLog('ERROR', 'Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    invocation.reported = true;
    onEventLoopEmpty = () => {};
    let posted;
    if (err !== undefined && err !== null) {
      logError('Invoke Error', err);
      posted = postError(`${API}/invocation/${encodeURIComponent(id)}/error`, err);
    } else {
      posted = postInvocationResponse(id, result);
    }
    posted.then(scheduleNext, (e) => die(e, 129));
  };

  // Only the first of callback/done/succeed/fail counts, as on AWS.
  let settled = false;
  const once = (fn) => (...args) => {
    if (settled) return;
    settled = true;
    fn(...args);
  };

  let waitForEmptyEventLoop = true;
  const callback = once((err, result) => {
    if (err !== undefined && err !== null) return report(err);
    if (!waitForEmptyEventLoop) return report(null, result);
    // AWS semantics: with callbackWaitsForEmptyEventLoop (the default) the
    // response is sent once timers/sockets the handler left behind are done.
    onEventLoopEmpty = () => setImmediate(() => report(null, result));
  });
  const done = once((err, result) => report(err, result));
  const succeed = once((result) => report(null, result));
  const fail = once((err) => report(err === undefined || err === null ? 'handled' : err));

  // Handler neither called back nor settled its promise, and nothing is left
  // to run: AWS sends null for callback/sync handlers and fails async ones.
  onEventLoopEmpty = () => {
    if (handlerIsAsync) {
      report(new NodeJsExit('The Node.js event loop emptied before the async handler\'s promise ' +
        'settled. This is most likely caused by a promise that was never resolved or rejected.'));
    } else {
      report(null, null);
    }
  };

  try {
    const event = JSON.parse(body);
    const deadline = Number(h['lambda-runtime-deadline-ms']);
    const context = {
      get callbackWaitsForEmptyEventLoop() { return waitForEmptyEventLoop; },
      set callbackWaitsForEmptyEventLoop(value) { waitForEmptyEventLoop = value; },
      succeed,
      fail,
      done,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, // a string, as on AWS
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      clientContext: parseJsonHeader(h['lambda-runtime-client-context'], 'ClientContext'),
      identity: parseJsonHeader(h['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
      invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
      awsRequestId: id,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    const result = handler(event, context, callback);
    if (result && typeof result.then === 'function') {
      result.then(succeed, fail).catch(fail);
    }
  } catch (err) {
    callback(err);
  }
}

async function main() {
  if (process.env.FULMEN_PREWARMED === '1') await takeAssignment();
  if (process.cwd() !== TASK_ROOT) {
    try { process.chdir(TASK_ROOT); } catch (_) { /* keep the inherited cwd */ }
  }
  patchConsole();

  process.on('uncaughtException', (err) => {
    logError('Uncaught Exception', err);
    die(err, 129);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const err = new UnhandledPromiseRejection(reason, promise);
    logError('Unhandled Promise Rejection', err);
    die(err, 128);
  });
  process.on('beforeExit', () => onEventLoopEmpty());

  try {
    handler = await loadHandler(TASK_ROOT, HANDLER);
  } catch (err) {
    logError('Uncaught Exception', err);
    die(err, 129);
    return;
  }
  handlerIsAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
  initDone = true;
  scheduleNext();
}

// ---------------------------------------------------------------------------
// Pre-started runtime (FULMEN_PREWARMED=1): Fulmen starts the process before
// any function needs it; it warms up with one invocation that goes nowhere,
// then waits on GET /2018-06-01/fulmen/assignment for
//   {"variables":{...},"workingDirectory":"...","logFile":"..."}
// and takes on that function's environment exactly as a process started for it
// would see it, before anything of the function is loaded.
// ---------------------------------------------------------------------------

async function takeAssignment() {
  const warmUp = await apiCall('GET', `${API}/invocation/next`);
  const warmUpId = warmUp.headers['lambda-runtime-aws-request-id'];
  await post(`${API}/invocation/${encodeURIComponent(warmUpId)}/response`, JSON.stringify(JSON.parse(warmUp.body)), 'application/json', '');
  const res = await apiCall('GET', '/2018-06-01/fulmen/assignment');
  if (res.status !== 200) throw new Error(`GET /fulmen/assignment returned HTTP ${res.status}: ${res.body}`);
  const assignment = JSON.parse(res.body);

  // Output goes to the function's log stream. Closing fd 1 and 2 and opening
  // the file again reuses those numbers (the lowest free ones; fd 0 is open).
  // process.stdout/stderr are made lazily, on fd 1/2, and not yet in use here.
  for (const fd of [1, 2]) {
    fs.closeSync(fd);
    const opened = fs.openSync(assignment.logFile, 'a', 0o644);
    if (opened !== fd) throw new Error(`log stream opened as fd ${opened}, not ${fd}`);
  }

  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, assignment.variables);
  process.chdir(assignment.workingDirectory);
  // NODE_PATH is read once at start; read it again for the function's value.
  require('module')._initPaths();
  HANDLER = process.env._HANDLER || '';
  TASK_ROOT = process.env.LAMBDA_TASK_ROOT || process.cwd();
}

// Not "start": that name is the Runtime API client's.
function boot() {
  if (process.env.FULMEN_PREWARMED !== '1') return main();
  return main().catch((err) => {
    process.stderr.write(`fulmen bootstrap: pre-started runtime failed: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}

boot();

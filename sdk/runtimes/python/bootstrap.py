#!/usr/bin/env python3
"""Fulmen Python runtime bootstrap.

Speaks the AWS Lambda Runtime API (2018-06-01) the way AWS's own Python runtime
client (awslambdaric) does, so handlers written for AWS Lambda run unchanged.

    python3 -u /path/to/bootstrap.py

Reads: AWS_LAMBDA_RUNTIME_API, _HANDLER (argv[1] as a fallback),
LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION,
AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_LOG_GROUP_NAME,
AWS_LAMBDA_LOG_STREAM_NAME, AWS_LAMBDA_LOG_LEVEL (optional, default INFO).

Python 3.11+, standard library only.
"""

import decimal
import importlib
import io
import json
import logging
import os
import re
import socket
import sys
import time
import traceback
from urllib.parse import quote

API = "/2018-06-01/runtime"
_THIS_FILE = os.path.abspath(__file__)

# Request id of the invocation in flight, for log lines (None before the first).
_request_id = None


class FaultException(Exception):
    """A failure the runtime reports with one of AWS's "Runtime.*" error types."""

    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


# ---------------------------------------------------------------------------
# Runtime API client: HTTP/1.1 written and read directly on one kept-alive
# socket. http.client parses every response's headers with the email package
# and sends a POST's head and body in two writes, which cost more CPU than the
# rest of an invoke; the Runtime API needs a few known headers and
# Content-Length or chunked bodies. No timeout: /next is a long poll that may
# wait indefinitely.
# ---------------------------------------------------------------------------

_SAFE_ID = re.compile(r"[A-Za-z0-9_.~-]+")


class _Disconnected(ConnectionError):
    """The server closed the connection before answering."""


class RuntimeResponse:
    __slots__ = ("status", "headers")

    def __init__(self, status, headers):
        self.status = status
        self.headers = headers  # lower-case names

    def getheader(self, name, default=None):
        return self.headers.get(name.lower(), default)


class RuntimeClient:
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self._host = host.strip("[]")
        self._port = int(port)
        self._host_header = address.encode("latin-1")
        self._sock = None
        self._used = False
        self._next_request = b"GET " + API.encode() + b"/invocation/next HTTP/1.1\r\nHost: " + self._host_header + b"\r\n\r\n"

    def _request(self, data):
        """Sends one whole request (bytes) and returns (RuntimeResponse, body bytes)."""
        while True:
            if self._sock is None:
                self._sock = socket.create_connection((self._host, self._port))
                self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._used = False
            reused = self._used
            answered = []
            try:
                self._sock.sendall(data)
                resp, body, close = self._read_response(answered)
            except (ConnectionResetError, BrokenPipeError, _Disconnected):
                self._close()
                # The server may close a kept-alive connection just as we reuse
                # it; then the request never reached it and one retry is safe.
                if not reused or answered:
                    raise
                continue
            except BaseException:
                self._close()
                raise
            self._used = True
            if close:
                self._close()
            return resp, body

    def _close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _recv(self, answered):
        chunk = self._sock.recv(65536)
        if not chunk:
            raise _Disconnected("Remote end closed connection without response")
        answered.append(True)
        return chunk

    def _read_response(self, answered):
        buf = self._recv(answered)
        end = buf.find(b"\r\n\r\n")
        while end < 0:
            buf += self._recv(answered)
            end = buf.find(b"\r\n\r\n")
        lines = buf[:end].decode("latin-1").split("\r\n")
        status_line = lines[0].split(" ", 2)
        if len(status_line) < 2 or not status_line[0].startswith("HTTP/1."):
            raise ConnectionError("Malformed Runtime API response: %r" % lines[0])
        headers = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if sep:
                headers[name.strip().lower()] = value.strip()
        pos = end + 4
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body, buf = self._read_chunked(buf, pos, answered)
        else:
            length = int(headers.get("content-length", 0))
            if len(buf) < pos + length:
                # A large body arrives in many reads: join them once, not at every read.
                parts = [buf]
                have = len(buf)
                while have < pos + length:
                    chunk = self._recv(answered)
                    parts.append(chunk)
                    have += len(chunk)
                buf = b"".join(parts)
            body = buf[pos:pos + length]
        close = headers.get("connection", "").lower() == "close"
        return RuntimeResponse(int(status_line[1]), headers), body, close

    def _read_chunked(self, buf, pos, answered):
        parts = []
        while True:
            line_end = buf.find(b"\r\n", pos)
            while line_end < 0:
                buf += self._recv(answered)
                line_end = buf.find(b"\r\n", pos)
            size = int(buf[pos:line_end].split(b";", 1)[0], 16)
            if size == 0:
                # Optional trailers, then an empty line.
                while buf.find(b"\r\n\r\n", line_end) < 0:
                    buf += self._recv(answered)
                return b"".join(parts), buf
            start = line_end + 2
            while len(buf) < start + size + 2:
                buf += self._recv(answered)
            parts.append(buf[start:start + size])
            pos = start + size + 2

    def next_invocation(self):
        resp, body = self._request(self._next_request)
        if resp.status != 200:
            raise RuntimeError(
                "GET /invocation/next returned HTTP %d: %r" % (resp.status, body)
            )
        return resp, body

    def get(self, path):
        return self._request(b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path.encode("latin-1"), self._host_header))

    def _post(self, path, body, content_type, extra_header=b""):
        resp, data = self._request(
            b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s"
            % (path.encode("latin-1"), self._host_header, content_type.encode("latin-1"), extra_header, len(body), body)
        )
        if resp.status >= 300:
            sys.stderr.write(
                "fulmen bootstrap: POST %s -> HTTP %d %r\n" % (path, resp.status, data)
            )

    def post_invocation_result(self, request_id, payload, content_type):
        self._post(
            "%s/invocation/%s/response" % (API, _quote_id(request_id)),
            payload,
            content_type,
        )

    def post_invocation_error(self, request_id, error):
        self._post_error(
            "%s/invocation/%s/error" % (API, _quote_id(request_id)), error
        )

    def post_init_error(self, error):
        self._post_error(API + "/init/error", error)

    def _post_error(self, path, error):
        # Header values must be plain visible ASCII; error names nearly always are.
        error_type = "".join(c for c in error["errorType"] if " " <= c <= "~")
        self._post(
            path,
            to_json(error).encode("utf-8"),
            "application/vnd.aws.lambda.error+json",
            b"Lambda-Runtime-Function-Error-Type: %s\r\n" % (error_type or "Unknown").encode("ascii"),
        )


def _quote_id(request_id):
    # Request ids are UUIDs: nothing to escape, and quote() is the costlier call.
    return request_id if _SAFE_ID.fullmatch(request_id) else quote(request_id, safe="")


# ---------------------------------------------------------------------------
# JSON (un)marshalling, as awslambdaric: Decimal is accepted in results, and
# anything json cannot encode becomes Runtime.MarshalError.
# ---------------------------------------------------------------------------

def _json_default(obj):
    if isinstance(obj, decimal.Decimal):
        # awslambdaric writes the exact decimal text; the stdlib cannot emit
        # raw numbers, so integral values stay exact and the rest become floats.
        if obj.is_finite() and obj == obj.to_integral_value():
            return int(obj)
        return float(obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


_encoder = json.JSONEncoder(default=_json_default, ensure_ascii=False)
to_json = _encoder.encode


def unmarshal_event(body, content_type):
    # Events are JSON; only an explicit non-JSON content type is passed through raw.
    if content_type and not content_type.startswith("application/json"):
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(
            FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(e)
        )


def marshal_result(result):
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return to_json(result).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultException(
            FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(e)
        )


# ---------------------------------------------------------------------------
# Errors: body format {"errorMessage", "errorType", "requestId", "stackTrace"}.
# ---------------------------------------------------------------------------

def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def error_from_exception(exc, request_id=None):
    frames = [
        (f.filename, f.lineno, f.name, f.line)
        for f in traceback.extract_tb(exc.__traceback__)
    ]
    # Drop the leading frames that belong to this bootstrap: users see their code only.
    while frames and frames[0][0] == _THIS_FILE:
        frames.pop(0)
    # 4-tuples (not FrameSummary) so 3.11+ does not add ^^^ marker lines; as AWS.
    return make_error(
        str(exc), type(exc).__name__, traceback.format_list(frames), request_id
    )


def log_error(error):
    """Write the error to stdout as AWS does: one record, lines joined by \\r,
    traceback indentation turned into no-break spaces so it survives."""
    description = "[ERROR]"
    if error["errorType"]:
        description += " " + error["errorType"]
    if error["errorMessage"]:
        if error["errorType"]:
            description += ":"
        description += " " + error["errorMessage"]
    lines = [description, "Traceback (most recent call last):"]
    for element in error["stackTrace"]:
        for line in element.splitlines() or [""]:
            stripped = line.lstrip(" ")
            lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    sys.stdout.write("\r".join(lines) + "\n")


# ---------------------------------------------------------------------------
# Context object, same attributes and types as awslambdaric's LambdaContext.
# ---------------------------------------------------------------------------

class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return (
            f"CognitoIdentity([cognito_identity_id={self.cognito_identity_id},"
            f"cognito_identity_pool_id={self.cognito_identity_pool_id}])"
        )


class Client:
    __slots__ = [
        "installation_id",
        "app_title",
        "app_version_name",
        "app_version_code",
        "app_package_name",
    ]

    def __repr__(self):
        return "Client([%s])" % ",".join(
            "%s=%s" % (k, getattr(self, k)) for k in self.__slots__
        )


class ClientContext:
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return f"ClientContext([custom={self.custom},env={self.env},client={self.client}])"


def _obj_from_dict(cls, d):
    if d is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, d.get(field))
    return obj


class LambdaContext:
    def __init__(self, request_id, client_context, cognito_identity, deadline_ms, invoked_function_arn):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        # A string, exactly as in AWS's runtime (int() it if you need a number).
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn

        self.client_context = _obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _obj_from_dict(Client, self.client_context.client)

        # Always an object; its fields come from the header's camelCase keys.
        self.identity = _obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},"
            f"identity={self.identity}])"
        )


def _parse_json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
            "Unable to parse {} JSON: {}".format(name, e),
        )


# ---------------------------------------------------------------------------
# Logging: root logger writes "[LEVEL]\t<timestamp>Z\t<request id>\t<message>"
# to stdout, like AWS.
# ---------------------------------------------------------------------------

class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


class _StdoutHandler(logging.Handler):
    def emit(self, record):
        try:
            sys.stdout.write(self.format(record))  # format already ends in \n
        except Exception:
            self.handleError(record)


def setup_logging():
    logging.Formatter.converter = time.gmtime  # timestamps in UTC, as AWS
    handler = _StdoutHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    # AWS level names (TRACE..FATAL) mapped onto Python's.
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    level = {"TRACE": "DEBUG", "WARN": "WARNING", "FATAL": "CRITICAL"}.get(level, level)
    root.setLevel(logging.getLevelNamesMapping().get(level, logging.INFO))


class _Unbuffered:
    """Flush after every write (used only when not started with `python3 -u`)."""

    def __init__(self, stream):
        self._stream = stream

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def write(self, s):
        n = self._stream.write(s)
        self._stream.flush()
        return n

    def writelines(self, lines):
        self._stream.writelines(lines)
        self._stream.flush()


# ---------------------------------------------------------------------------
# Handler loading: "<dir/>module.function", module may be dotted ("pkg.mod").
# ---------------------------------------------------------------------------

def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(
            FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, e)
        )

    if modname.split(".")[0] in sys.builtin_module_names:
        raise FaultException(
            FaultException.BUILT_IN_MODULE_CONFLICT,
            "Cannot use built-in module {} as a handler module".format(modname),
        )
    try:
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR,
            "Unable to import module '{}': {}".format(modname, e),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(modname, e),
            trace,
        )

    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND,
            "Handler '{}' missing on module '{}'".format(fname, modname),
        )


# ---------------------------------------------------------------------------
# Invoke loop
# ---------------------------------------------------------------------------

def handle_invocation(client, handler, resp, body):
    global _request_id
    headers = resp.headers  # lower-case names
    request_id = headers.get("lambda-runtime-aws-request-id")
    _request_id = request_id

    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)

    error = None
    try:
        context = LambdaContext(
            request_id,
            _parse_json_header(headers.get("lambda-runtime-client-context"), "Client Context"),
            _parse_json_header(headers.get("lambda-runtime-cognito-identity"), "Cognito Identity"),
            int(headers.get("lambda-runtime-deadline-ms") or 0),
            headers.get("lambda-runtime-invoked-function-arn"),
        )
        event = unmarshal_event(body, headers.get("content-type"))
        result = handler(event, context)
        payload, content_type = marshal_result(result)
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace, request_id)
    except Exception as e:
        error = error_from_exception(e, request_id)

    if error is not None:
        log_error(error)
        client.post_invocation_error(request_id, error)
    else:
        client.post_invocation_result(request_id, payload, content_type)


# ---------------------------------------------------------------------------
# Pre-started runtime (FULMEN_PREWARMED=1): Fulmen starts the interpreter
# before any function needs it; it warms up with one invocation that goes
# nowhere, then waits on GET /2018-06-01/fulmen/assignment for
#   {"variables":{...},"workingDirectory":"...","logFile":"..."}
# and takes on that function's environment exactly as an interpreter started
# for it would see it, before anything of the function is imported.
# ---------------------------------------------------------------------------

def take_assignment(client):
    resp, body = client.next_invocation()
    request_id = resp.getheader("Lambda-Runtime-Aws-Request-Id")
    payload, content_type = marshal_result(unmarshal_event(body, resp.getheader("Content-Type")))
    client.post_invocation_result(request_id, payload, content_type)
    resp, body = client.get("/2018-06-01/fulmen/assignment")
    if resp.status != 200:
        raise RuntimeError("GET /fulmen/assignment returned HTTP %d: %r" % (resp.status, body))
    assignment = json.loads(body)

    # Output goes to the function's log stream (O_APPEND: Fulmen appends its own lines to the same file).
    log = os.open(assignment["logFile"], os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)

    variables = assignment["variables"]
    os.environ.clear()
    os.environ.update(variables)
    os.chdir(assignment["workingDirectory"])
    # PYTHONPATH is read once at start: put its entries where a fresh interpreter has them,
    # after the script's own directory (which main() replaces with the task root).
    extra = [p for p in variables.get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[1:1] = [os.path.abspath(p) for p in extra]
    importlib.invalidate_caches()


def main():
    # `python3 -u` (or PYTHONUNBUFFERED) gives raw, unbuffered binary streams;
    # otherwise flush after each write ourselves, as AWS's runtime does.
    if isinstance(getattr(sys.stdout, "buffer", None), io.BufferedIOBase):
        sys.stdout = _Unbuffered(sys.stdout)
    if isinstance(getattr(sys.stderr, "buffer", None), io.BufferedIOBase):
        sys.stderr = _Unbuffered(sys.stderr)

    if os.environ.get("FULMEN_PREWARMED") == "1":
        take_assignment(RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"]))

    handler_name = os.environ.get("_HANDLER") or (sys.argv[1] if len(sys.argv) > 1 else "")
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    try:
        os.chdir(task_root)
    except OSError:
        pass
    # User code first on the import path; drop this script's own directory so
    # nothing next to the bootstrap can shadow a user module.
    if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(_THIS_FILE):
        sys.path.pop(0)
    sys.path.insert(0, task_root)

    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])

    try:
        setup_logging()
        handler = load_handler(handler_name)
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace)
    except Exception as e:  # the module itself raised while importing
        error = error_from_exception(e)
    else:
        error = None
    if error is not None:
        log_error(error)
        client.post_init_error(error)
        sys.exit(1)

    while True:
        resp, body = client.next_invocation()
        handle_invocation(client, handler, resp, body)


if __name__ == "__main__":
    main()

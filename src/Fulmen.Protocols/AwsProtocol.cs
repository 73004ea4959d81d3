namespace Fulmen.Protocols;

/// <summary>The wire protocols AWS services speak; each has its own request encoding and error envelope.</summary>
public enum AwsProtocol
{
    /// <summary>REST paths, JSON bodies, errors as <c>x-amzn-ErrorType</c> plus <c>{"message":…}</c> (Lambda, API Gateway, Scheduler).</summary>
    RestJson,
    /// <summary><c>POST /</c> with <c>X-Amz-Target</c>, <c>application/x-amz-json-1.0</c> (SQS, DynamoDB).</summary>
    Json10,
    /// <summary><c>POST /</c> with <c>X-Amz-Target</c>, <c>application/x-amz-json-1.1</c> (EventBridge, CloudWatch Logs).</summary>
    Json11,
    /// <summary>Form-encoded <c>Action=…</c>, XML answers and <c>&lt;ErrorResponse&gt;</c> (elbv2, SNS, SQS before JSON).</summary>
    Query,
    /// <summary>REST paths, XML bodies, errors as <c>&lt;Error&gt;&lt;Code&gt;</c> (S3).</summary>
    RestXml,
}

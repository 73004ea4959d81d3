namespace Fulmen.Lambda.Core;

/// <summary>What a handler knows about the invocation it is running and the function it belongs to.</summary>
public interface ILambdaContext
{
    /// <summary>The invocation's request id (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>Information about the client application, when the caller sent a client context.</summary>
    IClientContext? ClientContext { get; }

    string FunctionName { get; }

    /// <summary><c>$LATEST</c> or the version number being run.</summary>
    string FunctionVersion { get; }

    /// <summary>The caller's Amazon Cognito identity, when there is one.</summary>
    ICognitoIdentity? Identity { get; }

    /// <summary>The ARN the caller used, with a qualifier when the caller gave one.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>Writes to the function's log stream, prefixed with the time, request id and level.</summary>
    ILambdaLogger Logger { get; }

    string LogGroupName { get; }

    string LogStreamName { get; }

    int MemoryLimitInMB { get; }

    /// <summary>Time left before the function's timeout ends this invocation.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray trace header of this invocation, if any.</summary>
    string? TraceId => null;
}

/// <summary>Client information sent by AWS Mobile SDK callers.</summary>
public interface IClientContext
{
    IDictionary<string, string> Environment { get; }

    IClientApplication Client { get; }

    IDictionary<string, string> Custom { get; }
}

/// <summary>The calling application, from the client context.</summary>
public interface IClientApplication
{
    string AppPackageName { get; }

    string AppTitle { get; }

    string AppVersionCode { get; }

    string AppVersionName { get; }

    string InstallationId { get; }
}

/// <summary>The caller's Amazon Cognito identity.</summary>
public interface ICognitoIdentity
{
    string IdentityId { get; }

    string IdentityPoolId { get; }
}

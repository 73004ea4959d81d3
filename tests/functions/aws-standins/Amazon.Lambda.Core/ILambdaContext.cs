using System;
using System.Collections.Generic;

namespace Amazon.Lambda.Core;

/// <summary>Object that allows you to access useful information available within the Lambda execution environment.</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }

    IClientContext ClientContext { get; }

    string FunctionName { get; }

    string FunctionVersion { get; }

    ICognitoIdentity Identity { get; }

    string InvokedFunctionArn { get; }

    ILambdaLogger Logger { get; }

    string LogGroupName { get; }

    string LogStreamName { get; }

    int MemoryLimitInMB { get; }

    TimeSpan RemainingTime { get; }

    /// <summary>The trace id of this invocation (added to AWS's interface with a default).</summary>
    string TraceId => null;
}

/// <summary>Information about the client application that invoked the function.</summary>
public interface IClientContext
{
    IDictionary<string, string> Environment { get; }

    IClientApplication Client { get; }

    IDictionary<string, string> Custom { get; }
}

/// <summary>Information about the client application.</summary>
public interface IClientApplication
{
    string AppPackageName { get; }

    string AppTitle { get; }

    string AppVersionCode { get; }

    string AppVersionName { get; }

    string InstallationId { get; }
}

/// <summary>Information about the Amazon Cognito identity provider.</summary>
public interface ICognitoIdentity
{
    string IdentityId { get; }

    string IdentityPoolId { get; }
}

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>The function an AWS_PROXY integration calls, from either form its URI takes.</summary>
public static class LambdaTarget
{
    private const string InvocationsPrefix = ":lambda:path/2015-03-31/functions/";
    private const string InvocationsSuffix = "/invocations";

    /// <summary>
    /// The function ARN (possibly qualified) of <c>arn:aws:lambda:…:function:name</c> or of API Gateway's
    /// <c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</c>; null otherwise.
    /// </summary>
    public static string? FunctionOf(string? uri)
    {
        if (uri is null)
        {
            return null;
        }
        if (uri.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) && uri.Contains(":function:", StringComparison.Ordinal))
        {
            return uri;
        }
        var at = uri.IndexOf(InvocationsPrefix, StringComparison.Ordinal);
        if (uri.StartsWith("arn:aws:apigateway:", StringComparison.Ordinal) && at > 0 && uri.EndsWith(InvocationsSuffix, StringComparison.Ordinal))
        {
            var arn = uri[(at + InvocationsPrefix.Length)..^InvocationsSuffix.Length];
            return arn.Contains(":function:", StringComparison.Ordinal) ? arn : null;
        }
        return null;
    }
}

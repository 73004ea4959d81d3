using Fulmen.Functions.Invocation;
using Fulmen.Functions.Permissions;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Tests;

public sealed class PolicyEvaluatorTests
{
    private const string Function = "arn:aws:lambda:us-east-1:123456789012:function:my-function";
    private const string ApiArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/items";

    private static readonly InvocationCaller ApiGateway = new("apigateway.amazonaws.com", InvocationCaller.InvokeFunction)
    {
        SourceArn = ApiArn,
        SourceAccount = "123456789012",
    };

    private static PolicyStatementRecord Statement(string principal, string action = InvocationCaller.InvokeFunction) =>
        new() { Sid = "s", Action = action, Principal = principal };

    private static bool Allows(PolicyStatementRecord statement, InvocationCaller caller, string? qualifier = null) =>
        PolicyEvaluator.Allows([statement], caller, qualifier);

    [Fact]
    public void Allows_NoStatements_Denies() => Assert.False(PolicyEvaluator.Allows([], ApiGateway, null));

    [Theory]
    [InlineData("*", true)]
    [InlineData("apigateway.amazonaws.com", true)]
    [InlineData("elasticloadbalancing.amazonaws.com", false)]
    [InlineData("s3.amazonaws.com", false)]
    public void Allows_ServiceCaller_MatchesAnyoneOrThatService(string principal, bool allowed) =>
        Assert.Equal(allowed, Allows(Statement(principal), ApiGateway));

    [Theory]
    [InlineData("123456789012", "123456789012", true)]
    [InlineData("123456789012", "arn:aws:iam::123456789012:role/caller", true)]
    [InlineData("123456789012", "arn:aws:sts::123456789012:assumed-role/caller/session", true)]
    [InlineData("123456789012", "arn:aws:iam::999999999999:role/caller", false)]
    [InlineData("123456789012", "s3.amazonaws.com", false)]
    [InlineData("arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/alice", true)]
    [InlineData("arn:aws:iam::123456789012:role/caller", "arn:aws:iam::123456789012:role/caller", true)]
    [InlineData("arn:aws:iam::123456789012:role/caller", "arn:aws:iam::123456789012:role/other", false)]
    [InlineData("arn:aws:iam::123456789012:role/caller", "123456789012", false)]
    public void Allows_AccountOrArnPrincipal_MatchesIdentitiesItCovers(string principal, string caller, bool allowed) =>
        Assert.Equal(allowed, Allows(Statement(principal), new InvocationCaller(caller, InvocationCaller.InvokeFunction)));

    [Theory]
    [InlineData("lambda:InvokeFunction", InvocationCaller.InvokeFunction, true)]
    [InlineData("lambda:invokefunction", InvocationCaller.InvokeFunction, true)]
    [InlineData("lambda:*", InvocationCaller.InvokeFunction, true)]
    [InlineData("*", InvocationCaller.InvokeFunctionUrl, true)]
    [InlineData("lambda:InvokeFunction", InvocationCaller.InvokeFunctionUrl, false)]
    [InlineData("lambda:InvokeFunctionUrl", InvocationCaller.InvokeFunction, false)]
    [InlineData("lambda:GetFunction", InvocationCaller.InvokeFunction, false)]
    public void Allows_Action_ExactOrWildcard(string granted, string requested, bool allowed) =>
        Assert.Equal(allowed, Allows(Statement("*", granted), new InvocationCaller("*", requested)));

    [Theory]
    [InlineData(ApiArn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/items", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/?rod/GET/item?", true)]
    [InlineData("arn:aws:execute-api:*:123456789012:abc123/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/*/POST/*", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:ABC123/*", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/?", false)]
    [InlineData("arn:aws:execute-api:us-east-1:999999999999:abc123/*", false)]
    [InlineData("arn:aws:execute-api:us-east-*", false)]
    public void Allows_SourceArnCondition_ArnLikeWithWildcards(string pattern, bool allowed) =>
        Assert.Equal(allowed, Allows(Statement("apigateway.amazonaws.com") with { SourceArn = pattern }, ApiGateway));

    [Fact]
    public void Allows_SourceArnWildcard_DoesNotSpanArnComponents()
    {
        // '*' in the region component may not swallow the account: ArnLike matches component by component.
        var statement = Statement("s3.amazonaws.com") with { SourceArn = "arn:aws:sqs:*:queue" };
        var caller = new InvocationCaller("s3.amazonaws.com", InvocationCaller.InvokeFunction) { SourceArn = "arn:aws:sqs:us-east-1:123456789012:queue" };
        Assert.False(Allows(statement, caller));
    }

    [Fact]
    public void Allows_S3BucketArn_MatchesOnlyThatBucket()
    {
        var statement = Statement("s3.amazonaws.com") with { SourceArn = "arn:aws:s3:::my-bucket", SourceAccount = "123456789012" };
        var caller = new InvocationCaller("s3.amazonaws.com", InvocationCaller.InvokeFunction) { SourceArn = "arn:aws:s3:::my-bucket", SourceAccount = "123456789012" };
        Assert.True(Allows(statement, caller));
        Assert.False(Allows(statement, caller with { SourceArn = "arn:aws:s3:::my-bucket-2" }));
        Assert.False(Allows(statement, caller with { SourceAccount = "999999999999" }));
    }

    [Fact]
    public void Allows_ConditionKeyMissingFromCaller_Denies()
    {
        var caller = new InvocationCaller("apigateway.amazonaws.com", InvocationCaller.InvokeFunction);
        Assert.False(Allows(Statement("apigateway.amazonaws.com") with { SourceArn = "arn:aws:execute-api:us-east-1:123456789012:*" }, caller));
        Assert.False(Allows(Statement("apigateway.amazonaws.com") with { SourceAccount = "123456789012" }, caller));
        Assert.False(Allows(Statement("*", InvocationCaller.InvokeFunctionUrl) with { FunctionUrlAuthType = "NONE" },
            new InvocationCaller("*", InvocationCaller.InvokeFunctionUrl)));
        Assert.False(Allows(Statement("apigateway.amazonaws.com") with { PrincipalOrgId = "o-1234567890" }, ApiGateway));
        Assert.True(Allows(Statement("apigateway.amazonaws.com"), caller));
    }

    [Theory]
    [InlineData("NONE", true)]
    [InlineData("AWS_IAM", false)]
    public void Allows_FunctionUrlAuthType_MustEqualTheUrls(string urlAuthType, bool allowed)
    {
        var publicUrl = FunctionPolicy.PublicUrlAccess(null);
        var caller = new InvocationCaller("*", InvocationCaller.InvokeFunctionUrl) { FunctionUrlAuthType = urlAuthType };
        Assert.Equal(allowed, Allows(publicUrl, caller));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "$LATEST", true)]
    [InlineData(null, "prod", false)]
    [InlineData("prod", "prod", true)]
    [InlineData("prod", null, false)]
    [InlineData("prod", "$LATEST", false)]
    [InlineData("prod", "1", false)]
    [InlineData("$LATEST", null, true)]
    public void Allows_Qualifier_EachQualifierHasItsOwnPolicy(string? statementQualifier, string? invoked, bool allowed) =>
        Assert.Equal(allowed, Allows(Statement("apigateway.amazonaws.com") with { Qualifier = statementQualifier }, ApiGateway, invoked));

    [Fact]
    public void Allows_OneOfSeveralStatementsMatches_Allows()
    {
        PolicyStatementRecord[] statements =
        [
            Statement("s3.amazonaws.com") with { Sid = "s3" },
            Statement("apigateway.amazonaws.com") with { Sid = "other-api", SourceArn = "arn:aws:execute-api:us-east-1:123456789012:other/*" },
            Statement("apigateway.amazonaws.com") with { Sid = "this-api", SourceArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/*" },
        ];
        Assert.True(PolicyEvaluator.Allows(statements, ApiGateway, null));
        Assert.False(PolicyEvaluator.Allows(statements[..2], ApiGateway, null));
    }

    [Fact]
    public void Statement_ServicePrincipalWithSourceArnAndAccount_AwsShape()
    {
        var statement = new PolicyStatementRecord
        {
            Sid = "lambda-allow-s3-my-function",
            Action = "lambda:InvokeFunction",
            Principal = "s3.amazonaws.com",
            SourceArn = "arn:aws:s3:::my-bucket",
            SourceAccount = "123456789012",
        };
        Assert.Equal(
            """{"Sid":"lambda-allow-s3-my-function","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:my-function","Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::my-bucket"}}}""",
            PolicyDocument.Statement(statement, Function));
    }

    [Theory]
    [InlineData("*", "\"*\"")]
    [InlineData("111122223333", """{"AWS":"arn:aws:iam::111122223333:root"}""")]
    [InlineData("arn:aws:iam::111122223333:role/a+b=c@d", """{"AWS":"arn:aws:iam::111122223333:role/a+b=c@d"}""")]
    public void Statement_Principals_RenderedAsAwsDoes(string principal, string rendered) =>
        Assert.Contains($"\"Principal\":{rendered},", PolicyDocument.Statement(Statement(principal), Function), StringComparison.Ordinal);

    [Fact]
    public void Statement_QualifiedWithSeveralConditions_QualifiedResourceAndMergedCondition()
    {
        var statement = Statement("*", InvocationCaller.InvokeFunctionUrl) with
        {
            Qualifier = "prod",
            SourceAccount = "111111111111",
            FunctionUrlAuthType = "NONE",
            PrincipalOrgId = "o-1234567890",
            SourceArn = "arn:aws:s3:::bucket",
        };
        var json = PolicyDocument.Statement(statement, Function);
        Assert.Contains($"\"Resource\":\"{Function}:prod\"", json, StringComparison.Ordinal);
        Assert.EndsWith(
            "\"Condition\":" + """{"StringEquals":{"AWS:SourceAccount":"111111111111","lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":"o-1234567890"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::bucket"}}}""",
            json, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_StatementsOfOtherQualifiers_Left()
    {
        PolicyStatementRecord[] statements = [Statement("*") with { Sid = "a" }, Statement("*") with { Sid = "b", Qualifier = "prod" }];
        var policy = PolicyDocument.Policy(statements, Function, "$LATEST");
        Assert.StartsWith("""{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"a",""", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("\"b\"", policy, StringComparison.Ordinal);
    }
}

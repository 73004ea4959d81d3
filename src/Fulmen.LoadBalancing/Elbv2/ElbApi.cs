using System.Text.RegularExpressions;
using Fulmen.Functions;
using Fulmen.Functions.Invocation;
using Fulmen.LoadBalancing.Listeners;
using Fulmen.LoadBalancing.Model;
using Fulmen.Protocols;
using Fulmen.Protocols.Query;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Elbv2;

/// <summary>
/// The <c>elbv2</c> (Elastic Load Balancing 2015-12-01) subset that puts Lambda functions behind an HTTP
/// listener: load balancers, <c>lambda</c> target groups and their attributes, targets, forward listeners.
/// Operations run one at a time under the state's lock; errors are thrown as <see cref="QueryError"/>.
/// </summary>
public sealed partial class ElbApi(
    LoadBalancingState state, ElbArns arns, ListenerManager listeners, Invoker invoker, LambdaOptions options, TimeProvider time)
    : QueryService(Descriptor)
{
    /// <summary>elbv2 on the edge: the query protocol, signing name <c>elasticloadbalancing</c>.</summary>
    public static readonly AwsService Descriptor = new("elbv2", "elasticloadbalancing", AwsProtocol.Query)
    {
        XmlNamespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
        UnavailableErrorCode = "ServiceUnavailable",
        BadRequestErrorCode = "ValidationError",
        QueryActions =
        [
            "CreateLoadBalancer", "DescribeLoadBalancers", "DeleteLoadBalancer", "CreateTargetGroup", "DescribeTargetGroups",
            "DeleteTargetGroup", "ModifyTargetGroupAttributes", "DescribeTargetGroupAttributes", "RegisterTargets",
            "DeregisterTargets", "DescribeTargetHealth", "CreateListener", "DescribeListeners", "DeleteListener",
        ],
    };

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$")]
    private static partial Regex NamePattern();

    protected override QueryOperation? Find(string action) => action switch
    {
        "CreateLoadBalancer" => CreateLoadBalancerAsync,
        "DescribeLoadBalancers" => DescribeLoadBalancersAsync,
        "DeleteLoadBalancer" => DeleteLoadBalancerAsync,
        "CreateTargetGroup" => CreateTargetGroupAsync,
        "DescribeTargetGroups" => DescribeTargetGroupsAsync,
        "DeleteTargetGroup" => DeleteTargetGroupAsync,
        "ModifyTargetGroupAttributes" => ModifyTargetGroupAttributesAsync,
        "DescribeTargetGroupAttributes" => DescribeTargetGroupAttributesAsync,
        "RegisterTargets" => RegisterTargetsAsync,
        "DeregisterTargets" => DeregisterTargetsAsync,
        "DescribeTargetHealth" => DescribeTargetHealthAsync,
        "CreateListener" => CreateListenerAsync,
        "DescribeListeners" => DescribeListenersAsync,
        "DeleteListener" => DeleteListenerAsync,
        _ => null,
    };

    /// <summary>One operation at a time: each reads and writes the state and its listeners as a whole.</summary>
    protected override async Task InvokeAsync(QueryOperation operation, HttpContext context, IFormCollection form)
    {
        await state.Changes.WaitAsync(context.RequestAborted);
        try
        {
            await operation(context, form);
        }
        finally
        {
            state.Changes.Release();
        }
    }

    private static void CheckName(string name, string what)
    {
        if (!NamePattern().IsMatch(name) || name.StartsWith("internal-", StringComparison.Ordinal))
        {
            throw new QueryError("ValidationError",
                $"{what} name '{name}' must have a maximum of 32 alphanumeric characters or hyphens, and cannot begin or end with a hyphen");
        }
    }

    private static Task Respond(HttpContext context, string action, Action<System.Xml.XmlWriter> result) =>
        QueryResponse.WriteAsync(context, Descriptor, action, result);

    private LoadBalancerRecord FindLoadBalancer(string arn) =>
        state.LoadBalancer(arn) ?? throw new QueryError("LoadBalancerNotFound", $"Load balancer '{arn}' not found");

    private TargetGroupRecord FindTargetGroup(string arn) =>
        state.TargetGroup(arn) ?? throw new QueryError("TargetGroupNotFound", $"Target groups '{arn}' not found");
}

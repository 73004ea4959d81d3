using System.Text.RegularExpressions;
using Fulmen.Functions;
using Fulmen.Functions.Invocation;
using Fulmen.LoadBalancing.Listeners;
using Fulmen.LoadBalancing.Model;
using Fulmen.LoadBalancing.QueryProtocol;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Elbv2;

/// <summary>
/// The <c>elbv2</c> (Elastic Load Balancing 2015-12-01) subset that puts Lambda functions behind an HTTP
/// listener: load balancers, <c>lambda</c> target groups and their attributes, targets, forward listeners.
/// </summary>
public sealed partial class ElbApi(
    LoadBalancingState state, ElbArns arns, ListenerManager listeners, Invoker invoker, LambdaOptions options, TimeProvider time)
    : IQueryProtocolService
{
    public const string Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    public string SigningName => "elasticloadbalancing";

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$")]
    private static partial Regex NamePattern();

    public async Task HandleAsync(HttpContext context, IFormCollection form)
    {
        var action = form.Optional("Action") ?? "";
        Func<HttpContext, IFormCollection, Task>? handler = action switch
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
        if (handler is null)
        {
            await QueryResponse.WriteErrorAsync(context, Namespace, new QueryError("InvalidAction", $"The action {action} is not valid for this web service."));
            return;
        }
        await state.Changes.WaitAsync(context.RequestAborted);
        try
        {
            await handler(context, form);
        }
        catch (QueryError error)
        {
            await QueryResponse.WriteErrorAsync(context, Namespace, error);
        }
        catch (Fulmen.Storage.StorageUnavailableException e) when (!context.Response.HasStarted)
        {
            await QueryResponse.WriteErrorAsync(context, Namespace, new QueryError("ServiceUnavailable", e.ForClients, 503));
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
        QueryResponse.WriteAsync(context, Namespace, action, result);

    private LoadBalancerRecord FindLoadBalancer(string arn) =>
        state.LoadBalancer(arn) ?? throw new QueryError("LoadBalancerNotFound", $"Load balancer '{arn}' not found");

    private TargetGroupRecord FindTargetGroup(string arn) =>
        state.TargetGroup(arn) ?? throw new QueryError("TargetGroupNotFound", $"Target groups '{arn}' not found");
}

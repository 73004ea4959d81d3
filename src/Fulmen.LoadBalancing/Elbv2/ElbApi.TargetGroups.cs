using System.Xml;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Invocation;
using Fulmen.Functions.Permissions;
using Fulmen.LoadBalancing.Model;
using Fulmen.Protocols.Query;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Elbv2;

public sealed partial class ElbApi
{
    /// <summary>The principal a load balancer invokes functions as; its source ARN is the target group's.</summary>
    public const string Principal = "elasticloadbalancing.amazonaws.com";

    private async Task CreateTargetGroupAsync(HttpContext context, IFormCollection form)
    {
        var name = form.Required("Name");
        CheckName(name, "Target group");
        var targetType = form.Optional("TargetType") ?? "instance";
        if (targetType != "lambda")
        {
            throw new QueryError("ValidationError", $"Target type '{targetType}' is not supported; Fulmen load balancers forward to target type 'lambda'");
        }
        if (form.Optional("Protocol") is not null || form.Optional("Port") is not null || form.Optional("VpcId") is not null)
        {
            throw new QueryError("ValidationError", "A protocol, port and VPC ID cannot be specified for target groups with target type 'lambda'");
        }
        var existing = state.TargetGroups.FirstOrDefault(tg => tg.Name == name);
        var record = existing ?? new TargetGroupRecord(arns.TargetGroup(name), name, [],
            new Dictionary<string, string> { [TargetGroupRecord.MultiValueHeadersAttribute] = "false" });
        if (existing is null)
        {
            await state.PutAsync(record);
        }
        await Respond(context, "CreateTargetGroup", xml => WriteTargetGroups(xml, [record]));
    }

    private Task DescribeTargetGroupsAsync(HttpContext context, IFormCollection form)
    {
        var wantedArns = form.Members("TargetGroupArns");
        var wantedNames = form.Members("Names");
        var loadBalancer = form.Optional("LoadBalancerArn");
        if (loadBalancer is not null)
        {
            FindLoadBalancer(loadBalancer);
        }
        var all = state.TargetGroups;
        var missing = wantedArns.Where(a => all.All(tg => tg.Arn != a)).Concat(wantedNames.Where(n => all.All(tg => tg.Name != n))).ToList();
        if (missing.Count > 0)
        {
            throw new QueryError("TargetGroupNotFound", $"Target groups '[{string.Join(", ", missing)}]' not found");
        }
        var found = all.Where(tg => (wantedArns.Count == 0 || wantedArns.Contains(tg.Arn)) && (wantedNames.Count == 0 || wantedNames.Contains(tg.Name))
            && (loadBalancer is null || LoadBalancersOf(tg.Arn).Contains(loadBalancer))).ToList();
        return Respond(context, "DescribeTargetGroups", xml => WriteTargetGroups(xml, found));
    }

    private async Task DeleteTargetGroupAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("TargetGroupArn");
        if (state.Listeners.Any(l => l.TargetGroupArn == arn))
        {
            throw new QueryError("ResourceInUse", $"Target group '{arn}' is currently in use by a listener or a rule");
        }
        if (state.TargetGroup(arn) is not null)
        {
            await state.DeleteTargetGroupAsync(arn);
        }
        await Respond(context, "DeleteTargetGroup", _ => { });
    }

    private async Task ModifyTargetGroupAttributesAsync(HttpContext context, IFormCollection form)
    {
        var group = FindTargetGroup(form.Required("TargetGroupArn"));
        var attributes = new Dictionary<string, string>(group.Attributes, StringComparer.Ordinal);
        foreach (var prefix in form.StructMembers("Attributes"))
        {
            var key = form.Optional($"{prefix}Key") ?? throw new QueryError("ValidationError", "An attribute key must be specified");
            var value = form.Optional($"{prefix}Value") ?? "";
            if (key == TargetGroupRecord.MultiValueHeadersAttribute && value is not ("true" or "false"))
            {
                throw new QueryError("InvalidConfigurationRequest", $"The value of '{key}' must be 'true' or 'false'");
            }
            if (key != TargetGroupRecord.MultiValueHeadersAttribute)
            {
                throw new QueryError("InvalidConfigurationRequest", $"The attribute '{key}' is not supported for target groups with target type 'lambda'");
            }
            attributes[key] = value;
        }
        var updated = group with { Attributes = attributes };
        await state.PutAsync(updated);
        await Respond(context, "ModifyTargetGroupAttributes", xml => WriteAttributes(xml, updated));
    }

    private Task DescribeTargetGroupAttributesAsync(HttpContext context, IFormCollection form)
    {
        var group = FindTargetGroup(form.Required("TargetGroupArn"));
        return Respond(context, "DescribeTargetGroupAttributes", xml => WriteAttributes(xml, group));
    }

    /// <summary>
    /// A lambda target group holds one function. As on AWS, registering fails unless the function's policy already
    /// lets <c>elasticloadbalancing.amazonaws.com</c> invoke it from this target group.
    /// </summary>
    private async Task RegisterTargetsAsync(HttpContext context, IFormCollection form)
    {
        var group = FindTargetGroup(form.Required("TargetGroupArn"));
        var ids = form.StructMembers("Targets").Select(p => form.Optional($"{p}Id")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            throw new QueryError("ValidationError", "At least one target must be specified");
        }
        var targets = group.Targets.Union(ids, StringComparer.Ordinal).ToList();
        if (targets.Count > 1)
        {
            throw new QueryError("TooManyTargets", "You cannot register more than one target with a target group of type 'lambda'");
        }
        var id = targets[0];
        var (entry, _) = await invoker.ResolveAsync(id, null, context.RequestAborted);
        if (entry is null)
        {
            throw new QueryError("InvalidTarget", $"The following targets are not valid: '{id}'");
        }
        FunctionReference.TryParse(id, out var reference);
        var caller = new InvocationCaller(Principal, InvocationCaller.InvokeFunction) { SourceArn = group.Arn, SourceAccount = options.AccountId };
        if (!PolicyEvaluator.Allows(entry.Record.PolicyStatements, caller, reference.Qualifier))
        {
            throw new QueryError("AccessDenied",
                $"elasticloadbalancing principal does not have permission to invoke {id} from target group {group.Arn}");
        }
        await state.PutAsync(group with { Targets = targets });
        await Respond(context, "RegisterTargets", _ => { });
    }

    private async Task DeregisterTargetsAsync(HttpContext context, IFormCollection form)
    {
        var group = FindTargetGroup(form.Required("TargetGroupArn"));
        var ids = form.StructMembers("Targets").Select(p => form.Optional($"{p}Id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unknown = ids.Where(id => !group.Targets.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new QueryError("InvalidTarget", $"The following targets are not registered in target group '{group.Arn}': '{string.Join("', '", unknown)}'");
        }
        await state.PutAsync(group with { Targets = [.. group.Targets.Where(t => !ids.Contains(t))] });
        await Respond(context, "DeregisterTargets", _ => { });
    }

    /// <summary>Health checks of lambda targets are off by default: AWS reports such targets as <c>unavailable</c>.</summary>
    private Task DescribeTargetHealthAsync(HttpContext context, IFormCollection form)
    {
        var group = FindTargetGroup(form.Required("TargetGroupArn"));
        return Respond(context, "DescribeTargetHealth", xml =>
        {
            xml.WriteStartElement("TargetHealthDescriptions");
            foreach (var target in group.Targets)
            {
                xml.WriteStartElement("member");
                xml.WriteStartElement("Target");
                xml.WriteElementString("Id", target);
                xml.WriteEndElement();
                xml.WriteStartElement("TargetHealth");
                xml.WriteElementString("State", "unavailable");
                xml.WriteElementString("Reason", "Target.HealthCheckDisabled");
                xml.WriteElementString("Description", "Health checks are disabled");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
    }

    private IEnumerable<string> LoadBalancersOf(string targetGroupArn) =>
        state.Listeners.Where(l => l.TargetGroupArn == targetGroupArn).Select(l => l.LoadBalancerArn).Distinct(StringComparer.Ordinal);

    private void WriteTargetGroups(XmlWriter xml, IEnumerable<TargetGroupRecord> groups)
    {
        xml.WriteStartElement("TargetGroups");
        foreach (var group in groups)
        {
            xml.WriteStartElement("member");
            xml.WriteElementString("TargetGroupArn", group.Arn);
            xml.WriteElementString("TargetGroupName", group.Name);
            xml.WriteElementString("HealthCheckEnabled", "false");
            xml.WriteElementString("HealthCheckIntervalSeconds", "35");
            xml.WriteElementString("HealthCheckTimeoutSeconds", "30");
            xml.WriteElementString("HealthyThresholdCount", "5");
            xml.WriteElementString("UnhealthyThresholdCount", "2");
            xml.WriteElementString("HealthCheckPath", "/");
            xml.WriteStartElement("Matcher");
            xml.WriteElementString("HttpCode", "200");
            xml.WriteEndElement();
            xml.WriteStartElement("LoadBalancerArns");
            foreach (var arn in LoadBalancersOf(group.Arn))
            {
                xml.WriteElementString("member", arn);
            }
            xml.WriteEndElement();
            xml.WriteElementString("TargetType", "lambda");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteAttributes(XmlWriter xml, TargetGroupRecord group)
    {
        xml.WriteStartElement("Attributes");
        foreach (var (key, value) in group.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            xml.WriteStartElement("member");
            xml.WriteElementString("Key", key);
            xml.WriteElementString("Value", value);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}

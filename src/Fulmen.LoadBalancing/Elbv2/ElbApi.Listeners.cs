using System.Globalization;
using System.Xml;
using Fulmen.LoadBalancing.Model;
using Fulmen.Protocols.Query;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Elbv2;

public sealed partial class ElbApi
{
    /// <summary>Opens the port at once: the listener serves <c>http://{bind host}:{Port}/</c> when this returns.</summary>
    private async Task CreateListenerAsync(HttpContext context, IFormCollection form)
    {
        var loadBalancer = FindLoadBalancer(form.Required("LoadBalancerArn"));
        var protocol = form.Optional("Protocol") ?? "HTTP";
        if (protocol != "HTTP")
        {
            throw new QueryError("UnsupportedProtocol", $"Protocol '{protocol}' is not supported; Fulmen listeners speak HTTP");
        }
        var port = form.RequiredInt("Port", 1, 65535);
        var actions = form.StructMembers("DefaultActions");
        if (actions.Count != 1 || form.Optional($"{actions[0]}Type") != "forward")
        {
            throw new QueryError("ValidationError", "Fulmen listeners take exactly one default action, of type 'forward'");
        }
        var targetGroupArn = form.Optional($"{actions[0]}TargetGroupArn")
            ?? form.Optional($"{actions[0]}ForwardConfig.TargetGroups.member.1.TargetGroupArn")
            ?? throw new QueryError("ValidationError", "A target group ARN must be specified for a forward action");
        FindTargetGroup(targetGroupArn);
        var sameLoadBalancer = state.Listeners.Where(l => l.LoadBalancerArn == loadBalancer.Arn).ToList();
        if (sameLoadBalancer.FirstOrDefault(l => l.Port == port) is { } existing)
        {
            if (existing.TargetGroupArn == targetGroupArn)
            {
                await Respond(context, "CreateListener", xml => WriteListeners(xml, [existing]));
                return;
            }
            throw new QueryError("DuplicateListener", "A listener already exists on this port for this load balancer");
        }
        var record = new ListenerRecord(ElbArns.Listener(loadBalancer.Arn), loadBalancer.Arn, protocol, port, targetGroupArn);
        if (await listeners.StartAsync(record, context.RequestAborted) is { } failure)
        {
            throw new QueryError("InvalidConfigurationRequest", failure);
        }
        await state.PutAsync(record);
        await Respond(context, "CreateListener", xml => WriteListeners(xml, [record]));
    }

    private Task DescribeListenersAsync(HttpContext context, IFormCollection form)
    {
        var loadBalancer = form.Optional("LoadBalancerArn");
        var wanted = form.Members("ListenerArns");
        if (loadBalancer is null && wanted.Count == 0)
        {
            throw new QueryError("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        }
        if (loadBalancer is not null)
        {
            FindLoadBalancer(loadBalancer);
        }
        var all = state.Listeners;
        if (wanted.Any(a => all.All(l => l.Arn != a)))
        {
            throw new QueryError("ListenerNotFound", "One or more listeners not found");
        }
        var found = all.Where(l => (loadBalancer is null || l.LoadBalancerArn == loadBalancer) && (wanted.Count == 0 || wanted.Contains(l.Arn)));
        return Respond(context, "DescribeListeners", xml => WriteListeners(xml, found));
    }

    private async Task DeleteListenerAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("ListenerArn");
        if (state.Listener(arn) is null)
        {
            throw new QueryError("ListenerNotFound", "One or more listeners not found");
        }
        await listeners.StopAsync(arn);
        await state.DeleteListenerAsync(arn);
        await Respond(context, "DeleteListener", _ => { });
    }

    private static void WriteListeners(XmlWriter xml, IEnumerable<ListenerRecord> listeners)
    {
        xml.WriteStartElement("Listeners");
        foreach (var listener in listeners)
        {
            xml.WriteStartElement("member");
            xml.WriteElementString("ListenerArn", listener.Arn);
            xml.WriteElementString("LoadBalancerArn", listener.LoadBalancerArn);
            xml.WriteElementString("Port", listener.Port.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("Protocol", listener.Protocol);
            xml.WriteStartElement("DefaultActions");
            xml.WriteStartElement("member");
            xml.WriteElementString("Type", "forward");
            xml.WriteElementString("TargetGroupArn", listener.TargetGroupArn);
            xml.WriteStartElement("ForwardConfig");
            xml.WriteStartElement("TargetGroups");
            xml.WriteStartElement("member");
            xml.WriteElementString("TargetGroupArn", listener.TargetGroupArn);
            xml.WriteElementString("Weight", "1");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("TargetGroupStickinessConfig");
            xml.WriteElementString("Enabled", "false");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}

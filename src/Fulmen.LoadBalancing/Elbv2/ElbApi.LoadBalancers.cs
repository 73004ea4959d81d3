using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Fulmen.LoadBalancing.Model;
using Fulmen.Protocols.Query;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Elbv2;

public sealed partial class ElbApi
{
    private async Task CreateLoadBalancerAsync(HttpContext context, IFormCollection form)
    {
        var name = form.Required("Name");
        CheckName(name, "Load balancer");
        var type = form.OptionalEnum("Type", "application", "network", "gateway") ?? "application";
        if (type != "application")
        {
            throw new QueryError("ValidationError", $"Load balancer type '{type}' is not supported; Fulmen serves application load balancers");
        }
        var scheme = form.OptionalEnum("Scheme", "internet-facing", "internal") ?? "internet-facing";
        var ipAddressType = form.OptionalEnum("IpAddressType", "ipv4", "dualstack", "dualstack-without-public-ipv4") ?? "ipv4";
        var subnets = form.Members("Subnets");
        subnets.AddRange(form.StructMembers("SubnetMappings").Select(p => form.Optional($"{p}SubnetId")).OfType<string>());
        var securityGroups = form.Members("SecurityGroups");
        CheckIds(subnets, securityGroups);
        var existing = state.LoadBalancers.FirstOrDefault(lb => lb.Name == name);
        if (existing is not null)
        {
            // Idempotent, as on AWS: creating the same name again answers with the existing load balancer.
            await Respond(context, "CreateLoadBalancer", xml => WriteLoadBalancers(xml, [existing]));
            return;
        }
        var record = new LoadBalancerRecord(arns.LoadBalancer(name), name, arns.DnsName(name), scheme, ipAddressType, time.GetUtcNow(), subnets, securityGroups);
        await state.PutAsync(record);
        await Respond(context, "CreateLoadBalancer", xml => WriteLoadBalancers(xml, [record]));
    }

    /// <summary>
    /// There is no VPC to look subnets and security groups up in, so their shape is what is checked: an id that could
    /// not name one is refused with the error AWS gives for one it cannot find.
    /// </summary>
    private static void CheckIds(List<string> subnets, List<string> securityGroups)
    {
        if (subnets.FirstOrDefault(id => !SubnetId().IsMatch(id)) is { } subnet)
        {
            throw new QueryError("SubnetNotFound", $"The subnet ID '{subnet}' is not valid");
        }
        if (securityGroups.FirstOrDefault(id => !SecurityGroupId().IsMatch(id)) is { } group)
        {
            throw new QueryError("ValidationError", $"Security group '{group}' is not valid");
        }
    }

    [GeneratedRegex("^subnet-[0-9a-zA-Z]{1,17}$")]
    private static partial Regex SubnetId();

    [GeneratedRegex("^sg-[0-9a-zA-Z]{1,17}$")]
    private static partial Regex SecurityGroupId();

    private Task DescribeLoadBalancersAsync(HttpContext context, IFormCollection form)
    {
        var wantedArns = form.Members("LoadBalancerArns");
        var wantedNames = form.Members("Names");
        var all = state.LoadBalancers;
        var found = all.Where(lb => (wantedArns.Count == 0 || wantedArns.Contains(lb.Arn)) && (wantedNames.Count == 0 || wantedNames.Contains(lb.Name))).ToList();
        if (wantedArns.Count > 0 && wantedArns.Any(a => all.All(lb => lb.Arn != a)))
        {
            throw new QueryError("LoadBalancerNotFound", "One or more load balancers not found");
        }
        if (wantedNames.Count > 0 && wantedNames.Any(n => all.All(lb => lb.Name != n)))
        {
            throw new QueryError("LoadBalancerNotFound", $"Load balancers '[{string.Join(", ", wantedNames.Where(n => all.All(lb => lb.Name != n)))}]' not found");
        }
        return Respond(context, "DescribeLoadBalancers", xml => WriteLoadBalancers(xml, found));
    }

    /// <summary>Deleting a load balancer deletes its listeners (and closes their ports), as on AWS; a missing one is not an error.</summary>
    private async Task DeleteLoadBalancerAsync(HttpContext context, IFormCollection form)
    {
        var arn = form.Required("LoadBalancerArn");
        if (state.LoadBalancer(arn) is not null)
        {
            foreach (var listener in state.Listeners.Where(l => l.LoadBalancerArn == arn))
            {
                await listeners.StopAsync(listener.Arn);
                await state.DeleteListenerAsync(listener.Arn);
            }
            await state.DeleteLoadBalancerAsync(arn);
        }
        await Respond(context, "DeleteLoadBalancer", _ => { });
    }

    private static void WriteLoadBalancers(XmlWriter xml, IEnumerable<LoadBalancerRecord> loadBalancers)
    {
        xml.WriteStartElement("LoadBalancers");
        foreach (var lb in loadBalancers)
        {
            xml.WriteStartElement("member");
            xml.WriteElementString("LoadBalancerArn", lb.Arn);
            xml.WriteElementString("DNSName", lb.DnsName);
            xml.WriteElementString("CanonicalHostedZoneId", "Z35SXDOTRQ7X7K");
            xml.WriteElementString("CreatedTime", lb.CreatedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            xml.WriteElementString("LoadBalancerName", lb.Name);
            xml.WriteElementString("Scheme", lb.Scheme);
            xml.WriteElementString("VpcId", "vpc-00000000");
            xml.WriteStartElement("State");
            xml.WriteElementString("Code", "active");
            xml.WriteEndElement();
            xml.WriteElementString("Type", "application");
            xml.WriteStartElement("AvailabilityZones");
            for (var i = 0; i < lb.Subnets.Count; i++)
            {
                xml.WriteStartElement("member");
                xml.WriteElementString("ZoneName", $"{Fulmen.Protocols.Arns.Arn.Parse(lb.Arn).Region}{(char)('a' + (i % 6))}");
                xml.WriteElementString("SubnetId", lb.Subnets[i]);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteStartElement("SecurityGroups");
            foreach (var group in lb.SecurityGroups)
            {
                xml.WriteElementString("member", group);
            }
            xml.WriteEndElement();
            xml.WriteElementString("IpAddressType", lb.IpAddressType);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}

using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;

namespace Reconciler.Integration.Tests.Faults;

/// <summary>
/// What the emulator holds, read with the aws CLI (never with the project's own clients): every
/// EC2 network resource, launch template and Auto Scaling group with its tags, so tests find duplicates (two resources with one
/// <c>reconciler:resource</c> tag, two VPCs or subnets with one CIDR, two groups with one name)
/// and untagged leftovers (a create whose tags never came).
/// </summary>
internal sealed class LiveInventory
{
    private readonly List<(string Kind, string Id, string? Resource, string? Stack, string? Identity)> _items = [];

    private LiveInventory()
    {
    }

    /// <summary>Every resource held twice, one line each; empty when none is.</summary>
    public IReadOnlyList<string> Duplicates =>
    [
        .. _items.Where(i => i.Resource is not null).GroupBy(i => (i.Kind, i.Resource)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Kind} tagged {g.Key.Resource}: {string.Join(", ", g.Select(i => i.Id))}"),
        .. _items.Where(i => i.Identity is not null).GroupBy(i => (i.Kind, i.Identity)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Kind} {g.Key.Identity}: {string.Join(", ", g.Select(i => i.Id))}"),
    ];

    /// <summary>Every resource without the stack tag (the emulator's defaults aside), one line each.</summary>
    public IReadOnlyList<string> Untagged => [.. _items.Where(i => i.Stack is null).Select(i => $"{i.Kind} {i.Id} has no reconciler:stack tag")];

    /// <summary>How many resources carry the stack tag.</summary>
    public int Tagged => _items.Count(i => i.Stack is not null);

    /// <summary>Reads VPCs, subnets, security groups, route tables, internet gateways, launch templates and Auto Scaling groups, skipping the defaults moto makes.</summary>
    public static async Task<LiveInventory> ReadAsync(AwsCli aws)
    {
        var inventory = new LiveInventory();
        foreach (var vpc in await ListAsync(aws, "describe-vpcs", "Vpcs"))
        {
            if ((bool?)vpc["IsDefault"] != true)
            {
                inventory.Add("Vpc", (string)vpc["VpcId"]!, vpc, (string?)vpc["CidrBlock"]);
            }
        }

        var defaultVpcs = (await ListAsync(aws, "describe-vpcs", "Vpcs")).Where(v => (bool?)v["IsDefault"] == true).Select(v => (string)v["VpcId"]!).ToHashSet();
        foreach (var subnet in await ListAsync(aws, "describe-subnets", "Subnets"))
        {
            if (!defaultVpcs.Contains((string)subnet["VpcId"]!))
            {
                inventory.Add("Subnet", (string)subnet["SubnetId"]!, subnet, (string?)subnet["CidrBlock"]);
            }
        }

        foreach (var group in await ListAsync(aws, "describe-security-groups", "SecurityGroups"))
        {
            if ((string?)group["GroupName"] != "default")
            {
                inventory.Add("SecurityGroup", (string)group["GroupId"]!, group, $"{group["VpcId"]}/{group["GroupName"]}");
            }
        }

        foreach (var table in await ListAsync(aws, "describe-route-tables", "RouteTables"))
        {
            if (!(table["Associations"]?.AsArray() ?? []).Any(a => (bool?)a!["Main"] == true))
            {
                inventory.Add("RouteTable", (string)table["RouteTableId"]!, table, null);
            }
        }

        foreach (var gateway in await ListAsync(aws, "describe-internet-gateways", "InternetGateways"))
        {
            var attachedToDefault = (gateway["Attachments"]?.AsArray() ?? []).Any(a => defaultVpcs.Contains((string)a!["VpcId"]!));
            if (!attachedToDefault)
            {
                inventory.Add("InternetGateway", (string)gateway["InternetGatewayId"]!, gateway, null);
            }
        }

        foreach (var template in await ListAsync(aws, "describe-launch-templates", "LaunchTemplates"))
        {
            inventory.Add("LaunchTemplate", (string)template["LaunchTemplateId"]!, template, (string?)template["LaunchTemplateName"]);
        }

        foreach (var group in await ListAsync(aws, "describe-auto-scaling-groups", "AutoScalingGroups", "autoscaling"))
        {
            inventory.Add("AutoScalingGroup", (string)group["AutoScalingGroupName"]!, group, null);
        }

        return inventory;
    }

    private static async Task<List<JsonObject>> ListAsync(AwsCli aws, string command, string field, string service = "ec2") =>
        [.. ((await aws.RunAsync(service, command))?[field]?.AsArray() ?? []).Select(n => n!.AsObject())];

    private void Add(string kind, string id, JsonObject item, string? identity)
    {
        var tags = (item["Tags"]?.AsArray() ?? []).ToDictionary(t => (string)t!["Key"]!, t => (string?)t!["Value"]);
        _items.Add((kind, id, tags.GetValueOrDefault("reconciler:resource"), tags.GetValueOrDefault("reconciler:stack"), identity));
    }
}

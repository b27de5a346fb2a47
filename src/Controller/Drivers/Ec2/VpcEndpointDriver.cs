using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges VPC endpoints. Reads: one tag-filtered DescribeVpcEndpoints for the whole stack,
/// route tables, subnets and groups included, so no per-resource reads.
/// <para>
/// Live form: <c>service</c> is the short name when the endpoint's service is
/// <c>com.amazonaws.{stack region}.{service}</c>, else the full name; route tables, subnets and
/// security groups are document names, sorted; <c>privateDnsEnabled</c> is reported for
/// Interface endpoints only (AWS, and moto with another value, report it for gateways too,
/// where it means nothing). An endpoint AWS lists as deleted, failed, rejected or expired is
/// not live and reads as missing.
/// </para>
/// <para>
/// A gateway endpoint writes its route (destination: the service's prefix list, pl-...) into
/// each of its route tables itself; the RouteTable kind leaves such routes alone.
/// </para>
/// </summary>
internal sealed class VpcEndpointDriver : Ec2Driver<VpcEndpointSpec, VpcEndpoint>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.CreateVpcEndpoint,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DeleteVpcEndpoints,
        SdkOperations.Ec2.DescribeVpcEndpoints,
        SdkOperations.Ec2.ModifyVpcEndpoint,
    ];

    private static readonly string[] GoneStates = ["deleted", "failed", "rejected", "expired"];

    protected override string IdOutputName => "vpcEndpointId";

    protected override async Task<IReadOnlyList<VpcEndpoint>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        (await DescribeAnyStateAsync(filters, ids, context, cancellationToken)).Where(e => !IsGone(e)).ToList();

    protected override string IdOf(VpcEndpoint item) => item.VpcEndpointId;

    protected override IEnumerable<Tag>? TagsOf(VpcEndpoint item) => item.Tags;

    protected override Task<VpcEndpointSpec> LiveOf(VpcEndpoint item, DriverContext context, CancellationToken cancellationToken)
    {
        var type = item.VpcEndpointType?.Value ?? "Gateway";
        return Task.FromResult(new VpcEndpointSpec
        {
            Vpc = context.Identities.NameOf("Vpc", item.VpcId),
            Service = ShortServiceName(item.ServiceName, context.Stack.Region),
            Type = type,
            RouteTables = Names("RouteTable", item.RouteTableIds, context),
            Subnets = Names("Subnet", item.SubnetIds, context),
            SecurityGroups = Names("SecurityGroup", item.Groups?.Select(g => g.GroupId), context),
            PrivateDnsEnabled = type == VpcEndpointType.Interface.Value ? item.PrivateDnsEnabled ?? false : null,
        });
    }

    protected override IReadOnlyDictionary<string, string> OutputsOf(VpcEndpoint item)
    {
        var outputs = new Dictionary<string, string> { ["serviceName"] = item.ServiceName, ["vpcId"] = item.VpcId };
        if (item.DnsEntries?.FirstOrDefault()?.DnsName is { Length: > 0 } dnsName)
        {
            outputs["dnsName"] = dnsName;
        }

        return outputs;
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, VpcEndpointSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var isInterface = spec.Type == VpcEndpointType.Interface.Value;
        var id = (await context.Aws.Ec2.CreateVpcEndpointAsync(
            new CreateVpcEndpointRequest
            {
                VpcId = context.Identities.IdOf("Vpc", spec.Vpc),
                ServiceName = FullServiceName(spec.Service, context.Stack.Region),
                VpcEndpointType = VpcEndpointType.FindValue(spec.Type),
                RouteTableIds = isInterface ? null : Ids("RouteTable", spec.RouteTables, context),
                SubnetIds = isInterface ? Ids("Subnet", spec.Subnets, context) : null,
                SecurityGroupIds = isInterface ? Ids("SecurityGroup", spec.SecurityGroups, context) : null,
                PrivateDnsEnabled = isInterface ? spec.PrivateDnsEnabled : null,
                TagSpecifications = Ec2Tags.AtCreate(ResourceType.VpcEndpoint, tags),
            },
            cancellationToken)).VpcEndpoint.VpcEndpointId;

        // Interface endpoints are pending while their network interfaces come up.
        await Waiter.UntilAsync(
            $"{key} ({id}) to become available",
            async ct => (await DescribeByIdsAsync([id], context, ct)).FirstOrDefault() is { } endpoint
                && string.Equals(endpoint.State?.Value, "available", StringComparison.OrdinalIgnoreCase),
            context,
            cancellationToken);
        return id;
    }

    // One ModifyVpcEndpoint takes every list's additions and removals and the DNS switch.
    protected override async Task ApplyAsync(SpecChange<VpcEndpointSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var live = await DescribeOneAsync(change.Key, change.Id, context, cancellationToken);
        var request = new ModifyVpcEndpointRequest { VpcEndpointId = change.Id };
        if (change.Changed("routeTables"))
        {
            (request.AddRouteTableIds, request.RemoveRouteTableIds) = Delta(Ids("RouteTable", change.Desired.RouteTables, context), live.RouteTableIds);
        }

        if (change.Changed("subnets"))
        {
            (request.AddSubnetIds, request.RemoveSubnetIds) = Delta(Ids("Subnet", change.Desired.Subnets, context), live.SubnetIds);
        }

        if (change.Changed("securityGroups"))
        {
            (request.AddSecurityGroupIds, request.RemoveSecurityGroupIds) = Delta(
                Ids("SecurityGroup", change.Desired.SecurityGroups, context),
                live.Groups?.Select(g => g.GroupId).ToList());
        }

        if (change.Changed("privateDnsEnabled"))
        {
            request.PrivateDnsEnabled = change.Desired.PrivateDnsEnabled;
        }

        await context.Aws.Ec2.ModifyVpcEndpointAsync(request, cancellationToken);
    }

    /// <summary>Deletes the endpoint (a gateway endpoint takes its routes with it) and waits until it is gone.</summary>
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];

        // An endpoint already deleted is still listed for a while; deleting it again fails in moto
        // (it removes the gateway's routes a second time), so look first.
        if ((await DescribeByIdsAsync([id], context, cancellationToken)).Count == 0)
        {
            return;
        }

        var response = await context.Aws.Ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [id] }, cancellationToken);

        // The call answers success and lists refusals per endpoint instead of failing.
        if (response.Unsuccessful?.FirstOrDefault(u => u.ResourceId == id) is { } refused && refused.Error?.Code?.EndsWith(".NotFound", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"{key} ({id}) could not be deleted: {refused.Error?.Code}: {refused.Error?.Message}");
        }

        await Waiter.UntilAsync($"{key} ({id}) to be deleted", async ct => (await DescribeByIdsAsync([id], context, ct)).Count == 0, context, cancellationToken);
    }

    /// <summary>com.amazonaws.{region}.{service} for a short name; a name with the com. prefix is already full.</summary>
    internal static string FullServiceName(string service, string region) =>
        service.StartsWith("com.", StringComparison.Ordinal) ? service : $"com.amazonaws.{region}.{service}";

    /// <summary>The document's form of a live service name: short for the stack region's AWS services.</summary>
    internal static string ShortServiceName(string serviceName, string region)
    {
        var prefix = $"com.amazonaws.{region}.";
        return serviceName.StartsWith(prefix, StringComparison.Ordinal) ? serviceName[prefix.Length..] : serviceName;
    }

    private static async Task<IReadOnlyList<VpcEndpoint>> DescribeAnyStateAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<VpcEndpoint>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeVpcEndpointsAsync(
                new DescribeVpcEndpointsRequest { Filters = filters, VpcEndpointIds = ids, NextToken = token },
                cancellationToken);
            return (response.VpcEndpoints, response.NextToken);
        });

    private static bool IsGone(VpcEndpoint endpoint) =>
        endpoint.State?.Value is { } state && GoneStates.Contains(state, StringComparer.OrdinalIgnoreCase);

    private static List<string> Names(string kind, IEnumerable<string>? ids, DriverContext context) =>
        [.. (ids ?? []).Select(id => context.Identities.NameOf(kind, id)).Order(StringComparer.Ordinal)];

    private static List<string> Ids(string kind, IEnumerable<string> names, DriverContext context) =>
        [.. names.Select(name => context.Identities.IdOf(kind, name))];

    /// <summary>What to add and what to remove to turn the live ids into the desired ones; null for nothing (the SDK leaves null lists out).</summary>
    private static (List<string>? Add, List<string>? Remove) Delta(List<string> desired, List<string>? live)
    {
        var add = desired.Except(live ?? []).ToList();
        var remove = (live ?? []).Except(desired).ToList();
        return (add.Count > 0 ? add : null, remove.Count > 0 ? remove : null);
    }
}

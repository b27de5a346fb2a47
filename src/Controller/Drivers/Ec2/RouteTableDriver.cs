using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges route tables, their routes and their subnet associations. Reads: one tag-filtered
/// DescribeRouteTables for the whole stack, routes and associations included, so no
/// per-resource reads.
/// <para>
/// Live form: <c>routes</c> holds every IPv4 route except the VPC's implicit local one, each as
/// <c>{destination, internetGateway}</c> or <c>{destination, natGateway}</c> with the target as a
/// document name; a route to any other target (peering, transit gateway, ...) shows its target's
/// AWS id as <c>internetGateway</c>, so it is a difference and is removed. <c>subnets</c> lists
/// the explicitly associated subnets by document name, sorted. Both are compared as sets.
/// </para>
/// <para>
/// Routes to a prefix list (destination pl-...) are not the table's: a gateway VpcEndpoint adds
/// one to each route table it names and removes it when it goes. They are left out of the live
/// form and never touched, so they are neither drift nor removed.
/// </para>
/// </summary>
internal sealed class RouteTableDriver : Ec2Driver<RouteTableSpec, RouteTable>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        SdkOperations.Ec2.AssociateRouteTable,
        SdkOperations.Ec2.CreateRoute,
        SdkOperations.Ec2.CreateRouteTable,
        SdkOperations.Ec2.CreateTags,
        SdkOperations.Ec2.DeleteRoute,
        SdkOperations.Ec2.DeleteRouteTable,
        SdkOperations.Ec2.DeleteTags,
        SdkOperations.Ec2.DescribeRouteTables,
        SdkOperations.Ec2.DisassociateRouteTable,
        SdkOperations.Ec2.ReplaceRoute,
        SdkOperations.Ec2.ReplaceRouteTableAssociation,
    ];

    protected override string IdOutputName => "routeTableId";

    protected override async Task<IReadOnlyList<RouteTable>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<RouteTable>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeRouteTablesAsync(
                new DescribeRouteTablesRequest { Filters = filters, RouteTableIds = ids, NextToken = token },
                cancellationToken);
            return (response.RouteTables, response.NextToken);
        });

    protected override string IdOf(RouteTable item) => item.RouteTableId;

    protected override IEnumerable<Tag>? TagsOf(RouteTable item) => item.Tags;

    protected override Task<RouteTableSpec> LiveOf(RouteTable item, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new RouteTableSpec
        {
            Vpc = context.Identities.NameOf("Vpc", item.VpcId),
            Routes = [.. RoutesOf(item).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => LiveRoute(r.Key, r.Value, context))],
            Subnets = [.. SubnetAssociationsOf(item).Keys.Select(id => context.Identities.NameOf("Subnet", id)).Order(StringComparer.Ordinal)],
        });

    protected override IReadOnlyDictionary<string, string> OutputsOf(RouteTable item) => new Dictionary<string, string> { ["vpcId"] = item.VpcId };

    // Routes and associations follow as in-place changes.
    protected override async Task<string> CreateNewAsync(ResourceKey key, RouteTableSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        // References resolved first, so a missing one fails before anything is created.
        var vpcId = context.Identities.IdOf("Vpc", spec.Vpc);
        _ = DesiredRoutes(spec, context);
        _ = DesiredSubnets(spec, context);
        var response = await context.Aws.Ec2.CreateRouteTableAsync(
            new CreateRouteTableRequest { VpcId = vpcId, TagSpecifications = Ec2Tags.AtCreate(ResourceType.RouteTable, tags) },
            cancellationToken);
        return response.RouteTable.RouteTableId;
    }

    protected override async Task ApplyAsync(SpecChange<RouteTableSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var table = await DescribeOneAsync(change.Key, change.Id, context, cancellationToken);
        if (change.Changed("routes"))
        {
            await ConvergeRoutesAsync(table, DesiredRoutes(change.Desired, context), context, cancellationToken);
        }

        if (change.Changed("subnets"))
        {
            await ConvergeSubnetsAsync(table, DesiredSubnets(change.Desired, context), context, cancellationToken);
        }
    }

    /// <summary>Disassociates every subnet (a table with associations cannot be deleted), then deletes the table.</summary>
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity["id"];
        if ((await DescribeByIdsAsync([id], context, cancellationToken)).FirstOrDefault() is not { } table)
        {
            return;
        }

        foreach (var associationId in SubnetAssociationsOf(table).Values)
        {
            await IgnoringNotFoundAsync(() => context.Aws.Ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = associationId }, cancellationToken));
        }

        await IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, cancellationToken));
    }

    // Routes are keyed by destination: a route whose target differs is replaced in place, so
    // traffic to that destination is never dropped in between.
    private async Task ConvergeRoutesAsync(RouteTable table, Dictionary<string, (string Id, bool IsNat)> desired, DriverContext context, CancellationToken cancellationToken)
    {
        var live = RoutesOf(table);
        foreach (var destination in live.Keys.Except(desired.Keys))
        {
            await IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteRouteAsync(
                new DeleteRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = destination }, cancellationToken));
        }

        foreach (var (destination, target) in desired)
        {
            if (!live.TryGetValue(destination, out var liveTarget))
            {
                try
                {
                    await context.Aws.Ec2.CreateRouteAsync(
                        new CreateRouteRequest
                        {
                            RouteTableId = table.RouteTableId,
                            DestinationCidrBlock = destination,
                            GatewayId = target.IsNat ? null : target.Id,
                            NatGatewayId = target.IsNat ? target.Id : null,
                        },
                        cancellationToken);
                }
                catch (AmazonEC2Exception e) when (e.ErrorCode == "RouteAlreadyExists")
                {
                    // A create re-sent after its answer was lost (or a route made meanwhile): point it where it belongs.
                    await ReplaceRouteAsync(table.RouteTableId, destination, target, context, cancellationToken);
                }
            }
            else if (liveTarget != target.Id)
            {
                await ReplaceRouteAsync(table.RouteTableId, destination, target, context, cancellationToken);
            }
        }
    }

    private static Task ReplaceRouteAsync(string routeTableId, string destination, (string Id, bool IsNat) target, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.Ec2.ReplaceRouteAsync(
            new ReplaceRouteRequest
            {
                RouteTableId = routeTableId,
                DestinationCidrBlock = destination,
                GatewayId = target.IsNat ? null : target.Id,
                NatGatewayId = target.IsNat ? target.Id : null,
            },
            cancellationToken);

    private async Task ConvergeSubnetsAsync(RouteTable table, HashSet<string> desired, DriverContext context, CancellationToken cancellationToken)
    {
        var live = SubnetAssociationsOf(table);
        foreach (var (subnetId, associationId) in live.Where(a => !desired.Contains(a.Key)))
        {
            await IgnoringNotFoundAsync(() => context.Aws.Ec2.DisassociateRouteTableAsync(
                new DisassociateRouteTableRequest { AssociationId = associationId }, cancellationToken));
        }

        foreach (var subnetId in desired.Where(s => !live.ContainsKey(s)))
        {
            await AssociateAsync(table.RouteTableId, subnetId, context, cancellationToken);
        }
    }

    // A subnet has one explicit table at most: when another table holds it, move the association.
    private static async Task AssociateAsync(string routeTableId, string subnetId, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = routeTableId, SubnetId = subnetId }, cancellationToken);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "Resource.AlreadyAssociated")
        {
            var holders = await context.Aws.Ec2.DescribeRouteTablesAsync(
                new DescribeRouteTablesRequest { Filters = [new Filter("association.subnet-id", [subnetId])] }, cancellationToken);
            var association = (holders.RouteTables ?? [])
                .SelectMany(t => t.Associations ?? [])
                .First(a => a.SubnetId == subnetId && a.Main != true);
            if (association.RouteTableId == routeTableId)
            {
                // Already ours: an associate re-sent after its answer was lost finds its own work done.
                return;
            }

            await context.Aws.Ec2.ReplaceRouteTableAssociationAsync(
                new ReplaceRouteTableAssociationRequest { AssociationId = association.RouteTableAssociationId, RouteTableId = routeTableId }, cancellationToken);
        }
    }

    /// <summary>Desired routes: destination to the target's id, and whether it is a NAT gateway (the API names the two apart).</summary>
    private static Dictionary<string, (string Id, bool IsNat)> DesiredRoutes(RouteTableSpec spec, DriverContext context) =>
        spec.Routes.ToDictionary(
            r => r.Destination,
            r => r.NatGateway is { } nat ? (context.Identities.IdOf("NatGateway", nat), true) : (context.Identities.IdOf("InternetGateway", r.InternetGateway!), false),
            StringComparer.Ordinal);

    /// <summary>A live route in the document's form: the target's kind from its id.</summary>
    private static RouteSpec LiveRoute(string destination, string targetId, DriverContext context) =>
        targetId.StartsWith("nat-", StringComparison.Ordinal)
            ? new RouteSpec { Destination = destination, NatGateway = context.Identities.NameOf("NatGateway", targetId) }
            : new RouteSpec { Destination = destination, InternetGateway = context.Identities.NameOf("InternetGateway", targetId) };

    private static HashSet<string> DesiredSubnets(RouteTableSpec spec, DriverContext context) =>
        spec.Subnets.Select(name => context.Identities.IdOf("Subnet", name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// IPv4 routes the table was given (not the VPC's local route, not a gateway endpoint's
    /// prefix-list route): destination to target id.
    /// </summary>
    private static Dictionary<string, string> RoutesOf(RouteTable table) =>
        (table.Routes ?? [])
            .Where(r => r.DestinationCidrBlock is not null && r.GatewayId != "local" && r.Origin != RouteOrigin.CreateRouteTable)
            .Where(r => r.DestinationPrefixListId is null && !r.DestinationCidrBlock.StartsWith("pl-", StringComparison.Ordinal))
            .GroupBy(r => r.DestinationCidrBlock, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TargetOf(g.First()), StringComparer.Ordinal);

    private static string TargetOf(Route route) =>
        route.GatewayId ?? route.NatGatewayId ?? route.TransitGatewayId ?? route.VpcPeeringConnectionId
        ?? route.NetworkInterfaceId ?? route.InstanceId ?? route.EgressOnlyInternetGatewayId ?? "unknown-target";

    /// <summary>Explicit subnet associations: subnet id to association id.</summary>
    private static Dictionary<string, string> SubnetAssociationsOf(RouteTable table) =>
        (table.Associations ?? [])
            .Where(a => a.SubnetId is not null && a.Main != true && a.AssociationState?.State != RouteTableAssociationStateCode.Disassociated)
            .GroupBy(a => a.SubnetId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().RouteTableAssociationId, StringComparer.Ordinal);
}

using Reconciler.Aws.Clients.Rds;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using RdsOperations = Reconciler.Aws.Clients.Rds.RdsOperations;

namespace Reconciler.Controller.Drivers.Rds;

/// <summary>
/// Converges RDS DB subnet groups through the generated <see cref="IRdsClient"/>.
/// <para>
/// Reads: one paginated DescribeDBSubnetGroups returns every group with its subnets; tags come
/// from the stack's tag index, else one ListTagsForResource per group (the describe has none).
/// </para>
/// <para>Live form: subnets as document names, sorted (a subnet no document owns shows as its id).</para>
/// </summary>
internal sealed class DbSubnetGroupDriver : NameAddressedDriver<DbSubnetGroupSpec, DBSubnetGroup>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. RdsTags.Operations,
        .. StackTagIndex.Operations,
        RdsOperations.CreateDBSubnetGroup,
        RdsOperations.DeleteDBSubnetGroup,
        RdsOperations.DescribeDBSubnetGroups,
        RdsOperations.ModifyDBSubnetGroup,
    ];

    protected override AwsService Service => AwsService.Rds;

    protected override ITagApi Tags => RdsTags.Instance;

    protected override string NameOf(DbSubnetGroupSpec spec) => spec.DbSubnetGroupName!;

    // DescribeDBSubnetGroups filters by one exact name only: the whole kind is listed.
    protected override async Task<IReadOnlyDictionary<string, DBSubnetGroup>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var groups = await Pages.ReadAllAsync<DBSubnetGroup>(async marker =>
        {
            var page = await context.Aws.Rds.DescribeDBSubnetGroupsAsync(new DescribeDBSubnetGroupsMessage { Marker = marker }, cancellationToken);
            return (page.DBSubnetGroups, page.Marker);
        });
        return RdsNames.ByName(groups, g => g.DBSubnetGroupName);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, DBSubnetGroup listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.DBSubnetGroupName!;
        var arn = listed.DBSubnetGroupArn ?? throw new InvalidOperationException($"{key}: DescribeDBSubnetGroups returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var live = new DbSubnetGroupSpec
        {
            DbSubnetGroupName = name,
            Description = listed.DBSubnetGroupDescription ?? "",
            Subnets = [.. (listed.Subnets ?? []).Select(s => context.Identities.NameOf("Subnet", s.SubnetIdentifier!)).Order(StringComparer.Ordinal)],
        };
        var outputs = new Dictionary<string, string> { ["dbSubnetGroupName"] = name, ["vpcId"] = listed.VpcId ?? "" };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, outputs);
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, DbSubnetGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var request = new CreateDBSubnetGroupMessage
        {
            DBSubnetGroupName = NameOf(spec),
            DBSubnetGroupDescription = spec.Description,
            SubnetIds = SubnetIdsOf(spec, context),
            Tags = RdsTags.ToRds(tags),
        };
        var created = await RdsNames.CreatingAsync(() => context.Aws.Rds.CreateDBSubnetGroupAsync(request, cancellationToken));
        return created?.DBSubnetGroup?.DBSubnetGroupName ?? NameOf(spec);
    }

    // ModifyDBSubnetGroup takes the whole subnet list (and the description) in one call.
    protected override Task ApplyAsync(SpecChange<DbSubnetGroupSpec> change, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.Rds.ModifyDBSubnetGroupAsync(
            new ModifyDBSubnetGroupMessage { DBSubnetGroupName = change.Id, DBSubnetGroupDescription = change.Desired.Description, SubnetIds = SubnetIdsOf(change.Desired, context) },
            cancellationToken);

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Rds.DeleteDBSubnetGroupAsync(new DeleteDBSubnetGroupMessage { DBSubnetGroupName = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => RdsErrors.IsNotFound(error);

    private static List<string> SubnetIdsOf(DbSubnetGroupSpec spec, DriverContext context) =>
        [.. spec.Subnets.Select(name => context.Identities.IdOf("Subnet", name))];
}

using Reconciler.Aws.Clients.Rds;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using RdsOperations = Reconciler.Aws.Clients.Rds.RdsOperations;

namespace Reconciler.Controller.Drivers.Rds;

/// <summary>
/// Converges RDS DB parameter groups through the generated <see cref="IRdsClient"/>.
/// <para>
/// Reads: one paginated DescribeDBParameterGroups for the kind, then per group of the stack one
/// paginated DescribeDBParameters of the parameters set by the user (<c>Source=user</c>); tags
/// from the stack's tag index, else ListTagsForResource.
/// </para>
/// <para>
/// Live form: <c>parameters</c> holds the user-set parameters. The planner compares only the
/// keys the document lists, so every other parameter (AWS's defaults) is never drift.
/// </para>
/// <para>
/// Writes: ModifyDBParameterGroup, at most 20 parameters a call, each with the apply method its
/// metadata allows: <c>immediate</c> for dynamic parameters, <c>pending-reboot</c> for static ones
/// (and for any whose type AWS does not report, since RDS accepts pending-reboot for both).
/// </para>
/// </summary>
internal sealed class DbParameterGroupDriver : NameAddressedDriver<DbParameterGroupSpec, DBParameterGroup>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. RdsTags.Operations,
        .. StackTagIndex.Operations,
        RdsOperations.CreateDBParameterGroup,
        RdsOperations.DeleteDBParameterGroup,
        RdsOperations.DescribeDBParameterGroups,
        RdsOperations.DescribeDBParameters,
        RdsOperations.ModifyDBParameterGroup,
    ];

    // ModifyDBParameterGroup's limit.
    private const int MaxParametersPerCall = 20;

    protected override AwsService Service => AwsService.Rds;

    protected override ITagApi Tags => RdsTags.Instance;

    protected override string NameOf(DbParameterGroupSpec spec) => spec.DbParameterGroupName!;

    protected override async Task<IReadOnlyDictionary<string, DBParameterGroup>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var groups = await Pages.ReadAllAsync<DBParameterGroup>(async marker =>
        {
            var page = await context.Aws.Rds.DescribeDBParameterGroupsAsync(new DescribeDBParameterGroupsMessage { Marker = marker }, cancellationToken);
            return (page.DBParameterGroups, page.Marker);
        });
        return RdsNames.ByName(groups, g => g.DBParameterGroupName);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, DBParameterGroup listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.DBParameterGroupName!;
        var arn = listed.DBParameterGroupArn ?? throw new InvalidOperationException($"{key}: DescribeDBParameterGroups returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var parameters = await ParametersAsync(name, "user", context, cancellationToken);
        var live = new DbParameterGroupSpec
        {
            DbParameterGroupName = name,
            Family = listed.DBParameterGroupFamily ?? "",
            Description = listed.Description ?? "",
            Parameters = parameters
                .Where(p => p.ParameterName is not null && p.ParameterValue is not null)
                .GroupBy(p => p.ParameterName!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().ParameterValue!, StringComparer.Ordinal),
        };
        var outputs = new Dictionary<string, string> { ["dbParameterGroupName"] = name, ["dbParameterGroupArn"] = arn };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, outputs);
    }

    // CreateDBParameterGroup takes no parameters: they follow as an in-place change.
    protected override async Task<string> CreateNewAsync(ResourceKey key, DbParameterGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var request = new CreateDBParameterGroupMessage
        {
            DBParameterGroupName = NameOf(spec),
            DBParameterGroupFamily = spec.Family,
            Description = spec.Description,
            Tags = RdsTags.ToRds(tags),
        };
        var created = await RdsNames.CreatingAsync(() => context.Aws.Rds.CreateDBParameterGroupAsync(request, cancellationToken));
        return created?.DBParameterGroup?.DBParameterGroupName ?? NameOf(spec);
    }

    /// <summary>Sets the listed parameters whose values differ; the metadata of all parameters is read once for their apply methods.</summary>
    protected override async Task ApplyAsync(SpecChange<DbParameterGroupSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var differing = change.Desired.Parameters
            .Where(p => change.Live.Parameters.GetValueOrDefault(p.Key) != p.Value)
            .ToList();
        if (differing.Count == 0)
        {
            return;
        }

        var applyTypes = (await ParametersAsync(change.Id, source: null, context, cancellationToken))
            .Where(p => p.ParameterName is not null)
            .GroupBy(p => p.ParameterName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ApplyType, StringComparer.Ordinal);
        foreach (var batch in differing.Chunk(MaxParametersPerCall))
        {
            var parameters = batch.Select(p => new Parameter
            {
                ParameterName = p.Key,
                ParameterValue = p.Value,
                ApplyMethod = applyTypes.GetValueOrDefault(p.Key) == "dynamic" ? "immediate" : "pending-reboot",
            }).ToList();
            await context.Aws.Rds.ModifyDBParameterGroupAsync(new ModifyDBParameterGroupMessage { DBParameterGroupName = change.Id, Parameters = parameters }, cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Rds.DeleteDBParameterGroupAsync(new DeleteDBParameterGroupMessage { DBParameterGroupName = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => RdsErrors.IsNotFound(error);

    private static Task<List<Parameter>> ParametersAsync(string name, string? source, DriverContext context, CancellationToken cancellationToken) =>
        Pages.ReadAllAsync<Parameter>(async marker =>
        {
            var page = await context.Aws.Rds.DescribeDBParametersAsync(new DescribeDBParametersMessage { DBParameterGroupName = name, Source = source, Marker = marker }, cancellationToken);
            return (page.Parameters, page.Marker);
        });
}

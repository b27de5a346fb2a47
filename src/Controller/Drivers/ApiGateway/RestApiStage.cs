using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Stage = Reconciler.Aws.Clients.ApiGateway.Stage;

namespace Reconciler.Controller.Drivers.ApiGateway;

/// <summary>
/// A REST API's stage: read from GetStages, written through CreateStage and UpdateStage's patch
/// operations. The stage-wide throttle is the method setting <c>*/*</c>; access logs name the log
/// group's ARN. The stage the controller made carries the document's resource tag, so among
/// stages made by others it is the one reported.
/// </summary>
internal static class RestApiStage
{
    /// <summary>The method-settings key that covers every method of a stage.</summary>
    private const string AllMethods = "*/*";

    /// <summary>The stage of the API that the document describes: its own name, else the one tagged for it, else the first.</summary>
    public static async Task<Stage?> ReadAsync(string apiId, ResourceKey key, string? desiredName, DriverContext context, CancellationToken cancellationToken)
    {
        var stages = (await context.Aws.ApiGateway.GetStagesAsync(new GetStagesRequest { RestApiId = apiId }, cancellationToken)).Item ?? [];
        return stages.FirstOrDefault(s => s.StageName == desiredName)
            ?? stages.FirstOrDefault(s => s.Tags?.GetValueOrDefault(ResourceTags.ResourceTag) == key.ToString())
            ?? stages.OrderBy(s => s.StageName, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The stage as the spec has it, log groups as document names.</summary>
    public static RestApiStageSpec SpecOf(Stage stage, DriverContext context)
    {
        var all = stage.MethodSettings?.GetValueOrDefault(AllMethods);
        return new RestApiStageSpec
        {
            Name = stage.StageName ?? "",
            Throttle = new ThrottleSpec { RateLimit = (int)(all?.ThrottlingRateLimit ?? 0), BurstLimit = all?.ThrottlingBurstLimit ?? 0 },
            AccessLogs = stage.AccessLogSettings is { DestinationArn: { } arn } logs
                ? new StageAccessLogsSpec { LogGroup = context.Identities.NameOf("LogGroup", Arns.ResourceId(arn)), Format = logs.Format ?? "" }
                : null,
            Variables = stage.Variables ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Creates the stage on a deployment, with its tags, then its throttle and access logs (CreateStage takes neither).</summary>
    public static async Task CreateAsync(string apiId, ResourceKey key, RestApiStageSpec desired, string deploymentId, DriverContext context, CancellationToken cancellationToken)
    {
        await context.Aws.ApiGateway.CreateStageAsync(
            new CreateStageRequest
            {
                RestApiId = apiId,
                StageName = desired.Name,
                DeploymentId = deploymentId,
                Variables = desired.Variables,
                Tags = new Dictionary<string, string> { [ResourceTags.StackTag] = context.Stack.Name, [ResourceTags.ResourceTag] = key.ToString() },
            },
            cancellationToken);
        var operations = ThrottlePatches(desired.Throttle).Concat(await AccessLogPatchesAsync(desired.AccessLogs, context, cancellationToken)).ToList();
        await UpdateAsync(apiId, desired.Name, operations, context, cancellationToken);
    }

    /// <summary>Points the stage at a deployment and changes what differs of <paramref name="live"/>.</summary>
    public static async Task ChangeAsync(string apiId, RestApiStageSpec desired, RestApiStageSpec live, string? deploymentId, Func<string, bool> changed, DriverContext context, CancellationToken cancellationToken)
    {
        var operations = new List<PatchOperation>();
        if (deploymentId is not null)
        {
            operations.Add(Patch.Replace("/deploymentId", deploymentId));
        }

        if (changed("stage.throttle"))
        {
            operations.AddRange(ThrottlePatches(desired.Throttle));
        }

        if (changed("stage.accessLogs"))
        {
            operations.AddRange(await AccessLogPatchesAsync(desired.AccessLogs, context, cancellationToken));
        }

        if (changed("stage.variables"))
        {
            operations.AddRange(live.Variables.Keys.Where(k => !desired.Variables.ContainsKey(k)).Select(k => Patch.Remove($"/variables/{k}")));
            operations.AddRange(desired.Variables.Where(v => live.Variables.GetValueOrDefault(v.Key) != v.Value).Select(v => Patch.Replace($"/variables/{v.Key}", v.Value)));
        }

        await UpdateAsync(apiId, desired.Name, operations, context, cancellationToken);
    }

    private static async Task UpdateAsync(string apiId, string stageName, List<PatchOperation> operations, DriverContext context, CancellationToken cancellationToken)
    {
        if (operations.Count > 0)
        {
            await context.Aws.ApiGateway.UpdateStageAsync(new UpdateStageRequest { RestApiId = apiId, StageName = stageName, PatchOperations = operations }, cancellationToken);
        }
    }

    private static IEnumerable<PatchOperation> ThrottlePatches(ThrottleSpec throttle) =>
    [
        Patch.Replace($"/{AllMethods}/throttling/rateLimit", throttle.RateLimit),
        Patch.Replace($"/{AllMethods}/throttling/burstLimit", throttle.BurstLimit),
    ];

    // Access logs name the group by ARN, which only CloudWatch Logs knows (it holds the account).
    private static async Task<IEnumerable<PatchOperation>> AccessLogPatchesAsync(StageAccessLogsSpec? logs, DriverContext context, CancellationToken cancellationToken)
    {
        if (logs is null)
        {
            return [];
        }

        var name = context.Identities.IdOf("LogGroup", logs.LogGroup);
        var groups = await context.Aws.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = name }, cancellationToken);
        var group = (groups.LogGroups ?? []).FirstOrDefault(g => g.LogGroupName == name)
            ?? throw new InvalidOperationException($"LogGroup '{logs.LogGroup}' ({name}) does not exist in AWS yet; it must be created before the stage that logs to it.");
        var arn = group.LogGroupArn ?? group.Arn!.TrimEnd('*').TrimEnd(':');
        return [Patch.Replace("/accessLogSettings/destinationArn", arn), Patch.Replace("/accessLogSettings/format", logs.Format)];
    }
}

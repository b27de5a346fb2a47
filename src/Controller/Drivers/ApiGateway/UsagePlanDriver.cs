using Reconciler.Aws;
using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using ApiGatewayOperations = Reconciler.Aws.Clients.ApiGateway.ApiGatewayOperations;

namespace Reconciler.Controller.Drivers.ApiGateway;

/// <summary>
/// Converges API Gateway usage plans. Reads: one paginated GetUsagePlans (throttle, quota and
/// stages of every plan), then GetUsagePlanKeys per plan of the stack. Writes: settings and stages
/// through UpdateUsagePlan's patch operations, keys one by one (CreateUsagePlanKey, DeleteUsagePlanKey).
/// </summary>
internal sealed class UsagePlanDriver : ApiGatewayDriver<UsagePlanSpec, UsagePlan>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        ApiGatewayOperations.CreateUsagePlan,
        ApiGatewayOperations.CreateUsagePlanKey,
        ApiGatewayOperations.DeleteUsagePlan,
        ApiGatewayOperations.DeleteUsagePlanKey,
        ApiGatewayOperations.GetUsagePlan,
        ApiGatewayOperations.GetUsagePlanKeys,
        ApiGatewayOperations.GetUsagePlans,
        ApiGatewayOperations.TagResource,
        ApiGatewayOperations.UntagResource,
        ApiGatewayOperations.UpdateUsagePlan,
    ];

    private const string ApiKeyType = "API_KEY";

    // GetUsagePlans' and GetUsagePlanKeys' largest page.
    private const int MaxPageSize = 500;

    protected override string Collection => "usageplans";

    protected override string IdOutputName => "usagePlanId";

    protected override async Task<IReadOnlyList<UsagePlan>> ListAsync(DriverContext context, CancellationToken cancellationToken) =>
        await context.Aws.ApiGateway.GetUsagePlansAllAsync(new GetUsagePlansRequest { Limit = MaxPageSize }, cancellationToken).ToListAsync(cancellationToken);

    protected override Task<UsagePlan> GetAsync(string id, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.ApiGateway.GetUsagePlanAsync(new GetUsagePlanRequest { UsagePlanId = id }, cancellationToken);

    protected override string IdOf(UsagePlan item) => item.Id!;

    protected override IReadOnlyDictionary<string, string>? TagsOf(UsagePlan item) => item.Tags;

    protected override async Task<(UsagePlanSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(UsagePlan item, UsagePlanSpec? desired, DriverContext context, CancellationToken cancellationToken)
    {
        var keys = await KeyIdsAsync(item.Id!, context, cancellationToken);
        var live = new UsagePlanSpec
        {
            PlanName = item.Name,
            Description = item.Description,
            Throttle = new ThrottleSpec { RateLimit = (int)(item.Throttle?.RateLimit ?? 0), BurstLimit = item.Throttle?.BurstLimit ?? 0 },
            Quota = item.Quota is { Limit: { } limit, Period: { } period } ? new UsagePlanQuotaSpec { Limit = limit, Period = period } : null,
            ApiStages = [.. (item.ApiStages ?? []).Select(s => new UsagePlanStageSpec { RestApi = context.Identities.NameOf("RestApi", s.ApiId ?? ""), Stage = s.Stage ?? "" })],
            Keys = [.. keys.Select(k => context.Identities.NameOf("ApiKey", k))],
        };
        return (live, new Dictionary<string, string>());
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, UsagePlanSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var created = await context.Aws.ApiGateway.CreateUsagePlanAsync(
            new CreateUsagePlanRequest
            {
                Name = spec.PlanName!,
                Description = spec.Description,
                Throttle = new ThrottleSettings { RateLimit = spec.Throttle.RateLimit, BurstLimit = spec.Throttle.BurstLimit },
                Quota = spec.Quota is { } quota ? new QuotaSettings { Limit = quota.Limit, Period = quota.Period } : null,
                ApiStages = [.. spec.ApiStages.Select(s => new ApiStage { ApiId = context.Identities.IdOf("RestApi", s.RestApi), Stage = s.Stage })],
                Tags = tags,
            },
            cancellationToken);
        return created.Id!;
    }

    protected override async Task ApplyAsync(SpecChange<UsagePlanSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var operations = SettingPatches(change).Concat(StagePatches(change, context)).ToList();
        if (operations.Count > 0)
        {
            await context.Aws.ApiGateway.UpdateUsagePlanAsync(new UpdateUsagePlanRequest { UsagePlanId = change.Id, PatchOperations = operations }, cancellationToken);
        }

        if (change.Changed("keys"))
        {
            await ConvergeKeysAsync(change.Id, change.Desired.Keys.Select(k => context.Identities.IdOf("ApiKey", k)).ToHashSet(StringComparer.Ordinal), context, cancellationToken);
        }
    }

    // A plan still covering stages cannot be deleted: its stages go first.
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(async () =>
        {
            var plan = await GetAsync(identity["id"], context, cancellationToken);
            var stages = (plan.ApiStages ?? []).Select(s => Patch.Remove("/apiStages", $"{s.ApiId}:{s.Stage}")).ToList();
            if (stages.Count > 0)
            {
                await context.Aws.ApiGateway.UpdateUsagePlanAsync(new UpdateUsagePlanRequest { UsagePlanId = identity["id"], PatchOperations = stages }, cancellationToken);
            }

            await context.Aws.ApiGateway.DeleteUsagePlanAsync(new DeleteUsagePlanRequest { UsagePlanId = identity["id"] }, cancellationToken);
        });

    private static IEnumerable<PatchOperation> SettingPatches(SpecChange<UsagePlanSpec> change)
    {
        var desired = change.Desired;
        if (change.Changed("planName"))
        {
            yield return Patch.Replace("/name", desired.PlanName!);
        }

        if (change.Changed("description"))
        {
            yield return Patch.Replace("/description", desired.Description ?? "");
        }

        if (change.Changed("throttle"))
        {
            yield return Patch.Replace("/throttle/rateLimit", desired.Throttle.RateLimit);
            yield return Patch.Replace("/throttle/burstLimit", desired.Throttle.BurstLimit);
        }

        // An absent quota is unmanaged, so a changed one is always a desired one.
        if (change.Changed("quota") && desired.Quota is { } quota)
        {
            yield return Patch.Replace("/quota/limit", quota.Limit);
            yield return Patch.Replace("/quota/period", quota.Period);
        }
    }

    // Stages are a set of "apiId:stage": the desired ones missing are added, the live ones not desired removed.
    private static IEnumerable<PatchOperation> StagePatches(SpecChange<UsagePlanSpec> change, DriverContext context)
    {
        if (!change.Changed("apiStages"))
        {
            return [];
        }

        string Address(UsagePlanStageSpec s) => $"{context.Identities.IdOf("RestApi", s.RestApi)}:{s.Stage}";
        string LiveAddress(UsagePlanStageSpec s) => $"{context.Identities.TryIdOf(new ResourceKey("RestApi", s.RestApi)) ?? s.RestApi}:{s.Stage}";
        var desired = change.Desired.ApiStages.Select(Address).ToHashSet(StringComparer.Ordinal);
        var live = change.Live.ApiStages.Select(LiveAddress).ToHashSet(StringComparer.Ordinal);
        return live.Except(desired).Select(s => Patch.Remove("/apiStages", s))
            .Concat(desired.Except(live).Select(s => Patch.Add("/apiStages", s)));
    }

    private static async Task ConvergeKeysAsync(string planId, IReadOnlySet<string> desired, DriverContext context, CancellationToken cancellationToken)
    {
        var live = (await KeyIdsAsync(planId, context, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var keyId in live.Except(desired).Order(StringComparer.Ordinal))
        {
            await context.Aws.ApiGateway.DeleteUsagePlanKeyAsync(new DeleteUsagePlanKeyRequest { UsagePlanId = planId, KeyId = keyId }, cancellationToken);
        }

        foreach (var keyId in desired.Except(live).Order(StringComparer.Ordinal))
        {
            await context.Aws.ApiGateway.CreateUsagePlanKeyAsync(new CreateUsagePlanKeyRequest { UsagePlanId = planId, KeyId = keyId, KeyType = ApiKeyType }, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> KeyIdsAsync(string planId, DriverContext context, CancellationToken cancellationToken) =>
        [.. (await context.Aws.ApiGateway.GetUsagePlanKeysAllAsync(new GetUsagePlanKeysRequest { UsagePlanId = planId, Limit = MaxPageSize }, cancellationToken).ToListAsync(cancellationToken))
            .Select(k => k.Id).OfType<string>()];
}

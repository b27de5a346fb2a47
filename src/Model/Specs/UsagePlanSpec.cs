using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An API Gateway usage plan: the rate, burst and quota each of its API keys gets on the REST API
/// stages it covers. The plan's keys are converged one by one (CreateUsagePlanKey, DeleteUsagePlanKey).
/// </summary>
[Kind("UsagePlan")]
public sealed record UsagePlanSpec : IResourceSpec
{
    /// <summary>The plan's name. Defaults to <c>{stack}-{document name}</c>.</summary>
    [DefaultName("{stack}-{name}")]
    public string? PlanName { get; init; }

    /// <summary>What the plan is for; unmanaged when absent.</summary>
    public string? Description { get; init; }

    /// <summary>Requests per second and burst, per key.</summary>
    public required ThrottleSpec Throttle { get; init; }

    /// <summary>Requests per day, week or month, per key; unmanaged when absent (a quota set elsewhere stays).</summary>
    public UsagePlanQuotaSpec? Quota { get; init; }

    /// <summary>The REST API stages the plan covers.</summary>
    public required IReadOnlyList<UsagePlanStageSpec> ApiStages { get; init; }

    /// <summary>The ApiKey documents in the plan.</summary>
    [Reference("ApiKey")]
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>Stages that exist in the named RestApi documents, and a burst the rate fits in.</summary>
    public void Validate(SpecRules rules)
    {
        if (rules.HasValue("apiStages") && ApiStages.Count == 0)
        {
            rules.Error("apiStages", "UsagePlan spec.apiStages is empty: its keys could call nothing; add {restApi: <RestApi document>, stage: <its stage.name>}");
        }

        for (var i = 0; i < ApiStages.Count; i++)
        {
            var covered = ApiStages[i];
            if (rules.HasValue($"apiStages[{i}].restApi") && rules.HasValue($"apiStages[{i}].stage")
                && rules.Find<RestApiSpec>(covered.RestApi) is { Stage.Name: { } stageName } && stageName != covered.Stage)
            {
                rules.Error($"apiStages[{i}].stage", $"UsagePlan spec.apiStages[{i}].stage '{covered.Stage}' is not a stage of RestApi '{covered.RestApi}' (its stage is '{stageName}'); name that stage");
            }
        }

        if (rules.HasValue("throttle.burstLimit") && rules.HasValue("throttle.rateLimit") && Throttle.BurstLimit < Throttle.RateLimit)
        {
            rules.Error("throttle.burstLimit", $"UsagePlan spec.throttle.burstLimit {Throttle.BurstLimit} is below rateLimit {Throttle.RateLimit}; raise burstLimit to at least the rate");
        }
    }

    /// <summary>AWS charges nothing for usage plans (requests are priced on the RestApi).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}

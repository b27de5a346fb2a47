using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// The alert of a rollout that aborted on its analysis: all traffic is back on blue, green is
/// kept (serving nothing) for inspection, and the measurements that failed say why.
/// </summary>
/// <param name="Stack">The stack.</param>
/// <param name="State">The rollout as it was recorded aborted.</param>
/// <param name="Failed">The failing measurements.</param>
/// <param name="At">When it aborted.</param>
public sealed record RolloutAbortAlert(string Stack, RolloutState State, IReadOnlyList<Measurement> Failed, DateTimeOffset At)
{
    /// <summary>The generic webhook body: {type: "rollout-aborted", stack, service, version, stableVersion, step, weights, failed: [...], reason, sentAt}.</summary>
    public string ToJson() => new JsonObject
    {
        ["type"] = "rollout-aborted",
        ["stack"] = Stack,
        ["service"] = State.Service,
        ["version"] = State.Target?.Label,
        ["stableVersion"] = State.Stable.Label,
        ["revision"] = State.Revision,
        ["step"] = State.Step,
        ["weights"] = new JsonObject { ["blue"] = State.BlueWeight, ["green"] = State.GreenWeight },
        ["failed"] = JsonSerializer.SerializeToNode(Failed, RolloutStore.Json),
        ["reason"] = State.Message,
        ["sentAt"] = At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
    }.ToJsonString();

    /// <summary>A Slack incoming-webhook body.</summary>
    public string ToSlackJson() => JsonSerializer.Serialize(new
    {
        text = $":rotating_light: Stack {Stack}: rollout of {State.Service} to model version {State.Target?.Label} aborted at step {State.Step + 1}; "
            + $"all traffic is back on blue (version {State.Stable.Label}), green kept for inspection. "
            + string.Join("; ", Failed.Select(m => $"{m.Metric} = {m.Value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "no data"} (fails {m.FailWhen} {m.Threshold.ToString(CultureInfo.InvariantCulture)}): {m.Detail}")),
    });
}

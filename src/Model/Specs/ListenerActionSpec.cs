using System.Text.RegularExpressions;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// What a listener (its default action) or a listener rule does with a request: exactly one of
/// forward, redirect or fixedResponse. Listener and ListenerRule share this record, its rules and
/// its AWS conversion.
/// </summary>
public sealed partial record ListenerActionSpec
{
    /// <summary>Forward to target groups by weight.</summary>
    public ForwardActionSpec? Forward { get; init; }

    /// <summary>Redirect, e.g. HTTP to HTTPS.</summary>
    public RedirectActionSpec? Redirect { get; init; }

    /// <summary>Answer with a fixed response.</summary>
    public FixedResponseActionSpec? FixedResponse { get; init; }

    /// <summary>
    /// The action's rules at <paramref name="path"/> (<c>defaultAction</c>, <c>action</c>) of a
    /// <paramref name="kind"/> document: exactly one action; 1 to 5 distinct target groups; declared
    /// weights not all zero; a fixed response's status and body within ELB's limits.
    /// </summary>
    public void Validate(SpecRules rules, string path, string kind)
    {
        var set = new[] { (Forward is not null, "forward"), (Redirect is not null, "redirect"), (FixedResponse is not null, "fixedResponse") }.Where(a => a.Item1).Select(a => a.Item2).ToList();
        if (set.Count != 1)
        {
            rules.Error(path, set.Count == 0
                ? $"{path} in {kind} spec sets no action; set exactly one of forward, redirect or fixedResponse"
                : $"{path} in {kind} spec sets {string.Join(" and ", set)}; set exactly one of forward, redirect or fixedResponse");
        }

        if (Forward is { TargetGroups: { } groups } forward)
        {
            ValidateForward(rules, $"{path}.forward", kind, forward, groups);
        }

        if (FixedResponse is { } fixedResponse)
        {
            if (!StatusPattern().IsMatch(fixedResponse.StatusCode ?? ""))
            {
                rules.Error($"{path}.fixedResponse.statusCode", $"{path}.fixedResponse.statusCode '{fixedResponse.StatusCode}' in {kind} spec must be a 2XX, 4XX or 5XX HTTP status, e.g. \"404\"");
            }

            if (fixedResponse.MessageBody is { Length: > 1024 } body)
            {
                rules.Error($"{path}.fixedResponse.messageBody", $"{path}.fixedResponse.messageBody in {kind} spec has {body.Length} characters; ELB allows at most 1024");
            }
        }
    }

    /// <summary>The paths of the weights when a rollout owns them (and the ownership switch itself, which is no AWS state).</summary>
    public IEnumerable<string> FieldsOwnedElsewhere(string path)
    {
        if (Forward is null)
        {
            yield break;
        }

        yield return $"{path}.forward.weights";
        if (Forward.Weights == ForwardActionSpec.RolloutWeights)
        {
            yield return $"{path}.forward.targetGroups.weight";
        }
    }

    private static void ValidateForward(SpecRules rules, string path, string kind, ForwardActionSpec forward, IReadOnlyList<WeightedTargetGroupSpec> groups)
    {
        if (groups.Count is 0 or > 5)
        {
            rules.Error($"{path}.targetGroups", $"{path}.targetGroups in {kind} spec lists {groups.Count} target groups; a forward action takes 1 to 5");
        }

        var names = groups.OfType<WeightedTargetGroupSpec>().Select(g => g.TargetGroup).ToList();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            rules.Error($"{path}.targetGroups", $"{path}.targetGroups in {kind} spec lists target group '{duplicate.Key}' twice; list each once with its weight");
        }

        // Declared weights are kept; a rollout's start at these too (they are written at create), so neither may serve nothing.
        var weightsBound = Enumerable.Range(0, groups.Count).All(i => groups[i] is not null && (rules.HasValue($"{path}.targetGroups[{i}].weight") || !rules.IsSet($"{path}.targetGroups[{i}].weight")));
        if (groups.Count > 0 && weightsBound && groups.All(g => g.Weight == 0))
        {
            var owner = forward.Weights == ForwardActionSpec.RolloutWeights ? "the rollout's starting weights" : "the declared weights";
            rules.Error($"{path}.targetGroups", $"every weight in {path}.targetGroups of {kind} spec is 0 ({owner}), so no request would be served; give at least one target group a weight above 0");
        }
    }

    [GeneratedRegex("^[245][0-9]{2}$")]
    private static partial Regex StatusPattern();
}

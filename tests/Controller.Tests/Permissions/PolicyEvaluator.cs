using System.Text.RegularExpressions;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>
/// A small IAM evaluator for Allow statements, written apart from the policy builder so the
/// tests check its meaning, not its text (moto does not evaluate policies): an action and a
/// resource ARN match with IAM's <c>*</c> and <c>?</c> wildcards, and the conditions the
/// controller's policy uses (StringEquals and StringEqualsIfExists on tag keys) hold for the
/// request's and resource's tags. Anything else is denied.
/// </summary>
internal static class PolicyEvaluator
{
    /// <summary>What a role with all of <paramref name="policies"/> attached may do: what any one of them allows (none of the controller's statements denies).</summary>
    public static bool Allows(
        IReadOnlyList<PolicyDocumentSpec> policies,
        string action,
        string resource,
        IReadOnlyDictionary<string, string>? resourceTags = null,
        IReadOnlyDictionary<string, string>? requestTags = null) =>
        policies.Any(p => Allows(p, action, resource, resourceTags, requestTags));

    public static bool Allows(
        PolicyDocumentSpec policy,
        string action,
        string resource,
        IReadOnlyDictionary<string, string>? resourceTags = null,
        IReadOnlyDictionary<string, string>? requestTags = null) =>
        policy.Statements.Any(s =>
            s.Effect == "Allow"
            && s.Actions.Any(a => Matches(a, action, ignoreCase: true))
            && s.Resources.Any(r => Matches(r, resource, ignoreCase: false))
            && s.Conditions.All(c => Holds(c, resourceTags ?? new Dictionary<string, string>(), requestTags ?? new Dictionary<string, string>())));

    private static bool Matches(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    private static bool Holds(PolicyConditionSpec condition, IReadOnlyDictionary<string, string> resourceTags, IReadOnlyDictionary<string, string> requestTags)
    {
        string? value = condition.Variable switch
        {
            var v when v.StartsWith("aws:ResourceTag/", StringComparison.Ordinal) => resourceTags.GetValueOrDefault(v["aws:ResourceTag/".Length..]),
            var v when v.StartsWith("aws:RequestTag/", StringComparison.Ordinal) => requestTags.GetValueOrDefault(v["aws:RequestTag/".Length..]),
            _ => throw new NotSupportedException($"the evaluator does not know condition key {condition.Variable}"),
        };
        return condition.Test switch
        {
            "StringEquals" => value is not null && condition.Values.Contains(value),
            "StringEqualsIfExists" => value is null || condition.Values.Contains(value),
            _ => throw new NotSupportedException($"the evaluator does not know condition operator {condition.Test}"),
        };
    }
}

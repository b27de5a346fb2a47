using Reconciler.Model.Iam;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Permissions;

/// <summary>
/// Splits one policy into as few customer managed policies as IAM's size limit allows
/// (<see cref="ManagedPolicySize.MaxDocumentCharacters"/>, whitespace not counted), for a role
/// that takes at most <see cref="ManagedPolicySize.MaxAttachedPerRole"/>. Deterministic and
/// stable: the statements are taken in the policy's order, a service's statements together
/// (their action prefix), each service into the first part it fits (first-fit), so a change to
/// one service moves at most that service and those after it, never reorders the rest. A service
/// that fits no part whole goes statement by statement; a statement that fits no part alone is cut
/// into statements with the same effect, resources and conditions and a share of the actions each
/// (which allows exactly what the one did), with the statement id numbered.
/// </summary>
internal static class ManagedPolicySplit
{
    /// <summary>The parts of <paramref name="policy"/>, in order; refused when they would be more than <paramref name="maxParts"/>.</summary>
    public static IReadOnlyList<PolicyDocumentSpec> Split(
        PolicyDocumentSpec policy,
        int maxCharacters = ManagedPolicySize.MaxDocumentCharacters,
        int maxParts = ManagedPolicySize.MaxAttachedPerRole)
    {
        var parts = new List<List<PolicyStatementSpec>>();
        foreach (var service in policy.Statements.GroupBy(ServiceOf, StringComparer.Ordinal))
        {
            if (!Place(parts, [.. service], policy.Version, maxCharacters))
            {
                foreach (var statement in service.SelectMany(s => Cut(s, policy.Version, maxCharacters)))
                {
                    Place(parts, [statement], policy.Version, maxCharacters);
                }
            }
        }

        if (parts.Count > maxParts)
        {
            throw new PolicyTooLargeException(
                $"the policy is {ManagedPolicySize.Of(policy)} characters without whitespace and needs {parts.Count} managed policies of at most {maxCharacters} characters, "
                + $"but a role takes at most {maxParts} attached managed policies (IAM's default quota); use fewer kinds in the stack, or split it into stacks with a controller each");
        }

        return [.. parts.Select(p => policy with { Statements = p })];
    }

    // Into the first part with room, else a new part when the statements fit an empty one.
    private static bool Place(List<List<PolicyStatementSpec>> parts, IReadOnlyList<PolicyStatementSpec> statements, string version, int maxCharacters)
    {
        foreach (var part in parts)
        {
            if (Size([.. part, .. statements], version) <= maxCharacters)
            {
                part.AddRange(statements);
                return true;
            }
        }

        if (Size(statements, version) > maxCharacters)
        {
            return false;
        }

        parts.Add([.. statements]);
        return true;
    }

    // A statement that fits alone stays whole; a larger one is cut by its actions, in their order.
    private static IEnumerable<PolicyStatementSpec> Cut(PolicyStatementSpec statement, string version, int maxCharacters)
    {
        if (Size([statement], version) <= maxCharacters)
        {
            return [statement];
        }

        if (statement.NotActions.Count > 0 || statement.Actions.Count < 2)
        {
            // NotAction cannot be cut without changing what it allows; one action cannot be cut at all.
            throw new PolicyTooLargeException(
                $"statement {statement.Sid ?? "(without Sid)"} alone is {Size([statement], version)} characters without whitespace, over the {maxCharacters} of one managed policy, and cannot be cut by its actions");
        }

        // Measured with a two-digit number on the id, so the numbered pieces fit too.
        var pieces = new List<List<string>> { new() };
        foreach (var action in statement.Actions)
        {
            if (pieces[^1].Count > 0 && Size([Piece(statement, [.. pieces[^1], action], 99)], version) > maxCharacters)
            {
                pieces.Add([]);
            }

            pieces[^1].Add(action);
        }

        var cut = pieces.Select((actions, i) => Piece(statement, actions, i + 1)).ToList();
        return cut.All(p => Size([p], version) <= maxCharacters)
            ? cut
            : throw new PolicyTooLargeException(
                $"statement {statement.Sid ?? "(without Sid)"} is over the {maxCharacters} characters of one managed policy even with a single action (its resources and conditions alone are too large)");
    }

    private static PolicyStatementSpec Piece(PolicyStatementSpec statement, IReadOnlyList<string> actions, int number) =>
        statement with { Sid = statement.Sid is { } sid ? sid + number : null, Actions = actions };

    private static int Size(IReadOnlyList<PolicyStatementSpec> statements, string version) =>
        ManagedPolicySize.Of(new PolicyDocumentSpec { Version = version, Statements = statements });

    /// <summary>The service a statement grants on: the prefix of its first action (iam:CreateRole -> iam).</summary>
    public static string ServiceOf(PolicyStatementSpec statement) =>
        statement.Actions.Concat(statement.NotActions).FirstOrDefault() is { } action && action.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
            ? action[..colon]
            : "";
}

using Reconciler.Model.Kinds;

namespace Reconciler.Model.Iam;

/// <summary>
/// IAM's naming rule for roles, policies and instance profiles: letters, digits and <c>+=,.@_-</c>,
/// up to a length per kind (64 for roles, 128 for policies and profiles). A default name
/// (<c>{stack}-{name}</c>) that breaks it is reported at the document's name.
/// </summary>
public static class IamNames
{
    /// <summary>Reports the name at <paramref name="field"/> if IAM would refuse it.</summary>
    public static void Check(SpecRules rules, string kind, string field, string? name, int maxLength)
    {
        if (name is null || Problem(name, maxLength) is not { } problem)
        {
            return;
        }

        if (rules.IsSet(field))
        {
            rules.Error(field, $"invalid {field} '{name}' in {kind} spec: IAM names {problem}");
        }
        else
        {
            rules.ErrorAtName($"default {field} '{name}' (stack name and document name) is invalid: IAM names {problem}; set spec.{field} or shorten the names");
        }
    }

    private static string? Problem(string name, int maxLength) =>
        name.Length is 0 || name.Length > maxLength ? $"must be 1 to {maxLength} characters long (this one has {name.Length})"
        : name.Any(c => !char.IsAsciiLetterOrDigit(c) && !"+=,.@_-".Contains(c, StringComparison.Ordinal)) ? "may contain only letters, digits and +=,.@_-"
        : null;
}

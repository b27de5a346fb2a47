using Reconciler.Aws.Clients.Iam;
using Reconciler.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Role fields that name the stack's Policy documents (attachments, the permissions boundary),
/// between document names and the ARNs IAM works with. A Policy document's id is its policy
/// name, unique in the account whatever its path; its ARN carries the path, so writing looks the
/// ARN up in one ListPolicies of the account's own policies, and reading takes the name from the
/// ARN's last segment.
/// </summary>
internal static class IamPolicyReferences
{
    private const string PolicyKind = "Policy";

    /// <summary>
    /// The Policy document an attached (or boundary) ARN belongs to, or null for a policy the stack
    /// does not describe (AWS managed, or another tool's), which stays a plain ARN.
    /// </summary>
    public static string? DocumentOf(DriverContext context, string arn)
    {
        var (account, name) = AccountAndName(arn);
        if (account is null or "aws" || name is null)
        {
            return null;
        }

        return context.Identities.Keys
            .Where(k => k.Kind == PolicyKind && context.Identities.TryIdOf(k) == name)
            .Select(k => k.Name)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The ARNs of the named Policy documents' policies, read once from the account's own policies.</summary>
    public static async Task<IReadOnlyList<string>> ArnsOfAsync(DriverContext context, IReadOnlyCollection<string> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var policy in context.Aws.Iam.ListPoliciesAllAsync(new ListPoliciesRequest { Scope = "Local" }, cancellationToken))
        {
            if (policy is { PolicyName: { } name, Arn: { } arn })
            {
                byName[name] = arn;
            }
        }

        return [.. documents.Select(document =>
        {
            var name = context.Identities.IdOf(PolicyKind, document);
            return byName.TryGetValue(name, out var arn)
                ? arn
                : throw new InvalidOperationException($"{new ResourceKey(PolicyKind, document)}: policy '{name}' is not in the account; it must be created before the roles that attach it.");
        })];
    }

    // arn:aws:iam::123456789012:policy/path/name -> ("123456789012", "name").
    private static (string? Account, string? Name) AccountAndName(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[2] == "iam" && parts[5].StartsWith("policy/", StringComparison.Ordinal)
            ? (parts[4], parts[5][(parts[5].LastIndexOf('/') + 1)..])
            : (null, null);
    }
}

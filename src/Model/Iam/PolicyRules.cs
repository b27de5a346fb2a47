using Reconciler.Model.Kinds;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Iam;

/// <summary>
/// The checks every policy document of the IAM kinds gets, in one place: the statement shapes
/// IAM refuses (reported before any AWS call, at the field), and least privilege: an Allow of
/// every action (<c>*</c>, <c>service:*</c>), of every resource (<c>*</c>) or a trust policy that lets
/// anyone (<c>*</c>) assume the role is a warning, and an error where the stack's
/// <c>policies.iamWildcards</c> is <c>refuse</c>.
/// <para>
/// A <c>*</c> resource is taken as intended when the statement has conditions: some actions
/// (cloudwatch:PutMetricData, ec2:Describe*) have no resource ARN at all, and a condition such as
/// <c>cloudwatch:namespace</c> is then what narrows them. So is a <c>*</c> resource of a statement
/// whose actions all only list or describe (<c>ec2:DescribeVpcs</c>, <c>iam:ListRoles</c>,
/// <c>tag:GetResources</c>): those take no resource ARN, and change nothing. A wildcard resource
/// on any other action (a write, or a read of content such as <c>s3:GetObject</c>) is not
/// excused, and wildcard actions never are.
/// </para>
/// </summary>
public static class PolicyRules
{
    /// <summary>Checks a permissions policy (inline or managed): no principals, resources on every statement.</summary>
    public static void CheckPermissions(SpecRules rules, string kind, string path, PolicyDocumentSpec? document) =>
        Check(rules, kind, path, document, trust: false);

    /// <summary>Checks a trust (assume-role) policy: principals on every statement, no resources.</summary>
    public static void CheckTrust(SpecRules rules, string kind, string path, PolicyDocumentSpec? document) =>
        Check(rules, kind, path, document, trust: true);

    /// <summary>
    /// Checks a resource policy (a bucket's): principals on every statement (who may act on the
    /// resource), resources on every statement, and the same wildcard rules as permissions.
    /// </summary>
    public static void CheckResource(SpecRules rules, string kind, string path, PolicyDocumentSpec? document) =>
        Check(rules, kind, path, document, trust: false, resource: true);

    /// <summary>IAM paths start and end with a slash (<c>/</c>, <c>/app/</c>).</summary>
    public static void CheckPath(SpecRules rules, string kind, string field, string? path)
    {
        if (path is not null && (!path.StartsWith('/') || !path.EndsWith('/')))
        {
            rules.Error(field, $"invalid {field} '{path}' in {kind} spec: IAM paths start and end with '/', e.g. / or /app/");
        }
    }

    private static void Check(SpecRules rules, string kind, string path, PolicyDocumentSpec? document, bool trust, bool resource = false)
    {
        if (document?.Statements is not { } statements)
        {
            return;
        }

        if (statements.Count == 0)
        {
            rules.Error($"{path}.statements", $"{kind} spec.{path} has no statements; a policy needs at least one statement");
            return;
        }

        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is { } statement)
            {
                CheckStatement(rules, $"{path}.statements[{i}]", $"{kind} spec.{path}.statements[{i}]", statement, trust, resource);
            }
        }
    }

    private static void CheckStatement(SpecRules rules, string path, string where, PolicyStatementSpec statement, bool trust, bool resource)
    {
        var (actions, notActions) = (statement.Actions ?? [], statement.NotActions ?? []);
        var (resources, notResources) = (statement.Resources ?? [], statement.NotResources ?? []);
        if (actions.Count == 0 && notActions.Count == 0)
        {
            rules.Error($"{path}.actions", $"statement {where} has no actions; set actions (or notActions)");
        }

        if (actions.Count > 0 && notActions.Count > 0)
        {
            rules.Error($"{path}.notActions", $"statement {where} sets both actions and notActions; IAM takes one of them");
        }

        if (resources.Count > 0 && notResources.Count > 0)
        {
            rules.Error($"{path}.notResources", $"statement {where} sets both resources and notResources; IAM takes one of them");
        }

        if (statement.Effect == "Allow" && notActions.Count > 0 && notResources.Count > 0)
        {
            rules.Error($"{path}.notResources", $"statement {where} allows notActions on notResources: that grants almost everything on almost everything; list the actions or the resources instead");
        }

        if (trust)
        {
            CheckTrustStatement(rules, path, where, statement, resources.Count + notResources.Count > 0);
            return;
        }

        if (resource)
        {
            CheckResourcePrincipals(rules, path, where, statement);
        }
        else if (statement.Principals is not null)
        {
            rules.Error($"{path}.principals", $"statement {where} names principals; only a role's assumeRolePolicy (trust policy) takes principals, remove them here");
        }

        if (resources.Count == 0 && notResources.Count == 0)
        {
            rules.Error($"{path}.resources", $"statement {where} has no resources; set resources (ARNs, or '*' with a condition where the actions have no resource ARN)");
        }

        if (statement.Effect == "Allow")
        {
            CheckWildcards(rules, path, where, statement, actions, resources);
        }
    }

    private static void CheckTrustStatement(SpecRules rules, string path, string where, PolicyStatementSpec statement, bool hasResources)
    {
        var principals = statement.Principals;
        if (principals is null || (principals.Service ?? []).Count + (principals.Aws ?? []).Count + (principals.Federated ?? []).Count == 0)
        {
            rules.Error($"{path}.principals", $"trust statement {where} names no principals; set principals.service (e.g. ec2.amazonaws.com), principals.aws or principals.federated");
        }

        if (hasResources)
        {
            rules.Error($"{path}.resources", $"trust statement {where} names resources; a trust policy's resource is the role itself, remove resources");
        }

        var anyone = (principals?.Aws ?? []).ToList().IndexOf("*");
        if (statement.Effect == "Allow" && anyone >= 0 && (statement.Conditions ?? []).Count == 0)
        {
            var refuse = rules.Policies?.IamWildcards == WildcardPolicy.Refuse;
            Report(rules, refuse, $"{path}.principals.aws[{anyone}]", $"trust statement {where} lets anyone ('*') assume the role{(refuse ? " (the stack's policies.iamWildcards is refuse)" : "")}; name the accounts or roles, or add a condition (e.g. aws:PrincipalOrgID)");
        }
    }

    private static void CheckResourcePrincipals(SpecRules rules, string path, string where, PolicyStatementSpec statement)
    {
        var principals = statement.Principals;
        if (principals is null || (principals.Service ?? []).Count + (principals.Aws ?? []).Count + (principals.Federated ?? []).Count == 0)
        {
            rules.Error($"{path}.principals", $"resource policy statement {where} names no principals; set principals.service (e.g. cloudtrail.amazonaws.com) or principals.aws (account or role ARNs)");
            return;
        }

        var anyone = (principals.Aws ?? []).ToList().IndexOf("*");
        if (statement.Effect == "Allow" && anyone >= 0 && (statement.Conditions ?? []).Count == 0)
        {
            var refuse = rules.Policies?.IamWildcards == WildcardPolicy.Refuse;
            Report(rules, refuse, $"{path}.principals.aws[{anyone}]", $"resource policy statement {where} allows anyone ('*'){(refuse ? " (the stack's policies.iamWildcards is refuse)" : "")}; name the accounts, roles or services, or add a condition (e.g. aws:SourceArn)");
        }
    }

    private static void CheckWildcards(SpecRules rules, string path, string where, PolicyStatementSpec statement, IReadOnlyList<string> actions, IReadOnlyList<string> resources)
    {
        var refuse = rules.Policies?.IamWildcards == WildcardPolicy.Refuse;
        var fix = refuse ? " (the stack's policies.iamWildcards is refuse)" : "";
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] == "*" || actions[i].EndsWith(":*", StringComparison.Ordinal))
            {
                Report(rules, refuse, $"{path}.actions[{i}]", $"statement {where} allows every action{(actions[i] == "*" ? "" : " of " + actions[i][..^2])} ('{actions[i]}'){fix}; list the actions needed");
            }
        }

        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i] == "*" && (statement.Conditions ?? []).Count == 0 && !actions.All(IsListing))
            {
                Report(rules, refuse, $"{path}.resources[{i}]", $"statement {where} allows its actions on every resource ('*'){fix}; list the resource ARNs, or add a condition that narrows actions without resource ARNs (e.g. cloudwatch:namespace)");
            }
        }
    }

    // A call that lists or describes resources (names and settings, not content); some of the
    // list calls are named Get (the tagging API's GetResources).
    private static bool IsListing(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var verb = colon < 0 ? action : action[(colon + 1)..];
        return !verb.Contains('*', StringComparison.Ordinal)
            && (verb.StartsWith("List", StringComparison.Ordinal) || verb.StartsWith("Describe", StringComparison.Ordinal) || action == "tag:GetResources");
    }

    private static void Report(SpecRules rules, bool refuse, string path, string message)
    {
        if (refuse)
        {
            rules.Error(path, message);
        }
        else
        {
            rules.Warn(path, message);
        }
    }
}

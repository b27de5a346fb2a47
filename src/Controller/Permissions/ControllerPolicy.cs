using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Controller.Drivers;
using Reconciler.Model.Iam;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Permissions;

/// <summary>
/// The least-privilege IAM policy the controller needs for one stack: the operations the drivers
/// of the stack's kinds declare (<see cref="IResourceDriver.Operations"/>), the controller's own
/// that those kinds bring (<see cref="IResourceDriver.ControllerSideOperations"/>: the rollout
/// engine's for an InferenceService) and those every stack needs (<see cref="ControllerOperations"/>), turned into actions by <see cref="IamActions"/> and
/// narrowed by <see cref="ServiceScopes"/>: to the stack's name prefix where the service's
/// ARNs carry names, else to the stack's tag (<c>aws:ResourceTag</c> on existing resources;
/// <c>aws:RequestTag</c> on creates, with any existing resource the create touches, such as the
/// VPC of a new subnet, also the stack's), and to <c>*</c> only for list and describe calls that
/// take no resource ARN. Never a <c>*</c> action. Statements are grouped by service, read or
/// write, and scope, with ids that say which; everything is sorted, so the same stack always
/// gives the same text.
/// </summary>
internal static class ControllerPolicy
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private enum Scope
    {
        Names,
        NoResource,
        StackTag,
        CreateWithStackTag,
        StateTable,
    }

    /// <summary>The policy for <paramref name="stack"/>; with <paramref name="readOnly"/> only read operations (plan-only runs).</summary>
    public static PolicyDocumentSpec For(DesiredStack stack, DriverCatalog drivers, string stateTable, bool readOnly)
    {
        // Switched-off kinds too: switching a group off deletes or orphans its resources.
        var operations = stack.Resources
            .Select(r => r.Key.Kind)
            .Concat(stack.SwitchedOffKinds)
            .Distinct(StringComparer.Ordinal)
            .Select(drivers.Get)
            .SelectMany(driver => driver.Operations.Concat(driver.ControllerSideOperations))
            .Concat(ControllerOperations.Other)
            .Select(o => (Operation: o, StateTable: false))
            .Concat(ControllerOperations.StateTable.Select(o => (Operation: o, StateTable: true)))
            .Where(o => !readOnly || !o.Operation.Writes);

        var grants = new HashSet<(string Prefix, bool Writes, Scope Scope, string Action)>();
        foreach (var (operation, ownTable) in operations)
        {
            foreach (var action in IamActions.For(operation))
            {
                var prefix = action[..action.IndexOf(':', StringComparison.Ordinal)];
                foreach (var scope in ScopesOf(ServiceScopes.Of(prefix), action, operation.Writes, ownTable))
                {
                    grants.Add((prefix, operation.Writes, scope, action));
                }
            }
        }

        var statements = grants
            .GroupBy(g => (g.Prefix, g.Writes, g.Scope))
            .Select(g => Statement(ServiceScopes.Of(g.Key.Prefix), g.Key.Writes, g.Key.Scope, g.Select(x => x.Action), stack.Stack, stateTable))
            .OrderBy(s => s.Sid, StringComparer.Ordinal)
            .ToList();
        return new PolicyDocumentSpec { Statements = statements };
    }

    /// <summary>
    /// The policy for <paramref name="stack"/> as the managed policies its role attaches, each within
    /// IAM's size limit (<see cref="ManagedPolicySplit"/>); refused with <see cref="PolicyTooLargeException"/>
    /// when more than a role takes.
    /// </summary>
    public static IReadOnlyList<PolicyDocumentSpec> Parts(DesiredStack stack, DriverCatalog drivers, string stateTable, bool readOnly) =>
        ManagedPolicySplit.Split(For(stack, drivers, stateTable, readOnly));

    /// <summary>The parts as one indented JSON array of IAM policy documents, ending with a newline.</summary>
    public static string Json(IReadOnlyList<PolicyDocumentSpec> parts) =>
        new JsonArray([.. parts.Select(p => JsonNode.Parse(PolicyJson.Write(p)))]).ToJsonString(Indented) + "\n";

    /// <summary>The policy as indented IAM JSON, ending with a newline.</summary>
    public static string Json(PolicyDocumentSpec document) =>
        JsonNode.Parse(PolicyJson.Write(document))!.ToJsonString(Indented) + "\n";

    private static IEnumerable<Scope> ScopesOf(ServiceScope service, string action, bool writes, bool stateTable)
    {
        if (stateTable)
        {
            yield return Scope.StateTable;
        }
        else if (!writes && service.IsUnscopedRead(action))
        {
            yield return Scope.NoResource;
        }
        else if (service.ByName)
        {
            yield return Scope.Names;
        }
        else if (!writes)
        {
            yield return Scope.StackTag;
        }
        else if (IsTagging(action))
        {
            // Tags go on new resources with their create (authorized on the request's tags) and on existing ones (on theirs).
            yield return Scope.CreateWithStackTag;
            yield return Scope.StackTag;
        }
        else
        {
            yield return IsCreate(action) && !CreatesInsideATaggedResource.Contains(action) ? Scope.CreateWithStackTag : Scope.StackTag;
        }
    }

    // Creates of something that carries no tags of its own, inside a resource of the stack (a
    // route in its route table, a version of its launch template): authorized on that resource's tag.
    private static readonly HashSet<string> CreatesInsideATaggedResource = new(StringComparer.Ordinal)
    {
        "ec2:CreateRoute",
        "ec2:CreateLaunchTemplateVersion",
    };

    private static string Verb(string action) => action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];

    private static bool IsCreate(string action) =>
        Verb(action) is var verb && (verb.StartsWith("Create", StringComparison.Ordinal) || verb.StartsWith("Allocate", StringComparison.Ordinal)
            || verb.StartsWith("Request", StringComparison.Ordinal) || verb.StartsWith("Run", StringComparison.Ordinal) || verb.StartsWith("Import", StringComparison.Ordinal)
            || verb == "POST");

    private static bool IsTagging(string action) =>
        Verb(action) is "CreateTags" or "AddTags" or "AddTagsToCertificate" or "AddTagsToResource" or "TagResource" or "CreateOrUpdateTags";

    private static PolicyStatementSpec Statement(ServiceScope service, bool writes, Scope scope, IEnumerable<string> actions, StackSpec stack, string stateTable)
    {
        var (suffix, resources, conditions) = scope switch
        {
            Scope.Names => ("StackNames", service.Arns(stack.Name, stack.Region, stack.AccountId), (IReadOnlyList<PolicyConditionSpec>)[]),
            Scope.NoResource => ("AnyResourceNoArnSupported", ["*"], []),
            Scope.StackTag => ("TaggedStack", ["*"], [Condition("StringEquals", "aws:ResourceTag/" + ResourceTags.StackTag, stack.Name)]),
            Scope.CreateWithStackTag => ("CreateTaggedStack", ["*"],
            [
                Condition("StringEquals", "aws:RequestTag/" + ResourceTags.StackTag, stack.Name),
                Condition("StringEqualsIfExists", "aws:ResourceTag/" + ResourceTags.StackTag, stack.Name),
            ]),
            _ => ("ControllerStateTable", (IReadOnlyList<string>)
            [
                $"arn:aws:dynamodb:{stack.Region}:{stack.AccountId}:table/{stateTable}",
                $"arn:aws:dynamodb:{stack.Region}:{stack.AccountId}:table/{stateTable}/index/*",
            ], []),
        };
        return new PolicyStatementSpec
        {
            Sid = service.Title + (writes ? "Write" : "Read") + suffix,
            Actions = [.. actions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Resources = resources,
            Conditions = conditions,
        };
    }

    private static PolicyConditionSpec Condition(string test, string variable, string value) => new() { Test = test, Variable = variable, Values = [value] };
}

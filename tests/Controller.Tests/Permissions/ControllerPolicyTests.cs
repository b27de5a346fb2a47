using Reconciler.Controller.Drivers;
using Reconciler.Controller.Permissions;
using Reconciler.Model.Loading;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>The controller's policy for the repository's own stacks: scoped, without wildcard actions, read-only when asked, and committed as generated.</summary>
public sealed class ControllerPolicyTests
{
    private const string StateTable = "reconciler-state";

    public static TheoryData<string> Environments() => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void CommittedControllerPolicies_AreWhatTheCommandWrites_EachAttachedToTheControllersRole(string environment)
    {
        var folder = RepositoryFolder.Combine("desired-state", environment);
        var stack = Load(folder);
        var regenerate = $"regenerate with: dotnet run --project src/Controller -- iam-policy desired-state/{environment} --out desired-state/{environment}";

        var parts = ControllerPolicy.Parts(stack, DriverCatalog.Default, StateTable, readOnly: false);

        for (var i = 1; i <= parts.Count; i++)
        {
            var file = Path.Combine(folder, $"controller-policy-{i}.json");
            Assert.True(File.Exists(file), $"desired-state/{environment}/controller-policy-{i}.json is missing; {regenerate}");
            Assert.True(File.ReadAllText(file) == ControllerPolicy.Json(parts[i - 1]), $"desired-state/{environment}/controller-policy-{i}.json is stale; {regenerate}");
        }

        Assert.False(File.Exists(Path.Combine(folder, $"controller-policy-{parts.Count + 1}.json")), $"desired-state/{environment}/controller-policy-{parts.Count + 1}.json is left over; {regenerate}");
        var expected = Enumerable.Range(1, parts.Count).Select(i => $"controller-{i}").ToList();
        var documents = stack.Resources.Where(r => r.Key.Kind == "Policy" && r.Key.Name.StartsWith("controller-", StringComparison.Ordinal))
            .ToDictionary(r => r.Key.Name, r => (PolicySpec)r.Spec, StringComparer.Ordinal);
        var role = (RoleSpec)stack.Resources.Single(r => r.Key.Kind == "Role" && r.Key.Name == "controller-task").Spec;
        var attach = $"controller-iam.yaml must hold one Policy document per part, controller-1 ... controller-{parts.Count} with documentFile controller-policy-N.json, all in the role controller-task's policies";
        Assert.True(expected.SequenceEqual(documents.Keys.Order(StringComparer.Ordinal)), $"{attach}; it has {string.Join(", ", documents.Keys.Order(StringComparer.Ordinal))}");
        Assert.True(expected.SequenceEqual(role.Policies.Where(p => p.StartsWith("controller-", StringComparison.Ordinal))), $"{attach}; the role has {string.Join(", ", role.Policies)}");
        for (var i = 1; i <= parts.Count; i++)
        {
            Assert.True(documents[$"controller-{i}"].DocumentFile == ControllerPolicy.Json(parts[i - 1]), $"Policy controller-{i} does not read controller-policy-{i}.json; {attach}");
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void EachPart_IsWithinIamsManagedPolicyLimit_AndTheRoleCanTakeThemAll(string environment)
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", environment));

        foreach (var readOnly in new[] { false, true })
        {
            var parts = ControllerPolicy.Parts(stack, DriverCatalog.Default, StateTable, readOnly);

            Assert.InRange(parts.Count, 1, Reconciler.Model.Iam.ManagedPolicySize.MaxAttachedPerRole);
            Assert.All(parts, p => Assert.InRange(Reconciler.Model.Iam.ManagedPolicySize.Of(p), 1, Reconciler.Model.Iam.ManagedPolicySize.MaxDocumentCharacters));
            Assert.Equal(
                ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly).Statements.Select(s => s.Sid),
                parts.SelectMany(p => p.Statements).Select(s => s.Sid).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void RolloutOperations_AreGrantedForAStackWithAnInferenceService_AndNotWithout()
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", "prod"));
        var withoutInference = stack with { Resources = [.. stack.Resources.Where(r => r.Key.Kind != "InferenceService")] };

        var actions = ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false).Statements.SelectMany(s => s.Actions);
        var actionsWithout = ControllerPolicy.For(withoutInference, DriverCatalog.Default, StateTable, readOnly: false).Statements.SelectMany(s => s.Actions);

        Assert.Contains(stack.Resources, r => r.Key.Kind == "InferenceService");
        Assert.Contains("cloudwatch:GetMetricData", actions);
        Assert.DoesNotContain("cloudwatch:GetMetricData", actionsWithout);
    }

    [Fact]
    public void SwitchedOffKinds_AreGranted_SoTheSwitchOffCanDeleteWhatItLeaves()
    {
        // dev switches the containers off: the ListenerRule 'containers' is its only rule.
        var stack = Load(RepositoryFolder.Combine("desired-state", "dev"));
        var notKnowingTheSwitch = stack with { SwitchedOffKinds = [] };

        var actions = ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false).Statements.SelectMany(s => s.Actions);
        var actionsWithout = ControllerPolicy.For(notKnowingTheSwitch, DriverCatalog.Default, StateTable, readOnly: false).Statements.SelectMany(s => s.Actions);

        Assert.DoesNotContain(stack.Resources, r => r.Key.Kind == "ListenerRule");
        Assert.Contains("ListenerRule", stack.SwitchedOffKinds);
        Assert.Contains("elasticloadbalancing:DeleteRule", actions);
        Assert.DoesNotContain("elasticloadbalancing:DeleteRule", actionsWithout);
    }

    [Fact]
    public void ControllerSideOperations_OfEveryKind_AreAmongTheControllersOwnDeclaredOperations()
    {
        var declared = ControllerOperations.StateTable.Concat(ControllerOperations.Other).Concat(ControllerOperations.Rollouts).ToHashSet();

        foreach (var kind in DriverCatalog.Default.Kinds)
        {
            var undeclared = DriverCatalog.Default.Get(kind).ControllerSideOperations.Where(o => !declared.Contains(o)).Select(o => o.Name).ToList();
            Assert.True(undeclared.Count == 0, $"{kind}'s driver brings controller operations ControllerOperations does not list (so no test checks that the controller calls them): {string.Join(", ", undeclared)}");
        }

        Assert.Equal(ControllerOperations.Rollouts, DriverCatalog.Default.Get("InferenceService").ControllerSideOperations);
    }

    [Fact]
    public void ProdPolicy_HasNoWildcardAction_AndEveryStatementIsScoped()
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", "prod"));

        var policy = ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false);

        Assert.NotEmpty(policy.Statements);
        foreach (var statement in policy.Statements)
        {
            Assert.All(statement.Actions, a => Assert.DoesNotContain("*", a, StringComparison.Ordinal));
            var scoped = statement.Resources.All(r => r.Contains(stack.Stack.Name, StringComparison.Ordinal) || r.Contains($":table/{StateTable}", StringComparison.Ordinal) || r.Contains("parameter/aws/service/", StringComparison.Ordinal));
            var tagged = statement.Conditions.Any(c => c.Variable is "aws:ResourceTag/reconciler:stack" or "aws:RequestTag/reconciler:stack" && c.Values.SequenceEqual([stack.Stack.Name]));
            var listing = statement.Resources.SequenceEqual(["*"]) && statement.Sid!.EndsWith("AnyResourceNoArnSupported", StringComparison.Ordinal)
                && statement.Actions.All(a => a.Contains(":List", StringComparison.Ordinal) || a.Contains(":Describe", StringComparison.Ordinal) || a == "tag:GetResources");
            Assert.True(scoped || tagged || listing, $"statement {statement.Sid} is not narrowed to the stack: {string.Join(", ", statement.Resources)}");
        }
    }

    [Fact]
    public void ProdPolicy_GrantsWritesOnlyOnTheStacksNamesOrTag()
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", "prod"));

        var policy = ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false);

        var iamWrites = policy.Statements.Single(s => s.Sid == "IamWriteStackNames");
        Assert.Contains("iam:CreateRole", iamWrites.Actions);
        Assert.Contains("iam:PassRole", iamWrites.Actions);
        Assert.All(iamWrites.Resources, r => Assert.Matches(@"^arn:aws:iam::123456789012:(role|policy|instance-profile)/(\*/)?ml-platform-prod-\*$", r));
        var ec2Creates = policy.Statements.Single(s => s.Sid == "Ec2WriteCreateTaggedStack");
        Assert.Contains("ec2:CreateVpc", ec2Creates.Actions);
        Assert.Contains(ec2Creates.Conditions, c => c is { Test: "StringEquals", Variable: "aws:RequestTag/reconciler:stack" } && c.Values.SequenceEqual(["ml-platform-prod"]));
        var ec2Changes = policy.Statements.Single(s => s.Sid == "Ec2WriteTaggedStack");
        Assert.Contains("ec2:DeleteVpc", ec2Changes.Actions);
        Assert.DoesNotContain("ec2:CreateVpc", ec2Changes.Actions);
        Assert.Equal(
            ["arn:aws:dynamodb:us-east-1:123456789012:table/reconciler-state", "arn:aws:dynamodb:us-east-1:123456789012:table/reconciler-state/index/*"],
            policy.Statements.Single(s => s.Sid == "DynamoDbWriteControllerStateTable").Resources);
    }

    [Fact]
    public void ReadOnlyPolicy_HasNoActionOfAWritingOperation()
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", "prod"));

        var policy = ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: true);

        var actions = policy.Statements.SelectMany(s => s.Actions).ToHashSet(StringComparer.Ordinal);
        var readActions = AwsOperationCatalog.All.Concat(Controller.Aws.AwsSdkOperations.ByRequestType.Values).Where(o => !o.Writes).SelectMany(IamActions.For).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ec2:DescribeVpcs", actions);
        Assert.Contains("dynamodb:GetItem", actions);
        Assert.All(actions, a => Assert.Contains(a, readActions));
        Assert.DoesNotContain(policy.Statements, s => s.Sid!.Contains("Write", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_CoversOnlyTheKindsTheStackUses()
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", "prod"));
        var onlyLogs = stack with { Resources = [.. stack.Resources.Where(r => r.Key.Kind == "LogGroup")] };

        var policy = ControllerPolicy.For(onlyLogs, DriverCatalog.Default, StateTable, readOnly: false);

        var prefixes = policy.Statements.SelectMany(s => s.Actions).Select(a => a[..a.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["dynamodb", "logs", "tag"], prefixes.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["arn:aws:logs:us-east-1:123456789012:log-group:/ml-platform-prod/*"],
            policy.Statements.Single(s => s.Sid == "LogsWriteStackNames").Resources);
    }

    [Fact]
    public void Json_IsDeterministic_AndReadsBackAsTheSamePolicy()
    {
        var stack = Load(RepositoryFolder.Combine("desired-state", "dev"));

        var first = ControllerPolicy.Json(ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false));
        var second = ControllerPolicy.Json(ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false));

        Assert.Equal(first, second);
        var read = Reconciler.Model.Iam.PolicyJson.Read(first);
        Assert.Equal(ControllerPolicy.For(stack, DriverCatalog.Default, StateTable, readOnly: false).Statements.Count, read.Statements.Count);
    }

    private static DesiredStack Load(string folder)
    {
        var result = DesiredStateLoader.Load(folder);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Stack!;
    }
}

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
    public void CommittedControllerPolicy_IsWhatTheCommandPrints(string environment)
    {
        var folder = RepositoryFolder.Combine("desired-state", environment);
        var committed = File.ReadAllText(Path.Combine(folder, "controller-policy.json"));

        var generated = ControllerPolicy.Json(ControllerPolicy.For(Load(folder), DriverCatalog.Default, StateTable, readOnly: false));

        Assert.True(
            committed == generated,
            $"desired-state/{environment}/controller-policy.json is stale; regenerate it with (through a temporary file: the command reads the folder, this file included): dotnet run --project src/Controller -- iam-policy desired-state/{environment} > controller-policy.json.new && mv controller-policy.json.new desired-state/{environment}/controller-policy.json");
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

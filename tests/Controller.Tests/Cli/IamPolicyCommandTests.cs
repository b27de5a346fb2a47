using System.Text.Json;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Tests.Permissions;

namespace Reconciler.Controller.Tests.Cli;

/// <summary><c>reconciler iam-policy DIR</c> as a person runs it.</summary>
public sealed class IamPolicyCommandTests
{
    [Fact]
    public void IamPolicy_OfProd_PrintsAPolicyWithoutWildcardActions()
    {
        var (exit, output, _) = Run(RepositoryFolder.Combine("desired-state", "prod"), readOnly: false);

        Assert.Equal(ExitCodes.Success, exit);
        using var json = JsonDocument.Parse(output);
        var statements = json.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            Assert.False(string.IsNullOrEmpty(statement.GetProperty("Sid").GetString()));
            foreach (var action in Strings(statement.GetProperty("Action")))
            {
                Assert.DoesNotContain("*", action, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void IamPolicy_ReadOnly_HasNoWriteStatement()
    {
        var (exit, output, _) = Run(RepositoryFolder.Combine("desired-state", "prod"), readOnly: true);

        Assert.Equal(ExitCodes.Success, exit);
        using var json = JsonDocument.Parse(output);
        var actions = json.RootElement.GetProperty("Statement").EnumerateArray().SelectMany(s => Strings(s.GetProperty("Action"))).ToList();
        Assert.Contains("ec2:DescribeVpcs", actions);
        Assert.DoesNotContain("ec2:CreateVpc", actions);
        Assert.DoesNotContain("iam:PassRole", actions);
        Assert.DoesNotContain("dynamodb:PutItem", actions);
    }

    [Fact]
    public void IamPolicy_OfAFolderWithoutAStack_FailsNamingTheProblem()
    {
        var empty = Directory.CreateTempSubdirectory("iam-policy-");
        try
        {
            var (exit, output, errors) = Run(empty.FullName, readOnly: false);

            Assert.Equal(ExitCodes.Error, exit);
            Assert.Equal("", output);
            Assert.Contains("nothing was sent to AWS", errors, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static (int Exit, string Output, string Errors) Run(string folder, bool readOnly)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = IamPolicyCommand.Run(folder, readOnly, "reconciler-state", output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private static IEnumerable<string> Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!) : [element.GetString()!];
}

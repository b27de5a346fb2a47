using System.Text.Json;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Tests.Permissions;

namespace Reconciler.Controller.Tests.Cli;

/// <summary><c>reconciler iam-policy DIR</c> as a person runs it.</summary>
public sealed class IamPolicyCommandTests
{
    [Fact]
    public void IamPolicy_OfProd_PrintsAnArrayOfManagedPoliciesWithoutWildcardActions()
    {
        var (exit, output, _) = Run(RepositoryFolder.Combine("desired-state", "prod"), readOnly: false);

        Assert.Equal(ExitCodes.Success, exit);
        using var json = JsonDocument.Parse(output);
        var parts = json.RootElement.EnumerateArray().ToList();
        Assert.InRange(parts.Count, 2, 10);
        Assert.All(parts, p => Assert.InRange(p.GetRawText().Count(c => !char.IsWhiteSpace(c)), 1, 6144));
        var statements = parts.SelectMany(p => p.GetProperty("Statement").EnumerateArray()).ToList();
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
        var actions = json.RootElement.EnumerateArray().SelectMany(p => p.GetProperty("Statement").EnumerateArray()).SelectMany(s => Strings(s.GetProperty("Action"))).ToList();
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

    [Fact]
    public void IamPolicy_WithOut_WritesOneNumberedFilePerPart_AndRemovesOnlyItsOwnStaleNumberedFiles()
    {
        var target = Directory.CreateTempSubdirectory("iam-policy-out-");
        try
        {
            File.WriteAllText(Path.Combine(target.FullName, "controller-policy-9.json"), "{}");
            File.WriteAllText(Path.Combine(target.FullName, "controller-policy.json"), "{}");
            File.WriteAllText(Path.Combine(target.FullName, "controller-policy-notes.json"), "{}");
            File.WriteAllText(Path.Combine(target.FullName, "controller-read-only-policy-9.json"), "{}");

            var (exit, output, _) = Run(RepositoryFolder.Combine("desired-state", "prod"), readOnly: false, target.FullName);

            Assert.Equal(ExitCodes.Success, exit);
            var written = Directory.GetFiles(target.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var parts = written.Count(f => f!.StartsWith("controller-policy-", StringComparison.Ordinal) && char.IsDigit(f["controller-policy-".Length]));
            Assert.Equal(
                [.. Enumerable.Range(1, parts).Select(i => $"controller-policy-{i}.json"), "controller-policy-notes.json", "controller-policy.json", "controller-read-only-policy-9.json"],
                written.Order(StringComparer.Ordinal));
            Assert.InRange(parts, 2, 8);
            Assert.Contains("controller-policy-9.json: removed", output, StringComparison.Ordinal);
            Assert.Contains($"{parts} managed policies", output, StringComparison.Ordinal);
            foreach (var i in Enumerable.Range(1, parts))
            {
                var text = File.ReadAllText(Path.Combine(target.FullName, $"controller-policy-{i}.json"));
                Assert.InRange(text.Count(c => !char.IsWhiteSpace(c)), 1, 6144);
                Assert.NotEmpty(Reconciler.Model.Iam.PolicyJson.Read(text).Statements);
            }
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }

    [Fact]
    public void IamPolicy_ReadOnlyWithOut_WritesItsOwnFileNames()
    {
        var target = Directory.CreateTempSubdirectory("iam-policy-out-");
        try
        {
            var (exit, _, _) = Run(RepositoryFolder.Combine("desired-state", "dev"), readOnly: true, target.FullName);

            Assert.Equal(ExitCodes.Success, exit);
            Assert.All(Directory.GetFiles(target.FullName), f => Assert.Matches(@"controller-read-only-policy-[1-9]\.json$", f));
            Assert.True(File.Exists(Path.Combine(target.FullName, "controller-read-only-policy-1.json")));
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }

    private static (int Exit, string Output, string Errors) Run(string folder, bool readOnly, string? outFolder = null)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = IamPolicyCommand.Run(folder, readOnly, "reconciler-state", outFolder, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private static IEnumerable<string> Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!) : [element.GetString()!];
}

using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Controller.Cli;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Controller.Tests.Deploy;

/// <summary>
/// The plan-on-pull-request example workflow: when it runs, what it may do, and that every
/// reconciler command and option it calls exists in the command line as built now.
/// </summary>
public sealed class PlanWorkflowTests
{
    private const string Path = "deploy/github-actions/plan-on-pull-request.yml";
    private readonly YamlMappingNode _workflow = Load();

    [Fact]
    public void Triggers_OnPullRequestsTouchingDesiredStateOnly()
    {
        var on = Assert.IsType<YamlMappingNode>(_workflow["on"]);

        Assert.Equal(["pull_request"], on.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["desired-state/**"], Strings(on["pull_request"]["paths"]));
    }

    [Fact]
    public void Permissions_AreReadContentsWritePullRequestsAndTheOidcTokenOnly()
    {
        var permissions = Assert.IsType<YamlMappingNode>(_workflow["permissions"]);

        Assert.Equal(
            new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "write", ["id-token"] = "write" },
            permissions.Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString()));
        // A job's own permissions would replace these; none may widen them.
        Assert.All(Jobs(), job => Assert.False(job.Children.ContainsKey("permissions"), "a job sets its own permissions"));
    }

    [Fact]
    public void Runs_ValidateThenTheReadOnlyPolicyThenPlan_WithCommandsAndOptionsTheCliHas()
    {
        var root = ReconcilerCli.CreateRoot(new CliEnvironment(), NullLogger.Instance);
        var invocations = CliInvocations.In(string.Join('\n', Scripts()), root);

        Assert.Empty(CliInvocations.Problems(invocations, root));
        var commands = invocations.Select(i => i.Command).Distinct().ToList();
        // iam-policy --read-only prints what the plan role needs, before the role is assumed; nothing applies.
        Assert.Equal(["validate", "iam-policy", "plan"], commands);
        Assert.Contains("--read-only", invocations.Single(i => i.Command == "iam-policy").Options);
    }

    [Fact]
    public void Credentials_AreAnAssumedRoleFromARepositoryVariable_NeverKeys()
    {
        var step = Assert.Single(Steps(), s => s.Children.TryGetValue("uses", out var uses) && uses.ToString().StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal));
        var with = Assert.IsType<YamlMappingNode>(step["with"]);

        Assert.Equal("${{ vars.RECONCILER_PLAN_ROLE_ARN }}", with["role-to-assume"].ToString());
        Assert.DoesNotContain(with.Children.Keys, k => k.ToString().StartsWith("aws-access-key", StringComparison.Ordinal) || k.ToString() == "aws-secret-access-key");
        Assert.DoesNotContain("secrets.", File.ReadAllText(System.IO.Path.Combine(RepositoryFiles.Root(), Path)), StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_IsStickyAndPostedEvenWhenThePlanFailed()
    {
        var post = Assert.Single(Steps(), s => s.Children.TryGetValue("uses", out var uses) && uses.ToString().StartsWith("actions/github-script@", StringComparison.Ordinal));
        var script = post["with"]["script"].ToString();

        Assert.StartsWith("always()", post["if"].ToString(), StringComparison.Ordinal);
        Assert.Contains("updateComment", script, StringComparison.Ordinal);
        Assert.Contains("<!-- reconciler-plan -->", script, StringComparison.Ordinal);
        // The check fails after the comment is posted: the last step is the one that fails it.
        var last = Steps().Last();
        Assert.Contains("steps.plan.outputs.failed == 'true'", last["if"].ToString(), StringComparison.Ordinal);
        Assert.Contains("exit 1", last["run"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invocations_OfARenamedCommandOrOption_AreReported()
    {
        var root = ReconcilerCli.CreateRoot(new CliEnvironment(), NullLogger.Instance);
        const string Script = "# reconciler frob is only a comment\nreconciler plan dir --jsn > out\nif ! reconciler validte dir; then exit 1; fi\ncode=0; reconciler plan dir --json || code=$?";

        var invocations = CliInvocations.In(Script, root);

        Assert.Equal(3, invocations.Count);
        Assert.Equal(
            ["'reconciler plan dir --jsn > out': reconciler plan has no option --jsn.", "'if ! reconciler validte dir; then exit 1; fi': reconciler has no command 'validte'."],
            CliInvocations.Problems(invocations, root));
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepositoryFiles.Read(Path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private IEnumerable<YamlMappingNode> Jobs() => ((YamlMappingNode)_workflow["jobs"]).Children.Values.Cast<YamlMappingNode>();

    private IEnumerable<YamlMappingNode> Steps() => Jobs().SelectMany(j => ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>());

    private IEnumerable<string> Scripts() => Steps().Where(s => s.Children.ContainsKey("run")).Select(s => s["run"].ToString());

    private static IEnumerable<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => c.ToString());
}

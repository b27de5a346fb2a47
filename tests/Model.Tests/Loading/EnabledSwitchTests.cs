using Reconciler.Model.Loading;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Loading;

/// <summary>metadata.enabled: a stack variable switches a group of documents in or out of the desired state.</summary>
public sealed class EnabledSwitchTests
{
    private const string Repository = """
        kind: Repository
        metadata:
          name: api
          enabled: ${var.containers}
        spec:
          scanOnPush: true
        """;

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Load_SwitchVariable_DecidesWhetherTheDocumentIsDesired(string containers, bool desired)
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Stack(containers))
            .With("containers.yaml", Repository);

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(desired, result.Stack!.Find(new ResourceKey("Repository", "api")) is not null);
    }

    [Fact]
    public void Load_SwitchedOffDocument_IsStillValidated()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Stack("false"))
            .With("containers.yaml", Repository.Replace("scanOnPush: true", "scanOnPush: sometimes", StringComparison.Ordinal));

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.Equal(
            $"{folder.Path}/containers.yaml:6:15: error: field 'scanOnPush' in Repository spec must be true or false, got 'sometimes'",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_EnabledNotABoolean_NamesTheField()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Stack("maybe"))
            .With("containers.yaml", Repository);

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.Equal(
            $"{folder.Path}/containers.yaml:4:12: error: field 'enabled' in metadata must be true or false, got 'maybe'",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("dev", false)]
    [InlineData("prod", true)]
    public void Load_CommittedEnvironment_SwitchesTheInferenceContainersOnlyInProd(string environment, bool on)
    {
        var stack = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", environment)).Stack!;

        foreach (var kind in new[] { "Cluster", "Repository", "TaskDefinition", "Service" })
        {
            Assert.Equal(on, stack.Find(new ResourceKey(kind, "inference")) is not null);
            Assert.NotNull(stack.Find(new ResourceKey(kind, "controller")));
        }
    }

    private static string Stack(string containers) => $"""
        kind: Stack
        metadata:
          name: test
        spec:
          region: us-east-1
          accountId: "123456789012"
          variables:
            containers: {containers}
        """;
}

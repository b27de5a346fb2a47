using Reconciler.Model.Loading;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Loading;

public sealed class DesiredStateFoldersTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Load_CommittedEnvironment_HasNoDiagnostics(string environment)
    {
        var result = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", environment));

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.True(result.Succeeded);
        Assert.Equal($"ml-platform-{environment}", result.Stack!.Stack.Name);
    }
}

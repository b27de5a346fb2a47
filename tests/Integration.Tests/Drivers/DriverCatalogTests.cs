using Reconciler.Controller.Drivers;
using Reconciler.Model.Kinds;

namespace Reconciler.Integration.Tests.Drivers;

public sealed class DriverCatalogTests
{
    [Fact]
    public void Default_HasADriverForEveryKind()
    {
        Assert.Equal(KindCatalog.All.Select(k => k.Name).Order(StringComparer.Ordinal), DriverCatalog.Default.Kinds);
    }

    [Fact]
    public void KindLevels_PutEveryReferencedKindOnAnEarlierLevel()
    {
        var levels = DriverCatalog.Default.KindLevels;
        int LevelOf(string kind) => levels.Select((l, i) => (l, i)).Single(x => x.l.Contains(kind)).i;

        foreach (var kind in KindCatalog.All)
        {
            foreach (var referenced in kind.ReferencedKinds)
            {
                Assert.True(LevelOf(referenced) < LevelOf(kind.Name), $"{referenced} should come before {kind.Name}");
            }
        }
    }

    [Fact]
    public void Get_UnknownKind_NamesTheKindsThatHaveDrivers()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DriverCatalog.Default.Get("Queue"));

        Assert.StartsWith("No driver converges kind 'Queue'; drivers exist for: Bucket, InternetGateway, LogGroup,", error.Message, StringComparison.Ordinal);
    }
}

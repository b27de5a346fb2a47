using Reconciler.Controller.Drivers;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model.Kinds;

namespace Reconciler.Integration.Tests.Drivers;

public sealed class DriverCatalogTests
{
    private static IReadOnlyList<Type> ControllerTypes => typeof(DriverCatalog).Assembly.GetTypes();

    [Fact]
    public void Default_HasExactlyOneDriverForEveryKind()
    {
        Assert.Equal(KindCatalog.All.Select(k => k.Name).Order(StringComparer.Ordinal), DriverCatalog.Default.Kinds);
        Assert.All(KindCatalog.All, k => Assert.Equal(k.Name, DriverCatalog.Default.Get(k.Name).Kind));
    }

    [Fact]
    public void Default_DriversAreSealed()
    {
        Assert.All(KindCatalog.All, k => Assert.True(DriverOf(k.Name).IsSealed, $"{DriverOf(k.Name).Name} should be sealed"));
    }

    [Fact]
    public void FromTypes_KindWithoutDriver_FailsNamingTheKind()
    {
        var kind = KindCatalog.All[0].Name;

        var error = Assert.Throws<InvalidOperationException>(() => DriverCatalog.FromTypes(ControllerTypes.Where(t => t != DriverOf(kind))));

        Assert.Equal(
            $"The driver catalog is incomplete: kind '{kind}' has no driver; add a sealed class deriving from ResourceDriver<{kind}Spec> in src/Controller/Drivers.",
            error.Message);
    }

    [Fact]
    public void FromTypes_KindWithTwoDrivers_FailsNamingBoth()
    {
        var kind = KindCatalog.All[^1].Name;
        var driver = DriverOf(kind);

        var error = Assert.Throws<InvalidOperationException>(() => DriverCatalog.FromTypes(ControllerTypes.Append(driver)));

        Assert.Equal($"The driver catalog is incomplete: kind '{kind}' has 2 drivers ({driver.Name}, {driver.Name}); keep one.", error.Message);
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

        Assert.Equal($"No driver converges kind 'Queue'; drivers exist for: {string.Join(", ", KindCatalog.All.Select(k => k.Name))}.", error.Message);
    }

    private static Type DriverOf(string kind) => ((ErrorNamingDriver)DriverCatalog.Default.Get(kind)).Inner.GetType();
}

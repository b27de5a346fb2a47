namespace Reconciler.Integration.Tests.Drivers;

/// <summary>The driver tests share one moto server; each test works in a stack of its own.</summary>
[CollectionDefinition(Name)]
public sealed class DriverTestCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "Drivers";
}

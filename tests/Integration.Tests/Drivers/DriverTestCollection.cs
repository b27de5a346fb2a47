using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>The driver tests share one emulator (moto by default); each test works in a stack of its own.</summary>
[CollectionDefinition(Name)]
public sealed class DriverTestCollection : ICollectionFixture<AwsEmulatorFixture>
{
    public const string Name = "Drivers";
}

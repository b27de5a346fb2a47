namespace Reconciler.Aws.Tests.Support;

/// <summary>The moto tests share one server and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}

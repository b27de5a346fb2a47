namespace Reconciler.Inference.Tests.Support;

/// <summary>One in-memory service with the default settings, shared by a test class and ready before the first test.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    internal ServiceFactory Factory { get; } = new();

    public Task InitializeAsync() => Factory.SettledAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

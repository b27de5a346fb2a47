using Amazon.Runtime;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Wraps a driver so every AWS refusal, timeout or unresolved reference comes out as a
/// <see cref="DriverException"/> naming the resource and what AWS said. One decorator instead
/// of a try/catch in every verb of every driver.
/// </summary>
internal sealed class ErrorNamingDriver(IResourceDriver inner) : IResourceDriver
{
    public string Kind => inner.Kind;

    public IReadOnlyList<AwsOperation> Operations => inner.Operations;

    public IReadOnlyList<AwsOperation> ControllerSideOperations => inner.ControllerSideOperations;

    /// <summary>The wrapped driver, for tests and diagnostics.</summary>
    public IResourceDriver Inner => inner;

    public Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken) =>
        NamedAsync(Kind, "observe", () => inner.ObserveAsync(request, context, cancellationToken));

    public Task<ObservedResource> CreateAsync(DesiredResource desired, DriverContext context, CancellationToken cancellationToken) =>
        NamedAsync(desired.Key.ToString(), "create", () => inner.CreateAsync(desired, context, cancellationToken));

    public Task<ObservedResource> CreateBesideAsync(DesiredResource desired, IReadOnlyDictionary<string, string> replaced, DriverContext context, CancellationToken cancellationToken) =>
        NamedAsync(desired.Key.ToString(), "create", () => inner.CreateBesideAsync(desired, replaced, context, cancellationToken));

    public Task<ObservedResource> UpdateAsync(DesiredResource desired, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken) =>
        NamedAsync(desired.Key.ToString(), "update", () => inner.UpdateAsync(desired, observed, fields, context, cancellationToken));

    public Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        NamedAsync(key.ToString(), "delete", async () =>
        {
            await inner.DeleteAsync(key, identity, context, cancellationToken);
            return true;
        });

    private static async Task<T> NamedAsync<T>(string resource, string verb, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AmazonServiceException or AwsServiceException or TimeoutException or InvalidOperationException)
        {
            throw new DriverException(resource, verb, e);
        }
    }
}

using Reconciler.Controller.Drift;

namespace Reconciler.Controller.Tests.Drift;

/// <summary>An in-memory store whose next writes fail, as DynamoDB does when throttled or when a fenced write is refused.</summary>
internal sealed class FlakyAlertStore : IAlertStore
{
    private readonly InMemoryAlertStore _inner = new();

    public int FailingWrites { get; set; }

    public Task<IReadOnlyList<DriftAlert>> ListAsync(string stack, CancellationToken cancellationToken) => _inner.ListAsync(stack, cancellationToken);

    public Task WriteAsync(AlertWrite write, CancellationToken cancellationToken)
    {
        if (FailingWrites > 0)
        {
            FailingWrites--;
            throw new InvalidOperationException("The table is busy.");
        }

        return _inner.WriteAsync(write, cancellationToken);
    }
}

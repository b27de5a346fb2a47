using Reconciler.Model;

namespace Reconciler.Controller.Drift;

/// <summary>An <see cref="IAlertStore"/> in memory: for tests and runs without a state table.</summary>
internal sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Stack, ResourceKey Key), DriftAlert> _alerts = [];

    /// <summary>How many writes were made, for tests that check nothing is written needlessly.</summary>
    public int Writes { get; private set; }

    public Task<IReadOnlyList<DriftAlert>> ListAsync(string stack, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DriftAlert> alerts = [.. _alerts.Values.Where(a => a.Stack == stack).OrderBy(a => a.Key)];
            return Task.FromResult(alerts);
        }
    }

    public Task WriteAsync(AlertWrite write, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Writes++;
            if (write.Alert is { } alert)
            {
                _alerts[(write.Stack, write.Key)] = alert;
            }
            else
            {
                _alerts.Remove((write.Stack, write.Key));
            }
        }

        return Task.CompletedTask;
    }
}

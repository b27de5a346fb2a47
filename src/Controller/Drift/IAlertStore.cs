namespace Reconciler.Controller.Drift;

/// <summary>
/// Where open drift alerts are kept between cycles and between replicas: a restarted or new
/// leader continues from them instead of alerting from scratch, and <c>reconciler status</c>
/// lists them from any machine.
/// </summary>
public interface IAlertStore
{
    /// <summary>The stack's open alerts; empty when there are none (or no table yet).</summary>
    Task<IReadOnlyList<DriftAlert>> ListAsync(string stack, CancellationToken cancellationToken);

    /// <summary>The one write operation: every put and remove goes through here.</summary>
    Task WriteAsync(AlertWrite write, CancellationToken cancellationToken);
}

using Reconciler.Model;

namespace Reconciler.Controller.Drift;

/// <summary>
/// One change to the stored alerts: put an alert (open or update it) or remove a resource's
/// alert (resolved). Every write of the alert store is one of these, so a fencing condition
/// can be added in one place.
/// </summary>
public sealed record AlertWrite
{
    private AlertWrite(string stack, ResourceKey key, DriftAlert? alert)
    {
        Stack = stack;
        Key = key;
        Alert = alert;
    }

    /// <summary>The stack's name.</summary>
    public string Stack { get; }

    /// <summary>The resource whose alert is written.</summary>
    public ResourceKey Key { get; }

    /// <summary>The alert to store; null to remove the resource's alert.</summary>
    public DriftAlert? Alert { get; }

    /// <summary>Stores <paramref name="alert"/>, replacing the resource's previous alert.</summary>
    public static AlertWrite Put(DriftAlert alert) => new(alert.Stack, alert.Key, alert);

    /// <summary>Removes the resource's alert; removing a missing alert succeeds.</summary>
    public static AlertWrite Remove(string stack, ResourceKey key) => new(stack, key, null);
}

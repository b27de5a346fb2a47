namespace Reconciler.Controller.Drift;

/// <summary>One thing a cycle decided about a resource: what to store and what to notify.</summary>
/// <param name="Write">The change to the stored alerts, made before the notification is sent.</param>
/// <param name="Notification">The notification to send once the write succeeded.</param>
internal sealed record DriftDecision(AlertWrite Write, DriftNotification Notification);

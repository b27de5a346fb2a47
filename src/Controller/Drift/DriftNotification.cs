namespace Reconciler.Controller.Drift;

/// <summary>One notification the sinks deliver.</summary>
/// <param name="Kind">Why it is sent.</param>
/// <param name="Alert">The alert it is about; for <see cref="DriftNotificationKind.Resolved"/> the alert as it was last open.</param>
/// <param name="SentAt">When the tracker decided to send it; the same on every delivery attempt.</param>
public sealed record DriftNotification(DriftNotificationKind Kind, DriftAlert Alert, DateTimeOffset SentAt);

using Reconciler.Controller.Drift;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Drift;

/// <summary>Notifications made by hand, for the sinks' tests.</summary>
internal static class DriftNotifications
{
    public static readonly DateTimeOffset FirstSeen = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static DriftAlert Alert(DriftPolicy policy = DriftPolicy.Alert, bool healed = false)
    {
        IReadOnlyList<DriftField> fields =
        [
            new("cidrBlock", "\"10.0.0.0/16\"", "\"10.1.0.0/16\""),
            new("tags", """{"team":"ml"}""", """{"team":"x"}"""),
        ];
        return new DriftAlert
        {
            Stack = "dev",
            Key = DriftPlans.Vpc,
            Fields = fields,
            Revision = "3f2c1e0",
            Policy = policy,
            FirstSeen = FirstSeen,
            LastSent = FirstSeen,
            Healed = healed,
            Signature = DriftAlert.SignatureOf(fields),
        };
    }

    public static DriftNotification New() => new(DriftNotificationKind.New, Alert(), FirstSeen);

    public static DriftReport Report(params DriftNotification[] notifications) => new()
    {
        Stack = "dev",
        Revision = "3f2c1e0",
        Notifications = notifications,
        Open = [.. notifications.Where(n => n.Kind != DriftNotificationKind.Resolved).Select(n => n.Alert)],
    };
}

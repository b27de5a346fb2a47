namespace Reconciler.Controller.Drift;

/// <summary>Why a drift notification is sent.</summary>
public enum DriftNotificationKind
{
    /// <summary>A resource started drifting, or what drifted changed.</summary>
    New,

    /// <summary>The drift is still there after the repeat interval.</summary>
    Repeat,

    /// <summary>The resource is in sync again (healed by the controller, or changed back by someone).</summary>
    Resolved,

    /// <summary>A drifted resource under the heal policy was corrected by the controller.</summary>
    Healed,
}

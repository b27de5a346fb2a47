namespace Reconciler.Controller.Reconcile.Guards;

/// <summary>Guard rails switched off on purpose, one flag each, for one run.</summary>
public sealed record GuardOverrides
{
    /// <summary>Allow a plan that deletes more than the stack's allowed share (<c>--allow-mass-delete</c>).</summary>
    public bool AllowMassDelete { get; init; }

    /// <summary>Allow running against an account other than the stack's (<c>--allow-other-account</c>).</summary>
    public bool AllowOtherAccount { get; init; }
}

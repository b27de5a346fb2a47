namespace Reconciler.Controller.Leases;

/// <summary>
/// The lease settings are unusable. Carries every problem found, not just the first, so one
/// start of the program shows everything there is to fix.
/// </summary>
public sealed class LeaseOptionsException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public LeaseOptionsException(IReadOnlyList<string> errors)
        : base("Lease options are invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)))
    {
        Errors = errors;
    }

    /// <summary>Each problem, naming the setting and the fix.</summary>
    public IReadOnlyList<string> Errors { get; }
}

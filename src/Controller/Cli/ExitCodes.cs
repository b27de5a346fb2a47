namespace Reconciler.Controller.Cli;

/// <summary>Exit codes, as Terraform's -detailed-exitcode uses them.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for plan: nothing would change.</summary>
    public const int Success = 0;

    /// <summary>Invalid input, a refused guard rail, or a failed change.</summary>
    public const int Error = 1;

    /// <summary>
    /// The command line was wrong (unknown command or option, a missing or malformed value). The
    /// same code as <see cref="Error"/>: 2 is plan's "changes pending", so scripts running plan
    /// must never see it for a typo.
    /// </summary>
    public const int UsageError = Error;

    /// <summary>For plan: changes are pending.</summary>
    public const int ChangesPending = 2;
}

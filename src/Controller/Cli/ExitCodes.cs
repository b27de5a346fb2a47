namespace Reconciler.Controller.Cli;

/// <summary>Exit codes, as Terraform's -detailed-exitcode uses them.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for plan: nothing would change.</summary>
    public const int Success = 0;

    /// <summary>Invalid input, a refused guard rail, or a failed change.</summary>
    public const int Error = 1;

    /// <summary>For plan: changes are pending.</summary>
    public const int ChangesPending = 2;
}

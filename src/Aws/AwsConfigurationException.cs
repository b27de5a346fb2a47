namespace Reconciler.Aws;

/// <summary>
/// The AWS settings are unusable. Carries every problem found, not just the first, so one
/// run of the program shows everything there is to fix.
/// </summary>
public sealed class AwsConfigurationException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public AwsConfigurationException(IReadOnlyList<string> errors)
        : base("AWS settings are invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)))
    {
        Errors = errors;
    }

    /// <summary>Each problem, naming the setting and the fix.</summary>
    public IReadOnlyList<string> Errors { get; }
}

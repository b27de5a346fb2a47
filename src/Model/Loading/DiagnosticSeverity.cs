namespace Reconciler.Model.Loading;

/// <summary>Whether a diagnostic stops the folder from applying.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The folder is invalid: nothing is sent to AWS.</summary>
    Error,

    /// <summary>Worth a look (e.g. a wildcard IAM action the stack's policy tolerates); the folder still applies.</summary>
    Warning,
}

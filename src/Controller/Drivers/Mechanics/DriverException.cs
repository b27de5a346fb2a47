using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// A driver call that AWS refused or that timed out, carrying the resource it was for and what
/// AWS said, so the message reads on its own in a log or a plan's error list.
/// </summary>
internal sealed class DriverException : Exception
{
    public DriverException(string resource, string verb, Exception inner)
        : base($"{resource}: {verb} failed: {AwsRefusalText.Of(inner)}", inner)
    {
        Resource = resource;
        Verb = verb;
    }

    /// <summary>The resource key (<c>Kind/name</c>), or the kind for a batched observe.</summary>
    public string Resource { get; }

    /// <summary>observe, create, update or delete.</summary>
    public string Verb { get; }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reconciler.Controller.Sources;

/// <summary>Settings that <see cref="SourceFactory"/> applies to whichever source it builds.</summary>
public sealed record SourceSettings
{
    /// <summary>The environment variable holding the http(s) user name for git.</summary>
    public const string UsernameVariable = "RECONCILER_GIT_USERNAME";

    /// <summary>The environment variable holding the http(s) password for git.</summary>
    public const string PasswordVariable = "RECONCILER_GIT_PASSWORD";

    /// <summary>The environment variable holding an access token for git; used as the password, with <see cref="TokenUsername"/> unless a user name is set.</summary>
    public const string TokenVariable = "RECONCILER_GIT_TOKEN";

    /// <summary>The user name sent with a token when none is set; GitHub expects it, most other hosts accept any name.</summary>
    public const string TokenUsername = "x-access-token";

    /// <summary>Where the source keeps its clone and exports. Default: a folder of its own under the system temp folder.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>How many revision exports to keep. Default 3.</summary>
    public int KeepSnapshots { get; init; } = 3;

    /// <summary>Where sources log. Default: nowhere.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Reads an environment variable; tests replace it. Default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The clock for snapshot bookkeeping. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

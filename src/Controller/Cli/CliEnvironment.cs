using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Cli;

/// <summary>
/// What a command runs with besides its arguments. The executable uses the defaults; tests pass
/// an emulator's settings and a request log instead of changing process-wide variables.
/// </summary>
internal sealed record CliEnvironment
{
    public TextWriter Output { get; init; } = Console.Out;

    public TextWriter Errors { get; init; } = Console.Error;

    /// <summary>AWS settings to use instead of the standard ones (AWS_ENDPOINT_URL, the credential chain).</summary>
    public AwsEnvironment? Aws { get; init; }

    /// <summary>
    /// Where every AWS request is counted. Counters are kept whole; only the last thousand
    /// records are, so a daemon running for months holds a bounded amount.
    /// </summary>
    public AwsRequestLog RequestLog { get; init; } = new(maxRecords: 1_000);

    /// <summary>
    /// Faults to inject into every AWS request (tests and benchmarks of resilience); null reads
    /// RECONCILER_FAULTS, which is normally unset, so nothing is injected.
    /// </summary>
    public AwsFaultOptions? Faults { get; init; }
}

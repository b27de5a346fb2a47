using Reconciler.Controller.Drift;
using Reconciler.Controller.Leases;
using DataPlane = Reconciler.Controller.Sandbox.DataPlane;

namespace Reconciler.Controller.Daemon;

/// <summary>How <c>reconciler run</c> runs: where the documents come from, how often, and where it listens.</summary>
internal sealed record RunOptions
{
    /// <summary>A folder, or a git repository (URL or path).</summary>
    public required string Source { get; init; }

    /// <summary>The git branch to follow (git sources only).</summary>
    public string? Branch { get; init; }

    /// <summary>The environment folder inside the repository, e.g. desired-state/dev (git sources only).</summary>
    public string? Path { get; init; }

    /// <summary>Start moto on a free loopback port for this run and point everything at it.</summary>
    public bool Sandbox { get; init; }

    /// <summary>With <see cref="Sandbox"/>: synthetic requests per second through the data plane's proxy (0: none).</summary>
    public double SandboxLoad { get; init; } = DataPlane.DataPlaneOptions.DefaultLoad;

    /// <summary>With <see cref="Sandbox"/>: where the data plane's proxy (the load balancer's stand-in) listens.</summary>
    public string SandboxProxy { get; init; } = DataPlane.DataPlaneOptions.DefaultProxy;

    /// <summary>Time between cycles when nothing triggers one sooner.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time between rollout ticks while leading: how soon a pause's end, an analysis interval or
    /// a promote/abort/retry request is acted on. Rollouts tick apart from reconcile cycles, so a
    /// step is never held up by a slow observe of the whole stack.
    /// </summary>
    public TimeSpan RolloutTick { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Up to this share of the interval is added at random, so replicas and stacks do not poll in step.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>Where /healthz, /readyz, /metrics, /status and /trigger are served.</summary>
    public string Listen { get; init; } = "127.0.0.1:9464";

    /// <summary>
    /// The token POST /trigger requires, or null for none. Required when <see cref="Listen"/> is
    /// not a loopback address: anyone who can reach the port could otherwise start cycles.
    /// </summary>
    public TriggerToken? TriggerToken { get; init; }

    /// <summary>Structured JSON log lines (CloudWatch-friendly) or plain text.</summary>
    public bool JsonLogs { get; init; } = true;

    /// <summary>Leader election timings and this replica's identity.</summary>
    public LeaseOptions Lease { get; init; } = new();

    /// <summary>Drift alert webhooks and repeat interval.</summary>
    public DriftOptions Drift { get; init; } = new();

    /// <summary>Every problem with the options, each naming the option and the fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromHours(24))
        {
            errors.Add($"--interval must be between 1s and 24h, not {PollInterval}.");
        }

        if (Jitter is < 0 or > 1)
        {
            errors.Add($"Jitter must be between 0 and 1, not {Jitter}.");
        }

        if (ListenEndpoint() is not { } endpoint)
        {
            errors.Add($"--listen must be HOST:PORT with a port from 0 to 65535 (e.g. 127.0.0.1:9464), not '{Listen}'.");
        }
        else if (TriggerToken is null && !System.Net.IPAddress.IsLoopback(endpoint.Address))
        {
            errors.Add(
                $"--listen {Listen} is not a loopback address, so POST /trigger must be authenticated: set {TriggerToken.Variable} "
                + $"(or --trigger-token) to a secret of at least {TriggerToken.MinimumLength} characters, and send it as 'Authorization: Bearer TOKEN'.");
        }

        if (SandboxProxyEndpoint() is not { } proxy || !System.Net.IPAddress.IsLoopback(proxy.Address))
        {
            errors.Add($"--sandbox-proxy must be a loopback HOST:PORT (e.g. {DataPlane.DataPlaneOptions.DefaultProxy}; port 0 picks a free one), not '{SandboxProxy}'.");
        }

        if (double.IsNaN(SandboxLoad) || SandboxLoad is < 0 or > DataPlane.SyntheticLoad.MaxRate)
        {
            errors.Add($"--sandbox-load must be from 0 (no load) to {DataPlane.SyntheticLoad.MaxRate} requests a second, e.g. 20/s.");
        }

        if (TriggerToken is { Length: < TriggerToken.MinimumLength } token)
        {
            errors.Add($"The trigger token ({TriggerToken.Variable} or --trigger-token) must be at least {TriggerToken.MinimumLength} characters long, not {token.Length}.");
        }

        errors.AddRange(Lease.Validate());
        errors.AddRange(Drift.Validate());
        return errors;
    }

    /// <summary>The address and port to listen on, or null when <see cref="Listen"/> is not HOST:PORT.</summary>
    /// <summary>The parsed <see cref="SandboxProxy"/>, or null when it is not HOST:PORT.</summary>
    public System.Net.IPEndPoint? SandboxProxyEndpoint() =>
        System.Net.IPEndPoint.TryParse(SandboxProxy, out var endpoint) ? endpoint : null;

    public System.Net.IPEndPoint? ListenEndpoint() =>
        System.Net.IPEndPoint.TryParse(Listen, out var endpoint) ? endpoint : null;
}

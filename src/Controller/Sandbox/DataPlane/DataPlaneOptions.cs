using System.Net;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>How the sandbox data plane runs: where the proxy listens, the load, and the stack's model bucket and listener.</summary>
internal sealed record DataPlaneOptions
{
    /// <summary>The default proxy address: loopback, a fixed port so a person's curl keeps working across runs.</summary>
    public const string DefaultProxy = "127.0.0.1:9480";

    /// <summary>The default synthetic load, requests per second.</summary>
    public const double DefaultLoad = 20;

    /// <summary>Where the proxy listens (port 0: a free one).</summary>
    public IPEndPoint Proxy { get; init; } = IPEndPoint.Parse(DefaultProxy);

    /// <summary>Synthetic requests per second through the proxy; 0 sends none.</summary>
    public double LoadPerSecond { get; init; } = DefaultLoad;

    /// <summary>The versioned model bucket the services read their model from.</summary>
    public required string ModelBucket { get; init; }

    /// <summary>The model's key in it (docs/model-versions.md).</summary>
    public string ModelKey { get; init; } = "penguins/model.onnx";

    /// <summary>The model's name in the service's routes.</summary>
    public string ModelName { get; init; } = "penguins";

    /// <summary>The labels uploaded from the shipped models/penguins/LABEL/model.onnx at start, when not already there.</summary>
    public IReadOnlyList<string> ShippedLabels { get; init; } = ["1", "2", "3"];

    /// <summary>The version a target group without a <c>model-version</c> tag serves.</summary>
    public string DefaultModelVersion { get; init; } = "1";

    /// <summary>The weighted listener's port, preferred when the emulator holds several weighted listeners.</summary>
    public int ListenerPort { get; init; } = 443;

    /// <summary>How often the listener's weights are read from the emulator.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How often the load balancer's metrics are put to CloudWatch (an ALB: every 60 s; here 10 s so an analysis sees them sooner).</summary>
    public TimeSpan PublishPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a service may take to load its model and pass its warm-up.</summary>
    public TimeSpan ServiceReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The inference service's Reconciler.Inference.dll; null finds it (<see cref="InferenceLocator"/>).</summary>
    public string? InferenceDll { get; init; }

    /// <summary>Seeds the proxy's weighted choice (tests); null: random.</summary>
    public int? Seed { get; init; }
}

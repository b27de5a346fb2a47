using Amazon.S3;
using Microsoft.Extensions.Logging;
using Reconciler.Aws.Clients.CloudWatch;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// The sandbox's data plane, so a rollout runs on one machine with real requests: the weighted
/// proxy in the load balancer's place, one inference service per target group of the weighted
/// listener (each on the model version its <c>model-version</c> tag names), a steady synthetic
/// load through the proxy, and the load balancer's metrics put into the emulator's CloudWatch.
/// It follows the emulator: the stack's apply creates the bucket and the listener after this
/// starts, the rollout engine moves the weights and retags the target groups, and each poll
/// picks that up. Disposing it stops the load, the proxy and every child process.
/// </summary>
internal sealed class SandboxDataPlane : IAsyncDisposable
{
    /// <summary>After a service failed to start, wait this long before trying that version again.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly DataPlaneOptions _options;
    private readonly string _inferenceDll;
    private readonly Uri _endpoint;
    private readonly ModelStore _models;
    private readonly ListenerWatcher _watcher;
    private readonly AlbMetricsPublisher _publisher;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Side> _sides = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _follow = Task.CompletedTask;
    private Task _publish = Task.CompletedTask;
    private bool _modelsUploaded;

    private SandboxDataPlane(DataPlaneOptions options, string inferenceDll, Uri endpoint, IAmazonS3 s3, IElasticLoadBalancingV2Client elbv2, ICloudWatchClient cloudWatch, WeightedProxy proxy, ILogger logger)
    {
        _options = options;
        _inferenceDll = inferenceDll;
        _endpoint = endpoint;
        _models = new ModelStore(s3, options.ModelBucket);
        _watcher = new ListenerWatcher(elbv2, options.ListenerPort, options.DefaultModelVersion);
        _publisher = new AlbMetricsPublisher(cloudWatch);
        Proxy = proxy;
        _logger = logger;
    }

    /// <summary>The load balancer's stand-in.</summary>
    public WeightedProxy Proxy { get; }

    /// <summary>The synthetic load, when on.</summary>
    public SyntheticLoad? Load { get; private set; }

    /// <summary>The services running now, by target group ARN.</summary>
    public IReadOnlyDictionary<string, InferenceProcess> Services
    {
        get
        {
            lock (_sides)
            {
                return _sides.Where(s => s.Value.Running is not null).ToDictionary(s => s.Key, s => s.Value.Running!);
            }
        }
    }

    /// <summary>Starts the proxy and the load at once and follows the emulator in the background.</summary>
    /// <exception cref="DataPlaneException">The proxy's address is taken, or the inference service is not built.</exception>
    public static async Task<SandboxDataPlane> StartAsync(DataPlaneOptions options, Uri endpoint, IAmazonS3 s3, IElasticLoadBalancingV2Client elbv2, ICloudWatchClient cloudWatch, ILogger logger, CancellationToken cancellationToken)
    {
        var dll = options.InferenceDll ?? InferenceLocator.Find();
        var proxy = await WeightedProxy.StartAsync(options.Proxy, options.Seed, cancellationToken);
        var plane = new SandboxDataPlane(options, dll, endpoint, s3, elbv2, cloudWatch, proxy, logger);
        if (options.LoadPerSecond > 0)
        {
            plane.Load = new SyntheticLoad(proxy.Url, options.ModelName, options.LoadPerSecond);
        }

        plane._follow = Task.Run(() => plane.FollowAsync(plane._stop.Token), CancellationToken.None);
        plane._publish = Task.Run(() => plane.PublishAsync(plane._stop.Token), CancellationToken.None);
        return plane;
    }

    /// <summary>One round of following: uploads the shipped models when the bucket is there, reads the weights, starts or swaps services. Public for tests.</summary>
    public async Task FollowOnceAsync(CancellationToken cancellationToken)
    {
        if (!_modelsUploaded)
        {
            _modelsUploaded = await UploadShippedModelsAsync(cancellationToken);
        }

        var routes = await _watcher.ReadAsync(cancellationToken);
        Proxy.Routes = routes;
        if (routes is null || !_modelsUploaded)
        {
            return;
        }

        foreach (var target in routes.Targets)
        {
            Side side;
            lock (_sides)
            {
                if (!_sides.TryGetValue(target.TargetGroupArn, out side!))
                {
                    side = new Side();
                    _sides[target.TargetGroupArn] = side;
                }
            }

            await side.FollowAsync(this, target, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_follow, _publish).ContinueWith(_ => { }, TaskScheduler.Default);
        if (Load is not null)
        {
            await Load.DisposeAsync();
        }

        await Proxy.DisposeAsync();
        List<Side> sides;
        lock (_sides)
        {
            sides = [.. _sides.Values];
        }

        foreach (var side in sides)
        {
            await side.DisposeAsync();
        }

        _stop.Dispose();
    }

    /// <summary>Uploads models/NAME/LABEL/model.onnx from the inference build for each shipped label; false while the bucket does not exist yet.</summary>
    private async Task<bool> UploadShippedModelsAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(_inferenceDll)!;
        try
        {
            foreach (var label in _options.ShippedLabels)
            {
                var file = Path.Combine(folder, "models", _options.ModelName, label, "model.onnx");
                var uploaded = await _models.EnsureAsync(_options.ModelKey, label, await File.ReadAllBytesAsync(file, cancellationToken), cancellationToken);
                _logger.LogInformation("Sandbox model s3://{Bucket}/{Key} version {Label}: object version {VersionId}", _options.ModelBucket, uploaded.Key, label, uploaded.VersionId);
            }

            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            return false;
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        do
        {
            try
            {
                await FollowOnceAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The emulator busy or restarting: keep the weights in force and try again next tick.
                _logger.LogWarning("Sandbox data plane: reading the emulator failed ({Error}); trying again", e.Message);
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PublishPeriod);
        while (await WaitAsync(timer, cancellationToken))
        {
            var period = Proxy.Metrics.Drain();
            if (Proxy.Routes is not { } routes)
            {
                continue;
            }

            try
            {
                await _publisher.PublishAsync(period, routes.LoadBalancerDimension, DateTimeOffset.UtcNow, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Sandbox data plane: putting the load balancer's metrics failed ({Error}); that period is lost", e.Message);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The service of one target group. A new version is started beside the old one, and the proxy
    /// is switched to it only once it is ready, so the target group never goes without a service.
    /// </summary>
    private sealed class Side : IAsyncDisposable
    {
        private InferenceProcess? _running;
        private Task<InferenceProcess>? _starting;
        private string? _startingLabel;
        private (string Label, DateTimeOffset At)? _failed;

        public InferenceProcess? Running => _running;

        public async Task FollowAsync(SandboxDataPlane plane, TargetRoute target, CancellationToken cancellationToken)
        {
            if (_starting is { IsCompleted: true } done)
            {
                _starting = null;
                try
                {
                    var started = await done;
                    var old = _running;
                    _running = started;
                    plane.Proxy.SetBackend(target.TargetGroupArn, started.Url);
                    plane._logger.LogInformation("Sandbox target group {TargetGroup}: model version {Label} served at {Url} (pid {Pid})", target.Name, started.Model.Label, started.Url, started.ProcessId);
                    if (old is not null)
                    {
                        await old.DisposeAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _failed = (_startingLabel!, DateTimeOffset.UtcNow);
                    plane._logger.LogError("Sandbox target group {TargetGroup}: model version {Label} did not start: {Error}", target.Name, _startingLabel, e.Message);
                }
            }

            var wanted = target.ModelVersion;
            if (_running?.Model.Label == wanted || _starting is not null
                || (_failed is { } failed && failed.Label == wanted && DateTimeOffset.UtcNow - failed.At < RetryAfterFailure))
            {
                return;
            }

            if (await plane._models.ResolveAsync(plane._options.ModelKey, wanted, cancellationToken) is not { } model)
            {
                _failed = (wanted, DateTimeOffset.UtcNow);
                plane._logger.LogError(
                    "Sandbox target group {TargetGroup}: no object version of s3://{Bucket}/{Key} has model-version {Label}",
                    target.Name,
                    plane._options.ModelBucket,
                    plane._options.ModelKey,
                    wanted);
                return;
            }

            _startingLabel = wanted;
            _starting = InferenceProcess.StartAsync(
                plane._inferenceDll, plane._endpoint, plane._options.ModelBucket, model, plane._options.ModelName, plane._options.ServiceReadyTimeout, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (_starting is not null)
            {
                try
                {
                    await (await _starting).DisposeAsync();
                }
                catch (Exception)
                {
                    // It failed to start: StartAsync has already stopped it.
                }
            }

            if (_running is not null)
            {
                await _running.DisposeAsync();
            }
        }
    }
}

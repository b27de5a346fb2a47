using System.Runtime.InteropServices;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Leases;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Sandbox;
using Reconciler.Controller.Sandbox.DataPlane;
using Reconciler.Controller.Sources;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// Builds and runs the daemon: the reconcile loop as a hosted service, and Kestrel serving
/// /healthz, /readyz, /status, /metrics (Prometheus, through OpenTelemetry) and POST /trigger
/// on the listen address. Bad options or documents at start-up stop the program with every
/// problem listed; later bad revisions are reported and the last good one stays in force.
/// </summary>
internal static class DaemonHost
{
    private const string ListenHint = "Choose another address with --listen (e.g. --listen 127.0.0.1:0 for any free port).";

    public static async Task<int> RunAsync(RunOptions options, CliEnvironment cli, CancellationToken cancellationToken)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                cli.Errors.WriteLine($"error: {problem}");
            }

            return ExitCodes.Error;
        }

        if (ListenProbe.Problem(options.ListenEndpoint()!) is { } taken)
        {
            cli.Errors.WriteLine($"error: cannot listen on {options.Listen}: {taken} {ListenHint}");
            return ExitCodes.Error;
        }

        using var loggers = LoggerFactory.Create(logging => ConfigureLogging(logging, options));
        var logger = loggers.CreateLogger("Reconciler.Controller");
        var status = new ControllerStatus();
        var source = SourceFactory.Parse(options.Source, options.Branch, options.Path, new SourceSettings { Logger = logger });
        var revisions = new RevisionTracker(source, status, logger);
        if (await revisions.RefreshAsync(cancellationToken) is not { } first)
        {
            cli.Errors.WriteLine($"error: {revisions.LastError}");
            return ExitCodes.Error;
        }

        await using var sandbox = options.Sandbox ? await MotoServer.StartAsync(first.Stack.Stack.AccountId, cancellationToken) : null;
        using var announced = sandbox is null ? null : new SandboxRegistry().Announce(new SandboxInfo(sandbox.Endpoint, sandbox.ProcessId, sandbox.AccountId, DateTimeOffset.UtcNow));
        var aws = sandbox is not null
            ? AwsEnvironment.ForEndpoint(sandbox.Endpoint, first.Stack.Stack.Region, new BasicAWSCredentials("sandbox", "sandbox"))
            : AwsTarget.Resolve(cli, first.Stack.Stack.Region, cli.Errors);
        if (sandbox is not null)
        {
            cli.Errors.WriteLine($"Sandbox: moto_server at {sandbox.Endpoint} (account {sandbox.AccountId}); point the aws CLI at it with --endpoint-url {sandbox.Endpoint}");
        }

        // The data plane's requests are its own (the load balancer's metrics, the model uploads):
        // not the reconciler's, so not in its request log or behind its write gate.
        using var dataPlaneFactory = sandbox is not null ? new AwsClientFactory(aws, new AwsRequestLog(maxRecords: 0)) : null;
        SandboxDataPlane? startedPlane = null;
        if (dataPlaneFactory is not null)
        {
            try
            {
                startedPlane = await StartDataPlaneAsync(first.Stack, options, sandbox!.Endpoint, dataPlaneFactory, loggers, cli, cancellationToken);
            }
            catch (DataPlaneException e)
            {
                cli.Errors.WriteLine($"error: {e.Message}");
                return ExitCodes.Error;
            }
        }

        // Stopped (load, proxy, child services) before the emulator it reads.
        await using var dataPlane = startedPlane;

        var writeGate = new WriteGate();
        using var factory = new AwsClientFactory(aws, cli.RequestLog, null, null, writeGate);
        // The lease's requests are counted apart: the request log file is the reconciler's writes.
        using var leaseFactory = new AwsClientFactory(aws, new AwsRequestLog(maxRecords: 0));
        using var requestFile = RequestLogFile.FromEnvironment(cli.RequestLog);
        using var metrics = new ControllerMetrics(cli.RequestLog, leaseFactory.RequestLog, factory.Budget);
        using var driftMetrics = new MetricsAlertSink();
        using var webhookHttp = new HttpClient();
        var daemon = CreateContext(factory, leaseFactory, options, metrics, driftMetrics, webhookHttp, writeGate, loggers);
        var trigger = new CycleTrigger(TimeProvider.System);

        var app = BuildApp(options, daemon, revisions, trigger, status);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
        {
            signal.Cancel = true;
            trigger.Request("SIGHUP");
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            // Taken between the probe and the bind: rare, and then the host has logged it too.
            cli.Errors.WriteLine($"error: cannot listen on {options.Listen}: {e.Message} {ListenHint}");
            await app.DisposeAsync();
            return ExitCodes.Error;
        }

        // With port 0 the system picks the port: print the address Kestrel really bound, which is
        // the one a person or a script has to call.
        cli.Errors.WriteLine($"Listening on {BoundAddress(app, options)} (/healthz /readyz /status /metrics, POST /trigger)");
        try
        {
            // Until Ctrl-C (the CLI's token) or SIGTERM (the host's lifetime, as ECS stops tasks).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: stop the loop (which releases the lease) and the server.
        }

        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
        return ExitCodes.Success;
    }

    /// <summary>Starts the sandbox data plane when the stack has a weighted listener and a model bucket; null (and why, printed) when not.</summary>
    private static async Task<SandboxDataPlane?> StartDataPlaneAsync(
        Reconciler.Model.Stacks.DesiredStack stack, RunOptions options, Uri endpoint, AwsClientFactory factory, ILoggerFactory loggers, CliEnvironment cli, CancellationToken cancellationToken)
    {
        var (settings, reason) = DataPlaneStack.For(stack, options.SandboxLoad, options.SandboxProxyEndpoint()!);
        if (settings is null)
        {
            cli.Errors.WriteLine($"Sandbox data plane: not started, {reason}.");
            return null;
        }

        try
        {
            settings = settings with { InferenceDll = InferenceLocator.Find() };
        }
        catch (DataPlaneException e)
        {
            // The control plane works without it: say what is missing and go on.
            cli.Errors.WriteLine($"Sandbox data plane: not started, {e.Message}");
            return null;
        }

        var plane = await SandboxDataPlane.StartAsync(
            settings, endpoint, factory.CreateS3(), factory.CreateElasticLoadBalancingV2(), factory.CreateCloudWatch(), loggers.CreateLogger("Reconciler.Sandbox.DataPlane"), cancellationToken);
        var load = settings.LoadPerSecond > 0 ? $"{settings.LoadPerSecond:0.##} requests/s of synthetic load through it" : "no synthetic load (--sandbox-load 0)";
        cli.Errors.WriteLine(
            $"Sandbox data plane: proxy (the load balancer's stand-in) at {plane.Proxy.Url} following the weighted listener on port {settings.ListenerPort}; "
            + $"{load}; models in s3://{settings.ModelBucket}/{settings.ModelKey}; metrics every {settings.PublishPeriod.TotalSeconds:0} s to CloudWatch {AlbMetricsPublisher.Namespace}");
        return plane;
    }

    private static string BoundAddress(WebApplication app, RunOptions options) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? $"http://{options.Listen}";

    private static DaemonContext CreateContext(AwsClientFactory factory, AwsClientFactory leaseFactory, RunOptions options, ControllerMetrics metrics, MetricsAlertSink driftMetrics, HttpClient webhookHttp, WriteGate writeGate, ILoggerFactory loggers)
    {
        var clients = AwsClients.From(factory);
        var table = StateTableOptions.FromEnvironment();
        var driftLogger = loggers.CreateLogger("Reconciler.Drift");
        var webhooks = new WebhookAlertSink(webhookHttp, options.Drift, TimeProvider.System, driftLogger);
        return new DaemonContext
        {
            Aws = clients,
            LeaseDynamoDb = leaseFactory.CreateDynamoDb(),
            StateTable = table,
            State = new StateStore(clients.DynamoDb, table, TimeProvider.System),
            Runs = new RunRecordStore(clients.DynamoDb, table),
            Drivers = DriverCatalog.Default,
            Executor = new ExecutorOptions(),
            Drift = options.Drift,
            AlertSinks = [new LogAlertSink(driftLogger), driftMetrics, webhooks],
            Webhooks = webhooks,
            Metrics = metrics,
            WriteGate = writeGate,
            Loggers = loggers,
        };
    }

    private static WebApplication BuildApp(RunOptions options, DaemonContext daemon, RevisionTracker revisions, CycleTrigger trigger, ControllerStatus status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(options.ListenEndpoint()!));
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging, options);
        builder.Services.AddSingleton(daemon);
        builder.Services.AddSingleton(revisions);
        builder.Services.AddSingleton(trigger);
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton(new LoopLiveness(TimeProvider.System));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ReconcileLoop>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ControllerMetrics.MeterName, LeaseMetrics.MeterName, MetricsAlertSink.MeterName)
            .AddPrometheusExporter());

        var app = builder.Build();
        // Liveness: up, and the loop is not stuck in one step (see LoopLiveness). A 503 asks the
        // orchestrator to restart the process; the lease passes to a standby meanwhile.
        app.MapGet("/healthz", (LoopLiveness l) => l.Problem() is { } stuck ? Results.Text($"not live: {stuck}\n", statusCode: 503) : Results.Text("ok\n"));
        app.MapGet("/readyz", (ControllerStatus s) => s.IsReady ? Results.Text("ready\n") : Results.Text("not ready: no valid revision yet\n", statusCode: 503));
        app.MapGet("/status", (ControllerStatus s) => Results.Json(s.Current));
        app.MapPost("/trigger", (HttpRequest request, CycleTrigger t) =>
        {
            if (options.TriggerToken is { } token && !token.Allows(request.Headers.Authorization))
            {
                // Nothing about the presented value is logged or echoed.
                return Results.Text("POST /trigger needs 'Authorization: Bearer TOKEN' with the controller's trigger token.\n", statusCode: StatusCodes.Status401Unauthorized);
            }

            t.Request("POST /trigger");
            return Results.Accepted();
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, RunOptions options)
    {
        logging.SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("System", LogLevel.Warning);
        if (options.JsonLogs)
        {
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}

using Reconciler.Controller.Daemon;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Leases;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler run SOURCE</c>: the long-running controller. Follows a folder or a git branch,
/// reconciles every interval (or at once on POST /trigger or SIGHUP), leads through a DynamoDB
/// lease so several replicas can run, alerts on drift, serves health, status and metrics.
/// </summary>
internal static class RunCommand
{
    public const string Usage = "reconciler run SOURCE [--branch B] [--path DIR] [--sandbox] [--interval 60s] [--listen 127.0.0.1:9464] [--log-format json|text] [--replica-id ID] [--lease-duration 15s] [--renew-deadline 10s] [--retry-period 2s] [--webhook URL] [--slack-webhook URL] [--alert-repeat 1h]";

    public static readonly string[] Switches = ["sandbox"];

    public static readonly string[] Options =
    [
        "branch", "path", "interval", "listen", "log-format", "replica-id", "lease-duration", "renew-deadline", "retry-period",
        "webhook", "slack-webhook", "alert-repeat",
    ];

    public static Task<int> RunAsync(CliArguments args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var lease = new LeaseOptions();
        var drift = new DriftOptions();
        var webhooks = new List<WebhookOptions>();
        if (args.Value("webhook") is { } json)
        {
            webhooks.Add(new WebhookOptions { Url = json, Format = WebhookFormat.Json });
        }

        if (args.Value("slack-webhook") is { } slack)
        {
            webhooks.Add(new WebhookOptions { Url = slack, Format = WebhookFormat.Slack });
        }

        var options = new RunOptions
        {
            Source = args.Single("source: a desired-state folder or a git repository"),
            Branch = args.Value("branch"),
            Path = args.Value("path"),
            Sandbox = args.Has("sandbox"),
            PollInterval = Duration(args, "interval", TimeSpan.FromSeconds(60)),
            Listen = args.Value("listen") ?? "127.0.0.1:9464",
            JsonLogs = (args.Value("log-format") ?? "json") switch
            {
                "json" => true,
                "text" => false,
                var other => throw new CliUsageException($"--log-format must be json or text, not '{other}'."),
            },
            Lease = lease with
            {
                HolderIdentity = args.Value("replica-id") ?? lease.HolderIdentity,
                LeaseDuration = Duration(args, "lease-duration", lease.LeaseDuration),
                RenewDeadline = Duration(args, "renew-deadline", lease.RenewDeadline),
                RetryPeriod = Duration(args, "retry-period", lease.RetryPeriod),
            },
            Drift = drift with
            {
                Webhooks = webhooks,
                RepeatInterval = Duration(args, "alert-repeat", drift.RepeatInterval),
            },
        };
        return DaemonHost.RunAsync(options, environment, cancellationToken);
    }

    private static TimeSpan Duration(CliArguments args, string option, TimeSpan defaultValue) =>
        args.Value(option) is { } text ? Durations.Parse(option, text) : defaultValue;
}

using System.CommandLine;
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
    public static Command Create(CliEnvironment environment)
    {
        var source = new Argument<string>("SOURCE")
        {
            Description = "A desired-state folder (e.g. desired-state/dev), or a git repository (URL or path) whose branch is followed.",
        };
        var branch = CliSymbols.Text("branch", "B", "The git branch to follow (git sources only; default main).");
        var path = CliSymbols.Text("path", "DIR", "The environment folder inside the git repository, e.g. desired-state/dev (git sources only).");
        var sandbox = CliSymbols.Switch(
            "sandbox",
            "Start moto_server (a local AWS emulator) on a free 127.0.0.1 port with the stack's account id, run against it, and stop it on exit.");
        var sandboxLoad = CliSymbols.Text(
            "sandbox-load",
            "RATE",
            $"With --sandbox: synthetic inference requests through the sandbox's proxy, e.g. 20/s (the default) or 600/m; 0 for none; at most {Sandbox.DataPlane.SyntheticLoad.MaxRate}/s.");
        var sandboxProxy = CliSymbols.Text(
            "sandbox-proxy",
            "HOST:PORT",
            $"With --sandbox: where the weighted proxy standing in for the load balancer listens (default {Sandbox.DataPlane.DataPlaneOptions.DefaultProxy}; port 0 picks a free one).");
        var interval = CliSymbols.Duration("interval", "Time between cycles when nothing triggers one sooner, 1s to 24h, with up to 10 % jitter (default 60s).");
        var listen = CliSymbols.Text(
            "listen",
            "HOST:PORT",
            "Where /healthz, /readyz, /status, /metrics and POST /trigger are served (default 127.0.0.1:9464; port 0 picks a free one and logs it). "
            + "A non-loopback address needs --trigger-token.");
        var logFormat = CliSymbols.Choice("log-format", ["json", "text"], "json: one JSON object per line (CloudWatch-friendly; the default); text: one readable line per event.");
        var replicaId = CliSymbols.Text("replica-id", "ID", "This replica's name in the lease (default: host name, process id and a random suffix).");
        var leaseDuration = CliSymbols.Duration("lease-duration", "How long a lease stays valid without renewal; standbys take over after it (default 15s).");
        var renewDeadline = CliSymbols.Duration("renew-deadline", "How long the leader keeps trying to renew before it stops acting; shorter than --lease-duration (default 10s).");
        var retryPeriod = CliSymbols.Duration("retry-period", "Time between lease renewals and a standby's bids for the lease (default 2s).");
        var webhook = CliSymbols.Text("webhook", "URL", "Send each drift alert, resolved notice and refused revision to this URL as a JSON POST.");
        var slackWebhook = CliSymbols.Text("slack-webhook", "URL", "Send the same notices to a Slack incoming webhook, in Slack's message format.");
        var triggerToken = CliSymbols.Text(
            "trigger-token",
            "TOKEN",
            $"The secret POST /trigger requires as 'Authorization: Bearer TOKEN' (at least {TriggerToken.MinimumLength} characters). "
            + $"Prefer the {TriggerToken.Variable} variable, which other users cannot see in the process list. Required when --listen is not a loopback address.");
        var alertRepeat = CliSymbols.Duration("alert-repeat", "Repeat an unresolved drift alert this often (default 1h).");
        var command = new Command(
            "run",
            "Runs the controller: reads SOURCE at each revision, plans and applies it, and keeps AWS equal to it every --interval, at once on POST /trigger "
            + "or SIGHUP. Invalid revisions never reach AWS (the last good one stays in force); several replicas may run, one leads through a lease in "
            + "the state table. Ctrl-C or SIGTERM stops it and releases the lease.")
        {
            source, branch, path, sandbox, sandboxLoad, sandboxProxy, interval, listen, logFormat, replicaId, leaseDuration, renewDeadline, retryPeriod, webhook, slackWebhook, alertRepeat, triggerToken,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var lease = new LeaseOptions();
            var drift = new DriftOptions();
            var webhooks = new List<WebhookOptions>();
            if (parsed.GetValue(webhook) is { } json)
            {
                webhooks.Add(new WebhookOptions { Url = json, Format = WebhookFormat.Json });
            }

            if (parsed.GetValue(slackWebhook) is { } slack)
            {
                webhooks.Add(new WebhookOptions { Url = slack, Format = WebhookFormat.Slack });
            }

            var options = new RunOptions
            {
                Source = parsed.GetRequiredValue(source),
                Branch = parsed.GetValue(branch),
                Path = parsed.GetValue(path),
                Sandbox = parsed.GetValue(sandbox),
                SandboxLoad = parsed.GetValue(sandboxLoad) is { } rate ? Sandbox.DataPlane.LoadRate.Parse(rate) : Sandbox.DataPlane.DataPlaneOptions.DefaultLoad,
                SandboxProxy = parsed.GetValue(sandboxProxy) ?? Sandbox.DataPlane.DataPlaneOptions.DefaultProxy,
                PollInterval = parsed.GetValue(interval) ?? TimeSpan.FromSeconds(60),
                Listen = parsed.GetValue(listen) ?? "127.0.0.1:9464",
                JsonLogs = (parsed.GetValue(logFormat) ?? "json") == "json",
                TriggerToken = (parsed.GetValue(triggerToken) ?? Environment.GetEnvironmentVariable(TriggerToken.Variable)) is { Length: > 0 } token
                    ? new TriggerToken(token)
                    : null,
                Lease = lease with
                {
                    HolderIdentity = parsed.GetValue(replicaId) ?? lease.HolderIdentity,
                    LeaseDuration = parsed.GetValue(leaseDuration) ?? lease.LeaseDuration,
                    RenewDeadline = parsed.GetValue(renewDeadline) ?? lease.RenewDeadline,
                    RetryPeriod = parsed.GetValue(retryPeriod) ?? lease.RetryPeriod,
                },
                Drift = drift with
                {
                    Webhooks = webhooks,
                    RepeatInterval = parsed.GetValue(alertRepeat) ?? drift.RepeatInterval,
                },
            };
            return DaemonHost.RunAsync(options, environment, cancellationToken);
        });
        return command;
    }
}

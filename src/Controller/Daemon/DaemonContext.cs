using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Daemon;

/// <summary>What the daemon's loop and cycles share for the life of the process.</summary>
internal sealed class DaemonContext
{
    public required AwsClients Aws { get; init; }

    /// <summary>
    /// The lease's own DynamoDB client: not behind the write gate (a standby's bid for the lease
    /// is a write) and not on the reconciler's request budget (renewals must not queue behind
    /// reconcile traffic).
    /// </summary>
    public required Amazon.DynamoDBv2.IAmazonDynamoDB LeaseDynamoDb { get; init; }

    public required StateTableOptions StateTable { get; init; }

    /// <summary>The unfenced state store: reads, and creating the table. Cycles write through a fenced copy.</summary>
    public required StateStore State { get; init; }

    public required RunRecordStore Runs { get; init; }

    public required DriverCatalog Drivers { get; init; }

    public required ExecutorOptions Executor { get; init; }

    public required DriftOptions Drift { get; init; }

    /// <summary>Where drift notifications go (log, metric, webhooks).</summary>
    public required IReadOnlyList<IAlertSink> AlertSinks { get; init; }

    /// <summary>The webhooks, for notices other than drift (a refused revision).</summary>
    public required WebhookAlertSink Webhooks { get; init; }

    public required ControllerMetrics Metrics { get; init; }

    public required WriteGate WriteGate { get; init; }

    public required ILoggerFactory Loggers { get; init; }

    /// <summary>The rollout engine of a leadership: fenced state writes, weights through the write gate, alerts to the webhooks.</summary>
    public Rollouts.RolloutEngine Rollouts(TimeProvider time, ILogger logger) =>
        new(Aws, State, new Rollouts.RolloutStore(Aws.DynamoDb, StateTable.TableName), Webhooks, time, logger);
}
